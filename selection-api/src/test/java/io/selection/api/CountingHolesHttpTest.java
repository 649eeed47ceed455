package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.config.SelectionProperties;
import io.selection.api.edition.GatedCommands;
import io.selection.api.web.ReadModels;
import io.selection.audit.verifier.Report;
import io.selection.edition.Stage;
import io.selection.projections.ReadModelProjector;
import io.selection.projections.ReadModelStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The four holes that let a published number differ from the log, each shut: certified tallies
 * recounted from the log (not a lagging read model), a vote invalidated at most once however many
 * sets hold it, invalidations ordered behind the voting gate, and one vote id counted once.
 */
class CountingHolesHttpTest extends ApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    GatedCommands gated;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;
    @Autowired
    ReadModelStore readModelStore;
    @Autowired
    DataSource dataSource;

    @Test
    void closing_the_vote_certifies_what_the_log_holds_while_the_read_models_lag() {
        String id = "hole1";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        TrackingEventProcessor readModels = processing
                .eventProcessor(ReadModelProjector.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        readModels.shutDown();
        try {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                batch.append(VotingEditionSetup.vote("h1-" + i, "h1-voter" + i, "A1", VotingEditionSetup.castAt(0)))
                        .append('\n');
            }
            assertThat(postNdjson("gateway", e + "/votes:batch", batch.toString()).body().get("accepted").asInt())
                    .isEqualTo(7);
            // a wait for the lagging read models fails loudly instead of answering stale
            ReadModels impatient = new ReadModels(queries, eventStore, readModelStore, new SelectionProperties(null,
                    null, false, null, new SelectionProperties.ReadModels(200), null, null, null, null, null),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            assertThatThrownBy(impatient::awaitHead).isInstanceOf(ReadModels.ReadModelsBehind.class);
            gated.transition(id, Stage.FINAL_REVIEW, Instant.now(), "organiser"); // dated as the server dates it: now
        } finally {
            readModels.start();
        }
        JsonNode tallies = get("auditor", e + "/tallies").body();
        assertThat(tallies.get("certified").asBoolean()).isTrue();
        assertThat(valid(tallies, "A", "A1")).isEqualTo(7);
        assertThat(AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw())).ok()).isTrue();
    }

    @Test
    void a_vote_held_by_overlapping_sets_is_invalidated_once() {
        String id = "hole2";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 60; i++) { // one address and one device: flagged by both rules
            ObjectNode vote = JSON.createObjectNode().put("id", "h2-" + i).put("voterId", "h2-voter" + i)
                    .put("workId", "A1").put("castAt", VotingEditionSetup.castAt(1).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.2.2.2").put("device", "phone-1");
            burst.append(vote).append('\n');
        }
        burst.append(VotingEditionSetup.vote("h2-calm", "h2-calm", "A1", VotingEditionSetup.castAt(1))).append('\n');
        assertThat(postNdjson("gateway", e + "/votes:batch", burst.toString()).body().get("accepted").asInt())
                .isEqualTo(61);
        JsonNode sets = get("organiser", e + "/suspicious-vote-sets").body();
        assertThat(sets).hasSize(2);
        for (JsonNode set : sets) {
            Response r = post("organiser", e + "/vote-invalidations", JSON.createObjectNode()
                    .put("setId", set.get("id").asText()).put("reason", "farm"));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
        }
        JsonNode tallies = get("auditor", e + "/tallies").body();
        assertThat(valid(tallies, "A", "A1")).isEqualTo(1);
        assertThat(entry(tallies, "A", "A1").get("invalidatedVotes").asLong()).isEqualTo(60);
        VotingEditionSetup.transition(http(), e, "FINAL_REVIEW");
        assertThat(valid(get("auditor", e + "/tallies").body(), "A", "A1")).isEqualTo(1);
        Report report = AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw()));
        assertThat(report.ok()).as(report.toText()).isTrue();
        GateCounters.assertTheyMatchTheLog(jdbc); // the invalidations moved the edition's version too
    }

    @Test
    void an_invalidation_waits_behind_the_voting_gate() throws Exception {
        String id = "hole3";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            ObjectNode vote = JSON.createObjectNode().put("id", "h3-" + i).put("voterId", "h3-voter" + i)
                    .put("workId", "B1").put("castAt", VotingEditionSetup.castAt(1).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.3.3.3");
            burst.append(vote).append('\n');
        }
        assertThat(postNdjson("gateway", e + "/votes:batch", burst.toString()).status()).isEqualTo(200);
        String setId = get("organiser", e + "/suspicious-vote-sets").body().get(0).get("id").asText();
        CompletableFuture<Response> invalidation;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT edition_id FROM vote_gate WHERE edition_id = ? FOR UPDATE")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            invalidation = CompletableFuture.supplyAsync(() -> post("organiser", e + "/vote-invalidations",
                    JSON.createObjectNode().put("setId", setId).put("reason", "farm")));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !invalidation.isDone());
            holder.rollback();
        }
        assertThat(invalidation.get().status()).as(invalidation.get().raw()).isEqualTo(200);
        assertThat(valid(get("auditor", e + "/tallies").body(), "B", "B1")).isZero();
    }

    @Test
    void one_vote_id_under_two_voter_ids_counts_once() {
        String id = "hole4";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        String[] voters = AuditHttpTest.votersInTwoLanes();
        List<Boolean> repeated = new java.util.ArrayList<>();
        for (String voter : voters) {
            Response r = post("gateway", e + "/votes", AuditTrail.parse(VotingEditionSetup.vote("same-id", voter,
                    "A2", VotingEditionSetup.castAt(3))));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            repeated.add(r.body().get("repeated").asBoolean());
        }
        // the lanes share their ids: the second voter's lane answers the id's first decision, logs nothing
        assertThat(repeated).containsExactly(false, true);
        JsonNode tallies = get("auditor", e + "/tallies").body();
        assertThat(valid(tallies, "A", "A2")).isEqualTo(1);
        assertThat(tallies.get("duplicateVotes").asLong()).isZero();
        VotingEditionSetup.transition(http(), e, "FINAL_REVIEW");
        assertThat(valid(get("auditor", e + "/tallies").body(), "A", "A2")).isEqualTo(1);
        Report report = AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw()));
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(((Map<?, ?>) report.toJson().get("votes")).get("duplicateIds")).isEqualTo(0L);
    }

    private static JsonNode entry(JsonNode tallies, String category, String workId) {
        for (JsonNode t : tallies.get("categories").get(category)) {
            if (t.get("workId").asText().equals(workId)) {
                return t;
            }
        }
        throw new AssertionError(workId + " not in the tallies");
    }

    private static long valid(JsonNode tallies, String category, String workId) {
        return entry(tallies, category, workId).get("validVotes").asLong();
    }
}
