package io.selection.events;


import io.selection.voting.VoteSet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A flagged set of votes no longer counts. The set is named by its id and defined by its rule,
 * {@code kind} ("ip", "device" or "voter"), {@code key} and window [{@code from}, {@code to}), so
 * anyone can recompute its members ({@link VoteSet}) from the votes logged before it;
 * {@code voteIds} are those members, and {@code acceptedVotesPerWork} says how many accepted votes
 * of the set each work loses. The decisions themselves stay in the log untouched. An invalidation
 * logged before the definition was carried has a null {@code kind}, {@code key}, {@code from} and
 * {@code to}.
 */
public record VotesInvalidatedEvent(String editionId, String setId, String rule, String kind, String key,
                                    Instant from, Instant to, String reason,
                                    List<String> voteIds, Map<String, Long> acceptedVotesPerWork, Instant at,
                                    String by, Published published) implements EditionEvent {

    public VotesInvalidatedEvent(String editionId, VoteSet set, String reason, List<String> voteIds,
                                 Map<String, Long> acceptedVotesPerWork, Instant at, String by, Published published) {
        this(editionId, set.id(), set.rule(), set.kind(), set.key(), set.from(), set.to(), reason, voteIds,
                acceptedVotesPerWork, at, by, published);
    }

    /** An invalidation without its set's definition, as logged before the definition was carried. */
    public VotesInvalidatedEvent(String editionId, String setId, String rule, String reason, List<String> voteIds,
                                 Map<String, Long> acceptedVotesPerWork, Instant at, String by, Published published) {
        this(editionId, setId, rule, null, null, null, null, reason, voteIds, acceptedVotesPerWork, at, by, published);
    }

    public VotesInvalidatedEvent(String editionId, String setId, String rule, String reason, List<String> voteIds,
                                 Map<String, Long> acceptedVotesPerWork, Instant at, String by) {
        this(editionId, setId, rule, reason, voteIds, acceptedVotesPerWork, at, by, null);
    }

    /** The set as it is defined, or null for an invalidation logged without its definition. */
    public VoteSet definition() {
        return kind == null && key == null && from == null && to == null ? null
                : new VoteSet(setId, rule, kind, key, from, to);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
