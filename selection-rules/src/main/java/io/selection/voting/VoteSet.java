package io.selection.voting;

import io.selection.events.EditionEvent;
import io.selection.events.VotesDecidedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flagged set of votes, as an organiser may invalidate it: the accepted votes from one address
 * ({@code kind} "ip"), one device ("device") or one voter ("voter") cast in [from, to). A voter's
 * set spans a day of the edition's calendar, from its midnight to the next in the edition's zone. The one definition of a set's membership: the server takes an
 * invalidation's votes with it, and the verifier recomputes them with it from the set's rule, key
 * and window, which the invalidation carries.
 */
public record VoteSet(String id, String rule, String kind, String key, Instant from, Instant to) {

    /** The kinds of set there are. */
    public static final Set<String> KINDS = Set.of("ip", "device", "voter");

    public boolean contains(VoteDecision d) {
        return d.accepted() && switch (kind) {
            case "ip" -> key.equals(d.ip()) && inRange(d.castAt());
            case "device" -> key.equals(d.device()) && inRange(d.castAt());
            case "voter" -> key.equals(d.voterId()) && inRange(d.castAt());
            default -> false;
        };
    }

    /** Whether vote {@code i} of the group belongs to the set; the same rule as {@link #contains(VoteDecision)}. */
    public boolean contains(VoteGroup g, int i) {
        return g.accepted(i) && switch (kind) {
            case "ip" -> key.equals(g.ip(i)) && inRange(g.castAt(i));
            case "device" -> key.equals(g.device(i)) && inRange(g.castAt(i));
            case "voter" -> key.equals(g.voterId(i)) && inRange(g.castAt(i));
            default -> false;
        };
    }

    /** Adds the ids of the event's votes that belong to the set, in log order. */
    public void collect(EditionEvent event, List<String> voteIds) {
        if (event instanceof VotesDecidedEvent votes) {
            VoteGroup g = votes.votes();
            for (int i = 0; i < g.size(); i++) {
                if (contains(g, i)) {
                    voteIds.add(g.voteId(i));
                }
            }
        }
    }

    private boolean inRange(Instant castAt) {
        return !castAt.isBefore(from) && castAt.isBefore(to);
    }

    /**
     * The members of many sets gathered in one pass over the log: each vote is looked up by its
     * address, device and voter (three hash lookups), so the cost does not grow with the number of
     * sets.
     */
    public static final class Members {
        private final Map<VoteSet, List<String>> members = new LinkedHashMap<>();
        private final Map<String, List<VoteSet>> byIp = new HashMap<>();
        private final Map<String, List<VoteSet>> byDevice = new HashMap<>();
        private final Map<String, List<VoteSet>> byVoter = new HashMap<>();

        public Members(Collection<VoteSet> sets) {
            for (VoteSet set : sets) {
                if (set == null || members.containsKey(set) || !KINDS.contains(set.kind()) || set.key() == null
                        || set.from() == null || set.to() == null) {
                    continue;
                }
                members.put(set, new ArrayList<>());
                Map<String, List<VoteSet>> index = switch (set.kind()) {
                    case "ip" -> byIp;
                    case "device" -> byDevice;
                    default -> byVoter;
                };
                index.computeIfAbsent(set.key(), k -> new ArrayList<>()).add(set);
            }
        }

        public boolean watches(VoteSet set) {
            return members.containsKey(set);
        }

        /** Takes the next line of the log. */
        public void accept(EditionEvent event) {
            if (members.isEmpty() || !(event instanceof VotesDecidedEvent votes)) {
                return;
            }
            VoteGroup g = votes.votes();
            for (int i = 0; i < g.size(); i++) {
                if (!g.accepted(i)) {
                    continue;
                }
                add(byIp, g.ip(i), g, i);
                add(byDevice, g.device(i), g, i);
                add(byVoter, g.voterId(i), g, i);
            }
        }

        private void add(Map<String, List<VoteSet>> index, String key, VoteGroup g, int i) {
            List<VoteSet> sets = key == null || index.isEmpty() ? null : index.get(key);
            if (sets != null) {
                for (VoteSet set : sets) {
                    if (set.contains(g, i)) {
                        members.get(set).add(g.voteId(i));
                    }
                }
            }
        }

        /** The set's members in the log read so far, in log order. */
        public List<String> of(VoteSet set) {
            return members.get(set);
        }
    }
}
