package io.selection.voting;

/** The answer to a voter's front-end; {@code repeated} marks a vote id seen before (its first decision). */
public record VoteOutcome(String voteId, Decision decision, RefusalReason reason, boolean repeated) {
}
