package io.selection.api;

import io.selection.api.edition.GatedCommands;
import io.selection.api.voting.intake.EditionStates;
import io.selection.api.voting.intake.LaneCommitter;
import io.selection.api.voting.intake.VoteLane;
import io.selection.edition.Stage;
import io.selection.events.VotesDecidedEvent;
import io.selection.voting.Decision;
import io.selection.voting.Hash64;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selection.api.voting.intake.VoteIntake;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deciding a group while the one before it commits is safe: decisions made against an edition
 * that changed before they were committed are refused by the commit and decided again behind the
 * gate, and a lot whose commit fails (here: another instance wrote the lane's stream first) is
 * decided again against the log, exactly.
 */
class VoteWriterHttpTest extends ApiTestBase {

    @Autowired
    LaneCommitter committer;
    @Autowired
    EditionStates editions;
    @Autowired
    EventStore eventStore;
    @Autowired
    GatedCommands gated;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    VoteIntake intake;
    @Autowired
    MeterRegistry meters;

    @Test
    void decisions_made_before_the_vote_closed_are_decided_again_behind_the_gate() {
        String id = "stale1";
        VotingEditionSetup.open(http(), id);
        VoteLane lane = new VoteLane("test-stale");
        lane.rebuild(eventStore, editions);
        List<LaneCommitter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = VotingEditionSetup.castAt(1);
            entries.add(new LaneCommitter.Entry(id, new Vote("st-" + i, "st-voter" + i, "A1", at, at.plusSeconds(1),
                    null, null)));
        }
        LaneCommitter.Decided decided = committer.decide(List.of(new LaneCommitter.LaneGroup(lane, entries, null)));
        assertThat(decided.outcomes().get(0)).extracting(VoteOutcome::decision).containsOnly(Decision.ACCEPTED);

        gated.transition(id, Stage.FINAL_REVIEW, Instant.now(), "organiser"); // dated as the server dates it: now

        assertThatThrownBy(() -> committer.commit(decided)).isInstanceOf(LaneCommitter.StaleDecisions.class);
        assertThat(eventStore.readEvents(lane.stream()).asStream().count()).isZero();
        lane.rebuild(eventStore, editions);
        List<VoteOutcome> again = committer.decideAndCommit(lane, entries, null);
        assertThat(again).extracting(VoteOutcome::reason).containsOnly(RefusalReason.OUTSIDE_VOTING_WINDOW);
        assertThat(get("auditor", "/api/editions/" + id + "/tallies").body().get("acceptedVotes").asLong()).isZero();
    }

    @Test
    void a_lot_whose_commit_fails_is_decided_again_against_the_log() {
        String id = "writer2";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        // a voter of lane local-0, whom "another instance" gives a vote for A1 on day 2 first
        String voter = null;
        for (int i = 0; voter == null; i++) {
            if (Math.floorMod(Hash64.of("w2-voter" + i), 4L) == 0) {
                voter = "w2-voter" + i;
            }
        }
        Instant at = VotingEditionSetup.castAt(2);
        String stream = "vote-lane-local-0";
        long next = eventStore.lastSequenceNumberFor(stream).orElse(-1L) + 1;
        VoteDecision theirs = new VoteDecision("w2-theirs", voter, "A1", "A", at, at.plusSeconds(1),
                LocalDate.of(2024, 2, 29), Decision.ACCEPTED, null, null, null); // 10:00 in Beijing
        new TransactionTemplate(transactions).executeWithoutResult(s -> eventStore.publish(
                new GenericDomainEventMessage<>("VoteLane", stream, next,
                        new VotesDecidedEvent(id, "local-0", null, List.of(theirs)))));

        // this instance's lane does not know that vote yet: its first commit on the lane fails
        String batch = VotingEditionSetup.vote("w2-ours", voter, "A1", at.plusSeconds(60)) + "\n"
                + VotingEditionSetup.vote("w2-other", voter, "A2", at.plusSeconds(61)) + "\n";
        Response r = postNdjson("gateway", e + "/votes:batch", batch);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("accepted").asInt()).isEqualTo(1); // A2
        assertThat(r.body().get("refused").asInt()).isEqualTo(1); // A1 again that day: the daily limit
        assertThat(get("gateway", e + "/votes/w2-ours").body().get("reason").asText()).isEqualTo("DAILY_WORK_LIMIT");
        JsonNode tallies = get("auditor", e + "/tallies").body();
        assertThat(tallies.get("acceptedVotes").asLong()).isEqualTo(2);
        assertThat(AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw())).ok()).isTrue();
    }
    /**
     * Group commit on the local door: while one transaction is in flight (here held at the edition's
     * gate row, which another transaction has locked), every vote decided meanwhile, lot by lot as
     * the requests come, goes into the next transaction, with one event a lane, instead of queueing as
     * a transaction a lot behind it.
     */
    @Test
    void votes_decided_while_a_commit_waits_go_into_the_next_transaction() throws Exception {
        String id = "gather1";
        VotingEditionSetup.open(http(), id);
        Instant at = VotingEditionSetup.castAt(1);
        assertThat(intake.submit(id, new Vote("g-0", "g-voter0", "A1", at, at, null, null))
                .get(30, TimeUnit.SECONDS).decision()).isEqualTo(Decision.ACCEPTED); // the gate row exists
        Timer commits = meters.get("selection.votes.commit").timer();
        long commitsBefore = commits.count();
        long eventsBefore = eventCount();

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.queryForObject("SELECT last_seq FROM vote_gate WHERE edition_id = ? FOR UPDATE", Long.class, id);
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "gate-holder");
        holder.start();
        List<CompletableFuture<VoteOutcome>> answers = new ArrayList<>();
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            answers.add(intake.submit(id, new Vote("g-1", "g-voter1", "A1", at, at, null, null)));
            // this context's threads (other contexts of the test JVM have threads of the same names)
            Thread intakeThread = (Thread) ReflectionTestUtils.getField(intake, "thread");
            Thread writerThread = (Thread) ReflectionTestUtils.getField(
                    ReflectionTestUtils.getField(intake, "writer"), "thread");
            Awaitility.await("the writer waiting at the gate").atMost(Duration.ofSeconds(30))
                    .until(() -> inFrame(writerThread, "VotingGate", "lock"));
            for (int i = 2; i <= 31; i++) { // one lot each: the intake has decided one before the next comes
                answers.add(intake.submit(id, new Vote("g-" + i, "g-voter" + i, "A1", at, at, null, null)));
                Awaitility.await("vote g-" + i + " decided").atMost(Duration.ofSeconds(10))
                        .until(() -> inFrame(intakeThread, "LocalVoteIntake", "run")
                                && intakeThread.getState() == Thread.State.TIMED_WAITING);
            }
        } finally {
            release.countDown();
            holder.join(30_000);
        }
        for (CompletableFuture<VoteOutcome> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).decision()).isEqualTo(Decision.ACCEPTED);
        }
        assertThat(commits.count() - commitsBefore).as("the held transaction, then one for the 30 votes after it")
                .isEqualTo(2);
        assertThat(eventCount() - eventsBefore).as("one event a lane and transaction").isLessThanOrEqualTo(2 * 4);
        assertThat(get("auditor", "/api/editions/" + id + "/tallies").body().get("acceptedVotes").asLong())
                .isEqualTo(32);
    }

    /** True if the thread is inside the method (of a class of that simple name) now. */
    private static boolean inFrame(Thread thread, String simpleClass, String method) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith("." + simpleClass) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
