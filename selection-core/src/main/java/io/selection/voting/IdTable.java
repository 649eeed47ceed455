package io.selection.voting;

/**
 * A map from ids, by their two independent 64-bit hashes ({@link Hash64#of} and
 * {@link Hash64#second}: 128 bits, so no two ids of a national vote share both), to an int, and
 * with {@code keepLines} to a second int (the read models' line of a vote's first decision). The
 * one id table of the project: the lanes' vote ids and voters ({@link VoterBook}) and the counting
 * rule's vote ids ({@code VoteCount}) all live in one.
 *
 * <p>Packed: a slot is the two hashes and the int, in plain arrays, 20 bytes (24 with lines), and
 * no object per id. The slots are held in segments of open addressing (linear probing), each at
 * most three-quarters full, found through a directory by the leading bits of the key (extendible
 * hashing). A segment that fills doubles on its own up to {@value #MAX_SEGMENT} slots (160 KiB);
 * past that it splits in two by the next bit of the key. Growing thus never copies more than one
 * segment, and never needs more than three segments' worth of memory beside the table (where the
 * table of a whole array, doubling, needs three times the table at the peak). With segments
 * between three-eighths and three-quarters full, an id takes 27 to 53 bytes (32 to 64 with
 * lines), whatever the number of ids; ten million take about 270 to 530 MB.
 *
 * <p>Not thread-safe: each lane's book and each count has its own.
 */
public final class IdTable {

    /** What {@link #get} answers for an id not in the table. */
    public static final int ABSENT = Integer.MIN_VALUE;
    /** Slots of the largest segment: past it, a full segment splits instead of doubling. */
    static final int MAX_SEGMENT = 1 << 13;
    private static final int FIRST_SEGMENT = 64;
    /** A directory of 2^20 segments (4 MiB) at the most: beyond it, segments double instead of splitting. */
    private static final int MAX_DEPTH = 20;

    private final boolean keepLines;
    private final int maxSegment;
    private Segment[] directory;
    /** The directory is indexed by the leading {@code depth} bits of a key's {@link #spread}. */
    private int depth;
    private int size;

    /** A table of ids to ints. */
    public IdTable() {
        this(false);
    }

    /** With {@code keepLines}, each id also keeps a line ({@link #line}): 4 bytes a slot more. */
    public IdTable(boolean keepLines) {
        this(keepLines, MAX_SEGMENT);
    }

    /** With segments of at most {@code maxSegment} slots (a power of two): small ones split early, for tests. */
    IdTable(boolean keepLines, int maxSegment) {
        if (Integer.bitCount(maxSegment) != 1 || maxSegment < 4) {
            throw new IllegalArgumentException("maxSegment must be a power of two of at least 4: " + maxSegment);
        }
        this.keepLines = keepLines;
        this.maxSegment = maxSegment;
        this.directory = new Segment[] {new Segment(Math.min(FIRST_SEGMENT, maxSegment), 0, keepLines)};
    }

    /** Ids in the table. */
    public int size() {
        return size;
    }

    /** The value kept for the id, or {@link #ABSENT}. */
    public int get(String id) {
        return get(Hash64.of(id), Hash64.second(id));
    }

    /** The value kept for the id of these hashes, or {@link #ABSENT}. */
    public int get(long hash, long secondHash) {
        long h1 = nonZero(hash);
        long spread = spread(h1, secondHash);
        Segment s = segment(spread);
        int i = s.find(h1, secondHash, spread);
        return s.keys[2 * i] == 0 ? ABSENT : s.values[i];
    }

    /** The line kept for the id, or -1 when the id is unknown or no lines are kept. */
    public int line(String id) {
        long h1 = nonZero(Hash64.of(id));
        long h2 = Hash64.second(id);
        long spread = spread(h1, h2);
        Segment s = segment(spread);
        int i = s.find(h1, h2, spread);
        return s.keys[2 * i] == 0 || s.lines == null ? -1 : s.lines[i];
    }

    /** Keeps the value for the id unless it is known; true when it was not. */
    public boolean putIfAbsent(String id, int value) {
        return putIfAbsent(Hash64.of(id), Hash64.second(id), value, 0);
    }

    /** Keeps the value for the id of these hashes unless it is known; true when it was not. */
    public boolean putIfAbsent(long hash, long secondHash, int value) {
        return putIfAbsent(hash, secondHash, value, 0);
    }

    /** As {@link #putIfAbsent(long, long, int)}, with the id's line (kept only with {@code keepLines}). */
    public boolean putIfAbsent(long hash, long secondHash, int value, int line) {
        long h1 = nonZero(hash);
        long spread = spread(h1, secondHash);
        Segment s = segment(spread);
        int i = s.find(h1, secondHash, spread);
        if (s.keys[2 * i] != 0) {
            return false;
        }
        if (s.size >= s.limit) {
            grow(s, spread);
            s = segment(spread);
            i = s.find(h1, secondHash, spread);
        }
        s.keys[2 * i] = h1;
        s.keys[2 * i + 1] = secondHash;
        s.values[i] = value;
        if (s.lines != null) {
            s.lines[i] = line;
        }
        s.size++;
        size++;
        return true;
    }

