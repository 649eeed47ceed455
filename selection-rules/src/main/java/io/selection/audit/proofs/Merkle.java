package io.selection.audit.proofs;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0) over SHA-256, so that an audit log can
 * prove that a record is in it and that a later log extends an earlier one, and anyone can check
 * with a standard CT verifier. Trees and proofs are built over leaf hashes, not entries, because
 * callers sometimes put the root of another tree where a leaf would be.
 */
public final class Merkle {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private Merkle() {
    }

    public static byte[] leafHash(byte[] entry) {
        return Sha256.of(LEAF_PREFIX, entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Sha256.of(NODE_PREFIX, left, right);
    }

    public static byte[] emptyRoot() {
        return Sha256.of();
    }

    /** MTH(D[n]) (RFC 9162 §2.1.1). */
    public static byte[] root(List<byte[]> leafHashes) {
        return root(leafHashes, 0, leafHashes.size());
    }

    /** PATH(index, D[n]) (RFC 9162 §2.1.3.1), lowest level first. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
        int n = leafHashes.size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of size " + n);
        }
        List<byte[]> path = new ArrayList<>();
        int from = 0;
        int to = n;
        while (to - from > 1) {
            int split = from + largestPowerOfTwoBelow(to - from);
            if (index < split) {
                path.add(root(leafHashes, split, to));
                to = split;
            } else {
                path.add(root(leafHashes, from, split));
                from = split;
            }
        }
        Collections.reverse(path);
        return path;
    }

    /**
     * The root that the inclusion proof leads to, by the algorithm of RFC 9162 §2.1.3.2; the proof
     * holds if it equals the published root of a tree of this size.
     *
     * @throws IllegalArgumentException if the index is not in the tree or the proof has the wrong
     *                                  length for this index and size
     */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of size " + size);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw wrongLength(proof, index, size);
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw wrongLength(proof, index, size);
        }
        return r;
    }

    /** PROOF(m, D[n]) (RFC 9162 §2.1.4.1) for 0 < m <= n; empty when m == n. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int m) {
        int n = leafHashes.size();
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        int from = 0;
        int to = n;
        boolean mIsWholeSubtree = true;
        while (m - from < to - from) {
            int split = from + largestPowerOfTwoBelow(to - from);
            if (m <= split) {
                proof.add(root(leafHashes, split, to));
                to = split;
            } else {
                proof.add(root(leafHashes, from, split));
                from = split;
                mIsWholeSubtree = false;
            }
        }
        if (!mIsWholeSubtree) {
            proof.add(root(leafHashes, from, to));
        }
        Collections.reverse(proof);
        return proof;
    }

    /**
     * Whether the proof shows that the tree of size n with root rootN extends the tree of size m
     * with root rootM, by the algorithm of RFC 9162 §2.1.4.2.
     *
     * @throws IllegalArgumentException unless 0 < m <= n
     */
    public static boolean verifyConsistency(long m, long n, byte[] rootM, byte[] rootN, List<byte[]> proof) {
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        if (m == n) {
            return proof.isEmpty() && MessageDigest.isEqual(rootM, rootN);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = proof;
        if (Long.bitCount(m) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(rootM);
            path.addAll(proof);
        }
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, rootM) && MessageDigest.isEqual(sr, rootN);
    }

    private static byte[] root(List<byte[]> leafHashes, int from, int to) {
        Builder builder = new Builder();
        for (int i = from; i < to; i++) {
            builder.append(leafHashes.get(i));
        }
        return builder.root();
    }

    /** The k of RFC 9162: the largest power of two smaller than n, for n > 1. */
    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static IllegalArgumentException wrongLength(List<byte[]> proof, long index, long size) {
        return new IllegalArgumentException("an inclusion proof of " + proof.size() + " hashes does not fit index "
                + index + " in a tree of size " + size);
    }

    /**
     * Computes the root of a growing tree as leaf hashes are appended, keeping only the roots of the
     * perfect subtrees the leaves so far make up (one per set bit of the size), so memory stays
     * O(log n) however long the log.
     */
    public static final class Builder {

        /** subtrees[i] is the root of the i-th perfect subtree from the left, largest first. */
        private final byte[][] subtrees = new byte[Long.SIZE][];
        private int count;
        private long size;

        public Builder append(byte[] leafHash) {
            byte[] hash = leafHash.clone();
            for (long merged = size; (merged & 1) == 1; merged >>= 1) {
                hash = nodeHash(subtrees[--count], hash);
            }
            subtrees[count++] = hash;
            size++;
            return this;
        }

        public long size() {
            return size;
        }

        public byte[] root() {
            if (count == 0) {
                return emptyRoot();
            }
            byte[] root = subtrees[count - 1].clone();
            for (int i = count - 2; i >= 0; i--) {
                root = nodeHash(subtrees[i], root);
            }
            return root;
        }
    }
}
