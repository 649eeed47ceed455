package io.selection.voting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decision state of the voters of one vote lane in one edition, packed, with no object per vote
 * or per vote id: every vote id decided with its first outcome, and per voter its accepted votes by
 * day, what the daily limits need and no more. Votes may arrive in any order: a resent vote is
 * recognised on any day, and a late vote is judged against its own day, so every day of a voter is
 * kept (no rule bounds how late a vote may arrive while voting is open, so no day can be dropped).
 *
 * <p>Vote ids and voter ids are keys of {@link IdTable}s, by the 128-bit hash of {@link Hash64} (vote
 * ids by 125 of its bits, the other 3 holding the outcome): two voters whose ids share a 64-bit hash
 * keep limits of their own, and two sharing all 128 bits is a 2^-128 chance a pair, about 10^-25
 * among ten million voters. A voter's accepted votes are ints in one array: per day with votes, a
 * marker of the day, then one int per vote naming its work in the book's own short list of works
 * ({@link #works}: a work code and a category index each). A voter takes 51 to 64 bytes (its table
 * slot, a page's reference, its array's header and count), 4 more a day voted on and 4 an accepted
 * vote, and the array's spare room (up to half that again); a vote id takes 21 to 32 bytes (a 16-byte
 * slot). Measured by {@code VoterBookBench}: 131 bytes a voter of 9.5 accepted votes on 6 days, where
 * a map of {@code long[]} took 241.
 */
public final class VoterBook {

    /** The result of deciding one vote: the outcome, and the decision to record (null for a repeat). */
    public record Decided(VoteOutcome outcome, VoteDecision decision) {
    }

    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Days are kept within 2^23 of 1970-01-01 (22,000 years either side), as they always were. */
    private static final long DAY_BIAS = 1L << 23;

    /** Bits of an outcome's code ({@link #encode}): 0 for accepted, 1 + the refusal reason's ordinal. */
    private static final int OUTCOME_BITS = 32 - Integer.numberOfLeadingZeros(RefusalReason.values().length);

    /** Vote id to its first outcome ({@link #encode}), the book's own or shared by lanes; null when the caller counts ids itself. */
    private final VoteIds ids;
    /** Voter id to the voter's number: its place in {@link #pages}. */
    private final IdTable voters = new IdTable();
    /**
     * Per voter number, its accepted votes: [n, then n ints: a day's marker (negative, {@link #marker})
     * followed by that day's votes, each a work number (not negative), day after day]. In pages of
     * 1,024 voters, so adding voters never copies them all.
     */
    private int[][][] pages = new int[16][][];
    private int voterCount;
    /** The works of accepted votes, by (category index, work code), to their work number. */
    private final IdTable works = new IdTable();
    private int[] workCodes = new int[64];
    private int[] workCategories = new int[64];
    private int workCount;
    private final Tally tally = new Tally();

    /** A book that remembers every vote id it decided, so a resent vote gets its first decision. */
    public VoterBook() {
        this(true);
    }

    /**
     * With {@code rememberIds} false the caller promises every vote is new (the recount, which
     * counts ids itself), and the book keeps only the voters' days: 21 to 32 bytes a vote less.
     */
    public VoterBook(boolean rememberIds) {
        this.ids = rememberIds ? IdTable.ofSmallValues(OUTCOME_BITS) : null;
    }

    /**
     * A book whose vote ids are {@code ids}, shared with the books of the other lanes: a vote whose id
     * any of them decided is a repeat here too ({@link #sharedIds()} makes such a table).
     */
    public VoterBook(VoteIds ids) {
        this.ids = java.util.Objects.requireNonNull(ids);
    }

    /** A table of vote ids to share among the books of several lanes. */
    public static SharedVoteIds sharedIds() {
        return new SharedVoteIds(OUTCOME_BITS);
    }

    public int voters() {
        return voterCount;
    }

    /** Decides one vote and remembers it at once; the caller rebuilds the book if the group is not committed. */
    public Decided decide(Vote vote, EditionVotingState edition) {
        return decide(vote, edition, idHash(vote), idHash2(vote), hashOrZero(vote.voterId()),
                hashOrZero2(vote.voterId()));
    }

    /** Votes of a run read ahead at a time ({@link #decideAll}). */
    static final int AHEAD = 32;
    /** Per vote read ahead: its id's two hashes, then its voter's. */
    private final long[] aheadHashes = new long[4 * AHEAD];
    /** What the reads ahead read, kept so that they are not left out as unused. */
    private long readAhead;

