package io.selection.api.voting.intake;

import io.selection.voting.VoteGroup;
import io.selection.voting.VoteOutcome;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP callers waiting for the decision on a vote they put on the Kafka topic. Completed by this
 * instance's consumer when it decides the vote, or by the read models when another instance did.
 */
@Component
public class DecisionWaiters {

    private final Map<String, CompletableFuture<VoteOutcome>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<VoteOutcome> register(String voteId) {
        return waiting.computeIfAbsent(voteId, id -> {
            CompletableFuture<VoteOutcome> future = new CompletableFuture<>();
            future.whenComplete((o, e) -> waiting.remove(id, future));
            return future;
        });
    }

    public void complete(VoteOutcome outcome) {
        if (outcome == null || waiting.isEmpty()) {
            return;
        }
        CompletableFuture<VoteOutcome> future = waiting.get(outcome.voteId());
        if (future != null) {
            future.complete(outcome);
        }
    }

    /** Completes the waiters of any vote of the group (a look-up per vote only while anyone waits). */
    public void complete(VoteGroup group) {
        for (int i = 0; i < group.size() && !waiting.isEmpty(); i++) {
            CompletableFuture<VoteOutcome> future = waiting.get(group.voteId(i));
            if (future != null) {
                future.complete(new VoteOutcome(group.voteId(i), group.decision(i), group.reason(i), false));
            }
        }
    }

    public boolean anyWaiting() {
        return !waiting.isEmpty();
    }
}
