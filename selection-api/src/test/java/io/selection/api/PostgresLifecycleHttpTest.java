package io.selection.api;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The same edition, stage by stage, on PostgreSQL: the production store, with the same Flyway
 * migration. Runs against a fresh database on 127.0.0.1:5432 (user postgres, trust auth) and is
 * skipped, with that reason, where no server answers.
 */
@EnabledIf(value = "io.selection.api.PostgresLifecycleHttpTest#postgresAnswers",
        disabledReason = "no PostgreSQL answers on 127.0.0.1:5432 (user postgres): PostgreSQL tests skipped")
class PostgresLifecycleHttpTest extends EditionLifecycleHttpTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = TestPostgres.USER;
    private static String database;

    static boolean postgresAnswers() {
        return TestPostgres.answers();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        if (database == null) {
            database = "selection_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
            try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                 Statement s = c.createStatement()) {
                // Databases of earlier runs are dropped here, as the cached Spring context of this
                // run still holds its own until the test JVM ends; only those whose test JVM (the pid
                // in the name) is gone, so a run beside this one on the same server keeps its own.
                java.util.List<String> old = new java.util.ArrayList<>();
                try (var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'selection_it_%'")) {
                    while (rs.next()) {
                        old.add(rs.getString(1));
                    }
                }
                for (String name : old) {
                    if (!ownerAlive(name)) {
                        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
                s.execute("CREATE DATABASE " + database);
            }
        }
        registry.add("spring.datasource.url",
                () -> "jdbc:postgresql://127.0.0.1:5432/" + database + "?reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }

    /** Whether the test JVM named in {@code selection_it_<pid>_<n>} still runs (unparseable names count as alive). */
    private static boolean ownerAlive(String database) {
        String[] parts = database.split("_");
        try {
            return ProcessHandle.of(Long.parseLong(parts[2])).map(ProcessHandle::isAlive).orElse(false);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
