package io.selection.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keyed pseudonyms of the public log (format 2): a voter's id, an address and a device are
 * written as HMAC-SHA-256 under the edition's secret of {@code kind ‖ 0x00 ‖ value} (UTF-8), cut to
 * its first 128 bits and written as 32 lowercase hex digits. Equal values of one kind give equal
 * pseudonyms, so every rule that compares them (a voter's daily limits, the bursts per address and
 * per device) is checked from the public log as from the raw one; without the secret, which never
 * leaves the store, a pseudonym says nothing of the value (an address cannot be found by trying all
 * 2^32 of them). The kind keeps the namespaces apart: a voter named like an address does not share
 * its pseudonym.
 */
public final class Pseudonyms {

    /** The kinds of value that are pseudonymised, as the vote columns and an invalidation's {@code kind} name them. */
    public static final String VOTER = "voter";
    public static final String IP = "ip";
    public static final String DEVICE = "device";

    /** The shortest secret accepted: 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;

    /** A pseudonym's length in hex digits (128 bits). */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    /** SHA-256's block size: HMAC pads (or hashes) the key to it (RFC 2104). */
    private static final int BLOCK = 64;

    /** The key XOR ipad and XOR opad (RFC 2104), worked out once. */
    private final byte[] inner = new byte[BLOCK];
    private final byte[] outer = new byte[BLOCK];

    public Pseudonyms(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a pseudonym secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        byte[] key = secret.length > BLOCK ? sha256().digest(secret) : secret;
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** From the secret as lowercase hex (as the store keeps it). */
    public static Pseudonyms ofHex(String secret) {
        return new Pseudonyms(HEX.parseHex(secret));
    }

    /**
     * One writer's pseudonymiser: HMAC-SHA-256 (RFC 2104) on a digest of its own, so it is for one
     * thread (a group is encoded on one). Written on {@link MessageDigest}, as the rest of the rules,
     * so the verifier needs nothing beyond {@code java.security}.
     */
    public Writer writer() {
        return new Writer(sha256());
    }

    /** The pseudonym of one value (null stays null). */
    public String of(String kind, String value) {
        return writer().of(kind, value);
    }

    /** Whether {@code s} has the form of a pseudonym: 32 lowercase hex digits. */
    public static boolean looksLikeOne(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Works one pseudonym after another on buffers of its own: the input's bytes, both hashes and
     * the hex are written into arrays it reuses, so a pseudonym allocates only its string (a public
     * log of ten million votes takes thirty million of them).
     */
    public final class Writer {
        private final MessageDigest sha;
        private byte[] input = new byte[64];
        private final byte[] hash = new byte[32];
        private final byte[] hex = new byte[LENGTH];

        private Writer(MessageDigest sha) {
            this.sha = sha;
        }

        public String of(String kind, String value) {
            if (value == null) {
                return null;
            }
            try {
                int n = utf8(kind, 0);
                input[n++] = 0;
                n = utf8(value, n);
                sha.update(inner);
                sha.update(input, 0, n);
                sha.digest(hash, 0, hash.length);
                sha.update(outer);
                sha.update(hash);
                sha.digest(hash, 0, hash.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 writes 32 bytes", e);
            }
            for (int i = 0; i < LENGTH / 2; i++) {
                hex[2 * i] = DIGITS[(hash[i] >> 4) & 0xF];
                hex[2 * i + 1] = DIGITS[hash[i] & 0xF];
            }
            return new String(hex, 0, LENGTH, StandardCharsets.ISO_8859_1);
        }

        /** Writes {@code s} as UTF-8 into the input at {@code at}; returns where it ends. */
        private int utf8(String s, int at) {
            int n = s.length();
            if (input.length < at + n + 1) {
                input = java.util.Arrays.copyOf(input, Math.max(2 * input.length, at + 3 * n + 1));
            }
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) { // not ASCII: the JDK's encoder, surrogates and all
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    if (input.length < at + bytes.length + 1) {
                        input = java.util.Arrays.copyOf(input, at + bytes.length + 1);
                    }
                    System.arraycopy(bytes, 0, input, at, bytes.length);
                    return at + bytes.length;
                }
                input[at + i] = (byte) c;
            }
            return at + n;
        }
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
}
