package io.selection.results;

import io.selection.common.Ratio;
import io.selection.edition.Weights;

/** Final score = (jury weight × jury score + vote weight × vote score) / 100, exact. */
public final class FinalScore {

    private FinalScore() {
    }

    public static Ratio of(Weights weights, Ratio juryScore, Ratio voteScore) {
        return juryScore.times(Ratio.of(weights.jury(), 100)).plus(voteScore.times(Ratio.of(weights.vote(), 100)));
    }
}
