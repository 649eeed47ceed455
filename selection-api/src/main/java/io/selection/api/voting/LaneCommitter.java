package io.selection.api.voting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.voting.EditionVotingState;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteOutcome;
import io.selection.voting.VoterBook;
import io.selection.events.VotesDecidedEvent;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
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

/**
 * Decides one group of votes of one lane and makes the decisions durable in one transaction:
 * the voting gate of each edition concerned, one {@code VotesDecidedEvent} per edition in the
 * lane's stream, and the lane's Kafka position inside the last of them. This is the one piece of
 * decision code every door reaches.
 */
@Component
public class LaneCommitter {

    /** A vote of the group with its answer; {@code outcome} is set when the group commits. */
    public record Entry(String editionId, Vote vote) {
    }

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final VotingGate gate;
    private final EditionStates editions;
    private final Timer commitTimer;
    private final DistributionSummary groupSizes;
    private final Counter accepted;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);

    public LaneCommitter(EventStore eventStore, TransactionManager transactions, VotingGate gate,
                         EditionStates editions, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.gate = gate;
        this.editions = editions;
        this.commitTimer = Timer.builder("selection.votes.commit").description("deciding and committing one group")
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

    /** The votes one lane decides in a transaction, and the lane's Kafka position after them. */
    public record LaneGroup(VoteLane lane, List<Entry> entries, Long nextOffset) {
    }

    /**
     * Decides the group in order and commits it; returns one outcome per entry (null for a vote
     * of an unknown edition, which is not recorded). On failure nothing is recorded and the lane
     * is rebuilt from the log before the exception is rethrown.
     */
    public List<VoteOutcome> decideAndCommit(VoteLane lane, List<Entry> group, Long nextOffset) {
        return decideAndCommit(List.of(new LaneGroup(lane, group, nextOffset))).get(0);
    }

    /**
     * Decides the groups of several lanes (the partitions of one Kafka poll) in one transaction:
     * one commit for all of them. Outcomes per group, in order; on failure nothing is recorded and
     * every lane concerned is rebuilt from the log before the exception is rethrown.
     */
    public List<List<VoteOutcome>> decideAndCommit(List<LaneGroup> groups) {
        long start = System.nanoTime();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<List<List<VoteOutcome>>> result = unitOfWork.executeWithResult(() -> decide(groups),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            groups.forEach(g -> g.lane().rebuild(eventStore, editions));
            Throwable e = result.exceptionResult();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        commitTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        groupSizes.record(groups.stream().mapToInt(g -> g.entries().size()).sum());
        return result.getPayload();
    }

    private List<List<VoteOutcome>> decide(List<LaneGroup> groups) {
        // Gates are taken in edition-id order, so two transactions can never wait on each other.
        Map<String, Optional<EditionVotingState>> states = new java.util.TreeMap<>();
        groups.forEach(g -> g.entries().forEach(entry -> states.put(entry.editionId(), Optional.empty())));
        for (String editionId : states.keySet()) {
            if (editions.exists(editionId)) {
                gate.lock(editionId);
                states.put(editionId, editions.current(editionId)); // as it stands behind the gate
            }
        }
        List<List<VoteOutcome>> all = new ArrayList<>(groups.size());
        for (LaneGroup group : groups) {
            all.add(decide(group, states));
        }
        return all;
    }

    private List<VoteOutcome> decide(LaneGroup laneGroup, Map<String, Optional<EditionVotingState>> states) {
        VoteLane lane = laneGroup.lane();
        List<Entry> group = laneGroup.entries();
        Long nextOffset = laneGroup.nextOffset();
        Map<String, VoteGroup.Builder> decisions = new LinkedHashMap<>();
        List<VoteOutcome> outcomes = new ArrayList<>(group.size());
        for (Entry entry : group) {
            Optional<EditionVotingState> state = states.get(entry.editionId());
            if (state.isEmpty()) {
                outcomes.add(null);
                continue;
            }
            VoterBook.Decided decided = lane.book(entry.editionId()).decide(entry.vote(), state.get());
            outcomes.add(decided.outcome());
            if (decided.decision() != null) {
                decisions.computeIfAbsent(entry.editionId(), e -> new VoteGroup.Builder()).add(decided.decision());
                (decided.decision().accepted() ? accepted : refused.get(decided.decision().reason())).increment();
            }
        }
        List<Map.Entry<String, VoteGroup.Builder>> perEdition = new ArrayList<>(decisions.entrySet());
        if (perEdition.isEmpty() && nextOffset != null && !nextOffset.equals(lane.nextOffset())) {
            // nothing to decide (only repeats or unreadable records), but the position must move on
            perEdition.add(Map.entry("", new VoteGroup.Builder()));
        }
        long sequence = lane.sequence();
        int count = 0;
        for (int i = 0; i < perEdition.size(); i++) {
            Map.Entry<String, VoteGroup.Builder> e = perEdition.get(i);
            Long offset = i == perEdition.size() - 1 ? nextOffset : null;
            eventStore.publish(new GenericDomainEventMessage<>("VoteLane", lane.stream(), ++sequence,
                    new VotesDecidedEvent(e.getKey(), lane.name(), offset, e.getValue().build())));
            count += e.getValue().size();
        }
        long last = sequence;
        int decided = count;
        CurrentUnitOfWork.get().afterCommit(u -> lane.committed(last, nextOffset, decided));
        return outcomes;
    }

    /** Thrown to a door for a vote naming an edition that does not exist. */
    public static DomainException unknownEdition(String editionId) {
        return new DomainException(ErrorCode.NOT_FOUND, "edition " + editionId + " not found");
    }
}
