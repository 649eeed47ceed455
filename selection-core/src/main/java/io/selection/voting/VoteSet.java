package io.selection.voting;

import io.selection.events.EditionEvent;
import io.selection.events.VotesDecidedEvent;

import java.time.Instant;
import java.util.List;

/**
 * A flagged set of votes, as an organiser may invalidate it: the accepted votes from one address
 * ({@code kind} "ip") or device ("device") cast in [from, to), or of one voter ("voter") on the
 * day that starts at {@code from}. The one definition of a set's membership.
 */
public record VoteSet(String id, String rule, String kind, String key, Instant from, Instant to) {

    public boolean contains(VoteDecision d) {
        if (!d.accepted()) {
            return false;
        }
        return switch (kind) {
            case "ip" -> key.equals(d.ip()) && inRange(d);
            case "device" -> key.equals(d.device()) && inRange(d);
            case "voter" -> key.equals(d.voterId()) && d.day() != null
                    && d.day().toEpochDay() == Math.floorDiv(from.getEpochSecond(), 86_400);
            default -> false;
        };
    }

    /** Adds the ids of the event's votes that belong to the set. */
    public void collect(EditionEvent event, List<String> voteIds) {
        if (event instanceof VotesDecidedEvent votes) {
            for (VoteDecision d : votes.decisions()) {
                if (contains(d)) {
                    voteIds.add(d.voteId());
                }
            }
        }
    }

    private boolean inRange(VoteDecision d) {
        return !d.castAt().isBefore(from) && d.castAt().isBefore(to);
    }
}
