package io.selection.results;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/** Fixed when voting closes: valid votes per shortlisted work (by category) and refusals by reason. */
@Revision("1")
public record TalliesCertifiedEvent(String editionId, Map<String, Map<String, Long>> validVotes,
                                    Map<String, Long> refusedVotes, Instant at) implements EditionEvent {
}
