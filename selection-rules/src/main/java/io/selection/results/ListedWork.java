package io.selection.results;

import java.math.BigDecimal;

/** One place on the published shortlist; the score is shown rounded to two decimals. */
public record ListedWork(int rank, String workId, BigDecimal preliminaryScore) {
}
