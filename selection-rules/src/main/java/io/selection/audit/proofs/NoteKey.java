package io.selection.audit.proofs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A verifier key of a signed note (the C2SP signed-note key format, as Go's
 * {@code golang.org/x/mod/sumdb/note} writes it): {@code <name>+<8 hex key id>+<base64 key>}, where
 * the key is a type byte followed by the public key. Two types: {@link #ED25519} (0x01) for a log's
 * own signature, and {@link #COSIGNATURE} (0x04) for a witness's {@code tlog-cosignature}. The key
 * id is the first four bytes of SHA-256 of {@code name || 0x0A || type || key}. Ed25519 from the
 * JDK; nothing else.
 */
public record NoteKey(String name, int keyId, byte type, byte[] publicKey) {

    /** A log's Ed25519 signature over the note's text. */
    public static final byte ED25519 = 0x01;
    /** A witness's Ed25519 cosignature (C2SP tlog-cosignature v1). */
    public static final byte COSIGNATURE = 0x04;

    /** The DER header of an X.509 Ed25519 public key, before its 32 raw bytes. */
    private static final byte[] X509_ED25519 = HexFormat.of().parseHex("302a300506032b6570032100");

    public NoteKey {
        checkName(name);
        if (type != ED25519 && type != COSIGNATURE) {
            throw new IllegalArgumentException("unknown key type " + type + " (Ed25519 is 1, a cosignature 4)");
        }
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        publicKey = publicKey.clone();
        if (keyId != keyId(name, type, publicKey)) {
            throw new IllegalArgumentException("the key id does not match the key's name and bytes");
        }
    }

    /** The key of {@code name} with these raw Ed25519 public key bytes. */
    public static NoteKey of(String name, byte type, byte[] publicKey) {
        checkName(name);
        return new NoteKey(name, keyId(name, type, publicKey), type, publicKey);
    }

    /** Reads {@code <name>+<8 hex key id>+<base64 key>}; IllegalArgumentException naming what is wrong. */
    public static NoteKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no verifier key");
        }
        String s = text.strip();
        int first = s.indexOf('+');
        int second = first < 0 ? -1 : s.indexOf('+', first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("a verifier key is <name>+<8 hex key id>+<base64 key>");
        }
        String name = s.substring(0, first);
        String hex = s.substring(first + 1, second);
        if (hex.length() != 8 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("the key id of a verifier key is 8 lower-case hex digits");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of a verifier key is not base64");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("the key of a verifier key is a type byte and 32 bytes of Ed25519");
        }
        return new NoteKey(name, Integer.parseUnsignedInt(hex, 16), key[0], Arrays.copyOfRange(key, 1, 33));
    }

    /** The first four bytes of SHA-256(name || "\n" || type || key), big-endian. */
    public static int keyId(String name, byte type, byte[] publicKey) {
        byte[] h = Sha256.of(name.getBytes(StandardCharsets.UTF_8), new byte[]{'\n', type}, publicKey);
        return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | h[3] & 0xff;
    }

    /** Whether {@code signature} (64 bytes) is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(concat(X509_ED25519, publicKey)));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // not a valid point, or a malformed signature: it verifies nothing
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code <name>+<8 hex key id>+<base64 key>}. */
    @Override
    public String toString() {
        return name + "+" + String.format("%08x", keyId) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[]{type}, publicKey));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteKey k && name.equals(k.name) && keyId == k.keyId && type == k.type
                && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + keyId;
    }

    /** A key name: not empty, no white space, no '+' (C2SP signed-note). */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a key name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a key name has no white space and no '+': " + name);
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
