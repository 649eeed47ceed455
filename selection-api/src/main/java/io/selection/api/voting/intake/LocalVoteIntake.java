package io.selection.api.voting.intake;

import io.selection.api.config.SelectionProperties;
import io.selection.api.web.ProblemHandler;
import io.selection.api.web.Unavailable;
import io.selection.voting.EditionVotingState;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The in-process intake of the embedded default (no Kafka). Votes wait in one queue; one thread
 * drains whatever is waiting (up to {@code group-size} a lane), spreads it over the lanes by voter
 * and decides every lane's share. Group commit: one transaction is in flight at a time on the
 * {@link VoteWriter}'s thread, and every lot decided meanwhile goes into the next one (up to
 * {@code group-size} times the lanes votes), whose events hold one lane's decisions per edition whatever the
 * number of lots and requests they came from; each caller is answered once its vote is durable. A
 * lone vote waits for no timer; under load the transactions grow by themselves.
 * <p>
 * The thread never dies of a failure: a lot that could not be decided or committed waits, in
 * order, while the thread backs off ({@link Backoff}), rebuilds its lanes from the store once the
 * store answers again, and decides the waiting lots again before anything new. Meanwhile the door
 * reports itself DOWN ({@link VoteDoors}), and the HTTP doors refuse new votes at once with 503.
 */
@Component
@ConditionalOnProperty(name = "selection.kafka.enabled", havingValue = "false", matchIfMissing = true)
public class LocalVoteIntake implements VoteIntake {

    private static final Logger log = LoggerFactory.getLogger(LocalVoteIntake.class);
    /** A lot that fails this often after its lanes were rebuilt from an answering store is refused (503). */
    private static final int ATTEMPTS = 5;

    private record Pending(LaneCommitter.Entry entry, CompletableFuture<VoteOutcome> answer) {
    }

    /** Votes taken from the queue together, in order, and how often deciding them again has failed. */
    private static final class Lot {
        private final List<Pending> votes;
        private int attempts;

        Lot(List<Pending> votes) {
            this.votes = votes;
        }
    }

    /** A lot spread over the lanes: one group a lane, and who waits for each vote of it. */
    private record Spread(List<LaneCommitter.LaneGroup> groups, List<List<Pending>> waiting) {
    }

    private final LaneCommitter committer;
    private final EventStore eventStore;
    private final EditionStates editions;
    private final VoteDoors doors;
    private final int groupSize;
    private final BlockingQueue<Pending> queue;
    private final List<VoteLane> lanes = new ArrayList<>();
    /** The vote ids the lanes decided, shared: one vote id is one vote across lanes. */
    private final DoorVoteIds ids = new DoorVoteIds();
    /** Lots that failed to be decided or committed (or came after one that did), in order: decided again first. */
    private final ConcurrentLinkedQueue<Lot> failed = new ConcurrentLinkedQueue<>();
    private final Backoff backoff = new Backoff(100, 5_000);
    private VoteDoors.Door door;
    private VoteWriter writer;
    private Thread thread;
    private volatile boolean running = true;
    /** The lanes must be rebuilt from the log before anything is decided: at the start, and after any failure. */
    private boolean recovering = true;

