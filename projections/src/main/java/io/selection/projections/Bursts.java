package io.selection.projections;

import io.selection.projections.Views.SuspiciousSet;
import io.selection.voting.VoteSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    private final String rule;
    private final String kind;
    private final int limit;
    private final int window;
    /** castAt seconds are kept as ints from here (the first vote's second). */
    private long base;
    private boolean based;

    private final KeyTable table = new KeyTable();
    private String[] keys = new String[64];
    private int[][] times = new int[64][];
    private int[] head = new int[64];
    private int[] length = new int[64];
    /** The key's latest few votes, kept only once it has almost enough to be flagged. */
    private Recent[] recent = new Recent[64];
    private KeyFlags[] flagsOf = new KeyFlags[64];
    private int slots;
    private int[] free = new int[16];
    private int freeCount;
    /** Votes kept over all slots. */
    private long kept;

    /** Flagged sets by key; a key keeps them after its slot is gone, for votes that come late. */
    private final Map<String, KeyFlags> flagged = new TreeMap<>();

    Bursts(String rule, String kind, int limit, int windowSeconds) {
        this.rule = rule;
        this.kind = kind;
        this.limit = Math.max(0, limit);
        this.window = windowSeconds;
    }

    /** The key's slot, made if new; {@link #SKIP} for a blank key, which is never counted. */
    int slotOf(String key) {
        return key.isBlank() ? SKIP : slot(key);
    }

    /** Counts one accepted vote of the key in {@code slot}, cast in second {@code second}. */
    void add(int slot, long second, long floor, String voteId) {
        if (!based) {
            base = second;
            based = true;
        }
        KeyFlags flags = flagsOf[slot];
        if (flags != null) {
            flags.countIfCovered(second, voteId); // a set's count is every vote of its key in its range
        }
        long rel = second - base;
        if (second < floor || rel < Integer.MIN_VALUE / 2 || rel > Integer.MAX_VALUE / 2) {
            return; // too late to be kept (or absurdly far from the rest): it counts only in a set that covers it
        }
        trim(slot, floor);
        int t = (int) rel;
        int p = insert(slot, t);
        int n = length[slot];
        if (n >= limit - SAMPLE + 1) {
            Recent r = recent[slot];
            if (r == null) {
                r = recent[slot] = new Recent();
            }
            r.add(voteId, t);
        }
        // the windows whose count changed are those holding t; window i (anchored at the i-th vote)
        // holds more than limit votes exactly when its (i + limit)-th vote is under a window later
        int[] a = times[slot];
        int h = head[slot];
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
        KeyFlags flags = flagsOf[slot];
        if (flags == null) {
            flags = flagsOf[slot] = flagged.computeIfAbsent(keys[slot], k -> new KeyFlags());
        }
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
            merged.last = Math.max(merged.last, base + times[slot][head[slot] + before - 1]);
        }
        Recent r = recent[slot];
        if (r != null) {
            r.sampleInto(merged, base);
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
        int lo = head[slot];
        int hi = lo + length[slot];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - head[slot];
    }

    /** Inserts t in order (after equal ones); answers its index from the head. */
    private int insert(int slot, int t) {
        int[] a = times[slot];
        int h = head[slot];
        int n = length[slot];
        if (h + n == a.length) {
            if (n < a.length / 2) {
                System.arraycopy(a, h, a, 0, n);
            } else {
                int[] grown = new int[Math.max(4, a.length * 2)];
                System.arraycopy(a, h, grown, 0, n);
                a = times[slot] = grown;
            }
            h = head[slot] = 0;
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
        }
        a[h + p] = t;
        length[slot] = n + 1;
        kept++;
        return p;
    }

    /** Drops the slot's votes before the floor. */
    private void trim(int slot, long floor) {
        int n = length[slot];
        if (n == 0 || base + times[slot][head[slot]] >= floor) {
            return;
        }
        int drop = lowerBound(slot, clamp(floor - base));
        head[slot] += drop;
        length[slot] = n - drop;
        kept -= drop;
    }

    /**
     * Drops every vote before the floor, and the slots left empty (their flagged sets stay). An
     * array much larger than what it holds is cut down, so a burst that has passed gives its memory
     * back.
     */
    void sweep(long floor) {
        for (int slot = 0; slot < slots; slot++) {
            if (keys[slot] == null) {
                continue;
            }
            trim(slot, floor);
            int n = length[slot];
            if (n == 0) {
                table.remove(keys[slot]);
                keys[slot] = null;
                times[slot] = null;
                recent[slot] = null;
                flagsOf[slot] = null;
                head[slot] = 0;
                if (freeCount == free.length) {
                    free = Arrays.copyOf(free, freeCount * 2);
                }
                free[freeCount++] = slot;
            } else if (times[slot].length > 64 && times[slot].length > 4 * n) {
                times[slot] = Arrays.copyOfRange(times[slot], head[slot], head[slot] + Math.max(16, 2 * n));
                head[slot] = 0;
            }
        }
    }

    /** The slot of a key, made if new. */
    private int slot(String key) {
        int slot = table.get(key);
        if (slot >= 0) {
            return slot;
        }
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (slots == keys.length) {
                int size = slots * 2;
                keys = Arrays.copyOf(keys, size);
                times = Arrays.copyOf(times, size);
                head = Arrays.copyOf(head, size);
                length = Arrays.copyOf(length, size);
                recent = Arrays.copyOf(recent, size);
                flagsOf = Arrays.copyOf(flagsOf, size);
            }
            slot = slots++;
        }
        keys[slot] = key;
        times[slot] = new int[4];
        head[slot] = 0;
        length[slot] = 0;
        flagsOf[slot] = flagged.get(key);
        table.put(key, slot);
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
            if (keys[slot] != null && length[slot] > 0) {
                min = Math.min(min, base + times[slot][head[slot]]);
                max = Math.max(max, base + times[slot][head[slot] + length[slot] - 1]);
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
            for (int i = head[slot], end = head[slot] + length[slot]; i < end; i++) {
                int b = (int) Math.min(counts.length - 1, Math.max(0, (base + a[i] - from) / width));
                counts[b]++;
            }
        }
    }

    /** The flagged sets, as the read model shows them. */
    void sets(List<SuspiciousSet> into) {
        flagged.forEach((key, flags) -> {
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
        for (Map.Entry<String, KeyFlags> e : flagged.entrySet()) {
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
