package io.selection.voting;

/**
 * The vote ids of one edition decided by every lane of a door: so that a vote id sent again under
 * another voter, which lands in another lane, is a repeat there as well, answered with its first
 * decision and counted nowhere, as the recount counts it (docs/rules.md, "One vote id is one vote").
 * Thread-safe: the ids are spread over 64 tables by 6 bits of their second hash, each table
 * guarded by its own lock, so lanes rebuilt in parallel rarely wait for each other. Memory is that
 * of one {@link IdTable} of small values (21 to 32 bytes an id), which replaces the lanes' own.
 *
 * <p>An id put here by a decision that is then not committed stays: the door that owns the table
 * {@link #clear}s it before it rebuilds its lanes from the log after any failure.
 */
public final class SharedVoteIds implements VoteIds {

    private static final int STRIPE_BITS = 6;
    private final int valueBits;
    private volatile IdTable[] stripes;

    public SharedVoteIds(int valueBits) {
        this.valueBits = valueBits;
        this.stripes = fresh();
    }

    private IdTable[] fresh() {
        IdTable[] tables = new IdTable[1 << STRIPE_BITS];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = IdTable.ofSmallValues(valueBits);
        }
        return tables;
    }

    private IdTable stripe(long secondHash) {
        // the top bits of the second hash: key bits (a value sits in its last bits), and not what IdTable's directory uses
        return stripes[(int) (secondHash >>> (64 - STRIPE_BITS))];
    }

    @Override
    public int get(long hash, long secondHash) {
        IdTable t = stripe(secondHash);
        synchronized (t) {
            return t.get(hash, secondHash);
        }
    }

    @Override
    public boolean putIfAbsent(long hash, long secondHash, int value) {
        IdTable t = stripe(secondHash);
        synchronized (t) {
            return t.putIfAbsent(hash, secondHash, value);
        }
    }

    /** Without the stripe's lock: a read ahead may see a table being changed, which does it no harm ({@link IdTable#touch}). */
    @Override
    public long touch(long hash, long secondHash) {
        return stripe(secondHash).touch(hash, secondHash);
    }

    /** Forgets every id: only while no lane decides, before the lanes are rebuilt from the log. */
    public void clear() {
        stripes = fresh();
    }

    @Override
    public int size() {
        int n = 0;
        for (IdTable t : stripes) {
            synchronized (t) {
                n += t.size();
            }
        }
        return n;
    }
}
