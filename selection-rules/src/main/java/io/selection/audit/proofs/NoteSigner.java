package io.selection.audit.proofs;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signer key of a signed note, in the format Go's {@code golang.org/x/mod/sumdb/note} writes:
 * {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64 of the type byte and the 32-byte Ed25519 seed>}.
 * Ed25519 signatures are deterministic (RFC 8032), so the same key signs the same text to the same
 * bytes on any implementation. The public key cannot be computed here without a source of random
 * numbers in the API (the JDK derives it only through its key-pair generator), so whoever holds the
 * signer key also keeps its {@link NoteKey}; {@link #checks(NoteKey)} ties the two together.
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";
    /** The DER header of a PKCS#8 Ed25519 private key, before its 32-byte seed. */
    private static final byte[] PKCS8_ED25519 = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final String name;
    private final int keyId;
    private final byte type;
    private final byte[] seed;

    private NoteSigner(String name, int keyId, byte type, byte[] seed) {
        NoteKey.checkName(name);
        if (type != NoteKey.ED25519 && type != NoteKey.COSIGNATURE) {
            throw new IllegalArgumentException("unknown key type " + type);
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 signer key holds a 32-byte seed");
        }
        this.name = name;
        this.keyId = keyId;
        this.type = type;
        this.seed = seed.clone();
    }

    /** The signer key for a seed whose public key is {@code publicKey} (the key id comes from it). */
    public static NoteSigner of(String name, byte type, byte[] seed, byte[] publicKey) {
        return new NoteSigner(name, NoteKey.keyId(name, type, publicKey), type, seed);
    }

    /** Reads {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64 key>}; IllegalArgumentException naming what is wrong. */
    public static NoteSigner parse(String text) {
        if (text == null || !text.strip().startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signer key starts with " + PREFIX);
        }
        String s = text.strip().substring(PREFIX.length());
        int first = s.indexOf('+');
        int second = first < 0 ? -1 : s.indexOf('+', first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<8 hex key id>+<base64 key>");
        }
        String hex = s.substring(first + 1, second);
        if (hex.length() != 8 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("the key id of a signer key is 8 lower-case hex digits");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of a signer key is not base64");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("the key of a signer key is a type byte and a 32-byte Ed25519 seed");
        }
        return new NoteSigner(s.substring(0, first), Integer.parseUnsignedInt(hex, 16), key[0],
                Arrays.copyOfRange(key, 1, 33));
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public byte type() {
        return type;
    }

    /** The 32-byte Ed25519 seed: the secret itself, for deriving the public key where random numbers are allowed. */
    public byte[] seed() {
        return seed.clone();
    }

    /** Whether {@code key} is this signer's verifier key: same name, type and id, and it verifies what this signs. */
    public boolean checks(NoteKey key) {
        byte[] probe = ("key check " + name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return key.name().equals(name) && key.type() == type && key.keyId() == keyId
                && key.verifies(probe, sign(probe));
    }

    /** The Ed25519 signature of {@code message}, 64 bytes. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(NoteKey.concat(PKCS8_ED25519, seed))));
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs Ed25519 (Java 15 and later)", e);
        }
    }

    /** {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64 key>}: keep it secret. */
    public String secret() {
        return PREFIX + name + "+" + String.format("%08x", keyId) + "+"
                + Base64.getEncoder().encodeToString(NoteKey.concat(new byte[]{type}, seed));
    }

    /** Never the key itself: the name and id only, for logs. */
    @Override
    public String toString() {
        return "signer " + name + "+" + String.format("%08x", keyId);
    }
}