    /** Replaces the value of a known id; an unknown id is left unknown. */
    public void replace(String id, int value) {
        long h1 = nonZero(Hash64.of(id));
        long h2 = Hash64.second(id);
        long spread = spread(h1, h2);
        Segment s = segment(spread);
        int i = s.find(h1, h2, spread);
        if (s.keys[2 * i] != 0) {
            s.values[i] = value;
        }
    }

    /** Segments in the directory, for tests of growth. */
    int segments() {
        int n = 0;
        for (int i = 0; i < directory.length; i++) {
            if (i == 0 || directory[i] != directory[i - 1]) {
                n++;
            }
        }
        return n;
    }

    /** Slots in all segments, for tests of growth (an id's bytes are 20 or 24 times slots / size). */
    long slots() {
        long n = 0;
        for (int i = 0; i < directory.length; i++) {
            if (i == 0 || directory[i] != directory[i - 1]) {
                n += directory[i].values.length;
            }
        }
        return n;
    }

    /** The largest segment's slots, for tests of growth. */
    int largestSegment() {
        int most = 0;
        for (Segment s : directory) {
            most = Math.max(most, s.values.length);
        }
        return most;
    }

    /** Zero marks an empty slot, so a first hash of 0 is kept as 1 (a 2^-128 chance of merging two ids). */
    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }

    /**
     * Both hashes mixed into one well-spread long: its leading bits choose the segment, its trailing
     * bits the first slot to probe. Mixed here, so that keys with structure (small numbers, shared
     * prefixes) spread as well as hashes do.
     */
    private static long spread(long h1, long h2) {
        long z = h1 ^ Long.rotateLeft(h2, 32);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private Segment segment(long spread) {
        return directory[depth == 0 ? 0 : (int) (spread >>> (64 - depth))];
    }

    /** Makes room in the full segment {@code s}, where {@code spread} belongs: doubles it, or splits it. */
    private void grow(Segment s, long spread) {
        int slots = s.values.length;
        if (slots < maxSegment || s.depth == MAX_DEPTH || !s.splitsEvenly()) {
            replace(s, spread, s.copy(slots * 2, s.depth, 0, 0));
            return;
        }
        if (s.depth == depth) {
            Segment[] doubled = new Segment[directory.length * 2];
            for (int i = 0; i < directory.length; i++) {
                doubled[2 * i] = directory[i];
                doubled[2 * i + 1] = directory[i];
            }
            directory = doubled;
            depth++;
        }
        long bit = 1L << (63 - s.depth);
        Segment low = s.copy(slots, s.depth + 1, bit, 0);
        Segment high = s.copy(slots, s.depth + 1, bit, bit);
        int span = 1 << (depth - s.depth);
        int first = (int) (spread >>> (64 - depth)) & -span;
        for (int i = 0; i < span; i++) {
            directory[first + i] = i < span / 2 ? low : high;
        }
    }

    /** Points every directory entry of {@code old} (where {@code spread} belongs) to {@code by}. */
    private void replace(Segment old, long spread, Segment by) {
        int span = depth == 0 ? 1 : 1 << (depth - old.depth);
        int first = depth == 0 ? 0 : (int) (spread >>> (64 - depth)) & -span;
        for (int i = 0; i < span; i++) {
            directory[first + i] = by;
        }
    }

    /** One segment: open addressing by linear probing over {@code values.length} slots, at most 3/4 full. */
    private static final class Segment {
        /** Per slot, the first hash (0: empty) and the second. */
        final long[] keys;
        final int[] values;
        final int[] lines;
        /** The leading bits of {@link #spread} that every key of this segment shares. */
        final int depth;
        final int limit;
        int size;

        Segment(int slots, int depth, boolean keepLines) {
            this.keys = new long[2 * slots];
            this.values = new int[slots];
            this.lines = keepLines ? new int[slots] : null;
            this.depth = depth;
            this.limit = slots - slots / 4;
        }

        /** The slot holding the key, or the empty slot where it would go. */
        int find(long h1, long h2, long spread) {
            int mask = values.length - 1;
            for (int i = (int) spread & mask; ; i = (i + 1) & mask) {
                long k = keys[2 * i];
                if (k == 0 || (k == h1 && keys[2 * i + 1] == h2)) {
                    return i;
                }
            }
        }

        /** True when the next bit of the keys parts them so that neither half is full at once. */
        boolean splitsEvenly() {
            long bit = 1L << (63 - depth);
            int high = 0;
            for (int i = 0; i < values.length; i++) {
                if (keys[2 * i] != 0 && (spread(keys[2 * i], keys[2 * i + 1]) & bit) != 0) {
                    high++;
                }
            }
            return high < limit && size - high < limit;
        }

        /** A segment of {@code slots} at {@code depth} with this one's keys whose spread has {@code bit} as {@code match}. */
        Segment copy(int slots, int depth, long bit, long match) {
            // every new array first: running out of memory here leaves the table as it was
            Segment to = new Segment(slots, depth, lines != null);
            for (int i = 0; i < values.length; i++) {
                long h1 = keys[2 * i];
                if (h1 == 0) {
                    continue;
                }
                long h2 = keys[2 * i + 1];
                long spread = spread(h1, h2);
                if ((spread & bit) != match) {
                    continue;
                }
                int j = to.find(h1, h2, spread);
                to.keys[2 * j] = h1;
                to.keys[2 * j + 1] = h2;
                to.values[j] = values[i];
                if (lines != null) {
                    to.lines[j] = lines[i];
                }
                to.size++;
            }
            return to;
        }
    }
}
