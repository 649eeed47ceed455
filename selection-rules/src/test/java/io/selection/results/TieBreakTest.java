package io.selection.results;

import io.selection.common.Ratio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TieBreakTest {

    private static ShortlistRanking.Candidate candidate(String work, String score, long submissionNo) {
        return new ShortlistRanking.Candidate(work, Ratio.of(new BigDecimal(score)), submissionNo);
    }

    @Test
    void the_order_is_the_keys_in_turn_and_the_deciding_key_is_the_first_that_differs() {
        ShortlistRanking.Candidate high = candidate("w9", "90.5", 7);
        ShortlistRanking.Candidate early = candidate("w3", "80", 2);
        ShortlistRanking.Candidate late = candidate("w1", "80", 5);
        List<ShortlistRanking.Candidate> sorted = new ArrayList<>(List.of(late, early, high));
        sorted.sort(ShortlistRanking.ORDER);

        assertThat(sorted).containsExactly(high, early, late);
        assertThat(TieBreak.deciding(ShortlistRanking.KEYS, 0, high, early).code()).isEqualTo("PRELIMINARY_SCORE");
        TieBreak<ShortlistRanking.Candidate> tie = TieBreak.deciding(ShortlistRanking.KEYS, 1, early, late);
        assertThat(tie.code()).isEqualTo("SUBMISSION_NO");
        assertThat(tie.shown().apply(early)).isEqualTo(2L);
        assertThat(TieBreak.deciding(ShortlistRanking.KEYS, 0, early, early)).isNull();
    }
}
