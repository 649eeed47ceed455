package io.selection.voting;

/**
 * A map from ids, by their two independent 64-bit hashes ({@link Hash64#of} and
 * {@link Hash64#second}: 128 bits, so no two ids of a national vote share both), to an int, and
 * with {@code keepLines} to a second int (the read models' line of a vote's first decision). The
 * one id table of the project: the lanes' vote ids and voters ({@link VoterBook}) and the counting
 * rule's vote ids ({@code VoteCount}, in the read models, the recount and the verifier) are kept in
 * tables of this class.
 *
 * <p>Packed, with no object per id: a slot is the two hashes and the int, 20 bytes (24 with lines);
 * a table of small values ({@link #ofSmallValues}) keeps the value in the last bits of the second
 * hash instead, 16 bytes a slot (20 with lines). The slots are held in segments of open addressing (linear
 * probing), each at most three-quarters full, found through a directory by the leading bits of the
 * key (extendible hashing). A full segment grows by half on its own, up to about
 * {@value #MAX_SEGMENT} slots; past that it splits in two by the next bit of the key, each half
 * three-quarters of its size. Growing thus never copies more than one segment, needs at most one
 * and a half segments' worth of memory beside the table (where a whole array doubling needs three
 * times the table at the peak), and keeps every segment between half and three-quarters full. An id
 * takes 21 to 32 bytes in a table of small values, 27 to 40 bytes, or 32 to 48 with lines, whatever
 * the number of ids (past the first few dozen): ten million vote ids take 210 to 320 MB.
 *
 * <p>Not thread-safe: each lane's book and each count has its own.
 */
public final class IdTable implements VoteIds {

    /** What {@link #get} answers for an id not in the table. */
    public static final int ABSENT = Integer.MIN_VALUE;
    /** A segment of at least this many slots splits instead of growing. */
    static final int MAX_SEGMENT = 1 << 13;
    private static final int FIRST_SEGMENT = 64;
    /** A directory of 2^20 segments (4 MiB) at the most: beyond it, segments grow instead of splitting. */
    private static final int MAX_DEPTH = 20;

