package io.selection.review;

import io.selection.common.Ratio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A work's score from its reviewers' scores: with {@code trimFrom} or more scores the single
 * highest and single lowest are dropped, otherwise the plain mean. Exact, never rounded.
 */
public final class TrimmedMean {

    private TrimmedMean() {
    }

    /** Empty scores give zero: such a work is short of scores and cannot be published anyway. */
    public static Ratio of(Collection<BigDecimal> scores, int trimFrom) {
        if (scores.isEmpty()) {
            return Ratio.ZERO;
        }
        List<BigDecimal> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        if (sorted.size() >= trimFrom) {
            sorted = sorted.subList(1, sorted.size() - 1);
        }
        Ratio sum = Ratio.ZERO;
        for (BigDecimal score : sorted) {
            sum = sum.plus(Ratio.of(score));
        }
        return sum.dividedBy(sorted.size());
    }
}
