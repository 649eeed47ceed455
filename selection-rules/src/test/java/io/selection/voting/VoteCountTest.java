package io.selection.voting;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selection.TestEditions.DURING_VOTING;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.accepted;
import static io.selection.TestEditions.decision;
import static io.selection.TestEditions.vote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting rule of the public vote: one vote id is one vote (the first decision logged under
 * it counts, a later one is a duplicate that counts nowhere), a vote is invalidated at most once
 * however many flagged sets hold it, and a work's valid votes are its counted accepted votes less
 * the invalidated ones, never below zero.
 */
class VoteCountTest {

    private final VoteCount count = new VoteCount();

    private static VoteDecision acceptedVote(String voteId, String voterId, String workId) {
        return accepted(vote(voteId, voterId, workId, DURING_VOTING), TEXT);
    }

    private static VoteDecision refusedVote(String voteId, String voterId, String workId, RefusalReason reason) {
        return decision(vote(voteId, voterId, workId, DURING_VOTING), TEXT, reason);
    }

    /** v1..v{n} accepted for the work, each from its own voter. */
    private void acceptedVotes(String workId, int from, int to) {
        for (int i = from; i <= to; i++) {
            count.decided(acceptedVote("v" + i, "voter-" + i, workId));
        }
    }

    @Nested
    class One_id_one_vote {

        @Test
        void a_vote_id_under_two_voter_ids_counts_once_and_is_reported_as_a_duplicate() {
            assertThat(count.decided(acceptedVote("v1", "alice", "t1"))).isTrue();
            assertThat(count.decided(acceptedVote("v1", "mallory", "t2"))).isFalse();

            assertThat(count.valid("t1")).isEqualTo(1);
            assertThat(count.valid("t2")).isZero();
            assertThat(count.accepted()).isEqualTo(1);
            assertThat(count.votes()).isEqualTo(1);
            assertThat(count.duplicates()).isEqualTo(1);
        }

        @Test
        void only_the_first_decision_logged_under_an_id_counts_even_when_a_later_one_accepts_it() {
            count.decided(refusedVote("v1", "alice", "t1", RefusalReason.NOT_SHORTLISTED));
            count.decided(acceptedVote("v1", "alice", "t1"));

            assertThat(count.valid("t1")).isZero();
            assertThat(count.accepted()).isZero();
            assertThat(count.refused()).containsEntry("NOT_SHORTLISTED", 1L);
            assertThat(count.duplicates()).isEqualTo(1);
        }

        @Test
        void a_duplicate_of_a_refused_vote_adds_no_refusal() {
            count.decided(refusedVote("v1", "alice", "t1", RefusalReason.CLOCK_SKEW));
            count.decided(refusedVote("v1", "bob", "t1", RefusalReason.DAILY_WORK_LIMIT));

            assertThat(count.refused()).containsEntry("CLOCK_SKEW", 1L).containsEntry("DAILY_WORK_LIMIT", 0L);
        }

        @Test
        void knows_every_id_decided_and_no_other() {
            acceptedVotes("t1", 1, 3);

            assertThat(count.known("v2")).isTrue();
            assertThat(count.known("v4")).isFalse();
        }

        @Test
        void stays_exact_over_many_ids_as_its_table_grows() {
            for (int i = 0; i < 5_000; i++) {
                count.decided(i % 10 == 0 ? refusedVote("id-" + i, "u" + i, "t1", RefusalReason.DAILY_WORK_LIMIT)
                        : acceptedVote("id-" + i, "u" + i, i % 2 == 0 ? "t1" : "t2"));
            }
            for (int i = 0; i < 5_000; i += 7) {
                count.decided(acceptedVote("id-" + i, "someone-else", "t1"));
            }

            assertThat(count.votes()).isEqualTo(5_000);
            assertThat(count.duplicates()).isEqualTo(715);
            assertThat(count.valid("t1")).isEqualTo(2_000);
            assertThat(count.valid("t2")).isEqualTo(2_500);
            assertThat(count.refused()).containsEntry("DAILY_WORK_LIMIT", 500L);
        }
    }

    @Nested
    class Invalidations {

        @Test
        void overlapping_sets_subtract_a_vote_held_by_both_once() {
            acceptedVotes("t1", 1, 5);
            count.decided(acceptedVote("v6", "voter-6", "t2"));

            Map<String, Long> byIp = count.invalidate(List.of("v1", "v2", "v3", "v6"));
            Map<String, Long> byDevice = count.invalidate(List.of("v3", "v4", "v6"));

            assertThat(byIp).containsExactly(Map.entry("t1", 3L), Map.entry("t2", 1L));
            assertThat(byDevice).containsOnly(Map.entry("t1", 1L));
            assertThat(count.valid("t1")).isEqualTo(1);
            assertThat(count.invalidated("t1")).isEqualTo(4);
            assertThat(count.valid("t2")).isZero();
            assertThat(count.invalidated("t2")).isEqualTo(1);
        }

