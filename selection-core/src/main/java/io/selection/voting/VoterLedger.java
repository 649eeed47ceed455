package io.selection.voting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Per voter and calendar day, the state the daily limits need. Decisions of a group are made
 * against a {@link Pending} overlay, so the committed ledger changes only when the group's event
 * is applied.
 */
public final class VoterLedger {

    private final Map<String, Map<LocalDate, VoterDay>> days = new HashMap<>();

    public VoterDay committed(String voterId, LocalDate day) {
        Map<LocalDate, VoterDay> byDay = days.get(voterId);
        return byDay == null ? null : byDay.get(day);
    }

    public void record(VoteDecision decision) {
        if (decision.day() == null) {
            return;
        }
        days.computeIfAbsent(decision.voterId(), v -> new HashMap<>(2))
                .computeIfAbsent(decision.day(), d -> new VoterDay())
                .record(decision);
    }

    public Pending pending() {
        return new Pending();
    }

    /** A copy-on-first-touch view for deciding one group of votes. */
    public final class Pending {

        private final Map<String, Map<LocalDate, VoterDay>> touched = new HashMap<>();

        public VoterDay day(String voterId, LocalDate day) {
            return touched.computeIfAbsent(voterId, v -> new HashMap<>(2)).computeIfAbsent(day, d -> {
                VoterDay existing = committed(voterId, d);
                return existing == null ? new VoterDay() : existing.copy();
            });
        }
    }
}
