package io.selection.api.voting;

import io.selection.api.config.SelectionProperties;
import io.selection.voting.Hash64;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The in-process intake of the embedded default (no Kafka). Votes wait in one queue; one thread
 * drains whatever is waiting (up to {@code group-size} a lane), spreads it over the lanes by voter,
 * decides every lane's share and hands the lot to a {@link VoteWriter}, which commits all lanes'
 * groups in one transaction while the next lot is decided; each caller is answered once its vote
 * is durable. A lone vote waits for no timer; under load the groups grow by themselves.
 */
@Component
@ConditionalOnProperty(name = "selection.kafka.enabled", havingValue = "false", matchIfMissing = true)
public class LocalVoteIntake implements VoteIntake {

    private static final Logger log = LoggerFactory.getLogger(LocalVoteIntake.class);

    private record Pending(LaneCommitter.Entry entry, CompletableFuture<VoteOutcome> answer) {
    }

    /** One lot handed to the writer: the lanes' groups and who waits for each vote. */
    private record Lot(LaneCommitter.Decided decided, List<List<Pending>> waiting) {
    }

    private final LaneCommitter committer;
    private final EventStore eventStore;
    private final EditionStates editions;
    private final int groupSize;
    private final BlockingQueue<Pending> queue;
    private final List<VoteLane> lanes = new ArrayList<>();
    /** Lots that failed to commit (or came after one that did), in order: decided again before anything new. */
    private final ConcurrentLinkedQueue<Lot> failed = new ConcurrentLinkedQueue<>();
    private VoteWriter writer;
    private Thread thread;
    private volatile boolean running = true;

    public LocalVoteIntake(LaneCommitter committer, EventStore eventStore, EditionStates editions,
                           SelectionProperties properties) {
        this.committer = committer;
        this.eventStore = eventStore;
        this.editions = editions;
        this.groupSize = properties.votes().groupSize();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.votes().queueCapacity()));
        for (int i = 0; i < properties.votes().lanes(); i++) {
            lanes.add(new VoteLane("local-" + i));
        }
    }

    /** The intake starts once the application is ready: its lanes first rebuild their voters from the log. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        writer = new VoteWriter(committer, "vote-writer-local", 2);
        thread = new Thread(this::run, "vote-intake-local");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public CompletableFuture<VoteOutcome> submit(String editionId, Vote vote) {
        CompletableFuture<VoteOutcome> answer = new CompletableFuture<>();
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

    private int laneOf(Vote vote) {
        return (int) Math.floorMod(Hash64.of(vote.voterId()), (long) lanes.size());
    }

    private void run() {
        lanes.forEach(lane -> lane.rebuild(eventStore, editions));
        List<Pending> drained = new ArrayList<>(groupSize * lanes.size());
        while (running || !queue.isEmpty()) {
            try {
                if (writer.failed()) {
                    recover();
                }
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained, groupSize * lanes.size() - 1);
                decide(drained);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                drained.clear();
            }
        }
    }

    private void decide(List<Pending> drained) throws InterruptedException {
        List<List<Pending>> byLane = new ArrayList<>(lanes.size());
        lanes.forEach(l -> byLane.add(new ArrayList<>()));
        for (Pending p : drained) {
            byLane.get(laneOf(p.entry().vote())).add(p);
        }
        List<LaneCommitter.LaneGroup> groups = new ArrayList<>();
        List<List<Pending>> waiting = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (!byLane.get(i).isEmpty()) {
                groups.add(new LaneCommitter.LaneGroup(lanes.get(i), byLane.get(i).stream().map(Pending::entry).toList(),
                        null));
                waiting.add(byLane.get(i));
            }
        }
        LaneCommitter.Decided decided;
        try {
            decided = committer.decide(groups);
        } catch (RuntimeException e) {
            // the lanes may hold part of this lot: start again from the log, once nothing is in flight
            log.error("deciding a lot of {} votes failed; nothing of it was recorded", drained.size(), e);
            writer.awaitIdle();
            lanes.forEach(lane -> lane.rebuild(eventStore, editions));
            drained.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        Lot lot = new Lot(decided, waiting);
        writer.submit(VoteWriter.Job.of(decided, () -> answer(lot, decided.outcomes()), cause -> failed.add(lot)));
    }

    private static void answer(Lot lot, List<List<VoteOutcome>> outcomes) {
        for (int g = 0; g < lot.waiting().size(); g++) {
            List<Pending> waiting = lot.waiting().get(g);
            List<VoteOutcome> out = outcomes.get(g);
            for (int i = 0; i < waiting.size(); i++) {
                Pending p = waiting.get(i);
                if (out.get(i) == null) {
                    p.answer().completeExceptionally(LaneCommitter.unknownEdition(p.entry().editionId()));
                } else {
                    p.answer().complete(out.get(i));
                }
            }
        }
    }

    /**
     * A commit failed: once nothing is in flight, the lanes are rebuilt from the log and the lots
     * that were not written are decided again, in order, one transaction each, behind the gates.
     */
    private void recover() throws InterruptedException {
        writer.awaitIdle();
        lanes.forEach(lane -> lane.rebuild(eventStore, editions));
        for (Lot lot = failed.poll(); lot != null; lot = failed.poll()) {
            try {
                answer(lot, decideWithRetry(lot.decided().groups()));
            } catch (RuntimeException e) {
                log.error("a vote group failed; nothing of it was recorded", e);
                lot.waiting().forEach(w -> w.forEach(p -> p.answer().completeExceptionally(e)));
            }
        }
        writer.recovered();
    }

    /**
     * Another instance on the same database writes the same lane streams: the event store's
     * unique sequence refuses the later writer, whose lanes were rebuilt from the log (now with the
     * other's decisions); deciding the group again against it keeps every count exact.
     */
    private List<List<VoteOutcome>> decideWithRetry(List<LaneCommitter.LaneGroup> groups) {
        for (int attempt = 1; ; attempt++) {
            try {
                return committer.decideAndCommit(groups);
            } catch (RuntimeException e) {
                if (attempt >= 5 || !io.selection.api.web.ProblemHandler.hasCause(e, EventStoreException.class)) {
                    throw e;
                }
                log.info("lanes {} were written by another instance; deciding their groups again",
                        groups.stream().map(g -> g.lane().name()).toList());
            }
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(10_000);
        }
        if (writer != null) {
            writer.close();
        }
    }
}
