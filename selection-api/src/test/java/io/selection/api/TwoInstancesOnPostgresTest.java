package io.selection.api;

import io.selection.api.voting.intake.EditionStates;
import io.selection.api.voting.intake.LaneCommitter;
import io.selection.api.voting.intake.VoteLane;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances of the service on one PostgreSQL database (decision 20): the counters on the gate
 * row are the only copy, so a change one instance makes to an edition is what the other's next
 * commit checks its decisions against, and line numbers and versions stay those of the log
 * whichever instance wrote. Skipped, with that reason, where no PostgreSQL answers on 127.0.0.1:5432.
 */
@EnabledIf(value = "io.selection.api.PostgresLifecycleHttpTest#postgresAnswers",
        disabledReason = "no PostgreSQL answers on 127.0.0.1:5432 (user postgres): PostgreSQL tests skipped")
class TwoInstancesOnPostgresTest {

    private static final String ID = "twin";
    private static final String E = "/api/editions/" + ID;

    @TempDir
    static Path dir;

    private static String database;
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @BeforeAll
    static void start() throws SQLException {
        // a prefix of its own: PostgresLifecycleHttpTest drops every selection_it_* it finds
        database = TestPostgres.createDatabase("selection_twin_it_");
        one = instance("one");
        two = instance("two");
    }

    private static ConfigurableApplicationContext instance(String name) {
        return new SpringApplicationBuilder(SelectionApplication.class).run("--server.port=0",
                "--selection.data-dir=" + dir.resolve(name), "--selection.seed-2023=false",
                "--spring.datasource.url=" + TestPostgres.url(database),
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=");
    }

    @AfterAll
    static void stop() throws SQLException {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[]{one, two}) {
            if (c != null) {
                c.close();
            }
        }
        if (database != null) {
            TestPostgres.dropDatabase(database);
        }
    }

    private static TestHttp http(ConfigurableApplicationContext instance) {
        return new TestHttp("http://localhost:" + ((ServletWebServerApplicationContext) instance).getWebServer()
                .getPort());
    }

    @Test
    void a_change_made_on_one_instance_is_what_the_other_checks_its_decisions_against() {
        VotingEditionSetup.open(http(one), ID);
        int accepted = 0;
        // single votes on both instances in turn: two's lanes meet one's decisions in the log
        for (int i = 0; i < 20; i++) {
            ConfigurableApplicationContext instance = i % 2 == 0 ? one : two;
            Response r = http(instance).post("gateway", E + "/votes",
                    VotingEditionSetup.vote("tw-" + i, "tw-voter" + i, "A1", VotingEditionSetup.castAt(2)));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            accepted += "ACCEPTED".equals(r.body().get("decision").asText()) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(20);

        // one decides a group while the vote is open; two closes the vote before one commits it
        LaneCommitter committer = one.getBean(LaneCommitter.class);
        VoteLane lane = new VoteLane("twin-test");
        lane.rebuild(one.getBean(EventStore.class), one.getBean(EditionStates.class));
        List<LaneCommitter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = VotingEditionSetup.castAt(3);
            entries.add(new LaneCommitter.Entry(ID, new Vote("tw-late-" + i, "tw-late" + i, "A2", at,
                    at.plusSeconds(1), null, null)));
        }
        LaneCommitter.Decided decided = committer.decide(List.of(new LaneCommitter.LaneGroup(lane, entries, null)));
        assertThat(decided.outcomes().get(0)).extracting(VoteOutcome::decision).containsOnly(Decision.ACCEPTED);
        VotingEditionSetup.transition(http(two), E, "FINAL_REVIEW");

        assertThatThrownBy(() -> committer.commit(decided)).isInstanceOf(LaneCommitter.StaleDecisions.class);
        lane.rebuild(one.getBean(EventStore.class), one.getBean(EditionStates.class));
        assertThat(committer.decideAndCommit(lane, entries, null)).extracting(VoteOutcome::reason)
                .containsOnly(RefusalReason.OUTSIDE_VOTING_WINDOW);

        JsonNode certified = null;
        for (JsonNode e : http(one).get("auditor", E + "/works/A1/history").body().get("events")) {
            if (e.get("type").asText().equals("TalliesCertified")) {
                certified = e.get("data");
            }
        }
        assertThat(certified).isNotNull();
        assertThat(certified.get("validVotes").asLong()).isEqualTo(20);
        GateCounters.assertTheyMatchTheLog(one.getBean(JdbcTemplate.class));
        assertThat(AuditTrail.verify(AuditTrail.lines(http(two).get("auditor", E + "/events").raw())).ok()).isTrue();
    }
}
