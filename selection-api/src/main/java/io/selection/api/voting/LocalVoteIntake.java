package io.selection.api.voting;

import io.selection.api.config.SelectionProperties;
import io.selection.voting.Hash64;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The in-process intake of the embedded default (no Kafka): votes are spread over lanes by voter,
 * and each lane's thread drains whatever is waiting (up to the group size), decides it and commits
 * it as one group, then answers every waiting caller. A lone vote waits for no timer; under load
 * the groups grow by themselves.
 */
@Component
@ConditionalOnProperty(name = "selection.kafka.enabled", havingValue = "false", matchIfMissing = true)
public class LocalVoteIntake implements VoteIntake {

    private static final Logger log = LoggerFactory.getLogger(LocalVoteIntake.class);

    private record Pending(LaneCommitter.Entry entry, CompletableFuture<VoteOutcome> answer) {
    }

    private final LaneCommitter committer;
    private final EventStore eventStore;
    private final EditionStates editions;
    private final int groupSize;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public LocalVoteIntake(LaneCommitter committer, EventStore eventStore, EditionStates editions,
                           SelectionProperties properties) {
        this.committer = committer;
        this.eventStore = eventStore;
        this.editions = editions;
        this.groupSize = properties.votes().groupSize();
        int lanes = properties.votes().lanes();
        for (int i = 0; i < lanes; i++) {
            queues.add(new ArrayBlockingQueue<>(Math.max(1, properties.votes().queueCapacity() / lanes)));
        }
    }

    /** Lanes start once the application is ready: each first rebuilds its voters from the log. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        for (int i = 0; i < queues.size(); i++) {
            VoteLane lane = new VoteLane("local-" + i);
            BlockingQueue<Pending> queue = queues.get(i);
            Thread thread = new Thread(() -> run(lane, queue), "vote-lane-" + lane.name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public CompletableFuture<VoteOutcome> submit(String editionId, Vote vote) {
        CompletableFuture<VoteOutcome> answer = new CompletableFuture<>();
        BlockingQueue<Pending> queue = queues.get((int) Math.floorMod(Hash64.of(vote.voterId()), (long) queues.size()));
        try {
            if (!running || !queue.offer(new Pending(new LaneCommitter.Entry(editionId, vote), answer), 30,
                    TimeUnit.SECONDS)) {
                answer.completeExceptionally(new RejectedExecutionException("the vote intake is full or stopping"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void run(VoteLane lane, BlockingQueue<Pending> queue) {
        lane.rebuild(eventStore, editions);
        List<Pending> group = new ArrayList<>(groupSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, groupSize - 1);
                List<VoteOutcome> outcomes = decideWithRetry(lane, group.stream().map(Pending::entry).toList());
                for (int i = 0; i < group.size(); i++) {
                    VoteOutcome outcome = outcomes.get(i);
                    Pending p = group.get(i);
                    if (outcome == null) {
                        p.answer().completeExceptionally(LaneCommitter.unknownEdition(p.entry().editionId()));
                    } else {
                        p.answer().complete(outcome);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("vote group of lane {} failed; nothing of it was recorded", lane.name(), e);
                group.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Another instance on the same database writes the same lane streams: the event store's
     * unique sequence refuses the later writer, whose lane was rebuilt from the log (now with the
     * other's decisions); deciding the group again against it keeps every count exact.
     */
    private List<VoteOutcome> decideWithRetry(VoteLane lane, List<LaneCommitter.Entry> entries) {
        for (int attempt = 1; ; attempt++) {
            try {
                return committer.decideAndCommit(lane, entries, null);
            } catch (RuntimeException e) {
                if (attempt >= 5 || !io.selection.api.web.ProblemHandler.hasCause(e,
                        org.axonframework.eventsourcing.eventstore.EventStoreException.class)) {
                    throw e;
                }
                log.info("lane {} was written by another instance; deciding its group again", lane.name());
            }
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
