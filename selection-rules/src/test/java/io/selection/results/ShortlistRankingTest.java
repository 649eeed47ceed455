package io.selection.results;

import io.selection.common.Ratio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShortlistRankingTest {

    private static ShortlistRanking.Candidate candidate(String workId, Ratio score, long submissionNo) {
        return new ShortlistRanking.Candidate(workId, score, submissionNo);
    }

    private static List<String> ids(List<ShortlistRanking.Ranked> ranked) {
        return ranked.stream().map(r -> r.candidate().workId()).toList();
    }

    @Test
    void ranks_the_higher_preliminary_score_first() {
        List<ShortlistRanking.Ranked> ranked = ShortlistRanking.rank(List.of(
                candidate("a", Ratio.of(70, 1), 1), candidate("b", Ratio.of(90, 1), 2), candidate("c", Ratio.of(80, 1), 3)));

        assertThat(ids(ranked)).containsExactly("b", "c", "a");
        assertThat(ranked).extracting(ShortlistRanking.Ranked::rank).containsExactly(1, 2, 3);
    }

    @Test
    void on_equal_scores_ranks_the_earlier_submission_first() {
        assertThat(ids(ShortlistRanking.rank(List.of(
                candidate("a", Ratio.of(80, 1), 7), candidate("b", Ratio.of(80, 1), 3)))))
                .containsExactly("b", "a");
    }

    @Test
    void on_equal_score_and_submission_ranks_the_smaller_work_id_first() {
        assertThat(ids(ShortlistRanking.rank(List.of(
                candidate("w-b", Ratio.of(80, 1), 3), candidate("w-a", Ratio.of(80, 1), 3)))))
                .containsExactly("w-a", "w-b");
    }

    @Test
    void the_score_outweighs_an_earlier_submission_and_a_smaller_id() {
        assertThat(ids(ShortlistRanking.rank(List.of(
                candidate("a", Ratio.of(80, 1), 1), candidate("z", Ratio.of(161, 2), 99)))))
                .containsExactly("z", "a");
    }

    @Test
    void ranks_on_exact_scores_even_when_they_display_alike() {
        // 230/3 = 76.666... and 76.67 both show as 76.67; the exact values decide
        Ratio thirds = Ratio.of(230, 3);
        Ratio decimal = Ratio.of(new BigDecimal("76.67"));
        assertThat(thirds.toDisplay()).isEqualTo(decimal.toDisplay());

        assertThat(ids(ShortlistRanking.rank(List.of(candidate("a", thirds, 1), candidate("b", decimal, 2)))))
                .containsExactly("b", "a");
    }

    @Test
    void the_shortlist_is_the_head_of_the_ranking_up_to_the_quota() {
        List<ShortlistRanking.Candidate> candidates = List.of(candidate("a", Ratio.of(60, 1), 1),
                candidate("b", Ratio.of(90, 1), 2), candidate("c", Ratio.of(80, 1), 3), candidate("d", Ratio.of(80, 1), 4));

        assertThat(ids(ShortlistRanking.shortlist(candidates, 2))).containsExactly("b", "c");
        assertThat(ids(ShortlistRanking.shortlist(candidates, 10))).containsExactly("b", "c", "d", "a");
        assertThat(ShortlistRanking.shortlist(List.of(), 2)).isEmpty();
    }

    @Test
    void the_input_order_does_not_matter() {
        ShortlistRanking.Candidate a = candidate("a", Ratio.of(80, 1), 2);
        ShortlistRanking.Candidate b = candidate("b", Ratio.of(80, 1), 1);
        ShortlistRanking.Candidate c = candidate("c", Ratio.of(81, 1), 3);

        assertThat(ShortlistRanking.rank(List.of(a, b, c))).isEqualTo(ShortlistRanking.rank(List.of(c, b, a)));
    }
}
