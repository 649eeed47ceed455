package io.selection.api.voting.intake;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gate row and its counters (decision 20), on H2 and, where it answers, PostgreSQL: locked
 * once per transaction with its counters, written back at commit, left as they were by a rollback;
 * a second holder waits for the first and reads what it committed (so line numbers stay gapless in
 * commit order), and a reader outside the gate neither waits for it nor sees a holder's counters
 * before they commit.
 */
class VotingGateTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void on_h2() throws Exception {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:gate-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000", "sa", "");
        run(ds);
    }

    @Test
    void on_postgresql() throws Exception {
        String user = System.getProperty("selection.test.pg.user", "postgres");
        boolean answers;
        try (Connection c = DriverManager.getConnection(PG + "postgres?connectTimeout=2", user, "")) {
            answers = c.isValid(2);
        } catch (SQLException e) {
            answers = false;
        }
        Assumptions.assumeTrue(answers, "no PostgreSQL answers on 127.0.0.1:5432 (user postgres): PostgreSQL tests skipped");
        String database = "selection_gate_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
        admin(user, "CREATE DATABASE " + database);
        try {
            run(new DriverManagerDataSource(PG + database, user, ""));
        } finally {
            admin(user, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void run(DataSource ds) throws Exception {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        TransactionTemplate transaction = new TransactionTemplate(tx);
        VotingGate gate = new VotingGate(jdbc, tx);

        locks_once_and_writes_the_counters_back_at_commit(gate, transaction, jdbc);
        a_rollback_leaves_the_counters_as_they_were(gate, transaction, jdbc);
        a_second_holder_waits_and_reads_what_the_first_committed(gate, transaction, jdbc);
        assertThatThrownBy(() -> gate.lock("e")).isInstanceOf(IllegalStateException.class);
    }

    private static void locks_once_and_writes_the_counters_back_at_commit(VotingGate gate,
                                                                       TransactionTemplate transaction,
                                                                       JdbcTemplate jdbc) {
        assertThat(gate.version("e")).isEmpty();
        transaction.executeWithoutResult(s -> {
            VotingGate.Held held = gate.lock("e");
            assertThat(gate.lock("e")).isSameAs(held);
            assertThat(held.nextSeq()).isEqualTo(1);
            held.appended(0);
            assertThat(held.nextSeq()).isEqualTo(2);
            assertThat(gate.version("e")).contains(0L); // as this transaction holds it
            assertThat(counters(jdbc, "e")).containsExactly(0, -1); // not written before the commit
        });
        assertThat(counters(jdbc, "e")).containsExactly(2, 0);
        assertThat(gate.version("e")).contains(0L);
    }

    private static void a_rollback_leaves_the_counters_as_they_were(VotingGate gate, TransactionTemplate transaction,
                                                                  JdbcTemplate jdbc) {
        transaction.executeWithoutResult(s -> {
            VotingGate.Held held = gate.lock("e");
            assertThat(held.lastSeq()).isEqualTo(2);
            held.nextSeq();
            held.appended(1);
            s.setRollbackOnly();
        });
        assertThat(counters(jdbc, "e")).containsExactly(2, 0);
    }

    private static void a_second_holder_waits_and_reads_what_the_first_committed(VotingGate gate,
                                                                               TransactionTemplate transaction,
                                                                               JdbcTemplate jdbc) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            VotingGate.Held h = gate.lock("e");
            h.nextSeq();
            h.appended(1);
            held.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        // a reader outside the gate answers at once, with the last committed version
        CompletableFuture<java.util.Optional<Long>> outside = CompletableFuture.supplyAsync(() -> gate.version("e"));
        assertThat(outside.get(5, TimeUnit.SECONDS)).contains(0L);
        CompletableFuture<long[]> second = CompletableFuture.supplyAsync(() -> transaction.execute(s -> {
            VotingGate.Held h = gate.lock("e");
            return new long[]{h.nextSeq(), h.version()};
        }));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(4, 1);
        assertThat(counters(jdbc, "e")).containsExactly(4, 1);
    }

    private static long[] counters(JdbcTemplate jdbc, String editionId) {
        return jdbc.queryForObject("SELECT last_seq, edition_version FROM vote_gate WHERE edition_id = ?",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, editionId);
    }
}
