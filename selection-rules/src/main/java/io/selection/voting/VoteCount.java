package io.selection.voting;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counting rule of the public vote, in one place (docs/rules.md, "Voting" and "Suspicious
 * votes"): one vote id is one vote, so only the first decision logged under an id counts and a
 * later one (say, the same id under another voter, decided by another lane) is a duplicate that
 * counts nowhere; a work's valid votes are its counted accepted votes less those invalidated; a
 * vote is invalidated at most once, however many flagged sets hold it. The server's tallies,
 * the certified tallies and the auditors' verifier all count with this class.
 */
public final class VoteCount {

    private static final int REFUSED = -1;
    /**
     * An id's code in the table, in its 16 value bits: 0 refused, 1 + the work's slot for an accepted
     * vote (slots up to 32,765), {@link #OVERFLOW} for a slot past those (kept in {@link #overflow}),
     * and the {@link #INVALIDATED} bit once the vote is invalidated.
     */
    private static final int CODE_BITS = 16;
    private static final int INVALIDATED = 1 << (CODE_BITS - 1);
    private static final int OVERFLOW = INVALIDATED - 1;

    private final IdTable ids;
    /** The slots of accepted votes whose work's slot does not fit a code: none in any edition of a few thousand works. */
    private IdTable overflow;

    /** A count of vote ids, with nothing else kept per vote. */
    public VoteCount() {
        this(false);
    }

    /**
     * With {@code keepLines}, also where each vote id's first decision is in the log (4 bytes a slot
     * more, in the same {@link IdTable}: the read models' look-up of a vote by id). An id's work and
     * fate are a 16-bit code inside its key: 16 bytes a slot, 20 with lines.
     */
    public VoteCount(boolean keepLines) {
        this.ids = IdTable.ofSmallValues(CODE_BITS, keepLines);
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
        return count(put(Hash64.of(d.voteId()), Hash64.second(d.voteId()), value, 0), value, d.reason());
    }

    /** Keeps the id's first decision: its work's slot, or {@link #REFUSED}; true when the id was new. */
    private boolean put(long hash, long secondHash, int slot, int line) {
        int code = slot == REFUSED ? 0 : Math.min(slot + 1, OVERFLOW);
        boolean first = ids.putIfAbsent(hash, secondHash, code, line);
        if (first && code == OVERFLOW) {
            if (overflow == null) {
                overflow = new IdTable();
            }
            overflow.putIfAbsent(hash, secondHash, slot);
        }
        return first;
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

    /** Votes a caller counts at a time after reading them ahead ({@link #readAhead}). */
    public static final int AHEAD = 32;
    /** What the reads ahead read, kept so that they are not left out as unused. */
    private long readAhead;

    /**
     * Reads the table's memory where votes {@code from} to {@code to - 1} of the group will be
     * counted, ahead of counting them, and changes nothing: in a table of millions of ids each
     * look-up is a cache miss, and a loop that does nothing else lets the misses of a few dozen
     * votes overlap, where counting them, each depending on what it found, waits for each in turn
     * (as {@link VoterBook#decideAll} does for the door).
     */
    public void readAhead(VoteGroup g, int from, int to) {
        long read = 0;
        for (int i = from; i < to; i++) {
            read += ids.touch(g.idHash(i), g.idHash2(i));
        }
        readAhead += read;
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
        return count(put(g.idHash(i), g.idHash2(i), value, Math.toIntExact(line)), value, g.reason(i));
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
            int code = ids.get(id);
            if (code == IdTable.ABSENT || code == 0 || (code & INVALIDATED) != 0) {
                continue; // unknown, refused or invalidated before
            }
            if (seen != null && !seen.putIfAbsent(id, 0)) {
                continue;
            }
            int value = code == OVERFLOW ? overflow.get(id) : code - 1;
            lost.merge(workIds.get(value), 1L, Long::sum);
            if (apply) {
                ids.replace(id, code | INVALIDATED);
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
}
