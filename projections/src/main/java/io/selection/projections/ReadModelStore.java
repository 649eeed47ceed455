package io.selection.projections;

import io.selection.events.EditionEvent;
import io.selection.voting.VoteGroup;
import io.selection.events.VotesDecidedEvent;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Holds the read models of every edition, in memory, and the position in the log they reflect.
 * They are rebuilt from the log at start-up (and on demand), which is what keeps them honest:
 * nothing here is a source of truth. Applying an event already covered by the stored position
 * is a no-op, so redelivery changes nothing.
 */
public final class ReadModelStore {

    private final Map<String, EditionReadModel> editions = new TreeMap<>();
    private final SuspicionRules suspicionRules;

    public ReadModelStore() {
        this(SuspicionRules.DEFAULT);
    }

    public ReadModelStore(SuspicionRules suspicionRules) {
        this.suspicionRules = suspicionRules;
    }
    private TrackingToken position;
    private volatile Consumer<VoteGroup> groupListener = g -> {
    };

    /** Told of every vote group folded in (the HTTP doors wait on their votes' decisions in a cluster). */
    public void onVotesDecided(Consumer<VoteGroup> listener) {
        this.groupListener = listener;
    }

    /**
     * Folds one event in; returns false when the position already covers it. What does not need
     * the read models' state (a vote group's id hashes) is done before the lock that queries take.
     */
    public boolean apply(TrackingToken token, Instant timestamp, Object event) {
        if (event instanceof VotesDecidedEvent votes && votes.votes().size() > 0) {
            votes.votes().idHash(0); // computes the group's hashes, outside the lock
        }
        return fold(token, timestamp, event);
    }

    private synchronized boolean fold(TrackingToken token, Instant timestamp, Object event) {
        if (token != null && position != null && position.covers(token)) {
            return false;
        }
        if (event instanceof VotesDecidedEvent votes) {
            groupListener.accept(votes.votes());
        }
        if (EditionEvent.inLog(event)) {
            // the edition's own line number: its events reach us in the order of their seqs
            // (decision 0011), so counting them gives the seq every auditor's export shows
            EditionEvent e = (EditionEvent) event;
            EditionReadModel model = editions.computeIfAbsent(e.editionId(),
                    id -> new EditionReadModel(id, suspicionRules));
            model.apply(model.lines() + 1, timestamp, e);
        }
        if (token != null) {
            position = position == null ? token : position.upperBound(token);
        }
        notifyAll();
        return true;
    }

    public synchronized void clear() {
        editions.clear();
        position = null;
        notifyAll();
    }

    /** The highest log index folded in, or -1 before the first event. */
    public synchronized long position() {
        return position == null ? -1 : position.position().orElse(-1);
    }

    /** Waits until the read models reflect the log up to {@code index}; false on timeout. */
    public synchronized boolean awaitPosition(long index, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (position() < index) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The editions with read models, in id order. */
    public synchronized java.util.List<String> editionIds() {
        return java.util.List.copyOf(editions.keySet());
    }

    /** Every work of the edition with its history, for a digest of the works read model. */
    public synchronized java.util.List<Object> workDigestInput(String editionId) {
        EditionReadModel model = editions.get(editionId);
        return model == null ? java.util.List.of() : model.worksAndHistories();
    }

    /**
     * An empty read model of the edition, with the same rules as the live ones, for the caller to
     * fold the edition's first lines into (an answer as of a point of the log).
     */
    public PointInTime pointInTime(String editionId) {
        return new PointInTime(editionId, suspicionRules);
    }

    /** Runs a question against every edition's read model at one position of the log, in edition id order. */
    synchronized <T> java.util.List<T> readAll(Function<EditionReadModel, T> question) {
        return editions.values().stream().map(question).toList();
    }

    /** Runs a question against one edition's read model; null when the edition is unknown. */
    synchronized <T> T read(String editionId, Function<EditionReadModel, T> question) {
        EditionReadModel model = editions.get(editionId);
        return model == null ? null : question.apply(model);
    }
}
