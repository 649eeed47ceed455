package io.selection.projections;

import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suspicious-vote windows stay bounded by the active keys of the latest slices, whatever a
 * client dates its votes, and a voter who hits the daily limits all day long is flagged.
 */
class SuspiciousVotesTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2024-02-27T00:00:00Z");
    private static final SuspicionRules RULES = new SuspicionRules(50, 20, 10, 10);

    private int ids;

    private VoteDecision vote(Instant castAt, String voter, String ip, RefusalReason reason) {
        return new VoteDecision("v" + ids++, voter, "w1", "A", castAt, castAt.plusSeconds(1),
                LocalDate.ofInstant(castAt, BEIJING), reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, ip,
                null);
    }

    /** A day of accepted votes, one a second, each from one of 200 addresses in turn, in groups of 600. */
    private void aDayOfVotes(SuspiciousVotes suspicious, Instant from, int seconds, List<VoteDecision> extra) {
        List<VoteDecision> group = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            group.add(vote(from.plusSeconds(s), "voter" + s, "10.0." + (s % 200) / 100 + "." + s % 100, null));
            if (s < extra.size()) {
                group.add(extra.get(s));
            }
            if (group.size() >= 600) {
                suspicious.fold(VoteGroup.of(group));
                group.clear();
            }
        }
        suspicious.fold(VoteGroup.of(group));
    }

    @Test
    void windows_stay_bounded_over_a_day_of_votes() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);

        aDayOfVotes(suspicious, START, 86_400, List.of());

        // 200 addresses in at most two 10-minute slices
        assertThat(suspicious.windowsKept()).isLessThanOrEqualTo(400);
        assertThat(suspicious.sets()).isEmpty(); // 3 votes per address per slice: nothing to flag
    }

    @Test
    void a_vote_dated_far_ahead_does_not_stop_old_windows_from_being_dropped() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        // a broken or hostile client dates a vote a year ahead; the clock-skew rule refuses it
        suspicious.fold(VoteGroup.of(List.of(vote(START.plusSeconds(365L * 86_400), "mallory", "10.9.9.9",
                RefusalReason.CLOCK_SKEW))));

        aDayOfVotes(suspicious, START, 86_400, List.of());

        assertThat(suspicious.windowsKept()).isLessThanOrEqualTo(400);
    }

    @Test
    void a_voter_hitting_the_daily_limits_all_day_long_is_flagged() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        // ten limit refusals of one voter, one every 90 minutes of the same Beijing day, amid the day's votes
        Instant day = Instant.parse("2024-02-27T16:00:00Z"); // 00:00 on 28 February in Beijing
        List<VoteDecision> refusals = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            refusals.add(vote(day.plusSeconds(k * 5_400L), "eager", "10.8.8.8",
                    k % 2 == 0 ? RefusalReason.DAILY_WORK_LIMIT : RefusalReason.DAILY_CATEGORY_LIMIT));
        }
        List<VoteDecision> spread = new ArrayList<>();
        for (int s = 0; s < 86_000; s++) {
            spread.add(s % 8_600 == 0 ? refusals.get(s / 8_600) : null);
        }
        List<VoteDecision> group = new ArrayList<>();
        for (int s = 0; s < 86_000; s++) {
            group.add(vote(day.plusSeconds(s), "voter" + s, "10.1.0." + s % 200, null));
            if (spread.get(s) != null) {
                group.add(spread.get(s));
            }
            if (group.size() >= 600) {
                suspicious.fold(VoteGroup.of(group));
                group.clear();
            }
        }
        suspicious.fold(VoteGroup.of(group));

        assertThat(suspicious.sets()).extracting(Views.SuspiciousSet::rule, Views.SuspiciousSet::key,
                Views.SuspiciousSet::votes).containsExactly(org.assertj.core.groups.Tuple.tuple("limit-hitter", "eager",
                10L));
        assertThat(suspicious.sets().get(0).id()).isEqualTo("limit-hitter:eager:2024-02-28T00:00:00Z");
    }

    @Test
    void a_burst_from_one_address_is_flagged_with_its_window_and_a_sample() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        List<VoteDecision> burst = new ArrayList<>();
        for (int k = 0; k < 51; k++) {
            burst.add(vote(START.plusSeconds(k), "voter" + k, "10.7.7.7", null));
        }
        suspicious.fold(VoteGroup.of(burst));

        assertThat(suspicious.sets()).singleElement().satisfies(set -> {
            assertThat(set.id()).isEqualTo("ip-burst:10.7.7.7:2024-02-27T00:00:00Z");
            assertThat(set.votes()).isEqualTo(51);
            assertThat(set.sample()).containsExactly("v0", "v1", "v2", "v3", "v4");
        });
    }

    @Test
    void lanes_far_apart_in_time_keep_no_more_than_the_cap() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 5_000);
        // one lane has read the whole day already; another now reads the same day from its start
        aDayOfVotes(suspicious, START, 86_400, List.of());
        aDayOfVotes(suspicious, START, 86_400, List.of());

        assertThat(suspicious.windowsKept()).isLessThanOrEqualTo(5_000);
    }

    @Test
    void the_cap_keeps_flagged_windows_and_ends_even_when_only_they_are_left() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 10);
        List<VoteDecision> burst = new ArrayList<>();
        for (int k = 0; k < 51; k++) {
            burst.add(vote(START.plusSeconds(k), "voter" + k, "10.7.7.7", null));
        }
        suspicious.fold(VoteGroup.of(burst));
        aDayOfVotes(suspicious, START.plusSeconds(3_600), 3_600, List.of());

        assertThat(suspicious.sets()).extracting(Views.SuspiciousSet::key).containsExactly("10.7.7.7");
        assertThat(suspicious.windowsKept()).isLessThanOrEqualTo(11);
    }
}
