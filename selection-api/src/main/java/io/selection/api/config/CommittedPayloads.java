package io.selection.api.config;

import io.selection.events.VotesDecidedEvent;
import org.axonframework.eventhandling.EventMessage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vote groups this instance committed last, by event identifier, as the objects that were
 * written: the read models and the kept log read each committed group back from the store, and
 * take its payload from here instead of parsing the stored bytes again (a group is thousands of
 * decisions; each parse was a tenth of the vote path's CPU). Only what this instance committed,
 * and only after its transaction committed, is here; a group another instance wrote, or one that
 * has left, is parsed from the store as before. The stored bytes and the object are the same
 * event: the serializer's round trip gives an equal object ({@code JsonRoundTripTest}), and a
 * rebuild, which parses everything, gives the same read models byte for byte.
 *
 * <p>A group leaves once the read models have taken it ({@link #take}): what is held is what they
 * have still to read, a few groups, not the last 200,000 votes of a vote that has ended (a tenth of
 * the service's live heap after a vote of three million). The kept log, which catches up when it is
 * asked and once a checkpoint pass (a minute), finds ({@link #peek}) only what the read models have
 * not read yet and parses the rest from the store, as it did for nearly every group before at full
 * speed (200,000 votes are two seconds of votes, its catch-ups a minute apart). Bounded by votes
 * held ({@code maxVotes}), oldest first out, for read models that fall far behind.
 */
public final class CommittedPayloads {

    private final long maxVotes;
    private final Map<String, VotesDecidedEvent> recent = new LinkedHashMap<>();
    private long votes;
    private long hits;
    private long misses;

    public CommittedPayloads(long maxVotes) {
        this.maxVotes = maxVotes;
    }

    /**
     * Keeps the vote groups among events about to be committed: held before the commit makes them
     * visible, so that no reader finds one in the store before it is held here (held after the
     * commit, half the groups were read first, parsed, and then held for nobody).
     */
    public void hold(List<? extends EventMessage<?>> events) {
        if (maxVotes <= 0) {
            return;
        }
        synchronized (this) {
            for (EventMessage<?> event : events) {
                if (event.getPayload() instanceof VotesDecidedEvent group) {
                    VotesDecidedEvent before = recent.put(event.getIdentifier(), group);
                    votes += group.votes().size() - (before == null ? 0 : before.votes().size());
                }
            }
            Iterator<VotesDecidedEvent> oldest = recent.values().iterator();
            while (votes > maxVotes && oldest.hasNext()) {
                votes -= oldest.next().votes().size();
                oldest.remove();
            }
        }
    }

    /** Lets go of the vote groups among events whose commit failed: no reader will ask for them. */
    public synchronized void forget(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            VotesDecidedEvent group = recent.remove(event.getIdentifier());
            if (group != null) {
                votes -= group.votes().size();
            }
        }
    }

    /**
     * The read models' look-up: the committed payload of this event, or null when it is not held
     * (then parse the stored one). It is held no more.
     */
    public synchronized VotesDecidedEvent take(String eventIdentifier) {
        VotesDecidedEvent group = recent.remove(eventIdentifier);
        if (group != null) {
            votes -= group.votes().size();
        }
        return counted(group);
    }

    /** The kept log's look-up: as {@link #take}, leaving the group held for the read models. */
    public synchronized VotesDecidedEvent peek(String eventIdentifier) {
        return counted(recent.get(eventIdentifier));
    }

    private VotesDecidedEvent counted(VotesDecidedEvent group) {
        if (group == null) {
            misses++;
        } else {
            hits++;
        }
        return group;
    }

    /** Votes held now. */
    public synchronized long votesHeld() {
        return votes;
    }

    /** How many look-ups found their payload here, and how many did not (for tests and the profile). */
    public synchronized long[] hitsAndMisses() {
        return new long[]{hits, misses};
    }
}
