package io.selection.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One fresh database for one measurement, with the durability the service has: an H2 file with
 * {@code WRITE_DELAY=0} (the default store), or a new PostgreSQL database on 127.0.0.1:5432.
 */
final class Store implements AutoCloseable {

    enum Kind { H2, POSTGRES }

    static final String PG_HOST = "jdbc:postgresql://127.0.0.1:5432/";

    private final Kind kind;
    private final String name;
    private final Path dir;
    private final HikariDataSource dataSource;

    private Store(Kind kind, String name, Path dir, int poolSize) {
        this.kind = kind;
        this.name = name;
        this.dir = dir;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(kind == Kind.H2 ? "sa" : "postgres");
        config.setPassword("");
        config.setAutoCommit(false);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bench-" + name);
        this.dataSource = new HikariDataSource(config);
    }

    /** A new, empty database called {@code name} (H2: a file under {@code dir}). */
    static Store create(Kind kind, String name, Path dir, int poolSize) throws SQLException, IOException {
        if (kind == Kind.POSTGRES) {
            createPostgresDatabase(name);
        } else {
            Files.createDirectories(dir);
        }
        return new Store(kind, name, dir, poolSize);
    }

    static void createPostgresDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_HOST + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
    }

    static void dropPostgresDatabase(String name) {
        try (Connection c = DriverManager.getConnection(PG_HOST + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort: a left-over benchmark database is only disk space
        }
    }

    /** Whether a PostgreSQL server answers on 127.0.0.1:5432 as user postgres. */
    static String postgresProblem() {
        try (Connection c = DriverManager.getConnection(PG_HOST + "postgres", "postgres", "")) {
            return null;
        } catch (SQLException e) {
            return "no PostgreSQL at 127.0.0.1:5432 as user postgres: " + e.getMessage();
        }
    }

    String url() {
        return kind == Kind.H2
                ? "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
                : PG_HOST + name + "?reWriteBatchedInserts=true";
    }

    Kind kind() {
        return kind;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** The SQL type for a large binary value. */
    String blobType() {
        return kind == Kind.H2 ? "BLOB" : "BYTEA";
    }

    /** The durability of this store, printed beside every figure that writes to it. */
    String durability() {
        if (kind == Kind.H2) {
            return "H2 file, WRITE_DELAY=0 (each commit written to the file before it returns; H2 does not fsync)";
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return "PostgreSQL 127.0.0.1:5432, synchronous_commit=" + show(s, "synchronous_commit") + ", fsync="
                    + show(s, "fsync");
        } catch (SQLException e) {
            return "PostgreSQL 127.0.0.1:5432";
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            return r.next() ? r.getString(1) : "?";
        }
    }

    /** Bytes the database takes on disk now. */
    long sizeOnDisk() {
        if (kind == Kind.H2) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().startsWith(name + "."))
                        .mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException e) {
                return -1;
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
            return r.next() ? r.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    static String bytes(long n) {
        if (n < 0) {
            return "?";
        }
        if (n < 10 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%,d KB", n / 1024);
        }
        return String.format(Locale.ROOT, "%,d MB", n / (1024 * 1024));
    }

    @Override
    public void close() {
        dataSource.close();
        if (kind == Kind.POSTGRES) {
            dropPostgresDatabase(name);
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().startsWith(name + ".")).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
