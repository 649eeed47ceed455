package io.selection.events;


import java.math.BigDecimal;
import java.time.Instant;

/**
 * A disqualified work left the shortlist of its category and the next ranked work took its place
 * ({@code addedWorkId} is null when no work was left to take it).
 */
public record ShortlistAmendedEvent(String editionId, String category, String removedWorkId, String addedWorkId,
                                    BigDecimal addedPreliminaryScore, Instant at,
                                    Published published) implements EditionEvent {

    public ShortlistAmendedEvent(String editionId, String category, String removedWorkId, String addedWorkId,
                                 BigDecimal addedPreliminaryScore, Instant at) {
        this(editionId, category, removedWorkId, addedWorkId, addedPreliminaryScore, at, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
