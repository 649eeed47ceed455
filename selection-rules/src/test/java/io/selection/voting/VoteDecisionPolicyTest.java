package io.selection.voting;

import io.selection.TestEditions;
import io.selection.edition.VotingRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.selection.TestEditions.BEIJING;
import static io.selection.TestEditions.CLOSES_AT;
import static io.selection.TestEditions.DURING_VOTING;
import static io.selection.TestEditions.OPENS_AT;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

class VoteDecisionPolicyTest {

    private Context context;
    private Tally day;

    @BeforeEach
    void an_open_vote_with_two_shortlisted_works() {
        context = new Context(TestEditions.votingRules());
        context.work("t1", TEXT, true);
        context.work("t2", TEXT, true);
        context.work("p1", PIC, true);
        day = new Tally();
    }

    private static Vote vote(String workId, Instant castAt) {
        return TestEditions.vote("v-" + workId + "-" + castAt, "voter-1", workId, castAt);
    }

    private static Vote vote(String workId, Instant castAt, Instant receivedAt) {
        return new Vote("v-" + workId, "voter-1", workId, castAt, receivedAt, "10.0.0.1", "d1");
    }

    private RefusalReason decide(Vote vote) {
        return VoteDecisionPolicy.decide(vote, context, day);
    }

    /** Counts an accepted vote of the same voter and day in {@link #day}. */
    private void alreadyAccepted(String workId, String category) {
        day.accepted(workId, category);
    }

    @Test
    void accepts_a_vote_for_a_shortlisted_work_inside_the_window() {
        assertThat(decide(vote("t1", DURING_VOTING))).isNull();
    }

    @Nested
    class Calendar_day_in_Beijing_time {

        @Test
        void one_second_before_Beijing_midnight_is_still_the_27th() {
            assertThat(VoteDecisionPolicy.dayOf(Instant.parse("2024-02-27T15:59:59Z"), context))
                    .isEqualTo(LocalDate.parse("2024-02-27"));
        }

        @Test
        void Beijing_midnight_starts_the_28th_while_it_is_still_the_27th_in_UTC() {
            assertThat(VoteDecisionPolicy.dayOf(Instant.parse("2024-02-27T16:00:00Z"), context))
                    .isEqualTo(LocalDate.parse("2024-02-28"));
        }

        @Test
        void the_day_follows_the_editions_zone() {
            context.zone = ZoneId.of("UTC");
            assertThat(VoteDecisionPolicy.dayOf(Instant.parse("2024-02-27T16:00:00Z"), context))
                    .isEqualTo(LocalDate.parse("2024-02-27"));
        }
    }

    @Nested
    class Voting_window {

        @Test
        void accepts_a_vote_cast_exactly_when_voting_opens() {
            assertThat(decide(vote("t1", OPENS_AT))).isNull();
        }

        @Test
        void refuses_a_vote_cast_a_nanosecond_before_voting_opens() {
            assertThat(decide(vote("t1", OPENS_AT.minusNanos(1)))).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
        }

        @Test
        void accepts_a_vote_cast_a_nanosecond_before_voting_closes() {
            assertThat(decide(vote("t1", CLOSES_AT.minusNanos(1)))).isNull();
        }

        @Test
        void refuses_a_vote_cast_exactly_when_voting_closes() {
            assertThat(decide(vote("t1", CLOSES_AT))).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
        }

        @Test
        void refuses_a_vote_inside_the_window_when_the_stage_is_not_open() {
            context.open = false;
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
        }
    }

    @Nested
    class Clock_skew {

        @Test
        void accepts_a_cast_time_exactly_300_seconds_ahead_of_receipt() {
            assertThat(decide(vote("t1", DURING_VOTING.plusSeconds(300), DURING_VOTING))).isNull();
        }

        @Test
        void refuses_a_cast_time_301_seconds_ahead_of_receipt() {
            assertThat(decide(vote("t1", DURING_VOTING.plusSeconds(301), DURING_VOTING)))
                    .isEqualTo(RefusalReason.CLOCK_SKEW);
        }

        @Test
        void accepts_a_vote_received_long_after_it_was_cast() {
            assertThat(decide(vote("t1", DURING_VOTING, DURING_VOTING.plusSeconds(3600)))).isNull();
        }

