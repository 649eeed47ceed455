package io.selection.events;

import io.selection.results.ListedWork;


import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shortlist, fixed as a fact at publication: category code to its places in rank order. */
public record ShortlistPublishedEvent(String editionId, Map<String, List<ListedWork>> categories, Instant at,
                                      Published published)
        implements EditionEvent {

    public ShortlistPublishedEvent(String editionId, Map<String, List<ListedWork>> categories, Instant at) {
        this(editionId, categories, at, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
