package io.selection.projections;

import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteSet;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts are counted in sliding windows ("more than N in any window"), in memory bounded by the
 * votes of the latest windows whatever a client dates its votes, and a voter who hits the daily
 * limits all day long is flagged. {@link SuspiciousVotesPropertyTest} compares the sets with a
 * brute-force reading of the definition.
 */
class SuspiciousVotesTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2024-02-27T00:00:00Z");
    private static final SuspicionRules RULES = new SuspicionRules(50, 20, 10, 10);

    private int ids;

    private VoteDecision vote(Instant castAt, String voter, String ip, RefusalReason reason) {
        return vote(castAt, castAt.plusSeconds(1), voter, ip, null, reason);
    }

    private VoteDecision vote(Instant castAt, Instant receivedAt, String voter, String ip, String device,
                              RefusalReason reason) {
        return new VoteDecision("v" + ids++, voter, "w1", "A", castAt, receivedAt,
                LocalDate.ofInstant(castAt, BEIJING), reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, ip,
                device);
    }

    /** {@code seconds} accepted votes, one a second, each from one of 200 addresses in turn, in groups of 600. */
    private void votesOfManyAddresses(SuspiciousVotes suspicious, String lane, Instant from, int seconds) {
        List<VoteDecision> group = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            group.add(vote(from.plusSeconds(s), "voter" + s, "10.0." + (s % 200) / 100 + "." + s % 100, null));
            if (group.size() >= 600) {
                suspicious.fold(lane, VoteGroup.of(group));
                group.clear();
            }
        }
        suspicious.fold(lane, VoteGroup.of(group));
    }

    private List<VoteDecision> burst(Instant from, int votes, int everySeconds, String ip, String device) {
        List<VoteDecision> burst = new ArrayList<>();
        for (int k = 0; k < votes; k++) {
            Instant at = from.plusSeconds((long) everySeconds * k);
            burst.add(vote(at, at.plusSeconds(1), "voter" + k, ip, device, null));
        }
        return burst;
    }

    private static long members(VoteSet set, List<VoteDecision> log) {
        return log.stream().filter(set::contains).count();
    }

    @Test
    void a_burst_across_a_ten_minute_boundary_is_flagged_by_the_address_rule_too() {
        // issue 17, finding 7: 60 votes from one address and one device in two minutes, 34 before
        // 00:10 and 26 after; fixed slices saw 34 and 26, under the address rule's 50
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        suspicious.fold("lane-0", VoteGroup.of(burst(START.plusSeconds(600 - 68), 60, 2, "10.6.6.6", "phone-6")));

        assertThat(suspicious.sets()).extracting(Views.SuspiciousSet::rule, Views.SuspiciousSet::key,
                Views.SuspiciousSet::votes).containsExactlyInAnyOrder(
                Tuple.tuple("ip-burst", "10.6.6.6", 60L),
                Tuple.tuple("device-burst", "phone-6", 60L));
    }

    @Test
    void a_burst_from_one_address_is_flagged_with_its_window_and_a_sample() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        List<VoteDecision> burst = burst(START, 51, 1, "10.7.7.7", null);
        suspicious.fold("lane-0", VoteGroup.of(burst));

        assertThat(suspicious.sets()).singleElement().satisfies(set -> {
            // the one window over the limit holds the 51 votes: from the first one's second to the
            // second after the last one's
            assertThat(set.id()).isEqualTo("ip-burst:10.7.7.7:2024-02-27T00:00:00Z/2024-02-27T00:00:51Z");
            assertThat(set.from()).isEqualTo(START);
            assertThat(set.to()).isEqualTo(START.plusSeconds(51));
            assertThat(set.votes()).isEqualTo(51);
            // the latest votes when it was flagged, the one that flagged it last
            assertThat(set.sample()).containsExactly("v46", "v47", "v48", "v49", "v50");
        });
        VoteSet taken = suspicious.flaggedSet("ip-burst:10.7.7.7:2024-02-27T00:00:00Z/2024-02-27T00:00:51Z");
        assertThat(members(taken, burst)).isEqualTo(51);
    }

    @Test
    void fifty_votes_in_any_ten_minutes_are_not_more_than_fifty() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        // 100 votes one every 12 s: any ten minutes hold at most 50 of them
        suspicious.fold("lane-0", VoteGroup.of(burst(START, 100, 12, "10.7.7.7", null)));

        assertThat(suspicious.sets()).isEmpty();
    }

    @Test
    void a_burst_that_goes_on_grows_its_set_and_the_id_first_read_still_takes_the_votes_it_named() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        List<VoteDecision> burst = burst(START, 120, 2, "10.7.7.7", null);
        suspicious.fold("lane-0", VoteGroup.of(burst.subList(0, 60)));
        Views.SuspiciousSet seen = suspicious.sets().get(0);
        assertThat(seen.votes()).isEqualTo(60);

        suspicious.fold("lane-0", VoteGroup.of(burst.subList(60, 120)));

        Views.SuspiciousSet grown = suspicious.sets().get(0);
        assertThat(suspicious.sets()).hasSize(1);
        assertThat(grown.from()).isEqualTo(seen.from());
        assertThat(grown.to()).isAfter(seen.to());
        assertThat(grown.votes()).isEqualTo(120);
        assertThat(members(suspicious.flaggedSet(grown.id()), burst)).isEqualTo(120);
        // what the organiser saw: the first read's range, which now holds the 60 votes it held then
        VoteSet asSeen = suspicious.flaggedSet(seen.id());
        assertThat(asSeen.to()).isEqualTo(seen.to());
        assertThat(members(asSeen, burst)).isEqualTo(60);
        assertThat(suspicious.flaggedSet(seen.id().replace("T00:00:00Z/", "T00:00:01Z/"))).isNull();
    }

    @Test
    void votes_out_of_order_across_lanes_give_the_sets_of_the_same_votes_in_order() {
        List<VoteDecision> burst = burst(START.plusSeconds(100), 70, 3, "10.7.7.7", "phone-7");
        SuspiciousVotes inOrder = new SuspiciousVotes(RULES);
        inOrder.fold("lane-0", VoteGroup.of(burst));
        // the same votes over two lanes: odd ones in one, even ones in the other, a lane's groups
        // arriving late, each vote cast up to the clock skew before its receipt
        SuspiciousVotes interleaved = new SuspiciousVotes(RULES);
        List<List<VoteDecision>> groups = new ArrayList<>();
        for (int lane = 0; lane < 2; lane++) {
            for (int from = lane; from < burst.size(); from += 20) {
                List<VoteDecision> group = new ArrayList<>();
                for (int k = from; k < Math.min(from + 20, burst.size()); k += 2) {
                    VoteDecision v = burst.get(k);
                    group.add(new VoteDecision(v.voteId(), v.voterId(), v.workId(), v.category(), v.castAt(),
                            v.castAt().plusSeconds(290), v.day(), v.decision(), v.reason(), v.ip(), v.device()));
                }
                groups.add(group);
            }
        }
        for (int k = groups.size() / 2; k < groups.size(); k++) { // the whole of lane 1 first
            interleaved.fold("lane-1", VoteGroup.of(groups.get(k)));
        }
        for (int k = 0; k < groups.size() / 2; k++) {
            interleaved.fold("lane-0", VoteGroup.of(groups.get(k)));
        }

        assertThat(interleaved.sets()).extracting(Views.SuspiciousSet::id, Views.SuspiciousSet::votes)
                .isEqualTo(inOrder.sets().stream().map(set -> Tuple.tuple(set.id(), set.votes())).toList())
                .hasSize(2);
    }

    @Test
    void a_vote_dated_behind_the_floor_still_counts_in_the_set_that_covers_it() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        List<VoteDecision> log = new ArrayList<>(burst(START, 51, 1, "10.7.7.7", null));
        suspicious.fold("lane-0", VoteGroup.of(log));
        // an hour later in the lane, a vote cast in the burst arrives: far behind the floor
        VoteDecision late = vote(START.plusSeconds(30), START.plusSeconds(3_600), "late", "10.7.7.7", null, null);
        VoteDecision lateOutside = vote(START.plusSeconds(700), START.plusSeconds(3_600), "late2", "10.7.7.7", null,
                null);
        List<VoteDecision> hourLater = List.of(vote(START.plusSeconds(3_600), START.plusSeconds(3_600), "x",
                "10.1.1.1", null, null));
        suspicious.fold("lane-0", VoteGroup.of(hourLater));
        suspicious.fold("lane-0", VoteGroup.of(List.of(late, lateOutside)));
        log.addAll(hourLater);
        log.add(late);
        log.add(lateOutside);

        Views.SuspiciousSet set = suspicious.sets().get(0);
        assertThat(set.votes()).isEqualTo(52);
        assertThat(members(suspicious.flaggedSet(set.id()), log)).isEqualTo(52);
    }

    @Test
    void no_window_starts_behind_the_floor_where_a_late_vote_went_uncounted() {
        SuspiciousVotes suspicious = new SuspiciousVotes(new SuspicionRules(3, 100, 10, 10));
        List<VoteDecision> log = new ArrayList<>();
        // the floor trails the lane's latest castAt by the window and the skew (900 s); a sweep frees
        // only keys whose votes are all behind it, so a key's older votes can lie behind it until the
        // key next counts a vote
        List<List<VoteDecision>> groups = List.of(
                List.of(vote(START, START, "a", "10.5.5.5", null, null),
                        vote(START.plusSeconds(1), START.plusSeconds(1), "b", "10.5.5.5", null, null)),
                List.of(vote(START.plusSeconds(650), START.plusSeconds(650), "c", "10.1.1.1", null, null)),
                // the floor moves to START + 1, past the vote of START, without a sweep
                List.of(vote(START.plusSeconds(901), START.plusSeconds(901), "d", "10.1.1.1", null, null)),
                // cast at START, behind the floor: it cannot be kept, and no set covers it yet
                List.of(vote(START, START.plusSeconds(901), "e", "10.5.5.5", null, null)),
                List.of(vote(START.plusSeconds(2), START.plusSeconds(901), "f", "10.5.5.5", null, null),
                        vote(START.plusSeconds(3), START.plusSeconds(901), "g", "10.5.5.5", null, null),
                        vote(START.plusSeconds(4), START.plusSeconds(901), "h", "10.5.5.5", null, null)));
        for (List<VoteDecision> group : groups) {
            suspicious.fold("lane-0", VoteGroup.of(group));
            log.addAll(group);
        }

        // flagged from START + 1 on (4 votes in ten minutes), not from the vote of START the window
        // would then miss its late twin of
        assertThat(suspicious.sets()).singleElement().satisfies(set -> {
            assertThat(set.from()).isEqualTo(START.plusSeconds(1));
            assertThat(set.votes()).isEqualTo(4);
            assertThat(members(suspicious.flaggedSet(set.id()), log)).isEqualTo(4);
        });
    }

    @Test
    void memory_stays_bounded_by_the_latest_windows_over_a_day_of_votes() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);

        votesOfManyAddresses(suspicious, "lane-0", START, 86_400);

        // one vote a second: the floor is the window and the clock skew behind the latest castAt, and
        // each address counts a vote every 200 s, so some 1,100 seconds of votes are kept, not 86,400
        assertThat(suspicious.votesKept()).isLessThanOrEqualTo(1_800);
        assertThat(suspicious.keysKept()).isLessThanOrEqualTo(200);
        assertThat(suspicious.sets()).isEmpty(); // 3 votes per address per ten minutes: nothing to flag
    }

    @Test
    void a_vote_dated_far_ahead_does_not_stop_old_votes_from_being_dropped() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        // a broken or hostile client dates a vote a year ahead; the clock-skew rule refuses it, and
        // the floor follows the server's receipt times, not castAt
        suspicious.fold("lane-0", VoteGroup.of(List.of(vote(START.plusSeconds(365L * 86_400), START, "mallory",
                "10.9.9.9", null, RefusalReason.CLOCK_SKEW))));

        votesOfManyAddresses(suspicious, "lane-0", START, 86_400);

        assertThat(suspicious.votesKept()).isLessThanOrEqualTo(2_500);
    }

    @Test
    void lanes_far_apart_in_time_keep_no_more_than_the_cap() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 5_000, 250_000);
        // one lane reads the first day while another reads the second, group by group: the lane
        // behind holds the floor back, so only the cap bounds what is kept
        int groups = 0;
        for (int s = 0; s < 86_400; s += 600) {
            votesOfManyAddresses(suspicious, "lane-a", START.plusSeconds(s), 600);
            votesOfManyAddresses(suspicious, "lane-b", START.plusSeconds(86_400 + s), 600);
            groups += 2;
            assertThat(suspicious.votesKept()).isLessThanOrEqualTo(5_000);
        }
        assertThat(groups).isEqualTo(288);
        assertThat(suspicious.votesKept()).isGreaterThan(2_000); // the cap, not the floor, is what bounded it
    }

    /**
     * A lane that stalls holds the floor back while another sends a vote from a new address each
     * second: the address rule's slots grow to thousands. Once the lane comes on, the sweep frees
     * them and the arrays shrink back to what is live; a burst after that is still counted exactly.
     */
    @Test
    void the_slots_of_a_stall_are_given_back_once_the_floor_moves() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        suspicious.fold("lane-b", VoteGroup.of(List.of(vote(START, "voter-b", "10.9.9.9", null))));
        List<VoteDecision> group = new ArrayList<>();
        for (int s = 0; s < 20_000; s++) {
            group.add(vote(START.plusSeconds(s), "voter" + s, "10." + s / 65_536 + "." + s / 256 % 256 + "." + s % 256, null));
            if (group.size() == 500) {
                suspicious.fold("lane-a", VoteGroup.of(group));
                group.clear();
            }
        }
        assertThat(suspicious.keysKept()).as("the stalled lane holds every address").isGreaterThan(19_000);
        int grown = suspicious.slotCapacity();
        assertThat(grown).isGreaterThan(19_000);
        suspicious.fold("lane-b", VoteGroup.of(List.of(vote(START.plusSeconds(20_000), "voter-b", "10.9.9.9", null))));
        suspicious.fold("lane-a", VoteGroup.of(List.of(vote(START.plusSeconds(20_001), "voter-a", "10.9.9.8", null))));
        assertThat(suspicious.keysKept()).isLessThan(1_000);
        assertThat(suspicious.slotCapacity()).as("given back").isLessThan(grown / 8);
        List<VoteDecision> burst = burst(START.plusSeconds(20_100), 51, 1, "10.7.7.7", null);
        suspicious.fold("lane-a", VoteGroup.of(burst));
        assertThat(suspicious.sets()).singleElement().satisfies(set -> assertThat(set.votes()).isEqualTo(51));
        assertThat(members(suspicious.flaggedSet(suspicious.sets().get(0).id()), burst)).isEqualTo(51);
    }

    @Test
    void the_cap_keeps_flagged_sets() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 10, 10);
        suspicious.fold("lane-0", VoteGroup.of(burst(START, 51, 1, "10.7.7.7", null)));
        votesOfManyAddresses(suspicious, "lane-0", START.plusSeconds(3_600), 3_600);

        assertThat(suspicious.sets()).extracting(Views.SuspiciousSet::key).containsExactly("10.7.7.7");
        assertThat(suspicious.votesKept()).isLessThanOrEqualTo(10);
    }

    @Test
    void a_voter_hitting_the_daily_limits_all_day_long_is_flagged() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        suspicious.timeZone(java.time.ZoneId.of("Asia/Shanghai")); // as the edition's first line sets it
        // ten limit refusals of one voter, one every 90 minutes of the same Beijing day, amid the day's votes
        Instant day = Instant.parse("2024-02-27T16:00:00Z"); // 00:00 on 28 February in Beijing
        List<VoteDecision> refusals = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            refusals.add(vote(day.plusSeconds(k * 5_400L), "eager", "10.8.8.8",
                    k % 2 == 0 ? RefusalReason.DAILY_WORK_LIMIT : RefusalReason.DAILY_CATEGORY_LIMIT));
        }
        List<VoteDecision> group = new ArrayList<>();
        for (int s = 0; s < 86_000; s++) {
            group.add(vote(day.plusSeconds(s), "voter" + s, "10.1.0." + s % 200, null));
            if (s % 8_600 == 0) {
                group.add(refusals.get(s / 8_600));
            }
            if (group.size() >= 600) {
                suspicious.fold("lane-0", VoteGroup.of(group));
                group.clear();
            }
        }
        suspicious.fold("lane-0", VoteGroup.of(group));

        assertThat(suspicious.sets()).extracting(Views.SuspiciousSet::rule, Views.SuspiciousSet::key,
                Views.SuspiciousSet::votes).containsExactly(Tuple.tuple("limit-hitter", "eager", 10L));
        // the Beijing day of the votes, midnight to midnight there (not 08:00 to 08:00)
        Views.SuspiciousSet set = suspicious.sets().get(0);
        assertThat(set.id()).isEqualTo("limit-hitter:eager:2024-02-27T16:00:00Z");
        assertThat(set.from()).isEqualTo(day);
        assertThat(set.to()).isEqualTo(day.plusSeconds(86_400));
        io.selection.voting.VoteSet taken = suspicious.flaggedSet(set.id());
        assertThat(taken.kind()).isEqualTo("voter");
        assertThat(taken.contains(vote(day, "eager", "10.8.8.8", null))).as("the day's first second").isTrue();
        assertThat(taken.contains(vote(day.plusSeconds(86_399), "eager", "10.8.8.8", null))).as("its last").isTrue();
        assertThat(taken.contains(vote(day.minusSeconds(1), "eager", "10.8.8.8", null))).as("the day before").isFalse();
        assertThat(taken.contains(vote(day.plusSeconds(86_400), "eager", "10.8.8.8", null))).as("the next").isFalse();
    }

    @Test
    void limit_hitter_windows_stay_under_their_cap() {
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 4_000_000, 100);
        List<VoteDecision> group = new ArrayList<>();
        for (int v = 0; v < 1_000; v++) { // a thousand voters each refused once on the same day
            group.add(vote(START.plusSeconds(v), "voter" + v, null, RefusalReason.DAILY_WORK_LIMIT));
            if (group.size() == 50) {
                suspicious.fold("lane-0", VoteGroup.of(group));
                group.clear();
            }
        }
        assertThat(suspicious.dayWindowsKept()).isLessThanOrEqualTo(100);
    }
}