    /**
     * Decides a run of votes, one after another, as {@link #decide} would one at a time. The votes
     * are taken {@value #AHEAD} at a time, and for each such slice the book first reads what their
     * decisions will look up (each vote id's slot, each voter's slot, then each known voter's
     * votes), in loops that do nothing else: in a book of millions of ids each of those reads is a
     * cache miss, and loops this short let the misses of a slice overlap, where a decision, long
     * and depending on what it looked up, waited for its own misses one after another (the id
     * tables were a fifth of the Kafka door's CPU at ten million votes; docs/performance.md). The
     * reads change nothing, so the decisions are the same as {@link #decide}'s.
     */
    public List<Decided> decideAll(List<Vote> votes, EditionVotingState edition) {
        List<Decided> decided = new ArrayList<>(votes.size());
        long[] h = aheadHashes;
        for (int from = 0; from < votes.size(); from += AHEAD) {
            int n = Math.min(AHEAD, votes.size() - from);
            for (int k = 0; k < n; k++) {
                Vote vote = votes.get(from + k);
                h[4 * k] = idHash(vote);
                h[4 * k + 1] = idHash2(vote);
                h[4 * k + 2] = hashOrZero(vote.voterId());
                h[4 * k + 3] = hashOrZero2(vote.voterId());
            }
            readAhead(n);
            for (int k = 0; k < n; k++) {
                decided.add(decide(votes.get(from + k), edition, h[4 * k], h[4 * k + 1], h[4 * k + 2], h[4 * k + 3]));
            }
        }
        return decided;
    }

    /**
     * Reads ahead the look-ups of the {@code n} votes whose hashes are in {@link #aheadHashes}:
     * each vote id's slot and each voter's (a voter hash of 0 and 0 is read as any other), then
     * each known voter's votes. Changes nothing.
     */
    private void readAhead(int n) {
        long[] h = aheadHashes;
        long read = 0;
        for (int k = 0; k < n; k++) {
            if (ids != null) {
                read += ids.touch(h[4 * k], h[4 * k + 1]);
            }
            read += voters.touch(h[4 * k + 2], h[4 * k + 3]);
        }
        for (int k = 0; k < n; k++) {
            int voter = voters.get(h[4 * k + 2], h[4 * k + 3]);
            if (voter != IdTable.ABSENT) {
                read += votesOf(voter)[0];
            }
        }
        readAhead += read;
    }

    /** The vote id's hashes, or 0 in a book that keeps no ids (the recount's, which counts ids itself). */
    private long idHash(Vote vote) {
        return ids == null ? 0 : Hash64.of(vote.voteId());
    }

    private long idHash2(Vote vote) {
        return ids == null ? 0 : Hash64.second(vote.voteId());
    }

    private static long hashOrZero(String s) {
        return s == null ? 0 : Hash64.of(s);
    }

    private static long hashOrZero2(String s) {
        return s == null ? 0 : Hash64.second(s);
    }

    /** {@link #decide(Vote, EditionVotingState)}, with the vote id's and the voter's hashes worked out. */
    private Decided decide(Vote vote, EditionVotingState edition, long idHash, long idHash2, long voterHash,
                           long voterHash2) {
        if (ids != null) {
            int earlier = ids.get(idHash, idHash2);
            if (earlier != IdTable.ABSENT) {
                return new Decided(decode(vote.voteId(), earlier), null);
            }
        }
        Judged judged = judge(vote, edition, voterHash, voterHash2);
        VoteDecision decision = judged.decision();
        if (ids != null && !ids.putIfAbsent(idHash, idHash2, encode(decision.reason()))) {
            // another lane sharing the ids decided it meanwhile: a repeat of that decision
            return new Decided(decode(vote.voteId(), ids.get(idHash, idHash2)), null);
        }
        if (decision.accepted()) {
            record(judged.voter(), judged.voterHash(), judged.voterHash2(), decision.day().toEpochDay(),
                    decision.workId(), decision.category(), edition);
        }
        return new Decided(decision.outcome(), decision);
    }

    /**
     * The decision the rules give the vote against the book as it stands, remembering nothing: what
     * a later entry under an id already decided (a duplicate, which counts nowhere) must say.
     */
    public VoteDecision evaluate(Vote vote, EditionVotingState edition) {
        return judge(vote, edition, hashOrZero(vote.voterId()), hashOrZero2(vote.voterId())).decision();
    }

    /** A vote judged against the book: its decision, and its voter's number and hashes (for recording it). */
    private record Judged(VoteDecision decision, int voter, long voterHash, long voterHash2) {
    }

    private Judged judge(Vote vote, EditionVotingState edition, long voterHash, long voterHash2) {
        LocalDate day = VoteDecisionPolicy.dayOf(vote.castAt(), edition);
        int voter = IdTable.ABSENT;
        DayTally dayTally = null;
        if (day != null) {
            // read only: a refused vote (say, dated days ahead) must not move the voter's kept days
            java.util.Objects.requireNonNull(vote.voterId(), "a vote in the voting window names its voter");
            voter = voters.get(voterHash, voterHash2);
            dayTally = voter == IdTable.ABSENT ? DayTally.EMPTY
                    : tally.of(votesOf(voter), day.toEpochDay(), vote.workId(), edition);
        }
        RefusalReason reason = VoteDecisionPolicy.decide(vote, edition, dayTally);
        VoteDecision decision = new VoteDecision(vote.voteId(), vote.voterId(), vote.workId(),
                edition.categoryOf(vote.workId()), vote.castAt(), vote.receivedAt(), day,
                reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, vote.ip(), vote.device());
        return new Judged(decision, voter, voterHash, voterHash2);
    }

