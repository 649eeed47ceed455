package io.selection.projections;

import io.selection.projections.Views.SuspiciousSet;
import io.selection.voting.KeyTable;
import io.selection.voting.VoteSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeMap;

/**
 * One burst rule ({@code ip-burst} or {@code device-burst}) counted in sliding windows: a key
 * (address or device) is flagged where more than {@code limit} of its accepted votes fall in one
 * window [t, t + window) of castAt seconds, whatever second t it starts on; the key's flagged set is
 * the union of such windows, overlapping ones merged. {@link SuspiciousVotes} says how a set is
 * shown and named, and how the floor moves.
 *
 * <p>Keys are small ints (slots), found once per dictionary entry of a vote group, not per vote.
 * Each slot keeps its key's votes as a sorted {@code int[]} of castAt seconds (from a base), all
 * those at or after the floor and none before it: a vote dated before the floor when it arrives is
 * never kept, and a slot drops what falls behind the floor. Window i (anchored at the i-th kept
 * vote) holds more than {@code limit} votes exactly when vote i + limit is less than a window after
 * it, so a vote added in order checks one window, and one added out of order at most
 * {@code limit + 1}. That completeness is what keeps a set's count equal to its membership: a window
 * is only flagged from a vote at or after the floor, so every vote it newly covers is in the slot;
 * a vote that comes later inside a set counts in it whether or not it is kept.
 */
final class Bursts {

    private static final int SAMPLE = 5;
    /** The slot of a key that is not counted (a blank one). */
    static final int SKIP = -1;
    private static final int STRIDE = 4;
    private static final int HEAD = 0;
    private static final int LENGTH = 1;
    private static final int NEWEST = 2;
    private static final int MARKS = 3;
    private static final int FLAGGED = 1;
    private static final int RECENT = 2;

    private final String rule;
    private final String kind;
    private final int limit;
    private final int window;
    /** castAt seconds are kept as ints from here (the first vote's second). */
    private long base;
    private boolean based;

    private KeyTable table = new KeyTable();
    private String[] keys = new String[64];
    private int[][] times = new int[64][];
    /**
     * Per slot, side by side so that a vote reads one cache line: where its votes start in its
     * array ({@link #HEAD}), how many ({@link #LENGTH}), the latest ({@link #NEWEST}), and whether
     * it has flagged sets or recent votes kept ({@link #MARKS}).
     */
    private int[] meta = new int[64 * STRIDE];
    /** The key's latest few votes, kept only once it has almost enough to be flagged. */
    private Recent[] recent = new Recent[64];
    private KeyFlags[] flagsOf = new KeyFlags[64];
    private int slots;
    private int[] free = new int[16];
    private int freeCount;
    /** Votes kept over all slots. */
    private long kept;
    /**
     * The slots by the bucket of their newest kept vote ({@code NEWEST >> shift}), so that a sweep
     * visits the buckets behind the floor and not every slot: a slot is entered again whenever its
     * newest vote moves into a later bucket, and an entry is checked against the slot when read (a
     * slot whose newest moved on, or that was freed, is passed over). Every slot holding votes has
     * an entry in its newest vote's bucket.
     */
    private final TreeMap<Integer, Ints> expiring = new TreeMap<>();
    private final int shift;
    /** The bucket last entered into, and its list: most votes come in order, into the latest bucket. */
    private int lastBucket;
    private Ints lastEntries;
    /** Slots made since the last sweep: freed by it if they still hold no vote (theirs all came before the floor). */
    private Ints made = new Ints();

    /**
     * Flagged sets by key; a key keeps them after its slot is gone, for votes that come late. Only
     * looked up: everything read out of it is put in order first.
     */
    private final Map<String, KeyFlags> flagged = new HashMap<>();

    Bursts(String rule, String kind, int limit, int windowSeconds) {
        this.rule = rule;
        this.kind = kind;
        this.limit = Math.max(0, limit);
        this.window = windowSeconds;
        // buckets of an eighth of a window or less: the floor moves a quarter of one between sweeps
        this.shift = 31 - Integer.numberOfLeadingZeros(Math.max(1, windowSeconds / 8));
    }

