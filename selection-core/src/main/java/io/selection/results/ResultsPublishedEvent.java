package io.selection.results;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The winners, fixed as a fact at publication: category code to its winners in rank order. */
@Revision("1")
public record ResultsPublishedEvent(String editionId, Map<String, List<Winner>> categories, Instant at)
        implements EditionEvent {
}
