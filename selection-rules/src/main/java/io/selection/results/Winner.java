package io.selection.results;

import java.math.BigDecimal;

/** One place among the published winners; scores shown rounded to two decimals. */
public record Winner(int rank, String workId, BigDecimal juryScore, long validVotes, BigDecimal voteScore,
                     BigDecimal finalScore) {
}
