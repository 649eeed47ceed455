package io.selection.events;

import io.selection.review.Round;


import java.math.BigDecimal;
import java.time.Instant;

/** A reviewer's score; a later one by the same reviewer in the same round replaces this one. */
public record WorkScoredEvent(String editionId, String workId, String reviewerId, Round round, BigDecimal score,
                              Instant at) implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
