package io.selection.results;

import io.selection.common.Ratio;
import io.selection.edition.Weights;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FinalRankingTest {

    private static FinalRanking.Candidate candidate(String workId, long jury, long votes, long submissionNo) {
        return new FinalRanking.Candidate(workId, Ratio.of(jury, 1), votes, submissionNo);
    }

    private static List<String> ids(List<FinalRanking.Ranked> ranked) {
        return ranked.stream().map(FinalRanking.Ranked::workId).toList();
    }

    @Nested
    class Ties {

        @Test
        void the_higher_final_score_wins_over_a_higher_jury_score() {
            // a: 0.7 * 90 + 0 = 63; b: 0.7 * 80 + 0.3 * 100 = 86
            List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(candidate("a", 90, 0, 1),
                    candidate("b", 80, 10, 2)), Weights.DEFAULT);

            assertThat(ids(ranked)).containsExactly("b", "a");
            assertThat(ranked.get(0).finalScore()).isEqualTo(Ratio.of(86, 1));
            assertThat(ranked.get(1).finalScore()).isEqualTo(Ratio.of(63, 1));
        }

        @Test
        void on_equal_final_scores_the_higher_jury_score_wins() {
            // a: 0.7 * 90 + 0.3 * 0 = 63; b: 0.7 * 60 + 0.3 * 70 = 63; c sets the most votes (10)
            List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(candidate("b", 60, 7, 1),
                    candidate("a", 90, 0, 2), candidate("c", 0, 10, 3)), Weights.DEFAULT);

            assertThat(ranked.get(0).finalScore()).isEqualTo(ranked.get(1).finalScore()).isEqualTo(Ratio.of(63, 1));
            assertThat(ids(ranked)).containsExactly("a", "b", "c");
        }

        @Test
        void on_equal_final_and_jury_scores_more_valid_votes_win() {
            // with no weight on the vote, both have final score 80
            List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(candidate("a", 80, 3, 1),
                    candidate("b", 80, 5, 2)), new Weights(100, 0));

            assertThat(ranked.get(0).finalScore()).isEqualTo(ranked.get(1).finalScore());
            assertThat(ids(ranked)).containsExactly("b", "a");
        }

        @Test
        void on_equal_scores_and_votes_the_earlier_submission_wins() {
            assertThat(ids(FinalRanking.rank(List.of(candidate("a", 80, 4, 9), candidate("b", 80, 4, 2)),
                    Weights.DEFAULT))).containsExactly("b", "a");
        }

        @Test
        void when_everything_else_is_equal_the_smaller_work_id_wins() {
            assertThat(ids(FinalRanking.rank(List.of(candidate("w2", 80, 4, 5), candidate("w10", 80, 4, 5)),
                    Weights.DEFAULT))).containsExactly("w10", "w2");
        }

        @Test
        void ranks_on_exact_final_scores_even_when_they_display_alike() {
            // a: 0.7 * (60 + 1/300) + 0.3 * 70 = 63.00233...; b: 0.7 * 90 + 0 = 63; both show as 63.00.
            // Rounded first, b would win on its jury score; exactly, a is ahead.
            FinalRanking.Candidate a = new FinalRanking.Candidate("a", Ratio.of(18001, 300), 7, 1);
            FinalRanking.Candidate b = candidate("b", 90, 0, 2);
            FinalRanking.Candidate c = candidate("c", 0, 10, 3);

            List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(b, a, c), Weights.DEFAULT);

            assertThat(ranked.get(0).finalScore().toDisplay()).isEqualTo(ranked.get(1).finalScore().toDisplay());
            assertThat(ids(ranked)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void vote_scores_are_relative_to_the_most_voted_work_of_the_candidates() {
        List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(candidate("a", 80, 4, 1),
                candidate("b", 80, 1, 2), candidate("c", 80, 0, 3)), Weights.DEFAULT);

        assertThat(ranked).extracting(FinalRanking.Ranked::voteScore)
                .containsExactly(Ratio.of(100, 1), Ratio.of(25, 1), Ratio.ZERO);
        assertThat(ranked).extracting(FinalRanking.Ranked::validVotes).containsExactly(4L, 1L, 0L);
        assertThat(ranked).extracting(FinalRanking.Ranked::submissionNo).containsExactly(1L, 2L, 3L);
    }

    @Test
    void without_any_valid_votes_the_jury_alone_decides() {
        List<FinalRanking.Ranked> ranked = FinalRanking.rank(List.of(candidate("a", 70, 0, 1),
                candidate("b", 90, 0, 2)), Weights.DEFAULT);

        assertThat(ids(ranked)).containsExactly("b", "a");
        assertThat(ranked.get(0).voteScore()).isEqualTo(Ratio.ZERO);
        assertThat(ranked.get(0).finalScore()).isEqualTo(Ratio.of(63, 1));
    }

    @Test
    void numbers_ranks_from_one_and_winners_are_the_head_up_to_the_quota() {
        List<FinalRanking.Candidate> candidates = List.of(candidate("a", 70, 0, 1), candidate("b", 90, 0, 2),
                candidate("c", 80, 0, 3));

        assertThat(FinalRanking.rank(candidates, Weights.DEFAULT)).extracting(FinalRanking.Ranked::rank)
                .containsExactly(1, 2, 3);
        assertThat(ids(FinalRanking.winners(candidates, Weights.DEFAULT, 2))).containsExactly("b", "c");
        assertThat(ids(FinalRanking.winners(candidates, Weights.DEFAULT, 5))).containsExactly("b", "c", "a");
        assertThat(FinalRanking.winners(List.of(), Weights.DEFAULT, 5)).isEmpty();
    }
}
