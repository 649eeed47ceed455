package io.selection.audit.proofs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a sequence of byte arrays, so that prefixed and concatenated inputs (Merkle leaves
 * and nodes) are hashed without first copying them into one array. Safe to call from any thread.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    public static byte[] of(byte[]... parts) {
        MessageDigest digest = DIGEST.get();
        digest.reset(); // a previous call may have stopped part-way, on a null part
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** SHA-256(0x00 || bytes[0, length)): an RFC 9162 leaf hash of part of a buffer. */
    public static byte[] leaf(byte[] bytes, int length) {
        return leaf(DIGEST.get(), bytes, length);
    }

    /** This thread's digest, for {@link #leaf(MessageDigest, byte[], int)} over many leaves (one thread-local look-up). */
    public static MessageDigest digest() {
        return DIGEST.get();
    }

    /** As {@link #leaf(byte[], int)}, on {@code digest} (this thread's, from {@link #digest()}). */
    public static byte[] leaf(MessageDigest digest, byte[] bytes, int length) {
        digest.reset();
        digest.update((byte) 0);
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