    /** Folds in a decision read back from the log (rebuilding the book after a restart). */
    public void replay(VoteDecision decision, EditionVotingState edition) {
        replay(VoteGroup.of(java.util.List.of(decision)), edition);
    }

    /**
     * Folds in a group read back from the log, column by column: ids first decided, and accepted
     * votes by day; {@value #AHEAD} votes at a time, their look-ups read ahead as in {@link #decideAll}.
     */
    public void replay(VoteGroup g, EditionVotingState edition) {
        long[] h = aheadHashes;
        for (int from = 0; from < g.size(); from += AHEAD) {
            int n = Math.min(AHEAD, g.size() - from);
            for (int k = 0; k < n; k++) {
                int i = from + k;
                boolean kept = g.epochDay(i) != VoteGroup.NO_DAY && g.accepted(i);
                h[4 * k] = g.idHash(i);
                h[4 * k + 1] = g.idHash2(i);
                h[4 * k + 2] = kept ? Hash64.of(g.voterId(i)) : 0;
                h[4 * k + 3] = kept ? Hash64.second(g.voterId(i)) : 0;
            }
            readAhead(n);
            for (int k = 0; k < n; k++) {
                int i = from + k;
                if (ids != null && !ids.putIfAbsent(h[4 * k], h[4 * k + 1], encode(g.reason(i)))) {
                    continue;
                }
                long day = g.epochDay(i);
                if (day != VoteGroup.NO_DAY && g.accepted(i)) {
                    record(voters.get(h[4 * k + 2], h[4 * k + 3]), h[4 * k + 2], h[4 * k + 3], day, g.workId(i),
                            g.category(i), edition);
                }
            }
        }
    }

    /** Records one accepted vote of the voter ({@code voter}, or {@link IdTable#ABSENT} for a new one) on the day. */
    private void record(int voter, long voterHash, long voterHash2, long day, String workId, String category,
                        EditionVotingState edition) {
        int categoryIndex = edition.categoryIndex(category);
        if (day < -DAY_BIAS || day >= DAY_BIAS || categoryIndex < -1 || categoryIndex > 254) {
            throw new IllegalArgumentException("day " + day + " or category " + categoryIndex + " out of range");
        }
        int work = workNumber(edition.workCode(workId), categoryIndex);
        if (voter == IdTable.ABSENT) {
            voter = voterCount++;
            voters.putIfAbsent(voterHash, voterHash2, voter);
            if (voter >>> PAGE_BITS == pages.length) {
                pages = Arrays.copyOf(pages, pages.length * 2);
            }
            if (pages[voter >>> PAGE_BITS] == null) {
                pages[voter >>> PAGE_BITS] = new int[PAGE][];
            }
            pages[voter >>> PAGE_BITS][voter & (PAGE - 1)] = new int[4];
        }
        int[] votes = votesOf(voter);
        int[] grown = add(votes, marker(day), work);
        if (grown != votes) {
            pages[voter >>> PAGE_BITS][voter & (PAGE - 1)] = grown;
        }
    }

    private int[] votesOf(int voter) {
        return pages[voter >>> PAGE_BITS][voter & (PAGE - 1)];
    }

    /** The book's number for a work code in a category index, numbered as first met. */
    private int workNumber(int code, int categoryIndex) {
        // the pair as one key that is never 0 (the category index is at least -1)
        long key = ((long) (categoryIndex + 1) << 32 | (code & 0xFFFFFFFFL)) + 1;
        int number = works.get(key, 0);
        if (number == IdTable.ABSENT) {
            number = workCount++;
            works.putIfAbsent(key, 0, number);
            if (number == workCodes.length) {
                workCodes = Arrays.copyOf(workCodes, number * 2);
                workCategories = Arrays.copyOf(workCategories, number * 2);
            }
            workCodes[number] = code;
            workCategories[number] = categoryIndex;
        }
        return number;
    }

    /**
     * Where the day's marker stands in a voter's votes, or -1. Searched from the end: votes mostly
     * come in time order, so the day asked for is mostly the voter's latest, and the search passes
     * only that day's few votes instead of the whole week's.
     */
    private static int markerAt(int[] votes, int marker) {
        for (int i = votes[0]; i >= 1; i--) {
            if (votes[i] == marker) {
                return i;
            }
        }
        return -1;
    }

