package io.selection.api.log;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;
import java.util.function.Function;

/**
 * The edition's events became one sealed family in {@code io.selection.events}; events stored
 * before keep their old class names, and are read under the new ones. Nothing stored changes.
 */
public class EventsMovedUpcaster extends SingleEventUpcaster {

    private static final Map<String, String> MOVED = Map.ofEntries(
            Map.entry("io.selection.edition.EditionCreatedEvent", "io.selection.events.EditionCreatedEvent"),
            Map.entry("io.selection.edition.StageChangedEvent", "io.selection.events.StageChangedEvent"),
            Map.entry("io.selection.work.WorkSubmittedEvent", "io.selection.events.WorkSubmittedEvent"),
            Map.entry("io.selection.work.WorkDisqualifiedEvent", "io.selection.events.WorkDisqualifiedEvent"),
            Map.entry("io.selection.review.ReviewerRegisteredEvent", "io.selection.events.ReviewerRegisteredEvent"),
            Map.entry("io.selection.review.WorkScoredEvent", "io.selection.events.WorkScoredEvent"),
            Map.entry("io.selection.results.ShortlistPublishedEvent", "io.selection.events.ShortlistPublishedEvent"),
            Map.entry("io.selection.results.ShortlistAmendedEvent", "io.selection.events.ShortlistAmendedEvent"),
            Map.entry("io.selection.results.TalliesCertifiedEvent", "io.selection.events.TalliesCertifiedEvent"),
            Map.entry("io.selection.results.ResultsPublishedEvent", "io.selection.events.ResultsPublishedEvent"),
            Map.entry("io.selection.voting.VotesDecidedEvent", "io.selection.events.VotesDecidedEvent"),
            Map.entry("io.selection.voting.VotesInvalidatedEvent", "io.selection.events.VotesInvalidatedEvent"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return MOVED.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(MOVED.get(representation.getType().getName()),
                representation.getType().getRevision()), Object.class, Function.identity());
    }
}
