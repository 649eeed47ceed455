package io.selection.voting;

import java.util.Arrays;

/**
 * The vote id index as it stood before issue 17 (commit 2c4f2fc), verbatim apart from its name: the
 * reference {@link ReferenceVoterBook} keys its ids with it.
 *
 * <p>A map from 64-bit vote-id hashes to a long, in open-addressing arrays at most half full: 32
 * bytes a vote, so ten million take about 320 MB. The lanes keep each vote's first outcome in it,
 * which makes a resent vote, on any later day, come back with its first decision instead of a
 * second one; the read models keep where in the log each decision is. Two different ids sharing
 * a 64-bit hash would be taken for one (odds near 10^-6 at 10^7 votes).
 */
final class ReferenceVoteIdIndex {

    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private int size;

    /** The value recorded for the hash, or -1. */
    public long get(long hash) {
        long key = hash == 0 ? 1 : hash;
        int mask = keys.length - 1;
        for (int i = (int) (mix(key) & mask); ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                return -1;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** Records the value unless the hash is known already. */
    public void putIfAbsent(long hash, long value) {
        if (size * 2 >= keys.length) {
            grow();
        }
        long key = hash == 0 ? 1 : hash;
        int mask = keys.length - 1;
        for (int i = (int) (mix(key) & mask); ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                return;
            }
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        // both new arrays first: running out of memory here leaves the index as it was
        long[] newKeys = new long[oldKeys.length * 2];
        long[] newValues = new long[newKeys.length];
        keys = newKeys;
        values = newValues;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    private static long mix(long key) {
        key ^= key >>> 31;
        key *= 0x9E3779B97F4A7C15L;
        return key ^ (key >>> 29);
    }

    /** A decision's outcome as a small number: 0 accepted, 1 + the reason's ordinal when refused. */
    public static int encode(VoteDecision decision) {
        return encode(decision.reason());
    }

    /** The same, from the refusal reason (null when accepted). */
    public static int encode(RefusalReason reason) {
        return reason == null ? 0 : reason.ordinal() + 1;
    }

    public static VoteOutcome decode(String voteId, long outcome) {
        return new VoteOutcome(voteId, outcome == 0 ? Decision.ACCEPTED : Decision.REFUSED,
                outcome == 0 ? null : RefusalReason.values()[(int) outcome - 1], true);
    }
}