    /** A day's marker in a voter's votes: negative, so never a work number. */
    private static int marker(long day) {
        return Integer.MIN_VALUE | (int) (day + DAY_BIAS);
    }

    /** Adds a vote for {@code work} at the end of the day's votes (a new day goes last); returns the array, grown if need be. */
    private static int[] add(int[] votes, int marker, int work) {
        int n = votes[0];
        int at = -1;
        int m = markerAt(votes, marker);
        if (m > 0) {
            at = m + 1;
            while (at <= n && votes[at] >= 0) {
                at++;
            }
        }
        int needed = n + 1 + (at < 0 ? 2 : 1);
        if (needed > votes.length) {
            votes = Arrays.copyOf(votes, Math.max(needed, votes.length + (votes.length >> 1)));
        }
        if (at < 0) {
            votes[n + 1] = marker;
            votes[n + 2] = work;
            votes[0] = n + 2;
        } else {
            System.arraycopy(votes, at, votes, at + 1, n + 1 - at);
            votes[at] = work;
            votes[0] = n + 1;
        }
        return votes;
    }

    /** A decision's outcome as a small number: 0 accepted, 1 + the reason's ordinal when refused. */
    static int encode(RefusalReason reason) {
        return reason == null ? 0 : reason.ordinal() + 1;
    }

    static VoteOutcome decode(String voteId, int outcome) {
        return new VoteOutcome(voteId, outcome == 0 ? Decision.ACCEPTED : Decision.REFUSED,
                outcome == 0 ? null : RefusalReason.values()[outcome - 1], true);
    }

    /**
     * What the daily limits read of one voter's day: that day's votes in the voter's array, from
     * {@code from} to {@code to}. One per book, reused for every vote (a book serves one thread).
     */
    private final class Tally implements DayTally {
        private int[] votes;
        private int from;
        private int to;
        private String workId;
        private int workCode;
        private boolean workCodeKnown;
        private EditionVotingState edition;

        Tally of(int[] votes, long day, String workId, EditionVotingState edition) {
            this.votes = votes;
            this.workId = workId;
            this.workCodeKnown = false;
            this.edition = edition;
            from = 0;
            to = 0;
            if (day >= -DAY_BIAS && day < DAY_BIAS) {
                int n = votes[0];
                int m = markerAt(votes, marker(day));
                if (m > 0) {
                    from = m + 1;
                    to = from;
                    while (to <= n && votes[to] >= 0) {
                        to++;
                    }
                }
            }
            return this;
        }

        @Override
        public int acceptedFor(String workId) {
            int code = code(workId);
            int n = 0;
            for (int i = from; i < to; i++) {
                if (workCodes[votes[i]] == code) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int distinctWorksIn(String category) {
            int index = edition.categoryIndex(category);
            int n = 0;
            for (int i = from; i < to; i++) {
                if (workCategories[votes[i]] == index && firstOf(i)) {
                    n++;
                }
            }
            return n;
        }

        private int code(String workId) {
            if (!workId.equals(this.workId)) {
                return edition.workCode(workId);
            }
            if (!workCodeKnown) {
                workCode = edition.workCode(workId);
                workCodeKnown = true;
            }
            return workCode;
        }

        private boolean firstOf(int at) {
            int code = workCodes[votes[at]];
            for (int i = from; i < at; i++) {
                if (workCodes[votes[i]] == code) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- read-outs of the kept state, for tests ----

    /** Day (24 bits), category index (8 bits) and work code (32 bits) in one long: how the voter book first kept a vote. */
    static long entry(long day, int category, int work) {
        return (day + DAY_BIAS) << 40 | (long) (category + 1) << 32 | (work & 0xFFFFFFFFL);
    }

    /** The voter's accepted votes, each as one {@link #entry} long, sorted; empty when the voter has none. */
    long[] accepted(String voterId) {
        int voter = voters.get(voterId);
        if (voter == IdTable.ABSENT) {
            return new long[0];
        }
        int[] votes = votesOf(voter);
        long[] out = new long[votes[0]];
        int k = 0;
        long day = 0;
        for (int i = 1; i <= votes[0]; i++) {
            if (votes[i] < 0) {
                day = (votes[i] & Integer.MAX_VALUE) - DAY_BIAS;
            } else {
                out[k++] = entry(day, workCategories[votes[i]], workCodes[votes[i]]);
            }
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    /** The outcome code kept for the vote id ({@link #encode}), or -1 (always, when ids are not remembered). */
    long outcomeOf(String voteId) {
        int outcome = ids == null ? IdTable.ABSENT : ids.get(Hash64.of(voteId), Hash64.second(voteId));
        return outcome == IdTable.ABSENT ? -1 : outcome;
    }

    /** Vote ids remembered. */
    int ids() {
        return ids == null ? 0 : ids.size();
    }
}
