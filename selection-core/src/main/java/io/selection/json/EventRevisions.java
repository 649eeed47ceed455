package io.selection.json;

import io.selection.events.EditionCreatedEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import org.axonframework.serialization.RevisionResolver;

import java.util.Map;

/**
 * The stored revision of each event's payload. The events live in selection-rules, which knows no
 * framework, so their revisions are kept here rather than in Axon's {@code @Revision} annotation;
 * the values are the ones those annotations held, so every stored event reads as before. A new
 * revision of an event is written here, beside its upcaster.
 */
public final class EventRevisions implements RevisionResolver {

    public static final Map<Class<?>, String> REVISIONS = Map.ofEntries(
            Map.entry(EditionCreatedEvent.class, "1"),
            Map.entry(ReviewerRegisteredEvent.class, "1"),
            Map.entry(WorkSubmittedEvent.class, "1"),
            Map.entry(WorkScoredEvent.class, "1"),
            Map.entry(WorkDisqualifiedEvent.class, "1"),
            Map.entry(StageChangedEvent.class, "1"),
            Map.entry(ShortlistPublishedEvent.class, "2"),
            Map.entry(ShortlistAmendedEvent.class, "2"),
            Map.entry(VotesDecidedEvent.class, "2"),
            Map.entry(VotesInvalidatedEvent.class, "2"),
            Map.entry(TalliesCertifiedEvent.class, "2"),
            Map.entry(ResultsPublishedEvent.class, "2"));

    @Override
    public String revisionOf(Class<?> payloadType) {
        return REVISIONS.get(payloadType);
    }
}
