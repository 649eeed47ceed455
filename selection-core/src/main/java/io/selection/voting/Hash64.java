package io.selection.voting;

/** A stable 64-bit hash of a string (FNV-1a over UTF-16 units, then mixed), the same in every JVM. */
public final class Hash64 {

    private Hash64() {
    }

    public static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
