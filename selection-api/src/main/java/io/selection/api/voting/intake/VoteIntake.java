package io.selection.api.voting.intake;

import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one way into the vote decision, whatever door a vote came through. A returned future
 * completes only once the vote's decision is durable (or was made durable before: a repeat).
 */
public interface VoteIntake {

    CompletableFuture<VoteOutcome> submit(String editionId, Vote vote);

    default List<CompletableFuture<VoteOutcome>> submitAll(String editionId, List<Vote> votes) {
        return votes.stream().map(v -> submit(editionId, v)).toList();
    }
}