    public LocalVoteIntake(LaneCommitter committer, EventStore eventStore, EditionStates editions,
                           VoteDoors doors, SelectionProperties properties) {
        this.committer = committer;
        this.eventStore = eventStore;
        this.editions = editions;
        this.doors = doors;
        this.groupSize = properties.votes().groupSize();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.votes().queueCapacity()));
        for (int i = 0; i < properties.votes().lanes(); i++) {
            lanes.add(new VoteLane("local-" + i, ids));
        }
        this.door = doors.register("local");
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
        if (!running) {
            answer.completeExceptionally(new Unavailable("the vote intake is stopping", 5));
        } else if (!queue.offer(new Pending(new LaneCommitter.Entry(editionId, vote), answer))) {
            answer.completeExceptionally(new Unavailable("the vote intake's queue is full", 1));
        }
        return answer;
    }

    private int laneOf(Vote vote) {
        return (int) Math.floorMod(Hash64.of(vote.voterId()), (long) lanes.size());
    }

    private void run() {
        List<Pending> drained = new ArrayList<>(groupSize * lanes.size());
        while (running || !queue.isEmpty() || !failed.isEmpty()) {
            try {
                if (recovering || writer.failed()) {
                    recover();
                }
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained, groupSize * lanes.size() - 1);
                decide(new Lot(new ArrayList<>(drained)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // a worker never dies silently: tell health, back off, rebuild, go on
                recovering = true;
                long wait = backoff.nextMillis();
                door.down(e, wait);
                log.warn("the local vote door cannot decide ({}); its lanes are rebuilt from the store in {} ms",
                        VoteDoors.describe(e), wait);
                try {
                    backoff.pause();
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                drained.clear();
            }
        }
    }

    private Spread spread(List<Pending> votes) {
        List<List<Pending>> byLane = new ArrayList<>(lanes.size());
        lanes.forEach(l -> byLane.add(new ArrayList<>()));
        for (Pending p : votes) {
            byLane.get(laneOf(p.entry().vote())).add(p);
        }
        List<LaneCommitter.LaneGroup> groups = new ArrayList<>();
        List<List<Pending>> waiting = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (!byLane.get(i).isEmpty()) {
                groups.add(new LaneCommitter.LaneGroup(lanes.get(i),
                        byLane.get(i).stream().map(Pending::entry).toList(), null));
                waiting.add(byLane.get(i));
            }
        }
        return new Spread(groups, waiting);
    }

    /**
     * Decides the lot into the job still waiting for the writer, if there is one with room, so that
     * everything decided while a transaction is in flight goes into the next one; else into a new
     * job. Only the deciding in memory runs while the waiting job is held (the editions' states are
     * read before). On failure the lot waits behind the lots in flight, decided again once the
     * lanes are rebuilt; a waiting job that took part of it is failed unwritten (it is poisoned).
     */
    private void decide(Lot lot) throws InterruptedException {
        Spread spread = spread(lot.votes);
        try {
            Map<String, Optional<EditionVotingState>> states = committer.states(spread.groups());
            if (writer.extendWaiting(job -> ((Gathered) job).add(lot, spread, states))) {
                return;
            }
            Gathered job = new Gathered(committer, groupSize * lanes.size());
            if (!job.add(lot, spread, states)) {
                throw new IllegalStateException("a lot refused by a job of its own");
            }
            writer.submit(job);
        } catch (RuntimeException | Error e) { // an Error too: the lot must not be left unanswered
            writer.awaitIdle();
            failed.add(lot);
            throw e;
        }
    }

    /**
     * One transaction's worth of lots: decided into one {@link LaneCommitter.Decided} (one event a
     * lane and edition), its callers answered once it is durable, its lots decided again if not.
     */
    private final class Gathered implements VoteWriter.Job {
        private final LaneCommitter committer;
        private final int room;
        private final LaneCommitter.Decided decided;
        private final List<Lot> lots = new ArrayList<>();
        private final List<Runnable> answers = new ArrayList<>();
        private RuntimeException poisoned;

        Gathered(LaneCommitter committer, int room) {
            this.committer = committer;
            this.room = room;
            this.decided = committer.open();
        }

        /**
         * Decides the lot into this job; false, with nothing decided, if the job already holds
         * {@code room} votes with it or an edition moved on.
         */
        boolean add(Lot lot, Spread spread, Map<String, Optional<EditionVotingState>> states) {
            if (!lots.isEmpty() && decided.entries() + lot.votes.size() > room) {
                return false;
            }
            List<List<VoteOutcome>> outcomes;
            try {
                outcomes = committer.decideInto(decided, spread.groups(), states);
            } catch (RuntimeException | Error e) {
                // part of the lot may be in it: it must not be written
                poisoned = e instanceof RuntimeException r ? r : new IllegalStateException("deciding a lot failed", e);
                throw e;
            }
            if (outcomes == null) {
                return false;
            }
            lots.add(lot);
            answers.add(() -> answer(spread.waiting(), outcomes));
            return true;
        }

        @Override
        public LaneCommitter.Decided decided() {
            return decided;
        }

        @Override
        public void committed() {
            answers.forEach(Runnable::run);
        }

        @Override
        public void failed(RuntimeException cause) {
            LocalVoteIntake.this.failed.addAll(lots);
        }

        @Override
        public RuntimeException poisoned() {
            return poisoned;
        }
    }

    private static void answer(List<List<Pending>> waitingByGroup, List<List<VoteOutcome>> outcomes) {
        for (int g = 0; g < waitingByGroup.size(); g++) {
            List<Pending> waiting = waitingByGroup.get(g);
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
     * At the start, or after a failure: once nothing is in flight, the lanes are rebuilt from the
     * log (in parallel) and the lots that were not written are decided again, in order, one
     * transaction each, behind the gates. Throws while the store does not answer; the lots wait.
     */
    private void recover() throws InterruptedException {
        writer.awaitIdle();
        rebuildLanes();
        for (Lot lot = failed.peek(); lot != null; lot = failed.peek()) {
            Spread spread = spread(lot.votes);
            try {
                answer(spread.waiting(), decideWithRetry(spread.groups()));
                failed.poll();
            } catch (RuntimeException e) {
                if (++lot.attempts >= ATTEMPTS) {
                    failed.poll();
                    log.error("a lot of {} votes failed {} times against an answering store; refused, nothing of it "
                            + "recorded", lot.votes.size(), ATTEMPTS, e);
                    Unavailable refused = new Unavailable("the vote could not be recorded ("
                            + VoteDoors.describe(e) + "); nothing of it was; send it again", 1);
                    lot.votes.forEach(p -> p.answer().completeExceptionally(refused));
                }
                throw e;
            }
        }
        writer.recovered();
        recovering = false;
        backoff.reset();
        door.up();
    }

    private void rebuildLanes() {
        ids.rebuildAll(eventStore, editions);
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
                if (attempt >= 5 || !ProblemHandler.hasCause(e, EventStoreException.class)) {
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
        backoff.wake();
        if (thread != null) {
            thread.join(10_000);
        }
        if (writer != null) {
            writer.close();
        }
        // whatever is still waiting was not decided, or its decisions were not written: never left unanswered
        Unavailable stopped = new Unavailable("the vote intake stopped before this vote was recorded; send it "
                + "again with the same id, which answers its decision if it was recorded after all", 5);
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.answer().completeExceptionally(stopped);
        }
        for (Lot lot = failed.poll(); lot != null; lot = failed.poll()) {
            lot.votes.forEach(p -> p.answer().completeExceptionally(stopped));
        }
    }
}
