package io.selection.voting;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The recorded decision on one vote. {@code day} is the voter's calendar day of castAt in the
 * edition's time zone; {@code category} is null for a work the edition does not know.
 */
public record VoteDecision(String voteId, String voterId, String workId, String category, Instant castAt,
                           Instant receivedAt, LocalDate day, Decision decision, RefusalReason reason, String ip,
                           String device) {

    public boolean accepted() {
        return decision == Decision.ACCEPTED;
    }

    public VoteOutcome outcome() {
        return new VoteOutcome(voteId, decision, reason, false);
    }
}
