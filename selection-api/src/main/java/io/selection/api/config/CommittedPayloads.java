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
 * <p>A group has two readers here, the read models ({@link #take}) and the kept log
 * ({@link #takeForLog}), and leaves once both have taken it: what is held is what one of them has
 * still to read, a few groups, not the last 200,000 votes of a vote that has ended. (When the read
 * models alone released a group, the kept log, which catches up when asked and on each pass of the
 * sealer ({@code selection.audit.seal-millis}), found almost none of them and parsed them again from the store: a sixth of the CPU of the
 * requests that caught it up, see docs/performance.md.) Bounded by votes held ({@code maxVotes}),
 * oldest first out, for a reader that falls far behind or never comes (a kept log nobody asks for
 * with the sealer off); a group that has left is parsed from the store as before.
 */
public final class CommittedPayloads {

    private final long maxVotes;
    /** Which reader took a group: the read models, the kept log. */
    private static final int READ_MODELS = 1;
    private static final int LOG = 2;

    private final Map<String, Held> recent = new LinkedHashMap<>();
    /**
     * The groups of {@link #recent} the read models have not taken yet, in the same order: what
     * {@link #heldForReadModels} lists without passing over the groups only the kept log has still
     * to take. The single door commits small groups, so {@link #recent} holds thousands of them
     * while the kept log catches up; walking them all on each of the reader's queries, under this
     * lock, was a quarter of the service's CPU at the single door (docs/performance.md).
     */
    private final Map<String, Held> notReadByReadModels = new LinkedHashMap<>();
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
                    Held held = new Held(group);
                    Held before = recent.put(event.getIdentifier(), held);
                    notReadByReadModels.put(event.getIdentifier(), held);
                    votes += group.votes().size() - (before == null ? 0 : before.group.votes().size());
                }
            }
            Iterator<Map.Entry<String, Held>> oldest = recent.entrySet().iterator();
            while (votes > maxVotes && oldest.hasNext()) {
                Map.Entry<String, Held> out = oldest.next();
                votes -= out.getValue().group.votes().size();
                notReadByReadModels.remove(out.getKey());
                oldest.remove();
            }
        }
    }

    /** Lets go of the vote groups among events whose commit failed: no reader will ask for them. */
    public synchronized void forget(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            Held held = recent.remove(event.getIdentifier());
            notReadByReadModels.remove(event.getIdentifier());
            if (held != null) {
                votes -= held.group.votes().size();
            }
        }
    }

    /**
     * The read models' look-up: the committed payload of this event, or null when it is not held
     * (then parse the stored one). It leaves if the kept log has taken it too.
     */
    public VotesDecidedEvent take(String eventIdentifier) {
        return take(eventIdentifier, READ_MODELS);
    }

    /** The kept log's look-up: as {@link #take}; the group leaves if the read models have taken it too. */
    public VotesDecidedEvent takeForLog(String eventIdentifier) {
        return take(eventIdentifier, LOG);
    }

    private synchronized VotesDecidedEvent take(String eventIdentifier, int reader) {
        Held held = recent.get(eventIdentifier);
        if (held == null || (held.took & reader) != 0) {
            return counted(null); // not held, or this reader read it once already (it reads again from the store)
        }
        held.took |= reader;
        if (reader == READ_MODELS) {
            notReadByReadModels.remove(eventIdentifier);
        }
        if (held.took == (READ_MODELS | LOG)) {
            recent.remove(eventIdentifier);
            votes -= held.group.votes().size();
        }
        return counted(held.group);
    }

    /**
     * The identifiers of the first {@code most} groups held that the read models have not taken
     * yet, oldest first: those whose stored bytes their reader need not read
     * ({@link HeldPayloadsEngine}). The reader reads in commit order, so the oldest are the ones it
     * reads next.
     */
    public synchronized List<String> heldForReadModels(int most) {
        List<String> ids = new java.util.ArrayList<>(Math.min(most, notReadByReadModels.size()));
        for (String id : notReadByReadModels.keySet()) {
            if (ids.size() == most) {
                break;
            }
            ids.add(id);
        }
        return ids;
    }

    /** A group held, and which of its readers took it. */
    private static final class Held {
        final VotesDecidedEvent group;
        int took;

        Held(VotesDecidedEvent group) {
            this.group = group;
        }
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
