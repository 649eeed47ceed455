package io.selection.voting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The decision state of the voters of one vote lane in one edition, packed: every vote id decided
 * (a {@link VoteIdIndex}), and per voter its calendar days with accepted votes, each with the
 * works of those votes (as small ints) and their categories: what the daily limits need and no
 * more. About 100 to 200 bytes a voter and day plus 37 a vote, so a day of ten million votes fits
 * in well under 2 GiB. Votes may arrive in any order: a resent vote is recognised on any day, and
 * a late vote is judged against its own day.
 */
public final class VoterBook {

    /** The result of deciding one vote: the outcome, and the decision to record (null for a repeat). */
    public record Decided(VoteOutcome outcome, VoteDecision decision) {
    }

    private final Map<String, VoterDays> voters = new HashMap<>();
    private final VoteIdIndex ids;

    /** A book that remembers every vote id it decided, so a resent vote gets its first decision. */
    public VoterBook() {
        this(true);
    }

    /**
     * With {@code rememberIds} false the caller promises every vote is new (the recount, which
     * counts ids itself), and the book keeps only the voters' days: 32 to 64 bytes a vote less.
     */
    public VoterBook(boolean rememberIds) {
        this.ids = rememberIds ? new VoteIdIndex() : null;
    }

    public int voters() {
        return voters.size();
    }

    /** Decides one vote and remembers it at once; the caller rebuilds the book if the group is not committed. */
    public Decided decide(Vote vote, EditionVotingState edition) {
        long idHash = ids == null ? 0 : Hash64.of(vote.voteId());
        long earlier = ids == null ? -1 : ids.get(idHash);
        if (earlier >= 0) {
            return new Decided(VoteIdIndex.decode(vote.voteId(), earlier), null);
        }
        LocalDate day = VoteDecisionPolicy.dayOf(vote.castAt(), edition);
        // read only: a refused vote (say, dated days ahead) must not move the voter's kept days
        DaySlot kept = day == null ? null : keptSlot(vote.voterId(), (int) day.toEpochDay());
        DayTally tally = day == null ? null : kept == null ? DayTally.EMPTY : kept.tally(edition);
        RefusalReason reason = VoteDecisionPolicy.decide(vote, edition, tally);
        VoteDecision decision = new VoteDecision(vote.voteId(), vote.voterId(), vote.workId(),
                edition.categoryOf(vote.workId()), vote.castAt(), vote.receivedAt(), day,
                reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, vote.ip(), vote.device());
        if (ids != null) {
            ids.putIfAbsent(idHash, VoteIdIndex.encode(decision));
        }
        if (decision.accepted()) {
            slot(vote.voterId(), (int) day.toEpochDay()).record(decision.workId(), decision.category(), edition);
        }
        return new Decided(decision.outcome(), decision);
    }

    /** Folds in a decision read back from the log (rebuilding the book after a restart). */
    public void replay(VoteDecision decision, EditionVotingState edition) {
        if (ids != null) {
            long idHash = Hash64.of(decision.voteId());
            if (ids.get(idHash) >= 0) {
                return;
            }
            ids.putIfAbsent(idHash, VoteIdIndex.encode(decision));
        }
        if (decision.day() != null && decision.accepted()) {
            slot(decision.voterId(), (int) decision.day().toEpochDay()).record(decision.workId(), decision.category(),
                    edition);
        }
    }

    /** Folds in a group read back from the log, column by column, as {@link #replay(VoteDecision, EditionVotingState)}. */
    public void replay(VoteGroup g, EditionVotingState edition) {
        for (int i = 0; i < g.size(); i++) {
            if (ids != null) {
                long idHash = g.idHash(i);
                if (ids.get(idHash) >= 0) {
                    continue;
                }
                ids.putIfAbsent(idHash, VoteIdIndex.encode(g.reason(i)));
            }
            long day = g.epochDay(i);
            if (day != VoteGroup.NO_DAY && g.accepted(i)) {
                slot(g.voterId(i), (int) day).record(g.workId(i), g.category(i), edition);
            }
        }
    }

    private DaySlot keptSlot(String voterId, int day) {
        VoterDays days = voters.get(voterId);
        return days == null ? null : days.find(day);
    }

    private DaySlot slot(String voterId, int day) {
        VoterDays days = voters.computeIfAbsent(voterId, v -> new VoterDays());
        return days.slot(day);
    }

    /** A voter's days with accepted votes, few (the voting window is a week), in no particular order. */
    private static final class VoterDays {
        DaySlot[] slots = new DaySlot[1];
        int count;

        DaySlot find(int day) {
            for (int i = 0; i < count; i++) {
                if (slots[i].day == day) {
                    return slots[i];
                }
            }
            return null;
        }

        DaySlot slot(int day) {
            DaySlot slot = find(day);
            if (slot == null) {
                if (count == slots.length) {
                    slots = Arrays.copyOf(slots, count * 2);
                }
                slot = new DaySlot(day);
                slots[count++] = slot;
            }
            return slot;
        }
    }

    private static final class DaySlot {
        private static final int[] NO_INTS = new int[0];
        private static final byte[] NO_BYTES = new byte[0];

        final int day;
        int accepted;
        int[] works = NO_INTS;
        byte[] categories = NO_BYTES;

        DaySlot(int day) {
            this.day = day;
        }

        /** Records one accepted vote of the day. */
        void record(String workId, String category, EditionVotingState edition) {
            if (accepted == works.length) {
                works = Arrays.copyOf(works, Math.max(2, accepted * 2));
                categories = Arrays.copyOf(categories, works.length);
            }
            works[accepted] = edition.workCode(workId);
            categories[accepted] = (byte) edition.categoryIndex(category);
            accepted++;
        }

        DayTally tally(EditionVotingState edition) {
            return new DayTally() {
                @Override
                public int acceptedFor(String workId) {
                    int code = edition.workCode(workId);
                    int n = 0;
                    for (int i = 0; i < accepted; i++) {
                        if (works[i] == code) {
                            n++;
                        }
                    }
                    return n;
                }

                @Override
                public int distinctWorksIn(String category) {
                    int index = edition.categoryIndex(category);
                    int n = 0;
                    for (int i = 0; i < accepted; i++) {
                        if (categories[i] == index && firstOf(works[i], i)) {
                            n++;
                        }
                    }
                    return n;
                }

                private boolean firstOf(int work, int at) {
                    for (int i = 0; i < at; i++) {
                        if (works[i] == work) {
                            return false;
                        }
                    }
                    return true;
                }
            };
        }
    }
}
