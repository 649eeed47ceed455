package io.selection.audit.proofs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a sequence of byte arrays, so that prefixed and concatenated inputs (Merkle leaves
 * and nodes) are hashed without first copying them into one array. Safe to call from any thread.
 *
 * <p>Each thread hashes on a digest of its own, which it replaces with a new one every
 * {@value #USES} uses. The JDK's SHA-256 clears a 64-int work array on every reset once that array
 * exists, and it comes into being the first time a block is hashed by the Java code rather than
 * by the compiled code's intrinsic (the processor's SHA instructions), which never touches it: so a
 * digest made while its caller was still interpreted cleared 256 bytes on every later reset, about
 * 2% of the CPU of a vote's catch-up (two resets a vote: its leaf and a Merkle node; see
 * docs/performance.md). A digest made once the hashing is compiled never gets the array. The
 * result is the same bytes whichever digest hashes.
 */
public final class Sha256 {

    /** How many hashes a thread's digest does before it is replaced. */
    static final int USES = 1 << 16;

    private static final ThreadLocal<Held> DIGEST = ThreadLocal.withInitial(Held::new);

    /** A thread's digest and how often it was handed out. */
    private static final class Held {
        MessageDigest digest = newDigest();
        int uses;

        MessageDigest next() {
            if (++uses == USES) {
                digest = newDigest();
                uses = 0;
            }
            return digest;
        }
    }

    private Sha256() {
    }

    public static byte[] of(byte[]... parts) {
        MessageDigest digest = DIGEST.get().next();
        digest.reset(); // a previous call may have stopped part-way, on a null part
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** SHA-256(0x00 || bytes[0, length)): an RFC 9162 leaf hash of part of a buffer. */
    public static byte[] leaf(byte[] bytes, int length) {
        return leaf(DIGEST.get().next(), bytes, length);
    }

    /**
     * This thread's digest, for {@link #leaf(MessageDigest, byte[], int)} over many leaves (one
     * thread-local look-up); counted as one use, so a caller holds it for one batch (a group's
     * leaves), not for good.
     */
    public static MessageDigest digest() {
        return DIGEST.get().next();
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
