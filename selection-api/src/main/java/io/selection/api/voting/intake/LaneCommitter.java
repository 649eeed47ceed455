package io.selection.api.voting.intake;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.events.VotesDecidedEvent;
import io.selection.voting.EditionVotingState;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteOutcome;
import io.selection.voting.VoterBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Decides groups of votes of the lanes and makes the decisions durable in one transaction: the
 * voting gate of each edition concerned, one {@code VotesDecidedEvent} per lane and edition in the
 * lane's stream, and each lane's Kafka position inside its last event. This is the one piece of
 * decision code every door reaches. Two ways to use it:
 * <ul>
 * <li>{@link #decideAndCommit}: decides behind the gates and commits, in one go;</li>
 * <li>{@link #decide} then {@link #commit} (on another thread, by {@link VoteWriter}): decides
 * against each edition's state as last committed, then commits behind the gates if that state is
 * still the edition's latest ({@link StaleDecisions} otherwise, and nothing is written). The next
 * group is decided while this one commits.</li>
 * </ul>
 */
@Component
public class LaneCommitter {

    /** A vote of the group with its edition. */
    public record Entry(String editionId, io.selection.voting.Vote vote) {
    }

    /** The votes one lane decides, and the lane's Kafka position after them. */
    public record LaneGroup(VoteLane lane, List<Entry> entries, Long nextOffset) {
    }

    /** One event to append: in a lane's stream, at a sequence, with what it moves the lane to. */
    private record Append(VoteLane lane, long sequence, VotesDecidedEvent event, Long offset, int decisions) {
    }

    /**
     * Groups decided but not yet durable: their outcomes (one list per lane group, null for a vote
     * of an unknown edition), the events to append, and the edition versions they were decided
     * against. Until {@linkplain #seal sealed}, more groups can be decided into it (the local door
     * gathers everything decided while the writer commits the lot before): each lane's decisions
     * per edition then become one event, whatever the number of lots they came in.
     */
    public static final class Decided {
        private final List<LaneGroup> groups = new ArrayList<>();
        private final List<List<VoteOutcome>> outcomes = new ArrayList<>();
        private final List<Append> appends = new ArrayList<>();
        private final Map<String, Long> versions = new TreeMap<>();
        /** Until sealed: each lane's decisions per edition, lanes and editions in the order they came. */
        private Map<VoteLane, Building> building = new LinkedHashMap<>();
        private int votes;
        private int entries;

        Decided() {
        }

        public List<LaneGroup> groups() {
            return groups;
        }

        public List<List<VoteOutcome>> outcomes() {
            return outcomes;
        }

        /** Decisions to write (repeats are none); known once sealed. */
        public int votes() {
            return votes;
        }

        /** Votes decided into it, repeats and votes of unknown editions included. */
        int entries() {
            return entries;
        }

        boolean sealed() {
            return building == null;
        }
    }

    /** A lane's decisions not yet sealed into events, and its Kafka position after them. */
    private static final class Building {
        private final Map<String, VoteGroup.Builder> perEdition = new LinkedHashMap<>();
        private Long nextOffset;
    }

    /** An edition changed between deciding a group and committing it: decide the group again. */
    public static final class StaleDecisions extends RuntimeException {
        StaleDecisions(String editionId) {
            super("edition " + editionId + " changed after its votes were decided; they are decided again", null,
                    false, false);
        }
    }

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final VotingGate gate;
    private final EditionStates editions;
    private final Timer commitTimer;
    private final DistributionSummary groupSizes;
    private final Counter accepted;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);

    /**
     * Threads beside the caller's that decide lanes' groups of one lot at the same time (the lanes
     * share only their door's vote ids, which take concurrent deciders); null with one decider.
     */
    private final java.util.concurrent.ExecutorService deciders;
    private final int ways;
    private final Counter split;

    public LaneCommitter(EventStore eventStore, TransactionManager transactions, VotingGate gate,
                         EditionStates editions, MeterRegistry meters,
                         io.selection.api.config.SelectionProperties properties) {
        this.ways = properties.votes().deciders();
        this.deciders = ways < 2 ? null : java.util.concurrent.Executors.newFixedThreadPool(ways - 1, r -> {
            Thread t = new Thread(r, "vote-decider");
            t.setDaemon(true);
            return t;
        });
        this.split = Counter.builder("selection.votes.lots.split")
                .description("lots whose lanes were decided by more than one thread at once").register(meters);
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.gate = gate;
        this.editions = editions;
        this.commitTimer = Timer.builder("selection.votes.commit").description("committing one group of decisions")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.groupSizes = DistributionSummary.builder("selection.votes.group.size").register(meters);
        // the same tag keys on every series of one name, or Prometheus drops the odd ones
        this.accepted = Counter.builder("selection.votes.decided").tag("decision", "ACCEPTED").tag("reason", "none")
                .register(meters);
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, Counter.builder("selection.votes.decided").tag("decision", "REFUSED")
                    .tag("reason", reason.name()).register(meters));
        }
    }

    /** One lane's group, decided and committed at once; see {@link #decideAndCommit(List)}. */
    public List<VoteOutcome> decideAndCommit(VoteLane lane, List<Entry> group, Long nextOffset) {
        return decideAndCommit(List.of(new LaneGroup(lane, group, nextOffset))).get(0);
    }

    /**
     * Decides the groups behind the gates of their editions and commits them in one transaction.
     * Outcomes per group, in order; on failure nothing is recorded and every lane concerned is
     * rebuilt from the log before the exception is rethrown.
     */
    public List<List<VoteOutcome>> decideAndCommit(List<LaneGroup> groups) {
        Decided decided = inTransaction(groups, true, () -> {
            for (String editionId : editionsOf(groups)) {
                if (editions.exists(editionId)) {
                    gate.lock(editionId);
                }
            }
            Decided d = decide(groups);
            append(d);
            return d;
        });
        return decided.outcomes();
    }

    /**
     * Decides the groups against each edition's state as last committed, without a transaction and
     * without writing: the lanes' books move on at once (so the next groups can be decided), and
     * must be rebuilt from the log if {@link #commit} fails.
     */
    public Decided decide(List<LaneGroup> groups) {
        Decided decided = new Decided();
        decideInto(decided, groups, states(groups));
        seal(decided);
        return decided;
    }

    /** Decisions to decide groups into ({@link #decideInto}) before they are sealed and committed. */
    Decided open() {
        return new Decided();
    }

    /** The voting state of each edition of the groups, as last committed (empty for an unknown edition); reads the store. */
    Map<String, Optional<EditionVotingState>> states(List<LaneGroup> groups) {
        Map<String, Optional<EditionVotingState>> states = new TreeMap<>();
        for (String editionId : editionsOf(groups)) {
            states.put(editionId, editions.exists(editionId) ? editions.current(editionId) : Optional.empty());
        }
        return states;
    }

    /**
     * Decides the groups into {@code into}, not yet sealed, as {@link #decide} does, against
     * {@code states} ({@link #states}): in memory only. The outcomes of these groups, or null, with
     * nothing decided, when an edition has moved on since the groups already in {@code into} were
     * decided (they must be committed apart). On a throwable the lanes and {@code into} may hold
     * part of the groups: neither may be committed.
     */
    List<List<VoteOutcome>> decideInto(Decided into, List<LaneGroup> groups,
                                       Map<String, Optional<EditionVotingState>> states) {
        if (into.sealed()) {
            throw new IllegalStateException("decisions already sealed");
        }
        for (Map.Entry<String, Optional<EditionVotingState>> e : states.entrySet()) {
            Long before = into.versions.get(e.getKey());
            if (before != null && (e.getValue().isEmpty() || e.getValue().get().version() != before)) {
                return null;
            }
        }
        states.forEach((editionId, state) -> state.ifPresent(s -> into.versions.put(editionId, s.version())));
        List<List<VoteOutcome>> outcomes = decideGroups(groups, states, into);
        into.groups.addAll(groups);
        into.outcomes.addAll(outcomes);
        return outcomes;
    }

    /**
     * Turns what was decided into events: one per lane and edition (an empty one where only a
     * lane's Kafka position moves), each lane's position in its last, at the lane's next sequences.
     */
    void seal(Decided decided) {
        for (Map.Entry<VoteLane, Building> laneDecisions : decided.building.entrySet()) {
            VoteLane lane = laneDecisions.getKey();
            Building building = laneDecisions.getValue();
            Long nextOffset = building.nextOffset;
            List<Map.Entry<String, VoteGroup.Builder>> events = new ArrayList<>(building.perEdition.entrySet());
            if (events.isEmpty() && nextOffset != null && !nextOffset.equals(lane.decidedOffset())) {
                // nothing to decide (only repeats or unreadable records), but the position must move on
                events.add(Map.entry("", new VoteGroup.Builder()));
            }
            for (int i = 0; i < events.size(); i++) {
                Map.Entry<String, VoteGroup.Builder> e = events.get(i);
                Long offset = i == events.size() - 1 ? nextOffset : null;
                VoteGroup votes = e.getValue().build();
                decided.appends.add(new Append(lane, lane.claimSequence(),
                        new VotesDecidedEvent(e.getKey(), lane.name(), offset, votes), offset, votes.size()));
                decided.votes += votes.size();
            }
            lane.decidedUpTo(nextOffset);
        }
        decided.building = null;
    }

    /**
     * Makes decided groups durable in one transaction, behind the gates of their editions, if every
     * edition is still as it was when they were decided; else throws {@link StaleDecisions}. On any
     * failure nothing is written, and the caller rebuilds the lanes (once nothing decided after
     * these is still to commit) before deciding again.
     */
    public void commit(Decided decided) {
        if (!decided.sealed()) {
            seal(decided);
        }
        if (decided.appends.isEmpty()) {
            return; // only repeats of votes decided before: nothing to write
        }
        inTransaction(decided.groups, false, () -> {
            for (Map.Entry<String, Long> version : decided.versions.entrySet()) {
                // in edition-id order: two transactions never wait on each other; the version is the
                // locked row's, which every append to the edition's stream moves on (decision 20)
                if (gate.lock(version.getKey()).version() != version.getValue()) {
                    throw new StaleDecisions(version.getKey());
                }
            }
            append(decided);
            return decided;
        });
    }

    private Decided inTransaction(List<LaneGroup> groups, boolean rebuildOnFailure, Supplier<Decided> work) {
        long start = System.nanoTime();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions); // rolled back at the clean-up even after an Error
        ResultMessage<Decided> result;
        try {
            result = unitOfWork.executeWithResult(work::get, RollbackConfigurationType.ANY_THROWABLE);
        } catch (RuntimeException | Error escaped) {
            // an Error in the commit phase (PgJDBC's assertions throw one when a connection dies
            // mid-batch): the lot fails like any other, and RollingBackTransactionManager has rolled
            // its transaction back, so the next commit does not join it
            result = new GenericResultMessage<>(escaped);
        }
        if (result.isExceptional()) {
            if (rebuildOnFailure) { // the lanes share their vote ids with their door's others: all are rebuilt
                groups.stream().map(g -> g.lane().door()).distinct().forEach(d -> d.rebuildAll(eventStore, editions));
            }
            Throwable e = result.exceptionResult();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        Decided decided = result.getPayload();
        commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        groupSizes.record(decided.votes);
        return decided;
    }

    private static java.util.Set<String> editionsOf(List<LaneGroup> groups) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        groups.forEach(g -> g.entries().forEach(entry -> ids.add(entry.editionId())));
        return ids;
    }

    /** Below this many votes a lot is decided on the caller's thread alone: handing it over would cost more. */
    static final int PARALLEL_FROM = 256;

    /**
     * Decides the groups, each against its lane's book: on the caller's thread, or, with more than
     * one decider, a lot of several lanes split between the caller and the other deciders by
     * lanes (each lane on one thread, its votes in order). Returns once every part is decided,
     * also when one failed (which it then throws), so no thread still moves a lane when the caller
     * rebuilds them. Each lane's events come out in the groups' order whoever decided them.
     */
    private List<List<VoteOutcome>> decideGroups(List<LaneGroup> groups,
                                                 Map<String, Optional<EditionVotingState>> states, Decided into) {
        List<Building> buildings = new ArrayList<>(groups.size());
        int votes = 0;
        java.util.Set<VoteLane> lanes = new java.util.HashSet<>();
        for (LaneGroup group : groups) {
            buildings.add(into.building.computeIfAbsent(group.lane(), l -> new Building()));
            votes += group.entries().size();
            lanes.add(group.lane());
        }
        into.entries += votes;
        int parts = Math.min(ways, groups.size());
        List<List<VoteOutcome>> outcomes = new ArrayList<>(java.util.Collections.nCopies(groups.size(), null));
        java.util.function.IntConsumer decideGroup = i -> outcomes.set(i, decide(groups.get(i), states,
                buildings.get(i)));
        if (deciders == null || parts < 2 || votes < PARALLEL_FROM || lanes.size() < groups.size()) {
            for (int i = 0; i < groups.size(); i++) {
                decideGroup.accept(i);
            }
            return outcomes;
        }
        // the largest groups first, each to the part with the fewest votes so far
        List<List<Integer>> shares = new ArrayList<>();
        long[] load = new long[parts];
        for (int p = 0; p < parts; p++) {
            shares.add(new ArrayList<>());
        }
        java.util.stream.IntStream.range(0, groups.size()).boxed().sorted((a, b) -> groups.get(b).entries().size()
                - groups.get(a).entries().size()).forEach(i -> {
                    int least = 0;
                    for (int p = 1; p < parts; p++) {
                        least = load[p] < load[least] ? p : least;
                    }
                    shares.get(least).add(i);
                    load[least] += groups.get(i).entries().size();
                });
        List<java.util.concurrent.Future<?>> others = new ArrayList<>(parts - 1);
        Throwable failure = null;
        try {
            // a hand-over that fails (a pool shut down, no thread to be had) still waits for the parts handed over
            for (int p = 1; p < parts; p++) {
                List<Integer> part = shares.get(p);
                others.add(deciders.submit(() -> part.forEach(decideGroup::accept)));
            }
            split.increment();
            shares.get(0).forEach(decideGroup::accept);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> other : others) {
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the part still moves its lanes: wait it out, then say so
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return outcomes;
    }

    /** Stops the other deciders' threads. */
    @jakarta.annotation.PreDestroy
    void stopDeciders() {
        if (deciders != null) {
            deciders.shutdown();
        }
    }

    private List<VoteOutcome> decide(LaneGroup laneGroup, Map<String, Optional<EditionVotingState>> states,
                                     Building building) {
        VoteLane lane = laneGroup.lane();
        List<Entry> group = laneGroup.entries();
        List<VoteOutcome> outcomes = new ArrayList<>(group.size());
        // run by run of entries of one edition (mostly the whole group), each run decided at once so
        // that the book reads ahead what its decisions look up (VoterBook.decideAll)
        for (int from = 0, to; from < group.size(); from = to) {
            String editionId = group.get(from).editionId();
            to = from + 1;
            while (to < group.size() && java.util.Objects.equals(editionId, group.get(to).editionId())) {
                to++;
            }
            Optional<EditionVotingState> state = states.get(editionId);
            if (state.isEmpty()) {
                for (int i = from; i < to; i++) {
                    outcomes.add(null);
                }
                continue;
            }
            List<io.selection.voting.Vote> votes = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                votes.add(group.get(i).vote());
            }
            for (VoterBook.Decided d : lane.book(editionId).decideAll(votes, state.get())) {
                outcomes.add(d.outcome());
                if (d.decision() != null) {
                    building.perEdition.computeIfAbsent(editionId, e -> new VoteGroup.Builder(group.size()))
                            .add(d.decision());
                }
            }
        }
        if (laneGroup.nextOffset() != null) {
            building.nextOffset = laneGroup.nextOffset();
        }
        return outcomes;
    }

    /** Appends the decided events in the current transaction; the lanes move on when it commits. */
    private void append(Decided decided) {
        for (Append a : decided.appends) {
            eventStore.publish(new GenericDomainEventMessage<>("VoteLane", a.lane().stream(), a.sequence(), a.event()));
        }
        CurrentUnitOfWork.get().afterCommit(u -> {
            for (Append a : decided.appends) {
                a.lane().committed(a.sequence(), a.offset(), a.decisions());
                VoteGroup votes = a.event().votes();
                for (int i = 0; i < votes.size(); i++) {
                    (votes.accepted(i) ? accepted : refused.get(votes.reason(i))).increment();
                }
            }
        });
    }

    /** Thrown to a door for a vote naming an edition that does not exist. */
    public static DomainException unknownEdition(String editionId) {
        return new DomainException(ErrorCode.NOT_FOUND, null, List.of(), Refusal.EDITION_NOT_FOUND, editionId);
    }
}
