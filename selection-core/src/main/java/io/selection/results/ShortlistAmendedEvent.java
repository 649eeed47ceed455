package io.selection.results;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A disqualified work left the shortlist of its category and the next ranked work took its place
 * ({@code addedWorkId} is null when no work was left to take it).
 */
@Revision("1")
public record ShortlistAmendedEvent(String editionId, String category, String removedWorkId, String addedWorkId,
                                    BigDecimal addedPreliminaryScore, Instant at) implements EditionEvent {
}