    /** The key's slot, made if new; {@link #SKIP} for a blank key, which is never counted. */
    int slotOf(String key) {
        return key.isBlank() ? SKIP : slot(key);
    }

    /**
     * Reads ahead, without changing anything, what counting a vote of the key will read: its entry
     * in the key table ({@code slotsKnown} false), or, once those are in the cache, its slot's marks
     * and times ({@code slotsKnown} true). Returns a number made of what it read.
     */
    long readAhead(String key, boolean slotsKnown) {
        if (key == null) {
            return 0; // a dictionary read from a damaged log: the fold meets it where it always did
        }
        if (!slotsKnown) {
            return table.touch(key);
        }
        int slot = table.get(key);
        if (slot < 0) {
            return 0;
        }
        int[] a = times[slot];
        return meta[slot * STRIDE + LENGTH] + (a == null ? 0 : a.length);
    }

    /** Counts one accepted vote of the key in {@code slot}, cast in second {@code second}. */
    void add(int slot, long second, long floor, String voteId) {
        if (!based) {
            base = second;
            based = true;
        }
        int m = slot * STRIDE;
        if ((meta[m + MARKS] & FLAGGED) != 0) {
            flagsOf[slot].countIfCovered(second, voteId); // a set's count is every vote of its key in its range
        }
        long rel = second - base;
        if (second < floor || rel < Integer.MIN_VALUE / 2 || rel > Integer.MAX_VALUE / 2) {
            return; // too late to be kept (or absurdly far from the rest): it counts only in a set that covers it
        }
        trim(slot, floor);
        int t = (int) rel;
        int p = insert(slot, t);
        int n = meta[m + LENGTH];
        if (n >= limit - SAMPLE + 1) {
            if ((meta[m + MARKS] & RECENT) == 0) {
                recent[slot] = new Recent();
                meta[m + MARKS] |= RECENT;
            }
            recent[slot].add(voteId, t);
        }
        // the windows whose count changed are those holding t; window i (anchored at the i-th vote)
        // holds more than limit votes exactly when its (i + limit)-th vote is under a window later
        int[] a = times[slot];
        int h = meta[m + HEAD];
        int first = -1;
        int last = -1;
        for (int i = Math.max(0, p - limit), end = Math.min(p, n - 1 - limit); i <= end; i++) {
            if (a[h + i + limit] - a[h + i] < window) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first >= 0) {
            // every such window holds t, so together they are one range
            flag(slot, base + a[h + first], base + a[h + last] + window);
        }
    }

    /** Flags [from, to) of the key in {@code slot}, merged with the key's sets it overlaps. */
    private void flag(int slot, long from, long to) {
        if ((meta[slot * STRIDE + MARKS] & FLAGGED) == 0) {
            flagsOf[slot] = flagged.computeIfAbsent(keys[slot], k -> new KeyFlags());
            meta[slot * STRIDE + MARKS] |= FLAGGED;
        }
        KeyFlags flags = flagsOf[slot];
        List<Flag> sets = flags.sets;
        int lo = flags.firstReaching(from); // first set reaching past from
        int hi = lo;
        while (hi < sets.size() && sets.get(hi).from < to) {
            hi++;
        }
        // sets lo..hi-1 overlap [from, to)
        if (hi - lo == 1 && sets.get(lo).from <= from && to <= sets.get(lo).reach) {
            return; // already flagged
        }
        Flag merged = new Flag();
        merged.from = hi > lo ? Math.min(from, sets.get(lo).from) : from;
        merged.reach = hi > lo ? Math.max(to, sets.get(hi - 1).reach) : to;
        merged.last = Long.MIN_VALUE;
        long cursor = merged.from; // what the old sets do not cover is counted from the slot
        for (int k = lo; k < hi; k++) {
            Flag old = sets.get(k);
            merged.count += old.count + countIn(slot, cursor, old.from);
            merged.last = Math.max(merged.last, old.last);
            for (int s = 0; s < old.sampleSize; s++) {
                merged.sample(old.sample[s]);
            }
            cursor = old.reach;
        }
        merged.count += countIn(slot, cursor, merged.reach);
        // the latest vote in range: in an old set, or kept (the window holds at least the vote just counted)
        int before = lowerBound(slot, clamp(merged.reach - base));
        if (before > 0) {
            merged.last = Math.max(merged.last, base + times[slot][meta[slot * STRIDE + HEAD] + before - 1]);
        }
        if ((meta[slot * STRIDE + MARKS] & RECENT) != 0) {
            recent[slot].sampleInto(merged, base);
        }
        sets.subList(lo, hi).clear();
        sets.add(lo, merged);
    }

