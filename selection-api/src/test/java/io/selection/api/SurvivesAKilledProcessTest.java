package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything acknowledged survives a SIGKILL of the server on the embedded store: the service runs
 * in a child JVM over an H2 file, is killed without warning, and restarted over the same file.
 */
@org.junit.jupiter.api.Tag("slow")
class SurvivesAKilledProcessTest {

    @TempDir
    Path dataDir;

    private ServiceProcess server;

    @Test
    void acknowledged_works_and_vote_decisions_survive_a_killed_process_and_a_restart() throws Exception {
        server = new ServiceProcess(dataDir);
        TestHttp http = server.start();

        ObjectNode edition = TestHttp.JSON.createObjectNode().put("id", "kill").put("title", "Kill test")
                .put("eligibleFrom", "2023-01-01").put("eligibleTo", "2023-12-31");
        edition.putArray("categories").addObject().put("code", "A").put("name", "A").put("finalQuota", 2);
        edition.putObject("voting").put("opensAt", "2024-02-26T16:00:00Z").put("closesAt", "2024-03-04T16:00:00Z");
        assertThat(http.post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        assertThat(http.post("organiser", "/api/editions/kill/transitions",
                TestHttp.JSON.createObjectNode().put("to", "COLLECTING")).status()).isEqualTo(200);
        StringBuilder works = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            works.append(TestHttp.JSON.createObjectNode().put("id", "w" + i).put("title", "Work " + i)
                    .put("url", "https://example.cn/" + i).put("category", "A").put("publishedOn", "2023-03-01"))
                    .append('\n');
        }
        assertThat(http.postNdjson("organiser", "/api/editions/kill/works:import", works.toString())
                .body().get("accepted").asInt()).isEqualTo(40);
        // Votes before the voting stage are refused, and the refusals are recorded durably too.
        StringBuilder votes = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            votes.append(TestHttp.JSON.createObjectNode().put("id", "v" + i).put("voterId", "voter" + i)
                    .put("workId", "w" + (i % 40)).put("castAt", "2024-02-28T02:00:00Z")).append('\n');
        }
        assertThat(http.postNdjson("gateway", "/api/editions/kill/votes:batch", votes.toString())
                .body().get("refused").asInt()).isEqualTo(300);

        server.kill();  // SIGKILL: no shutdown hook, no flush
        server.start();

        Response after = http.get("organiser", "/api/editions/kill");
        assertThat(after.body().get("stage").asText()).isEqualTo("COLLECTING");
        assertThat(after.body().get("works").asInt()).isEqualTo(40);
        assertThat(http.get("organiser", "/api/editions/kill/tallies").body().get("refusedVotes")
                .get("OUTSIDE_VOTING_WINDOW").asLong()).isEqualTo(300);
        assertThat(http.get("gateway", "/api/editions/kill/votes/v299").body().get("reason").asText())
                .isEqualTo("OUTSIDE_VOTING_WINDOW");
        // The same vote again after the restart: its first decision, counted once.
        Response again = http.post("gateway", "/api/editions/kill/votes", TestHttp.JSON.createObjectNode()
                .put("id", "v7").put("voterId", "voter7").put("workId", "w7").put("castAt", "2024-02-28T02:00:00Z"));
        assertThat(again.body().get("repeated").asBoolean()).isTrue();
        assertThat(http.get("organiser", "/api/editions/kill/tallies").body().get("refusedVotes")
                .get("OUTSIDE_VOTING_WINDOW").asLong()).isEqualTo(300);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }
}
