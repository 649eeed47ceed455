package io.selection.voting;

import io.selection.TestEditions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.selection.TestEditions.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

class VoterLedgerTest {

    private static final Instant LATE_ON_THE_27TH = Instant.parse("2024-02-27T15:59:59Z");
    private static final Instant EARLY_ON_THE_28TH = Instant.parse("2024-02-27T16:00:00Z");

    private final VoterLedger ledger = new VoterLedger();

    @Test
    void keeps_a_voters_days_apart_at_Beijing_midnight() {
        ledger.record(TestEditions.accepted(TestEditions.vote("v1", "alice", "t1", LATE_ON_THE_27TH), TEXT));

        assertThat(ledger.committed("alice", LocalDate.parse("2024-02-27")).acceptedFor("t1")).isEqualTo(1);
        assertThat(ledger.committed("alice", LocalDate.parse("2024-02-28"))).isNull();
        assertThat(ledger.committed("bob", LocalDate.parse("2024-02-27"))).isNull();
    }

    @Test
    void a_pending_group_sees_the_committed_state_but_does_not_change_it() {
        ledger.record(TestEditions.accepted(TestEditions.vote("v1", "alice", "t1", LATE_ON_THE_27TH), TEXT));
        VoterLedger.Pending pending = ledger.pending();

        VoterDay day = pending.day("alice", LocalDate.parse("2024-02-27"));
        assertThat(day.acceptedFor("t1")).isEqualTo(1);
        day.record(TestEditions.accepted(TestEditions.vote("v2", "alice", "t2", LATE_ON_THE_27TH), TEXT));

        assertThat(pending.day("alice", LocalDate.parse("2024-02-27")).acceptedFor("t2")).isEqualTo(1);
        assertThat(ledger.committed("alice", LocalDate.parse("2024-02-27")).acceptedFor("t2")).isZero();
        assertThat(ledger.committed("alice", LocalDate.parse("2024-02-27")).outcomeOf("v2")).isNull();
    }

    @Test
    void a_day_remembers_the_first_outcome_of_a_vote_id() {
        VoterDay day = new VoterDay();
        Vote vote = TestEditions.vote("v1", "alice", "t1", EARLY_ON_THE_28TH);
        day.record(TestEditions.accepted(vote, TEXT));
        day.record(TestEditions.decision(vote, TEXT, RefusalReason.DAILY_WORK_LIMIT));

        assertThat(day.outcomeOf("v1")).isEqualTo(new VoteOutcome("v1", Decision.ACCEPTED, null, false));
        assertThat(day.outcomeOf("v1").asRepeat()).isEqualTo(new VoteOutcome("v1", Decision.ACCEPTED, null, true));
    }

    @Test
    void a_refused_vote_is_remembered_but_not_counted() {
        VoterDay day = new VoterDay();
        day.record(TestEditions.decision(TestEditions.vote("v1", "alice", "t1", EARLY_ON_THE_28TH), TEXT,
                RefusalReason.OUTSIDE_VOTING_WINDOW));

        assertThat(day.acceptedFor("t1")).isZero();
        assertThat(day.distinctWorksIn(TEXT)).isZero();
        assertThat(day.outcomeOf("v1").reason()).isEqualTo(RefusalReason.OUTSIDE_VOTING_WINDOW);
    }

    @Test
    void a_copy_is_independent_of_its_original() {
        VoterDay day = new VoterDay();
        VoterDay copy = day.copy();
        copy.record(TestEditions.accepted(TestEditions.vote("v1", "alice", "t1", EARLY_ON_THE_28TH), TEXT));

        assertThat(copy.acceptedFor("t1")).isEqualTo(1);
        assertThat(day.acceptedFor("t1")).isZero();
        assertThat(day.outcomeOf("v1")).isNull();
    }
}