    /** Votes of the slot with castAt second in [from, to). */
    private long countIn(int slot, long from, long to) {
        if (from >= to) {
            return 0;
        }
        return lowerBound(slot, clamp(to - base)) - lowerBound(slot, clamp(from - base));
    }

    private static int clamp(long rel) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, rel));
    }

    /** The index (from the slot's head) of its first vote at or after t. */
    private int lowerBound(int slot, int t) {
        int[] a = times[slot];
        int h = meta[slot * STRIDE + HEAD];
        int lo = h;
        int hi = lo + meta[slot * STRIDE + LENGTH];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - h;
    }

    /** Inserts t in order (after equal ones); answers its index from the head. */
    private int insert(int slot, int t) {
        int m = slot * STRIDE;
        int[] a = times[slot];
        int h = meta[m + HEAD];
        int n = meta[m + LENGTH];
        if (h + n == a.length) {
            if (n < a.length / 2) {
                System.arraycopy(a, h, a, 0, n);
            } else {
                int[] grown = new int[Math.max(4, a.length * 2)];
                System.arraycopy(a, h, grown, 0, n);
                a = times[slot] = grown;
            }
            h = meta[m + HEAD] = 0;
        }
        int p = n;
        if (n > 0 && a[h + n - 1] > t) { // out of order: find its place
            int lo = h;
            int hi = h + n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            p = lo - h;
            System.arraycopy(a, h + p, a, h + p + 1, n - p);
        } else {
            if (n == 0 || (meta[m + NEWEST] >> shift) != (t >> shift)) {
                enter(slot, t >> shift);
            }
            meta[m + NEWEST] = t;
        }
        a[h + p] = t;
        meta[m + LENGTH] = n + 1;
        kept++;
        return p;
    }

    /** Drops the slot's votes before the floor. */
    private void trim(int slot, long floor) {
        int m = slot * STRIDE;
        int n = meta[m + LENGTH];
        if (n == 0 || base + times[slot][meta[m + HEAD]] >= floor) {
            return;
        }
        int drop = lowerBound(slot, clamp(floor - base));
        meta[m + HEAD] += drop;
        meta[m + LENGTH] = n - drop;
        kept -= drop;
    }

    /**
     * Frees the slots whose votes are all before the floor (their flagged sets stay). With
     * {@code all}, also drops the votes before the floor of every other slot (otherwise a slot
     * drops them when it next counts a vote). Without, it reads only the slots made since the last
     * sweep and the buckets of newest votes behind the floor.
     */
    void sweep(long floor, boolean all) {
        if (all) {
            for (int slot = 0; slot < slots; slot++) {
                if (keys[slot] == null) {
                    continue;
                }
                int m = slot * STRIDE;
                if (meta[m + LENGTH] > 0 && base + meta[m + NEWEST] >= floor) {
                    trim(slot, floor);
                } else {
                    free(slot);
                }
            }
        } else {
            sweepExpiring(floor);
        }
        made.clear();
        lastEntries = null; // a bucket may be gone
        if (slots > SMALLEST * 4 && table.size() < slots / 8) {
            compact();
        }
    }

    /** Frees the slots made with no vote kept since, and those whose newest vote is before the floor. */
    private void sweepExpiring(long floor) {
        for (int i = 0; i < made.size; i++) {
            int slot = made.values[i];
            if (keys[slot] != null && meta[slot * STRIDE + LENGTH] == 0) {
                free(slot);
            }
        }
        if (!based) {
            return; // nothing was ever kept, so no bucket holds a slot
        }
        long rel = floor - base; // a slot goes when its newest vote (from the base) is below this
        for (Map.Entry<Integer, Ints> e = expiring.firstEntry(); e != null && ((long) e.getKey() << shift) < rel;
             e = expiring.firstEntry()) {
            int bucket = e.getKey();
            Ints entries = e.getValue();
            int still = 0; // in the bucket the floor falls in, the slots whose newest is not behind it stay
            for (int i = 0; i < entries.size; i++) {
                int slot = entries.values[i];
                int m = slot * STRIDE;
                if (keys[slot] == null || meta[m + LENGTH] == 0 || (meta[m + NEWEST] >> shift) != bucket) {
                    continue; // freed, or its newest vote moved on and entered a later bucket
                }
                if (meta[m + NEWEST] < rel) {
                    free(slot);
                } else {
                    entries.values[still++] = slot;
                }
            }
            if (still > 0) {
                entries.size = still;
                break;
            }
            expiring.pollFirstEntry();
        }
    }

    /** Enters the slot in the bucket of its newest vote. */
    private void enter(int slot, int bucket) {
        if (lastEntries == null || bucket != lastBucket) {
            lastEntries = expiring.computeIfAbsent(bucket, b -> new Ints());
            lastBucket = bucket;
        }
        lastEntries.add(slot);
    }

    /** Gives the slot back: its key leaves the table, its flagged sets stay with the key. */
    private void free(int slot) {
        int m = slot * STRIDE;
        kept -= meta[m + LENGTH];
        table.remove(keys[slot]);
        keys[slot] = null;
        if (times[slot].length > REUSED_TIMES) {
            times[slot] = null; // a small array stays for the slot's next key (most keys have a vote or two)
        }
        recent[slot] = null;
        flagsOf[slot] = null;
        meta[m + HEAD] = 0;
        meta[m + LENGTH] = 0;
        meta[m + NEWEST] = 0;
        meta[m + MARKS] = 0;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }

    /** A growing list of ints. */
    private static final class Ints {
        int[] values = new int[8];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void clear() {
            size = 0;
            if (values.length > 1024) {
                values = new int[8];
            }
        }
    }

    /**
     * A freed slot keeps a times array of at most this many ints for its next key: with one or two
     * votes a key (addresses and devices mostly), a new array a key was about half a gigabyte
     * allocated over a 3M-vote Kafka row, half that with the arrays reused (docs/performance.md).
     */
    private static final int REUSED_TIMES = 8;

    /** Slots the arrays keep at the least. */
    private static final int SMALLEST = 64;

    /**
     * Moves the live slots to the front of arrays sized for them, and the key table with them:
     * a burst of keys (lanes far apart in time hold the floor back) grew the arrays to millions of
     * slots, which the sweep then empties but did not give back (two rules' arrays of a million
     * slots each were about 110 MB of the live heap after a vote of three million). Slots are only
     * held within one group's fold, and the sweep runs after it, so renumbering them here is safe;
     * the new numbers follow the old order, so a replay renumbers alike.
     */
    private void compact() {
        int live = table.size();
        int size = Math.max(SMALLEST, Integer.highestOneBit(Math.max(1, live) * 2 - 1) << 1);
        String[] newKeys = new String[size];
        int[][] newTimes = new int[size][];
        int[] newMeta = new int[size * STRIDE];
        Recent[] newRecent = new Recent[size];
        KeyFlags[] newFlags = new KeyFlags[size];
        KeyTable newTable = new KeyTable(live);
        int j = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (keys[slot] == null) {
                continue;
            }
            newKeys[j] = keys[slot];
            newTimes[j] = times[slot];
            System.arraycopy(meta, slot * STRIDE, newMeta, j * STRIDE, STRIDE);
            newRecent[j] = recent[slot];
            newFlags[j] = flagsOf[slot];
            newTable.getOrPut(keys[slot], j);
            j++;
        }
        keys = newKeys;
        times = newTimes;
        meta = newMeta;
        recent = newRecent;
        flagsOf = newFlags;
        table = newTable;
        slots = j;
        free = new int[16];
        freeCount = 0;
        expiring.clear(); // renumbered: every live slot (each holds votes after a sweep) enters its bucket again
        lastEntries = null;
        for (int slot = 0; slot < slots; slot++) {
            enter(slot, meta[slot * STRIDE + NEWEST] >> shift);
        }
    }

    /** The keys that hold a slot, for tests of the sweep. */
    java.util.Set<String> liveKeys() {
        java.util.Set<String> live = new java.util.HashSet<>();
        for (int slot = 0; slot < slots; slot++) {
            if (keys[slot] != null) {
                live.add(keys[slot]);
            }
        }
        return live;
    }

    /** Length of the slot arrays, for tests of their compaction. */
    int capacity() {
        return keys.length;
    }

    /** The slot of a key, made if new. */
    private int slot(String key) {
        int next = freeCount > 0 ? free[freeCount - 1] : slots;
        int slot = table.getOrPut(key, next);
        if (slot != next) {
            return slot;
        }
        if (freeCount > 0) {
            freeCount--;
        } else {
            if (slots == keys.length) {
                int size = slots * 2;
                keys = Arrays.copyOf(keys, size);
                times = Arrays.copyOf(times, size);
                meta = Arrays.copyOf(meta, size * STRIDE);
                recent = Arrays.copyOf(recent, size);
                flagsOf = Arrays.copyOf(flagsOf, size);
            }
            slots++;
        }
        keys[slot] = key;
        made.add(slot);
        if (times[slot] == null) {
            times[slot] = new int[4];
        }
        KeyFlags flags = flagged.isEmpty() ? null : flagged.get(key);
        if (flags != null) {
            flagsOf[slot] = flags;
            meta[slot * STRIDE + MARKS] = FLAGGED;
        }
        return slot;
    }

    long kept() {
        return kept;
    }

    int keys() {
        return table.size();
    }

    /** The earliest and latest second kept, or null when nothing is. */
    long[] keptRange() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int slot = 0; slot < slots; slot++) {
            int m = slot * STRIDE;
            if (keys[slot] != null && meta[m + LENGTH] > 0) {
                min = Math.min(min, base + times[slot][meta[m + HEAD]]);
                max = Math.max(max, base + times[slot][meta[m + HEAD] + meta[m + LENGTH] - 1]);
            }
        }
        return min > max ? null : new long[] {min, max};
    }

    /** Adds the kept votes to {@code counts}, bucket {@code (second - from) / width}. */
    void histogram(long[] counts, long from, long width) {
        for (int slot = 0; slot < slots; slot++) {
            if (keys[slot] == null) {
                continue;
            }
            int[] a = times[slot];
            int m = slot * STRIDE;
            for (int i = meta[m + HEAD], end = meta[m + HEAD] + meta[m + LENGTH]; i < end; i++) {
                int b = (int) Math.min(counts.length - 1, Math.max(0, (base + a[i] - from) / width));
                counts[b]++;
            }
        }
    }

    /** The flagged sets, as the read model shows them. */
    void sets(List<SuspiciousSet> into) {
        new TreeMap<>(flagged).forEach((key, flags) -> {
            for (Flag f : flags.sets) {
                into.add(f.view(rule, kind, key));
            }
        });
    }

    /**
     * What an invalidation of {@code id} takes: a set as it stands, or as it stood under that id
     * before it grew (the same key and start, an earlier end); null when no set answers the id.
     */
    VoteSet invalidation(String id) {
        for (Map.Entry<String, KeyFlags> e : new TreeMap<>(flagged).entrySet()) {
            String prefix = rule + ":" + e.getKey() + ":";
            if (!id.startsWith(prefix)) {
                continue; // a key may hold ':' itself, so every key that prefixes the id is tried
            }
            String range = id.substring(prefix.length());
            for (Flag f : e.getValue().sets) {
                String from = Instant.ofEpochSecond(f.from) + "/";
                if (!range.startsWith(from)) {
                    continue;
                }
                Long to = second(range.substring(from.length()));
                if (to != null && to > f.from && to <= f.last + 1 && Flag.render(f.from, to).equals(range)) {
                    return new VoteSet(id, rule, kind, e.getKey(), Instant.ofEpochSecond(f.from),
                            Instant.ofEpochSecond(to));
                }
            }
        }
        return null;
    }

    /** A whole second written as ISO-8601, or null. */
    private static Long second(String iso) {
        try {
            Instant at = Instant.parse(iso);
            return at.getNano() == 0 ? at.getEpochSecond() : null;
        } catch (RuntimeException notAnInstant) {
            return null;
        }
    }

    /** A key's flagged sets, in order of time, none overlapping. */
    private static final class KeyFlags {
        final List<Flag> sets = new ArrayList<>(1);

        /** The index of the first set whose windows reach past {@code second}. */
        int firstReaching(long second) {
            int lo = 0;
            int hi = sets.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sets.get(mid).reach <= second) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        boolean countIfCovered(long second, String voteId) {
            int i = firstReaching(second);
            if (i < sets.size() && sets.get(i).from <= second) {
                Flag f = sets.get(i);
                f.count++;
                f.last = Math.max(f.last, second);
                f.sample(voteId);
                return true;
            }
            return false;
        }
    }

    /**
     * A flagged set, in seconds from the epoch: its windows span [from, reach), and its votes are
     * the key's votes in that span, the latest in second {@code last}. It is shown, and
     * invalidated, as [from, last + 1): the same votes, and a range that holds no second in which
     * the key had no vote yet.
     */
    private static final class Flag {
        long from;
        long reach;
        long last;
        long count;
        final String[] sample = new String[SAMPLE];
        int sampleSize;

        void sample(String voteId) {
            if (sampleSize < SAMPLE) {
                for (int i = 0; i < sampleSize; i++) {
                    if (sample[i].equals(voteId)) {
                        return;
                    }
                }
                sample[sampleSize++] = voteId;
            }
        }

        String id(String rule, String key) {
            return rule + ":" + key + ":" + render(from, last + 1);
        }

        static String render(long from, long to) {
            return Instant.ofEpochSecond(from) + "/" + Instant.ofEpochSecond(to);
        }

        SuspiciousSet view(String rule, String kind, String key) {
            return new SuspiciousSet(id(rule, key), rule, kind, key, count, Instant.ofEpochSecond(from),
                    Instant.ofEpochSecond(last + 1), List.of(Arrays.copyOf(sample, sampleSize)));
        }
    }

    /** The latest {@link #SAMPLE} votes of a key, oldest first once full. */
    private static final class Recent {
        final String[] ids = new String[SAMPLE];
        final int[] times = new int[SAMPLE];
        int next;
        int size;

        void add(String voteId, int t) {
            ids[next] = voteId;
            times[next] = t;
            next = (next + 1) % SAMPLE;
            size = Math.min(SAMPLE, size + 1);
        }

        /** Adds those inside the set to its sample, in the order they came. */
        void sampleInto(Flag f, long base) {
            for (int k = 0; k < size; k++) {
                int i = (next - size + k + SAMPLE) % SAMPLE;
                long second = base + times[i];
                if (second >= f.from && second < f.reach) {
                    f.sample(ids[i]);
                }
            }
        }
    }
}