        /**
         * A work's slot is kept in 15 bits of the id's key: past 32,765 works with accepted votes the
         * slots overflow to a side table, and the counts stay exact on both sides of the edge.
         */
        @Test
        void stay_exact_past_the_works_a_code_can_name() {
            int works = 32_770;
            for (int w = 0; w < works; w++) {
                count.decided(acceptedVote("v" + w, "voter-" + w, "w" + w));
            }
            count.decided(acceptedVote("again", "voter-x", "w32769"));
            List<String> ids = List.of("v0", "v32764", "v32765", "v32766", "v32769", "again", "v32769");
            assertThat(count.effectOf(ids)).containsOnly(Map.entry("w0", 1L), Map.entry("w32764", 1L),
                    Map.entry("w32765", 1L), Map.entry("w32766", 1L), Map.entry("w32769", 2L));
            count.invalidate(ids);
            assertThat(count.valid("w32769")).isZero();
            assertThat(count.invalidated("w32769")).isEqualTo(2);
            assertThat(count.valid("w32766")).isZero();
            assertThat(count.valid("w32767")).isEqualTo(1);
            assertThat(count.invalidate(ids)).as("invalidated before").isEmpty();
            assertThat(count.accepted()).isEqualTo(works + 1);
        }

        @Test
        void an_id_twice_in_one_set_is_taken_once() {
            acceptedVotes("t1", 1, 2);

            assertThat(count.invalidate(List.of("v1", "v1", "v1"))).containsOnly(Map.entry("t1", 1L));
            assertThat(count.valid("t1")).isEqualTo(1);
        }

        @Test
        void a_tally_never_goes_below_zero() {
            acceptedVotes("t1", 1, 2);
            count.decided(refusedVote("v3", "voter-3", "t1", RefusalReason.DAILY_WORK_LIMIT));
            List<String> everything = List.of("v1", "v2", "v3", "v1", "never-cast", "v2");

            for (int round = 0; round < 3; round++) {
                count.invalidate(everything);
            }

            assertThat(count.valid("t1")).isZero();
            assertThat(count.invalidated("t1")).isEqualTo(2);
            assertThat(count.invalidate(everything)).isEmpty();
        }

        @Test
        void refused_and_unknown_votes_are_taken_from_no_work() {
            count.decided(refusedVote("v1", "alice", "t1", RefusalReason.NOT_SHORTLISTED));

            assertThat(count.invalidate(List.of("v1", "v404"))).isEmpty();
            assertThat(count.refused()).containsEntry("NOT_SHORTLISTED", 1L);
        }

        @Test
        void a_duplicated_id_is_taken_from_the_work_of_its_first_decision() {
            count.decided(acceptedVote("v1", "alice", "t1"));
            count.decided(acceptedVote("v1", "mallory", "t2"));

            assertThat(count.invalidate(List.of("v1"))).containsOnly(Map.entry("t1", 1L));
            assertThat(count.valid("t2")).isZero();
        }

        @Test
        void of_a_work_never_voted_for_read_zero() {
            assertThat(count.valid("nobody")).isZero();
            assertThat(count.invalidated("nobody")).isZero();
        }
    }

    @Nested
    class Effect_of {

        @Test
        void tells_what_an_invalidation_would_take_without_changing_any_count() {
            acceptedVotes("t1", 1, 4);
            count.decided(acceptedVote("v5", "voter-5", "t2"));
            count.decided(refusedVote("v6", "voter-6", "t2", RefusalReason.CLOCK_SKEW));
            List<String> set = List.of("v1", "v2", "v5", "v6", "v1");

            Map<String, Long> first = count.effectOf(set);
            Map<String, Long> second = count.effectOf(set);

            assertThat(first).isEqualTo(Map.of("t1", 2L, "t2", 1L)).isEqualTo(second);
            assertThat(first.keySet()).containsExactly("t1", "t2");
            assertThat(count.valid("t1")).isEqualTo(4);
            assertThat(count.invalidated("t1")).isZero();
            assertThat(count.valid("t2")).isEqualTo(1);
            assertThat(count.accepted()).isEqualTo(5);
            assertThat(count.invalidate(set)).isEqualTo(first);
        }

        @Test
        void leaves_out_votes_invalidated_before() {
            acceptedVotes("t1", 1, 4);
            count.invalidate(List.of("v1", "v2"));

            assertThat(count.effectOf(List.of("v2", "v3"))).containsOnly(Map.entry("t1", 1L));
        }

        @Test
        void of_nothing_is_nothing() {
            acceptedVotes("t1", 1, 2);

            assertThat(count.effectOf(new ArrayList<>())).isEmpty();
        }
    }

    @Test
    void refused_votes_are_listed_by_every_reason_in_the_order_of_the_rules() {
        count.decided(refusedVote("v1", "alice", "t1", RefusalReason.DAILY_CATEGORY_LIMIT));

        assertThat(count.refused().keySet()).containsExactly("CLOCK_SKEW", "OUTSIDE_VOTING_WINDOW", "DISQUALIFIED",
                "NOT_SHORTLISTED", "DAILY_WORK_LIMIT", "DAILY_CATEGORY_LIMIT");
        assertThat(count.refused().values()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L);
    }
}
