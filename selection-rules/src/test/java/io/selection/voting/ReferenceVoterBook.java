package io.selection.voting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The voter book as it stood before issue 17 (commit 2c4f2fc), kept verbatim apart from its name,
 * its id index's name and the state read-outs at the end, so that {@code VoterBookDifferentialTest}
 * and {@code VoterBookBench} can hold the packed book against it. Not used by the product.
 *
 * <p>The decision state of the voters of one vote lane in one edition, packed: every vote id decided
 * (a {@link ReferenceVoteIdIndex}), and per voter its accepted votes, each as one long holding its day, its
 * category and its work (as small ints): what the daily limits need and no more. About 100 bytes
 * a voter (the map entry, its id and one array) plus 8 an accepted vote, plus 16 to 32 a vote for
 * the ids. Votes may arrive in any order: a resent vote is recognised on any day, and a late vote
 * is judged against its own day.
 */
final class ReferenceVoterBook {

    /**
     * Per voter, every accepted vote as one long: its day, its category's index and its work's
     * code ({@link #entry}); slot 0 holds the count. About 8 bytes an accepted vote plus one array
     * and one map entry a voter.
     */
    private final Map<String, long[]> voters = new HashMap<>();
    private final ReferenceVoteIdIndex ids;

    /** A book that remembers every vote id it decided, so a resent vote gets its first decision. */
    ReferenceVoterBook() {
        this(true);
    }

    /**
     * With {@code rememberIds} false the caller promises every vote is new (the recount, which
     * counts ids itself), and the book keeps only the voters' days: 32 to 64 bytes a vote less.
     */
    ReferenceVoterBook(boolean rememberIds) {
        this.ids = rememberIds ? new ReferenceVoteIdIndex() : null;
    }

    public int voters() {
        return voters.size();
    }

    /** Decides one vote and remembers it at once; the caller rebuilds the book if the group is not committed. */
    public VoterBook.Decided decide(Vote vote, EditionVotingState edition) {
        long idHash = ids == null ? 0 : Hash64.of(vote.voteId());
        long earlier = ids == null ? -1 : ids.get(idHash);
        if (earlier >= 0) {
            return new VoterBook.Decided(ReferenceVoteIdIndex.decode(vote.voteId(), earlier), null);
        }
        LocalDate day = VoteDecisionPolicy.dayOf(vote.castAt(), edition);
        // read only: a refused vote (say, dated days ahead) must not move the voter's kept days
        long[] kept = day == null ? null : voters.get(vote.voterId());
        DayTally tally = day == null ? null : kept == null ? DayTally.EMPTY
                : new Tally(kept, day.toEpochDay(), edition);
        RefusalReason reason = VoteDecisionPolicy.decide(vote, edition, tally);
        VoteDecision decision = new VoteDecision(vote.voteId(), vote.voterId(), vote.workId(),
                edition.categoryOf(vote.workId()), vote.castAt(), vote.receivedAt(), day,
                reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, vote.ip(), vote.device());
        if (ids != null) {
            ids.putIfAbsent(idHash, ReferenceVoteIdIndex.encode(decision));
        }
        if (decision.accepted()) {
            record(vote.voterId(), day.toEpochDay(), decision.workId(), decision.category(), edition);
        }
        return new VoterBook.Decided(decision.outcome(), decision);
    }

    /** Folds in a decision read back from the log (rebuilding the book after a restart). */
    public void replay(VoteDecision decision, EditionVotingState edition) {
        replay(VoteGroup.of(java.util.List.of(decision)), edition);
    }

    /** Folds in a group read back from the log, column by column: ids first decided, and accepted votes by day. */
    public void replay(VoteGroup g, EditionVotingState edition) {
        for (int i = 0; i < g.size(); i++) {
            if (ids != null) {
                long idHash = g.idHash(i);
                if (ids.get(idHash) >= 0) {
                    continue;
                }
                ids.putIfAbsent(idHash, ReferenceVoteIdIndex.encode(g.reason(i)));
            }
            long day = g.epochDay(i);
            if (day != VoteGroup.NO_DAY && g.accepted(i)) {
                record(g.voterId(i), day, g.workId(i), g.category(i), edition);
            }
        }
    }

    /** Records one accepted vote of the voter on the day. */
    private void record(String voterId, long day, String workId, String category, EditionVotingState edition) {
        long[] votes = voters.get(voterId);
        if (votes == null) {
            votes = new long[3];
            voters.put(voterId, votes);
        } else if (votes[0] + 1 == votes.length) {
            votes = Arrays.copyOf(votes, votes.length * 2);
            voters.put(voterId, votes);
        }
        votes[(int) ++votes[0]] = entry(day, edition.categoryIndex(category), edition.workCode(workId));
    }

    private static final long DAY_BIAS = 1L << 23;

    /** Day (24 bits: 22,000 years either side of 1970), category index (8 bits) and work code (32 bits) in one long. */
    static long entry(long day, int category, int work) {
        if (day < -DAY_BIAS || day >= DAY_BIAS || category < -1 || category > 254) {
            throw new IllegalArgumentException("day " + day + " or category " + category + " out of range");
        }
        return (day + DAY_BIAS) << 40 | (long) (category + 1) << 32 | (work & 0xFFFFFFFFL);
    }

    private static long dayOf(long entry) {
        return (entry >>> 40) - DAY_BIAS;
    }

    private static int categoryOf(long entry) {
        return (int) ((entry >>> 32) & 0xFF) - 1;
    }

    private static int workOf(long entry) {
        return (int) entry;
    }

    /** What the daily limits read of one voter's day, from the packed votes. */
    private record Tally(long[] votes, long day, EditionVotingState edition) implements DayTally {

        @Override
        public int acceptedFor(String workId) {
            int code = edition.workCode(workId);
            int n = 0;
            for (int i = 1; i <= votes[0]; i++) {
                if (dayOf(votes[i]) == day && workOf(votes[i]) == code) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int distinctWorksIn(String category) {
            int index = edition.categoryIndex(category);
            int n = 0;
            for (int i = 1; i <= votes[0]; i++) {
                if (dayOf(votes[i]) == day && categoryOf(votes[i]) == index && firstOf(i)) {
                    n++;
                }
            }
            return n;
        }

        private boolean firstOf(int at) {
            int work = workOf(votes[at]);
            for (int i = 1; i < at; i++) {
                if (dayOf(votes[i]) == day && workOf(votes[i]) == work) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- read-outs for the differential test (not in the original) ----

    /** The voter's accepted votes as {@link #entry} longs, sorted; empty when the voter has none. */
    long[] accepted(String voterId) {
        long[] votes = voters.get(voterId);
        if (votes == null) {
            return new long[0];
        }
        long[] out = Arrays.copyOfRange(votes, 1, (int) votes[0] + 1);
        Arrays.sort(out);
        return out;
    }

    /** The outcome code kept for the vote id, or -1 (always -1 when ids are not remembered). */
    long outcomeOf(String voteId) {
        return ids == null ? -1 : ids.get(Hash64.of(voteId));
    }

    int ids() {
        return ids == null ? 0 : ids.size();
    }
}
