package io.selection.api.voting;

import io.selection.api.config.SelectionProperties;
import io.selection.voting.DecideVotesCommand;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: one writer thread drains whatever votes are waiting (up to the group size),
 * decides them with one command per edition and records them as one event in one transaction,
 * then answers every waiting caller. Under load the groups grow by themselves; a lone vote waits
 * for no timer.
 */
@Component
public class GroupCommitVoteIntake implements VoteIntake {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitVoteIntake.class);

    private record Pending(String editionId, Vote vote, CompletableFuture<VoteOutcome> answer) {
    }

    private final CommandGateway commands;
    private final int groupSize;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommitVoteIntake(CommandGateway commands, SelectionProperties properties) {
        this.commands = commands;
        this.groupSize = properties.votes().groupSize();
        this.queue = new ArrayBlockingQueue<>(properties.votes().queueCapacity());
        this.writer = new Thread(this::run, "vote-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public CompletableFuture<VoteOutcome> submit(String editionId, Vote vote) {
        CompletableFuture<VoteOutcome> answer = new CompletableFuture<>();
        try {
            if (!running || !queue.offer(new Pending(editionId, vote, answer), 30, TimeUnit.SECONDS)) {
                answer.completeExceptionally(new RejectedExecutionException("the vote intake is full or stopping"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(groupSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, groupSize - 1);
                decide(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("vote group failed", e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void decide(List<Pending> batch) {
        Map<String, List<Pending>> byEdition = new LinkedHashMap<>();
        for (Pending p : batch) {
            byEdition.computeIfAbsent(p.editionId(), e -> new ArrayList<>()).add(p);
        }
        byEdition.forEach((editionId, group) -> {
            try {
                List<VoteOutcome> outcomes = commands.sendAndWait(
                        new DecideVotesCommand(editionId, group.stream().map(Pending::vote).toList()));
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(outcomes.get(i));
                }
            } catch (RuntimeException e) {
                group.forEach(p -> p.answer().completeExceptionally(e));
            }
        });
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
