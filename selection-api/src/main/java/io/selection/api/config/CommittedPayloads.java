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
 * <p>Bounded by votes held ({@code maxVotes}), oldest first out.
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

    /** Keeps the vote groups among events just committed. */
    public void committed(List<? extends EventMessage<?>> events) {
        if (maxVotes <= 0) {
            return;
        }
        synchronized (this) {
            for (EventMessage<?> event : events) {
                if (event.getPayload() instanceof VotesDecidedEvent group) {
                    if (recent.put(event.getIdentifier(), group) == null) {
                        votes += group.votes().size();
                    }
                }
            }
            Iterator<VotesDecidedEvent> oldest = recent.values().iterator();
            while (votes > maxVotes && oldest.hasNext()) {
                votes -= oldest.next().votes().size();
                oldest.remove();
            }
        }
    }

    /** The committed payload of this event, or null when it is not held (then parse the stored one). */
    public synchronized VotesDecidedEvent get(String eventIdentifier) {
        VotesDecidedEvent group = recent.get(eventIdentifier);
        if (group == null) {
            misses++;
        } else {
            hits++;
        }
        return group;
    }

    /** How many look-ups found their payload here, and how many did not (for tests and the profile). */
    public synchronized long[] hitsAndMisses() {
        return new long[]{hits, misses};
    }
}
