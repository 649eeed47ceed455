package io.selection.results;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shortlist, fixed as a fact at publication: category code to its places in rank order. */
@Revision("1")
public record ShortlistPublishedEvent(String editionId, Map<String, List<ListedWork>> categories, Instant at)
        implements EditionEvent {
}
