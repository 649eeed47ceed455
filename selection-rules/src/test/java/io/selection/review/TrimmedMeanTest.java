package io.selection.review;

import io.selection.common.Ratio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.selection.TestEditions.decimals;
import static org.assertj.core.api.Assertions.assertThat;

class TrimmedMeanTest {

    private static final int TRIM_FROM = 5;

    @Test
    void four_scores_give_the_plain_mean() {
        // trimmed would be (80 + 90) / 2 = 85; the plain mean is 330 / 4 = 82.5
        assertThat(TrimmedMean.of(decimals("60", "80", "90", "100"), TRIM_FROM)).isEqualTo(Ratio.of(165, 2));
    }

    @Test
    void five_scores_drop_the_highest_and_the_lowest() {
        // (60 + 80 + 90) / 3, not (10 + 60 + 80 + 90 + 100) / 5 = 68
        assertThat(TrimmedMean.of(decimals("60", "100", "80", "10", "90"), TRIM_FROM)).isEqualTo(Ratio.of(230, 3));
    }

    @Test
    void six_scores_drop_only_one_highest_and_one_lowest() {
        // (40 + 50 + 60 + 90) / 4 = 60; dropping two of each side would give 55
        assertThat(TrimmedMean.of(decimals("0", "100", "40", "50", "60", "90"), TRIM_FROM))
                .isEqualTo(Ratio.of(60, 1));
    }

    @Test
    void equal_extremes_drop_a_single_copy_each() {
        // sorted 50 50 70 90 90: one 50 and one 90 go, leaving 50 70 90
        assertThat(TrimmedMean.of(decimals("90", "50", "70", "50", "90"), TRIM_FROM)).isEqualTo(Ratio.of(70, 1));
    }

    @Test
    void the_mean_is_exact_and_never_rounded() {
        Ratio mean = TrimmedMean.of(decimals("33.33", "33.33", "33.34"), TRIM_FROM);
        assertThat(mean).isEqualTo(Ratio.of(100, 3));
        assertThat(mean).isNotEqualTo(Ratio.of(new BigDecimal("33.33")));
        assertThat(mean.toDisplay()).isEqualByComparingTo("33.33");
    }

    @Test
    void decimal_scores_sum_exactly() {
        assertThat(TrimmedMean.of(decimals("85.5", "90.25", "77.75"), TRIM_FROM)).isEqualTo(Ratio.of(169, 2));
    }

    @Test
    void trailing_zeros_do_not_change_the_mean() {
        assertThat(TrimmedMean.of(decimals("80.00", "90.0", "70"), TRIM_FROM)).isEqualTo(Ratio.of(80, 1));
    }

    @Test
    void no_scores_give_zero() {
        assertThat(TrimmedMean.of(List.of(), TRIM_FROM)).isEqualTo(Ratio.ZERO);
    }

    @Test
    void a_lower_trim_threshold_trims_three_scores_down_to_the_median() {
        assertThat(TrimmedMean.of(decimals("10", "95", "60"), 3)).isEqualTo(Ratio.of(60, 1));
        assertThat(TrimmedMean.of(decimals("10", "95"), 3)).isEqualTo(Ratio.of(105, 2));
    }

    @Test
    void does_not_reorder_the_callers_scores() {
        List<BigDecimal> scores = new ArrayList<>(decimals("90", "10", "50", "70", "30"));
        TrimmedMean.of(scores, TRIM_FROM);
        assertThat(scores).isEqualTo(decimals("90", "10", "50", "70", "30"));
    }
}
