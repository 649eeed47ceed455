package io.selection.projections;

import io.selection.projections.Views.SuspiciousSet;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds flagged sets among one edition's vote decisions as they are folded in. Counting windows
 * are fixed slices of castAt time; only the latest slices are kept per key, so memory follows the
 * number of active addresses, not the length of the log. A set is described by its rule, key and
 * time range; its votes are the accepted votes matching it.
 */
final class SuspiciousVotes {

    private static final int SAMPLE = 5;

    private final SuspicionRules rules;
    /** One counting window: a rule, a key (address, device or voter) and a slice of time. */
    private record WindowKey(String rule, String key, long slice) {
    }

    private final Map<WindowKey, Window> windows = new HashMap<>();
    private final Map<String, SuspiciousSet> flagged = new TreeMap<>();
    private long latestSlice = Long.MIN_VALUE;

    SuspiciousVotes(SuspicionRules rules) {
        this.rules = rules;
    }

    void fold(VoteDecision d) {
        long windowSeconds = rules.windowMinutes() * 60L;
        long slice = Math.floorDiv(d.castAt().getEpochSecond(), windowSeconds);
        if (d.accepted()) {
            if (d.ip() != null && !d.ip().isBlank()) {
                count("ip-burst", "ip", d.ip(), slice, windowSeconds, rules.perIp(), d);
            }
            if (d.device() != null && !d.device().isBlank()) {
                count("device-burst", "device", d.device(), slice, windowSeconds, rules.perDevice(), d);
            }
        } else if (d.day() != null && (d.reason() == RefusalReason.DAILY_WORK_LIMIT
                || d.reason() == RefusalReason.DAILY_CATEGORY_LIMIT)) {
            long daySlice = d.day().toEpochDay();
            count("limit-hitter", "voter", d.voterId(), daySlice, 86_400, rules.limitRefusals() - 1, d);
        }
        if (slice > latestSlice + 1) {
            // forget windows two slices behind: votes arrive about in castAt order
            latestSlice = slice;
            windows.values().removeIf(w -> w.slice < slice - 1 && !w.flagged);
        }
    }

    private void count(String rule, String kind, String key, long slice, long windowSeconds, int limit,
                       VoteDecision d) {
        Window w = windows.computeIfAbsent(new WindowKey(rule, key, slice), k -> new Window(slice));
        w.count++;
        if (w.sample.size() < SAMPLE) {
            w.sample.add(d.voteId());
        }
        if (w.count > limit) {
            // the set's id and times are made only for windows that are flagged
            w.flagged = true;
            Instant from = Instant.ofEpochSecond(slice * windowSeconds);
            String id = rule + ":" + key + ":" + from;
            flagged.put(id, new SuspiciousSet(id, rule, kind, key, w.count, from, from.plusSeconds(windowSeconds),
                    List.copyOf(w.sample)));
        }
    }

    List<SuspiciousSet> sets() {
        return List.copyOf(flagged.values());
    }

    SuspiciousSet set(String id) {
        return flagged.get(id);
    }

    private static final class Window {
        final long slice;
        int count;
        boolean flagged;
        final List<String> sample = new ArrayList<>(SAMPLE);

        Window(long slice) {
            this.slice = slice;
        }
    }
}
