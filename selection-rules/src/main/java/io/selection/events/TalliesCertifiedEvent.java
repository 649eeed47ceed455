package io.selection.events;


import java.time.Instant;
import java.util.Map;

/** Fixed when voting closes: valid votes per shortlisted work (by category) and refusals by reason. */
public record TalliesCertifiedEvent(String editionId, Map<String, Map<String, Long>> validVotes,
                                    Map<String, Long> refusedVotes, Instant at,
                                    Published published) implements EditionEvent {

    public TalliesCertifiedEvent(String editionId, Map<String, Map<String, Long>> validVotes,
                                 Map<String, Long> refusedVotes, Instant at) {
        this(editionId, validVotes, refusedVotes, at, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
