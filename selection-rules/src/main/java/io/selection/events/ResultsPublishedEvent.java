package io.selection.events;

import io.selection.results.Winner;


import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The winners, fixed as a fact at publication: category code to its winners in rank order. */
public record ResultsPublishedEvent(String editionId, Map<String, List<Winner>> categories, Instant at,
                                    Published published)
        implements EditionEvent {

    public ResultsPublishedEvent(String editionId, Map<String, List<Winner>> categories, Instant at) {
        this(editionId, categories, at, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
