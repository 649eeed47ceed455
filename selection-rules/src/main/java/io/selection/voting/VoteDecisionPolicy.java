package io.selection.voting;

import io.selection.edition.VotingRules;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Decides one vote, by docs/rules.md: the first reason that applies, in the order clock skew, window
 * (stage and [opensAt, closesAt)), disqualified, not shortlisted, daily limit per work, daily limit
 * of distinct works per category. Days are calendar days of castAt in the edition's time zone.
 */
public final class VoteDecisionPolicy {

    private VoteDecisionPolicy() {
    }

    /** The calendar day of castAt in the edition's zone, or null where no calendar has one. */
    public static LocalDate dayOf(Instant castAt, VotingContext context) {
        try {
            return LocalDate.ofInstant(castAt, context.zone());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Returns the refusal reason, or null when the vote is accepted. */
    public static RefusalReason decide(Vote vote, VotingContext context, DayTally day) {
        VotingRules rules = context.rules();
        if (vote.castAt().isAfter(vote.receivedAt().plusSeconds(rules.maxClockSkewSeconds()))) {
            return RefusalReason.CLOCK_SKEW;
        }
        if (day == null) {
            // castAt has no calendar day, so it lies far before any voting window
            return RefusalReason.OUTSIDE_VOTING_WINDOW;
        }
        if (!context.votingStageOpen() || vote.castAt().isBefore(rules.opensAt())
                || !vote.castAt().isBefore(rules.closesAt())) {
            return RefusalReason.OUTSIDE_VOTING_WINDOW;
        }
        if (context.disqualified(vote.workId())) {
            return RefusalReason.DISQUALIFIED;
        }
        if (!context.shortlisted(vote.workId())) {
            return RefusalReason.NOT_SHORTLISTED;
        }
        int already = day.acceptedFor(vote.workId());
        if (already >= rules.perWorkPerDay()) {
            return RefusalReason.DAILY_WORK_LIMIT;
        }
        if (already == 0 && day.distinctWorksIn(context.categoryOf(vote.workId())) >= rules.perCategoryPerDay()) {
            return RefusalReason.DAILY_CATEGORY_LIMIT;
        }
        return null;
    }
}