    private final boolean keepLines;
    private final int maxSegment;
    /** The bits of a stored second hash that are key; the others hold the value in a table of small values. */
    private final long keyMask;
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
        this(0, keepLines, MAX_SEGMENT);
    }

    /**
     * A table whose values are at most {@code bits} bits (0 to 2^bits - 1), kept in the last bits
     * of each id's second hash: 16 bytes a slot, and the id is known by the other 128 - bits bits.
     */
    public static IdTable ofSmallValues(int bits) {
        return new IdTable(bits, false, MAX_SEGMENT);
    }

    /** As {@link #ofSmallValues(int)}, with {@code keepLines} a line an id as well: 20 bytes a slot. */
    public static IdTable ofSmallValues(int bits, boolean keepLines) {
        return new IdTable(bits, keepLines, MAX_SEGMENT);
    }

    /**
     * With values packed into {@code valueBits} bits of the key (0: an int of their own), and
     * segments that split from {@code maxSegment} slots on (small ones split early, for tests).
     */
    IdTable(int valueBits, boolean keepLines, int maxSegment) {
        if (valueBits < 0 || valueBits > 16 || maxSegment < 4) {
            throw new IllegalArgumentException("value bits " + valueBits + ", lines " + keepLines
                    + " or largest segment " + maxSegment + " not supported");
        }
        this.keepLines = keepLines;
        this.maxSegment = maxSegment;
        this.keyMask = -1L << valueBits;
        this.directory = new Segment[] {new Segment(Math.min(FIRST_SEGMENT, maxSegment), 0)};
    }

    /** Ids in the table. */
    @Override
    public int size() {
        return size;
    }

    /** The value kept for the id, or {@link #ABSENT}. */
    public int get(String id) {
        return get(Hash64.of(id), Hash64.second(id));
    }

    /** The value kept for the id of these hashes, or {@link #ABSENT}. */
    @Override
    public int get(long hash, long secondHash) {
        long h1 = nonZero(hash);
        long h2 = secondHash & keyMask;
        long spread = spread(h1, h2);
        Segment s = segment(spread);
        int i = s.find(h1, h2, spread);
        return s.keys[2 * i] == 0 ? ABSENT : s.value(i);
    }

    /**
     * Reads the memory where the id of these hashes is looked for first (its slot, and its line when
     * lines are kept), and returns a number made of what it read; changes nothing. A table of
     * millions of ids is a cache miss a look-up, and look-ups one after another wait for their
     * misses one after another: a caller that reads ahead the ids it is about to look up, in a
     * loop of its own, lets those misses overlap ({@link VoterBook#decideAll}). Safe to call
     * while another thread changes the table (what it reads may then be stale, which does no harm).
     */
    @Override
    public long touch(long hash, long secondHash) {
        long spread = spread(nonZero(hash), secondHash & keyMask);
        Segment[] dir = directory;
        int d = depth;
        // masked: the directory and its depth may be seen from two moments of another thread's growth
        Segment s = dir[(d == 0 ? 0 : (int) (spread >>> (64 - d))) & (dir.length - 1)];
        int i = (int) (((spread & 0xFFFFFFFFL) * s.slots) >>> 32);
        return s.lines == null ? s.keys[2 * i] : s.keys[2 * i] + s.lines[i];
    }

    /** The line kept for the id, or -1 when the id is unknown or no lines are kept. */
    public int line(String id) {
        long h1 = nonZero(Hash64.of(id));
        long h2 = Hash64.second(id) & keyMask;
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
    @Override
    public boolean putIfAbsent(long hash, long secondHash, int value) {
        return putIfAbsent(hash, secondHash, value, 0);
    }

    /** As {@link #putIfAbsent(long, long, int)}, with the id's line (kept only with {@code keepLines}). */
    public boolean putIfAbsent(long hash, long secondHash, int value, int line) {
        if (keyMask != -1 && (value & keyMask) != 0) {
            throw new IllegalArgumentException("value " + value + " does not fit in " + Long.numberOfTrailingZeros(keyMask)
                    + " bits");
        }
        long h1 = nonZero(hash);
        long h2 = secondHash & keyMask;
        long spread = spread(h1, h2);
        Segment s = segment(spread);
        int i = s.find(h1, h2, spread);
        if (s.keys[2 * i] != 0) {
            return false;
        }
        if (s.size >= s.limit) {
            grow(s, spread);
            s = segment(spread);
            i = s.find(h1, h2, spread);
        }
        s.put(i, h1, h2, value, line);
        size++;
        return true;
    }

    /** Replaces the value of a known id; an unknown id is left unknown. */
    public void replace(String id, int value) {
        long h1 = nonZero(Hash64.of(id));
        long h2 = Hash64.second(id) & keyMask;
        long spread = spread(h1, h2);
        Segment s = segment(spread);
        int i = s.find(h1, h2, spread);
        if (s.keys[2 * i] != 0) {
            s.set(i, h2, value);
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

    /** Slots in all segments, for tests of growth (an id's bytes are 16, 20 or 24 times slots / size). */
    long slots() {
        long n = 0;
        for (int i = 0; i < directory.length; i++) {
            if (i == 0 || directory[i] != directory[i - 1]) {
                n += directory[i].slots;
            }
        }
        return n;
    }

    /** The largest segment's slots, for tests of growth. */
    int largestSegment() {
        int most = 0;
        for (Segment s : directory) {
            most = Math.max(most, s.slots);
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

    /** Makes room in the full segment {@code s}, where {@code spread} belongs: grows it by half, or splits it. */
    private void grow(Segment s, long spread) {
        int grown = s.slots + s.slots / 2;
        if (s.slots < maxSegment || s.depth == MAX_DEPTH || !s.splitsEvenly(grown / 2)) {
            pointTo(s, spread, s.copy(grown, s.depth, 0, 0));
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
        Segment low = s.copy(grown / 2, s.depth + 1, bit, 0);
        Segment high = s.copy(grown / 2, s.depth + 1, bit, bit);
        int span = 1 << (depth - s.depth);
        int first = (int) (spread >>> (64 - depth)) & -span;
        for (int i = 0; i < span; i++) {
            directory[first + i] = i < span / 2 ? low : high;
        }
    }

    /** Points every directory entry of {@code old} (where {@code spread} belongs) to {@code by}. */
    private void pointTo(Segment old, long spread, Segment by) {
        int span = depth == 0 ? 1 : 1 << (depth - old.depth);
        int first = depth == 0 ? 0 : (int) (spread >>> (64 - depth)) & -span;
        for (int i = 0; i < span; i++) {
            directory[first + i] = by;
        }
    }

    /** Ids a segment of {@code slots} holds before it grows: three-quarters, and at least one slot stays empty. */
    private static int limit(int slots) {
        return slots - Math.max(1, slots / 4);
    }

    /** One segment: open addressing by linear probing over {@code slots} slots, at most 3/4 full. */
    private final class Segment {
        final int slots;
        /** Per slot, the first hash (0: empty) and the second (its last bits the value, in a table of small values). */
        final long[] keys;
        /** Per slot, the value; null in a table of small values. */
        final int[] values;
        final int[] lines;
        /** The leading bits of {@link #spread} that every key of this segment shares. */
        final int depth;
        final int limit;
        int size;

        Segment(int slots, int depth) {
            this.slots = slots;
            this.keys = new long[2 * slots];
            this.values = keyMask == -1 ? new int[slots] : null;
            this.lines = keepLines ? new int[slots] : null;
            this.depth = depth;
            this.limit = limit(slots);
        }

        /** The slot holding the key ({@code h2} without value bits), or the empty slot where it would go. */
        int find(long h1, long h2, long spread) {
            int i = (int) (((spread & 0xFFFFFFFFL) * slots) >>> 32);
            while (true) {
                long k = keys[2 * i];
                if (k == 0 || (k == h1 && (keys[2 * i + 1] & keyMask) == h2)) {
                    return i;
                }
                if (++i == slots) {
                    i = 0;
                }
            }
        }

        int value(int i) {
            return values != null ? values[i] : (int) (keys[2 * i + 1] & ~keyMask);
        }

        /** Fills the empty slot {@code i}. */
        void put(int i, long h1, long h2, int value, int line) {
            keys[2 * i] = h1;
            set(i, h2, value);
            if (lines != null) {
                lines[i] = line;
            }
            size++;
        }

        /** Sets the value of slot {@code i}, whose key has the second hash {@code h2} (without value bits). */
        void set(int i, long h2, int value) {
            if (values != null) {
                keys[2 * i + 1] = h2;
                values[i] = value;
            } else {
                keys[2 * i + 1] = h2 | value;
            }
        }

        /** True when the next bit of the keys parts them so that neither half of {@code slots} is full at once. */
        boolean splitsEvenly(int slots) {
            long bit = 1L << (63 - depth);
            int high = 0;
            for (int i = 0; i < this.slots; i++) {
                if (keys[2 * i] != 0 && (spread(keys[2 * i], keys[2 * i + 1] & keyMask) & bit) != 0) {
                    high++;
                }
            }
            return high < limit(slots) && size - high < limit(slots);
        }

        /** A segment of {@code slots} at {@code depth} with this one's keys whose spread has {@code bit} as {@code match}. */
        Segment copy(int slots, int depth, long bit, long match) {
            // the new arrays first: running out of memory here leaves the table as it was
            Segment to = new Segment(slots, depth);
            for (int i = 0; i < this.slots; i++) {
                long h1 = keys[2 * i];
                if (h1 == 0) {
                    continue;
                }
                long h2 = keys[2 * i + 1] & keyMask;
                long spread = spread(h1, h2);
                if ((spread & bit) == match) {
                    to.put(to.find(h1, h2, spread), h1, h2, value(i), lines == null ? 0 : lines[i]);
                }
            }
            return to;
        }
    }
}