        @Test
        void judges_the_window_on_cast_time_not_receipt_time() {
            assertThat(decide(vote("t1", CLOSES_AT.minusSeconds(1), CLOSES_AT.plusSeconds(60)))).isNull();
        }

        @Test
        void uses_the_configured_bound() {
            context.rules = new VotingRules(OPENS_AT, CLOSES_AT, 1, 10, 0);
            assertThat(decide(vote("t1", DURING_VOTING, DURING_VOTING))).isNull();
            assertThat(decide(vote("t1", DURING_VOTING.plusNanos(1), DURING_VOTING))).isEqualTo(RefusalReason.CLOCK_SKEW);
        }
    }

    @Nested
    class Works_that_cannot_be_voted_for {

        @Test
        void refuses_a_vote_for_a_disqualified_work() {
            context.disqualified.add("t1");
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DISQUALIFIED);
        }

        @Test
        void refuses_a_vote_for_a_work_not_on_the_shortlist() {
            context.work("t9", TEXT, false);
            assertThat(decide(vote("t9", DURING_VOTING))).isEqualTo(RefusalReason.NOT_SHORTLISTED);
        }

        @Test
        void refuses_a_vote_for_a_work_the_edition_does_not_know() {
            assertThat(decide(vote("nope", DURING_VOTING))).isEqualTo(RefusalReason.NOT_SHORTLISTED);
        }
    }

    @Nested
    class Daily_work_limit {

        @Test
        void refuses_a_second_vote_for_the_same_work_on_the_same_day() {
            alreadyAccepted("t1", TEXT);
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_WORK_LIMIT);
        }

        @Test
        void reads_the_limit_from_the_tally_of_the_voters_day() {
            // refused votes never reach a tally: VoterBookTest checks that they leave the limits alone
            assertThat(decide(vote("t1", DURING_VOTING))).isNull();
            alreadyAccepted("t2", TEXT);
            assertThat(decide(vote("t1", DURING_VOTING))).isNull();
            alreadyAccepted("t1", TEXT);
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_WORK_LIMIT);
        }

        @Test
        void a_higher_configured_limit_allows_more_votes_for_one_work() {
            context.rules = new VotingRules(OPENS_AT, CLOSES_AT, 2, 10, 300);
            alreadyAccepted("t1", TEXT);
            assertThat(decide(vote("t1", DURING_VOTING))).isNull();
            alreadyAccepted("t1", TEXT);
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_WORK_LIMIT);
        }

        @Test
        void another_work_is_not_limited_by_the_first() {
            alreadyAccepted("t1", TEXT);
            assertThat(decide(vote("t2", DURING_VOTING))).isNull();
        }
    }

    @Nested
    class Daily_category_limit {

        @BeforeEach
        void eleven_shortlisted_texts() {
            for (int i = 1; i <= 11; i++) {
                context.work("w" + i, TEXT, true);
            }
        }

        private void votedForTexts(int count) {
            for (int i = 1; i <= count; i++) {
                alreadyAccepted("w" + i, TEXT);
            }
        }

        @Test
        void accepts_the_tenth_distinct_work_in_a_category() {
            votedForTexts(9);
            assertThat(day.distinctWorksIn(TEXT)).isEqualTo(9);
            assertThat(decide(vote("w10", DURING_VOTING))).isNull();
        }

        @Test
        void refuses_the_eleventh_distinct_work_in_a_category() {
            votedForTexts(10);
            assertThat(decide(vote("w11", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_CATEGORY_LIMIT);
        }

        @Test
        void a_repeat_vote_for_an_already_voted_work_hits_the_work_limit_not_the_category_limit() {
            votedForTexts(10);
            assertThat(decide(vote("w3", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_WORK_LIMIT);
        }

        @Test
        void a_full_category_does_not_limit_another_category() {
            votedForTexts(10);
            assertThat(decide(vote("p1", DURING_VOTING))).isNull();
        }

        @Test
        void a_further_vote_for_a_work_already_counted_is_not_held_back_by_a_full_category() {
            context.rules = new VotingRules(OPENS_AT, CLOSES_AT, 2, 2, 300);
            alreadyAccepted("w1", TEXT);
            alreadyAccepted("w2", TEXT);
            assertThat(decide(vote("w1", DURING_VOTING))).isNull();
            assertThat(decide(vote("w3", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_CATEGORY_LIMIT);
        }

        @Test
        void counts_distinct_works_not_votes() {
            context.rules = new VotingRules(OPENS_AT, CLOSES_AT, 3, 2, 300);
            alreadyAccepted("w1", TEXT);
            alreadyAccepted("w1", TEXT);
            alreadyAccepted("w1", TEXT);
            assertThat(day.distinctWorksIn(TEXT)).isEqualTo(1);
            assertThat(decide(vote("w2", DURING_VOTING))).isNull();
            alreadyAccepted("w2", TEXT);
            assertThat(decide(vote("w3", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_CATEGORY_LIMIT);
        }
    }

    @Nested
    class Reason_precedence {

        private static final Instant AFTER_CLOSE = CLOSES_AT.plusSeconds(3600);

        @BeforeEach
        void a_vote_at_fault_in_every_way() {
            // t1 is disqualified, not shortlisted, already voted for today, and its category is full
            context.work("t1", TEXT, false);
            context.disqualified.add("t1");
            context.open = false;
            for (int i = 1; i <= 10; i++) {
                context.work("w" + i, TEXT, true);
                alreadyAccepted("w" + i, TEXT);
            }
            alreadyAccepted("t1", TEXT);
        }

        @Test
        void clock_skew_comes_first() {
            assertThat(decide(vote("t1", AFTER_CLOSE.plusSeconds(301), AFTER_CLOSE))).isEqualTo(RefusalReason.CLOCK_SKEW);
        }

        @Test
        void then_the_voting_window() {
            assertThat(decide(vote("t1", AFTER_CLOSE))).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
            context.open = true;
            assertThat(decide(vote("t1", AFTER_CLOSE))).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
        }

        @Test
        void then_disqualification() {
            context.open = true;
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DISQUALIFIED);
        }

        @Test
        void then_the_shortlist() {
            context.open = true;
            context.disqualified.remove("t1");
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.NOT_SHORTLISTED);
        }

        @Test
        void then_the_daily_work_limit_even_when_the_category_is_full() {
            context.open = true;
            context.disqualified.remove("t1");
            context.shortlisted.add("t1");
            assertThat(day.distinctWorksIn(TEXT)).isEqualTo(11);
            assertThat(decide(vote("t1", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_WORK_LIMIT);
        }

        @Test
        void then_the_daily_category_limit() {
            context.open = true;
            context.work("t2", TEXT, true);
            assertThat(decide(vote("t2", DURING_VOTING))).isEqualTo(RefusalReason.DAILY_CATEGORY_LIMIT);
        }
    }

    /** A mutable stand-in for the edition. */
    static final class Context implements VotingContext {
        boolean open = true;
        VotingRules rules;
        ZoneId zone = BEIJING;
        final Map<String, String> categories = new HashMap<>();
        final Set<String> shortlisted = new HashSet<>();
        final Set<String> disqualified = new HashSet<>();

        Context(VotingRules rules) {
            this.rules = rules;
        }

        void work(String workId, String category, boolean onShortlist) {
            categories.put(workId, category);
            if (onShortlist) {
                shortlisted.add(workId);
            } else {
                shortlisted.remove(workId);
            }
        }

        @Override
        public boolean votingStageOpen() {
            return open;
        }

        @Override
        public VotingRules rules() {
            return rules;
        }

        @Override
        public ZoneId zone() {
            return zone;
        }

        @Override
        public String categoryOf(String workId) {
            return categories.get(workId);
        }

        @Override
        public boolean shortlisted(String workId) {
            return shortlisted.contains(workId);
        }

        @Override
        public boolean disqualified(String workId) {
            return disqualified.contains(workId);
        }
    }

    /**
     * A stand-in for one voter's day: accepted votes per work, and the categories of the works, so
     * that distinct works per category are counted the plain way.
     */
    static final class Tally implements DayTally {
        final Map<String, Integer> acceptedPerWork = new HashMap<>();
        final Map<String, Set<String>> worksPerCategory = new HashMap<>();

        void accepted(String workId, String category) {
            acceptedPerWork.merge(workId, 1, Integer::sum);
            worksPerCategory.computeIfAbsent(category, c -> new HashSet<>()).add(workId);
        }

        @Override
        public int acceptedFor(String workId) {
            return acceptedPerWork.getOrDefault(workId, 0);
        }

        @Override
        public int distinctWorksIn(String category) {
            return worksPerCategory.getOrDefault(category, Set.of()).size();
        }
    }

    @Nested
    class Without_a_calendar_day {

        private final Vote timeless = new Vote("v", "voter", "t1", Instant.MIN, DURING_VOTING, null, null);

        @Test
        void a_cast_time_without_a_calendar_day_has_no_day() {
            assertThat(VoteDecisionPolicy.dayOf(Instant.MIN, context)).isNull();
            assertThat(VoteDecisionPolicy.dayOf(Instant.MAX, context)).isNull();
        }

        @Test
        void a_missing_day_tally_means_outside_the_voting_window() {
            assertThat(VoteDecisionPolicy.decide(timeless, context, null))
                    .isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
        }

        @Test
        void clock_skew_is_still_checked_first() {
            Vote ahead = new Vote("v", "voter", "t1", Instant.MAX, DURING_VOTING, null, null);
            assertThat(VoteDecisionPolicy.decide(ahead, context, null)).isEqualTo(RefusalReason.CLOCK_SKEW);
        }
    }

    @Test
    void the_empty_day_tally_counts_nothing() {
        assertThat(DayTally.EMPTY.acceptedFor("t1")).isZero();
        assertThat(DayTally.EMPTY.distinctWorksIn(TEXT)).isZero();
        assertThat(VoteDecisionPolicy.decide(vote("t1", DURING_VOTING), context, DayTally.EMPTY)).isNull();
    }

    /**
     * The day is worked out from the zone's settled offset where it has one: the same day as
     * {@link LocalDate#ofInstant} in every zone (settled, fixed, with daylight saving, with history
     * but no rules ahead), at every instant around each zone's last transition and at the ends of
     * the instant range (where there is no day: null), with the zone changing from call to call.
     */
    @Test
    void the_day_of_a_vote_is_the_calendar_day_in_the_zone_whatever_the_zone() {
        java.util.List<ZoneId> zones = java.util.List.of(BEIJING, ZoneId.of("UTC"), ZoneId.of("+08:00"),
                ZoneId.of("-03:30"), ZoneId.of("Europe/Paris"), ZoneId.of("America/Sao_Paulo"),
                ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Apia"), ZoneId.of("Asia/Tokyo"));
        java.util.List<Instant> instants = new java.util.ArrayList<>(java.util.List.of(Instant.MIN, Instant.MAX,
                Instant.EPOCH, Instant.parse("1991-09-15T00:00:00Z"), Instant.parse("2024-02-29T15:59:59.999Z"),
                Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("-0001-01-01T00:00:00Z"),
                Instant.parse("+999999999-12-31T15:59:59Z"), Instant.parse("+999999999-12-31T16:00:00Z")));
        for (ZoneId zone : zones) {
            java.util.List<java.time.zone.ZoneOffsetTransition> transitions = zone.getRules().getTransitions();
            if (!transitions.isEmpty()) {
                long last = transitions.get(transitions.size() - 1).toEpochSecond();
                for (long d = -86_401; d <= 86_401; d += 3_600) {
                    instants.add(Instant.ofEpochSecond(last + d));
                }
                for (long d = -2; d <= 2; d++) {
                    instants.add(Instant.ofEpochSecond(last + d));
                }
            }
        }
        java.util.Random random = new java.util.Random(20261207);
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000)));
        }
        int compared = 0;
        for (Instant at : instants) {
            for (ZoneId zone : zones) {
                context.zone = zone;
                LocalDate expected;
                try {
                    expected = LocalDate.ofInstant(at, zone);
                } catch (java.time.DateTimeException e) {
                    expected = null;
                }
                assertThat(VoteDecisionPolicy.dayOf(at, context)).as("%s in %s", at, zone).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        context.zone = BEIJING;
        assertThat(VoteDecisionPolicy.dayOf(Instant.MAX, context)).isNull();
        assertThat(VoteDecisionPolicy.dayOf(Instant.parse("2024-02-29T16:00:00Z"), context))
                .isEqualTo(LocalDate.parse("2024-03-01"));
    }
}
