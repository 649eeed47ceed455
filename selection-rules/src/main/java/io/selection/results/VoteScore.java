package io.selection.results;

import io.selection.common.Ratio;

/** A work's vote score: 100 × its valid votes / the most valid votes of any ranked work in its category. */
public final class VoteScore {

    private VoteScore() {
    }

    public static Ratio of(long validVotes, long mostValidVotesInCategory) {
        if (mostValidVotesInCategory <= 0) {
            return Ratio.ZERO;
        }
        return Ratio.of(100L * validVotes, mostValidVotesInCategory);
    }
}
