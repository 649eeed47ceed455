package io.selection.voting;

import io.selection.edition.VotingRules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

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
            ZoneId zone = context.zone();
            SettledOffset settled = lastSettled;
            if (!zone.equals(settled.zone)) { // an equal zone read afresh is the same zone: no new search
                settled = SettledOffset.of(zone);
                lastSettled = settled;
            }
            long second = castAt.getEpochSecond();
            if (second >= settled.from) {
                return LocalDate.ofEpochDay(Math.floorDiv(second + settled.offsetSeconds, 86_400L));
            }
            return LocalDate.ofInstant(castAt, zone);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The zone last asked about (one per edition, so nearly always the same). */
    private static volatile SettledOffset lastSettled = SettledOffset.of(java.time.ZoneOffset.UTC);

    /**
     * A zone's offset from the instant on which it no longer changes: {@code from} is the epoch
     * second of its last transition (the minimum for a fixed offset), and a zone with rules for the
     * years ahead (daylight saving) never settles ({@code from} the maximum). The edition's zone of
     * a national vote (Asia/Shanghai: last changed in 1991) is settled for every vote, and its day is
     * then worked out from the offset alone instead of by searching the zone's history for each vote
     * (about 4% of the Kafka door's deciding thread; docs/performance.md). The same days as
     * {@link LocalDate#ofInstant}.
     */
    private record SettledOffset(ZoneId zone, long from, long offsetSeconds) {
        static SettledOffset of(ZoneId zone) {
            ZoneRules rules = zone.getRules();
            if (rules.isFixedOffset()) {
                return new SettledOffset(zone, Long.MIN_VALUE, rules.getOffset(Instant.EPOCH).getTotalSeconds());
            }
            List<ZoneOffsetTransition> transitions = rules.getTransitions();
            if (!rules.getTransitionRules().isEmpty() || transitions.isEmpty()) {
                return new SettledOffset(zone, Long.MAX_VALUE, 0);
            }
            ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
            return new SettledOffset(zone, last.toEpochSecond(), last.getOffsetAfter().getTotalSeconds());
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
