package io.selection.results;

import io.selection.common.Ratio;
import io.selection.edition.Weights;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreFormulasTest {

    @Nested
    class Vote_score {

        @Test
        void the_most_voted_work_scores_100() {
            assertThat(VoteScore.of(1234, 1234)).isEqualTo(Ratio.of(100, 1));
        }

        @Test
        void other_works_score_in_proportion_exactly() {
            assertThat(VoteScore.of(1, 3)).isEqualTo(Ratio.of(100, 3));
            assertThat(VoteScore.of(1, 3).toDisplay()).isEqualByComparingTo("33.33");
        }

        @Test
        void no_votes_in_the_category_give_zero_not_a_division_by_zero() {
            assertThat(VoteScore.of(0, 0)).isEqualTo(Ratio.ZERO);
        }

        @Test
        void a_work_without_votes_scores_zero() {
            assertThat(VoteScore.of(0, 50)).isEqualTo(Ratio.ZERO);
        }
    }

    @Nested
    class Final_score {

        @Test
        void weighs_the_jury_70_and_the_vote_30_percent() {
            // 0.7 * 80 + 0.3 * 100/3 = 56 + 10
            assertThat(FinalScore.of(Weights.DEFAULT, Ratio.of(80, 1), Ratio.of(100, 3))).isEqualTo(Ratio.of(66, 1));
        }

        @Test
        void is_exact_with_decimal_scores() {
            // 0.7 * 85.5 + 0.3 * 50 = 59.85 + 15
            assertThat(FinalScore.of(Weights.DEFAULT, Ratio.of(new BigDecimal("85.5")), Ratio.of(50, 1)))
                    .isEqualTo(Ratio.of(new BigDecimal("74.85")));
        }

        @Test
        void keeps_fractions_that_do_not_terminate() {
            // 0.7 * 200/3 + 0 = 140/3 = 46.666...
            Ratio score = FinalScore.of(Weights.DEFAULT, Ratio.of(200, 3), Ratio.ZERO);
            assertThat(score).isEqualTo(Ratio.of(140, 3));
            assertThat(score.toDisplay()).isEqualByComparingTo("46.67");
        }

        @Test
        void full_marks_give_100() {
            assertThat(FinalScore.of(Weights.DEFAULT, Ratio.of(100, 1), Ratio.of(100, 1))).isEqualTo(Ratio.of(100, 1));
        }

        @Test
        void follows_the_configured_weights() {
            assertThat(FinalScore.of(new Weights(85, 15), Ratio.of(80, 1), Ratio.of(40, 1))).isEqualTo(Ratio.of(74, 1));
        }
    }
}
