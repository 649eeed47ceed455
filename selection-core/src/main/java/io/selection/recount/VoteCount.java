package io.selection.recount;

import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counting rule of the public vote, in one place (DOMAIN.md, "Voting" and "Suspicious
 * votes"): one vote id is one vote, so only the first decision logged under an id counts and a
 * later one (say, the same id under another voter, decided by another lane) is a duplicate that
 * counts nowhere; a work's valid votes are its counted accepted votes less those invalidated; a
 * vote is invalidated at most once, however many flagged sets hold it. The server's tallies,
 * the certified tallies and the auditors' verifier all count with this class.
 */
public final class VoteCount {

    private static final int REFUSED = -1;
    private static final int INVALIDATED = 1 << 30;

    private final IdTable ids;

    /** A count of vote ids, with nothing else kept per vote. */
    public VoteCount() {
        this(false);
    }

    /**
     * With {@code keepLines}, also where each vote id's first decision is in the log (4 bytes more a
     * vote, in the same table: the read models' look-up of a vote by id).
     */
    public VoteCount(boolean keepLines) {
        this.ids = new IdTable(keepLines);
    }
    private final Map<String, Integer> workIndex = new HashMap<>();
    private final List<String> workIds = new ArrayList<>();
    private long[] valid = new long[64];
    private long[] invalidated = new long[64];
    private final long[] refused = new long[RefusalReason.values().length];
    private long accepted;
    private long duplicates;

    /** Counts one logged decision; false when its id was decided before (a duplicate, not counted). */
    public boolean decided(VoteDecision d) {
        int value = d.accepted() ? work(d.workId()) : REFUSED;
        return count(ids.putIfAbsent(d.voteId(), value), value, d.reason());
    }

    /** Counts a decision whose id was ({@code first}) or was not seen before: the one counting step. */
    private boolean count(boolean first, int value, RefusalReason reason) {
        if (!first) {
            duplicates++;
            return false;
        }
        if (value != REFUSED) {
            accepted++;
            valid[value]++;
        } else {
            refused[reason.ordinal()]++;
        }
        return true;
    }

    /**
     * Where each work of the group is counted, for {@link #decided(VoteGroup, int, int[])}: filled
     * in as the group's accepted votes name them.
     */
    public int[] slots(VoteGroup g) {
        int[] slots = new int[g.workCount()];
        Arrays.fill(slots, -1);
        return slots;
    }

    /** Counts vote {@code i} of the group, as {@link #decided(VoteDecision)}, from its columns. */
    public boolean decided(VoteGroup g, int i, int[] slots) {
        return decided(g, i, slots, 0);
    }

    /** As {@link #decided(VoteGroup, int, int[])}, remembering the id's first decision is on line {@code line}. */
    public boolean decided(VoteGroup g, int i, int[] slots, long line) {
        int value = REFUSED;
        if (g.accepted(i)) {
            int k = g.workIndex(i);
            if (slots[k] < 0) {
                slots[k] = work(g.work(k));
            }
            value = slots[k];
        }
        return count(ids.putIfAbsent(g.idHash(i), g.idHash2(i), value, Math.toIntExact(line)), value, g.reason(i));
    }

    /** The line of the id's first decision (kept only with {@code keepLines}), or -1 when unknown. */
    public long line(String voteId) {
        return ids.line(voteId);
    }

    /** True when a decision under this id has been counted already. */
    public boolean known(String voteId) {
        return ids.get(voteId) != IdTable.ABSENT;
    }

    /**
     * What invalidating these votes takes from each work (sorted by work id), without doing it:
     * only counted accepted votes not invalidated before, each once.
     */
    public Map<String, Long> effectOf(Collection<String> voteIds) {
        return invalidate(voteIds, false);
    }

    /** Invalidates the votes; returns what each work lost, as {@link #effectOf}. */
    public Map<String, Long> invalidate(Collection<String> voteIds) {
        return invalidate(voteIds, true);
    }

    private Map<String, Long> invalidate(Collection<String> voteIds, boolean apply) {
        Map<String, Long> lost = new TreeMap<>();
        IdTable seen = apply ? null : new IdTable();
        for (String id : voteIds) {
            int value = ids.get(id);
            if (value == IdTable.ABSENT || value == REFUSED || (value & INVALIDATED) != 0) {
                continue;
            }
            if (seen != null && !seen.putIfAbsent(id, 0)) {
                continue;
            }
            lost.merge(workIds.get(value), 1L, Long::sum);
            if (apply) {
                ids.replace(id, value | INVALIDATED);
                valid[value]--;
                invalidated[value]++;
            }
        }
        return lost;
    }

    public long valid(String workId) {
        Integer i = workIndex.get(workId);
        return i == null ? 0 : valid[i];
    }

    public long invalidated(String workId) {
        Integer i = workIndex.get(workId);
        return i == null ? 0 : invalidated[i];
    }

    /** Refused votes by reason, every reason present, in the order of {@link RefusalReason}. */
    public Map<String, Long> refused() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (RefusalReason r : RefusalReason.values()) {
            out.put(r.name(), refused[r.ordinal()]);
        }
        return out;
    }

    /** Counted accepted votes, before invalidations. */
    public long accepted() {
        return accepted;
    }

    /** Decisions logged under an id already decided: in the log, counted nowhere. */
    public long duplicates() {
        return duplicates;
    }

    /** Distinct vote ids decided. */
    public long votes() {
        return ids.size();
    }

    private int work(String workId) {
        Integer i = workIndex.get(workId);
        if (i == null) {
            i = workIds.size();
            workIds.add(workId);
            workIndex.put(workId, i);
            if (i == valid.length) {
                valid = Arrays.copyOf(valid, i * 2);
                invalidated = Arrays.copyOf(invalidated, i * 2);
            }
        }
        return i;
    }

    /**
     * Vote ids by two independent 64-bit hashes (128 bits: no two of a national vote's ids will
     * share both) to an int (and, with {@code keepLines}, a line), in sixteen segments chosen by
     * the first hash, each open addressing at most two-thirds full: about 30 bytes a vote. A
     * segment grows on its own, so growing never needs more than a sixteenth of the table again.
     */
    static final class IdTable {
        static final int ABSENT = Integer.MIN_VALUE;
        private final Segment[] segments = new Segment[16];

        IdTable() {
            this(false);
        }

        IdTable(boolean keepLines) {
            for (int i = 0; i < segments.length; i++) {
                segments[i] = new Segment(keepLines);
            }
        }

        private Segment segment(long h1) {
            return segments[(int) (h1 >>> 60)];
        }

        int size() {
            int n = 0;
            for (Segment s : segments) {
                n += s.size();
            }
            return n;
        }

        long line(String id) {
            long h1 = nonZero(io.selection.voting.Hash64.of(id));
            return segment(h1).line(h1, second(id));
        }

        int get(String id) {
            long h1 = nonZero(io.selection.voting.Hash64.of(id));
            return segment(h1).get(h1, second(id));
        }

        boolean putIfAbsent(String id, int value) {
            return putIfAbsent(io.selection.voting.Hash64.of(id), second(id), value, 0);
        }

        boolean putIfAbsent(long hash, long secondHash, int value) {
            return putIfAbsent(hash, secondHash, value, 0);
        }

        boolean putIfAbsent(long hash, long secondHash, int value, int line) {
            long h1 = nonZero(hash);
            return segment(h1).putIfAbsent(h1, secondHash, value, line);
        }

        void replace(String id, int value) {
            long h1 = nonZero(io.selection.voting.Hash64.of(id));
            segment(h1).replace(h1, second(id), value);
        }

        private static long nonZero(long h) {
            return h == 0 ? 1 : h;
        }

        private static long second(String s) {
            return io.selection.voting.Hash64.second(s);
        }
    }

    /** One sixteenth of an {@link IdTable}: open addressing by the second hash, at most two-thirds full. */
    private static final class Segment {
        private long[] a = new long[64];
        private long[] b = new long[64];
        private int[] v = new int[64];
        private int[] lines;
        private int size;

        Segment(boolean keepLines) {
            lines = keepLines ? new int[64] : null;
        }

        long line(long h1, long h2) {
            if (lines == null) {
                return -1;
            }
            int i = find(h1, h2);
            return i < 0 ? -1 : lines[i];
        }

        private int find(long h1, long h2) {
            int mask = a.length - 1;
            for (int i = (int) (h2 & mask); ; i = (i + 1) & mask) {
                if (a[i] == 0) {
                    return -1;
                }
                if (a[i] == h1 && b[i] == h2) {
                    return i;
                }
            }
        }

        int size() {
            return size;
        }

        int get(long h1, long h2) {
            int i = find(h1, h2);
            return i < 0 ? IdTable.ABSENT : v[i];
        }

        boolean putIfAbsent(long h1, long h2, int value, int line) {
            if (size * 3 >= a.length * 2) {
                grow();
            }
            return put(h1, h2, value, line, false);
        }

        void replace(long h1, long h2, int value) {
            put(h1, h2, value, 0, true);
        }

        private boolean put(long h1, long h2, int value, int line, boolean replace) {
            int mask = a.length - 1;
            for (int i = (int) (h2 & mask); ; i = (i + 1) & mask) {
                if (a[i] == 0) {
                    a[i] = h1;
                    b[i] = h2;
                    v[i] = value;
                    if (lines != null) {
                        lines[i] = line;
                    }
                    size++;
                    return true;
                }
                if (a[i] == h1 && b[i] == h2) {
                    if (replace) {
                        v[i] = value;
                    }
                    return false;
                }
            }
        }

        private void grow() {
            long[] oa = a;
            long[] ob = b;
            int[] ov = v;
            int[] ol = lines;
            // every new array first: running out of memory here leaves the table as it was
            long[] na = new long[oa.length * 2];
            long[] nb = new long[na.length];
            int[] nv = new int[na.length];
            int[] nl = ol == null ? null : new int[na.length];
            a = na;
            b = nb;
            v = nv;
            lines = nl;
            size = 0;
            for (int i = 0; i < oa.length; i++) {
                if (oa[i] != 0) {
                    put(oa[i], ob[i], ov[i], ol == null ? 0 : ol[i], false);
                }
            }
        }
    }
}
