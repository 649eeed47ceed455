package io.selection.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server of the project's machines (127.0.0.1:5432, trust auth, user postgres, or
 * the system property {@code selection.test.pg.user}): whether it answers, and fresh databases on it.
 */
final class TestPostgres {

    static final String HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = System.getProperty("selection.test.pg.user", "postgres");
    static final String SKIPPED = "no PostgreSQL answers on 127.0.0.1:5432 (user postgres): PostgreSQL tests skipped";

    private TestPostgres() {
    }

    static boolean answers() {
        try (Connection c = admin("?connectTimeout=2")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static Connection admin(String parameters) throws SQLException {
        return DriverManager.getConnection(HOST_URL + "postgres" + parameters, USER, "");
    }

    /** Creates an empty database named prefix, this JVM's pid and a counter; returns its name. */
    static String createDatabase(String prefix) throws SQLException {
        String name = prefix + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
        try (Connection c = admin(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    static void dropDatabase(String name) throws SQLException {
        try (Connection c = admin(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    static String url(String database) {
        return HOST_URL + database + "?reWriteBatchedInserts=true";
    }
}
