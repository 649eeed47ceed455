package io.selection.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the benchmark from rotting: a tiny run of every row must complete and print its figure.
 * Speed is judged by the benchmark itself, never here.
 * Every row must be measured, the service's Kafka rows included (a row that stalls fails the
 * test), except the two-instance row on H2, which runs in a second test on PostgreSQL when one
 * answers on 127.0.0.1:5432. The service's jar must be built (selection-api is packaged before
 * bench in the reactor).
 */
@org.junit.jupiter.api.Tag("slow")
class BenchmarkSmokeTest {

    @TempDir
    Path workDir;

    @Test
    void a_tiny_run_completes_and_prints_every_figure() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(System.out, captured), true, StandardCharsets.UTF_8);

        // small, and the service's JVM tuned to start rather than to run fast: speed is not judged here
        Report report = Benchmark.run(out, args("--votes", "20000", "--naive-sample", "200", "--works", "20",
                "--single-votes", "2000", "--batch-chunk", "2000", "--stall-seconds", "30", "--warm-up-votes", "5000",
                "--service-heap", "512m", "--service-java-options", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "--work-dir", workDir.toString()));

        String printed = captured.toString(StandardCharsets.UTF_8);
        for (String key : Benchmark.ROWS) {
            Report.Row row = report.find(key);
            assertThat(row).as("row %s", key).isNotNull();
            assertThat(printed).as("row %s printed", key).contains("ROW " + key);
            assertThat(printed).as("row %s in the table", key).contains(row.what());
            if (key.equals("ours-kafka-two-instances")) {
                // two processes cannot share an H2 file: this row runs with --store postgres only (below)
                assertThat(row.unavailable()).isEqualTo(Benchmark.TWO_INSTANCES_NEED_POSTGRES);
            } else {
                assertMeasured(row);
            }
        }
        // the minimal pipeline and the service's Kafka rows run over the same votes, and say so
        assertThat(report.find("minimal-e2e").count()).isEqualTo(report.find("ours-kafka-e2e").count());
        assertThat(report.find("ours-kafka-e2e").ratio()).contains("x minimal e2e (both 20,000)");
        // timed once the service has decided votes of an edition of its own, and what those took is told
        assertThat(report.find("ours-kafka-e2e").note()).contains("timed after a warm-up of 5,000 votes");
        for (String key : java.util.List.of("ours-http-batch", "ours-kafka-http-batch")) {
            assertThat(report.find(key).note()).as(key)
                    .contains("timed after a warm-up of 5,000 votes through the same door");
        }
        assertThat(report.find("ours-http-batch").ratio()).contains("x minimal e2e (both 20,000)");
        // both of the batch door's targets judged, its ratio unrounded
        assertThat(report.find("ours-http-batch").verdict()).startsWith("absolute: ").containsPattern("ratio \\(\\d\\.\\d{3}\\): ");
        // the single door against its ceiling: both passes of the ceiling, every answer NOT_DECIDED
        assertThat(report.find("ceiling-http-single").count()).isEqualTo(4_000);
        assertThat(report.find("ceiling-http-single").note()).contains("pass 2").contains("4,000 NOT_DECIDED");
        assertThat(report.find("ours-http-single").ratio()).contains("x ceiling");
        // the rebuild reports whether the read models came out identical
        assertThat(report.find("ours-rebuild").note()).contains("the service reports the read models identical");
        // every service row on a store of its own: no row sees another's votes
        for (String key : java.util.List.of("ours-kafka-e2e", "ours-kafka-prefilled", "ours-kafka-http-batch",
                "ours-http-batch", "ours-http-single")) {
            assertThat(report.find(key).note()).as("exactness of %s", key).contains("as the recount");
        }
        // the heap beside each service row
        assertThat(printed).contains("The service's heap during each row");
        for (String key : java.util.List.of("ours-kafka-e2e", "ours-rebuild", "ours-kafka-prefilled",
                "ours-kafka-http-batch", "ours-http-batch", "ceiling-http-single", "ours-http-single")) {
            assertThat(report.footer()).as("heap of %s", key).anyMatch(l -> l.startsWith("  " + key + ": heap, "));
        }
        // with the live heap after a full collection before and after the row
        assertThat(report.footer()).anyMatch(l -> l.startsWith("  ours-kafka-e2e: ")
                && l.contains("MB before the row") && l.contains("MB after it"));
        // and the collector's work during it, from the service's own counters, for every service row; the
        // counters move only at a collection, which a row this small may not see, but the single door's
        // 200 requests (its heap churned by the ceiling's pass just before) always saw some here
        assertThat(printed).contains("The collector's work during each row");
        for (String key : java.util.List.of("ours-kafka-e2e", "ours-rebuild", "ours-kafka-prefilled",
                "ours-kafka-http-batch", "ours-http-batch", "ceiling-http-single", "ours-http-single")) {
            assertThat(report.footer()).as("collector of %s", key).anyMatch(l -> l.matches("  " + key
                    + ": collector over \\d+ s \\(from the first sample to the last\\): allocated [0-9,]+ MB.*, "
                    + "promoted [0-9,]+ MB, [0-9,]+ pauses of [0-9.]+ s in all, concurrent phases .*"));
        }
        assertThat(report.footer()).as("the CPU of the service's threads by kind, beside the counters")
                .anyMatch(l -> l.startsWith("  ours-kafka-prefilled: collector over ")
                        && l.matches(".*; CPU of the service's threads while sampled: .*deciding [0-9]+\\.[0-9] s, "
                        + ".*read models [0-9]+\\.[0-9] s, .*all other threads [0-9]+\\.[0-9] s "
                        + "\\(of [0-9]+\\.[0-9] s\\)"));
        assertThat(report.footer()).as("a row that collected: allocation and pauses counted, and bytes a vote")
                .anyMatch(l -> l.matches("  ours-[a-z-]+: collector over .* allocated [1-9][0-9,]* MB "
                        + "\\([1-9][0-9,]* bytes a vote\\), promoted [0-9,]+ MB, [1-9][0-9,]* pauses of .*"));
        assertThat(printed).contains("durability of every database figure: H2 file, WRITE_DELAY=0")
                .contains("share these cores");
    }

    /** The two-instance row, which needs PostgreSQL (127.0.0.1:5432, user postgres); the other rows are skipped. */
    @Test
    void two_instances_on_postgres() throws Exception {
        assumeTrue(Store.postgresProblem() == null, "no PostgreSQL here: " + Store.postgresProblem());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(System.out, captured), true, StandardCharsets.UTF_8);
        String others = String.join(",", Benchmark.ROWS.stream()
                .filter(k -> !k.equals("ours-kafka-two-instances")).toList());

        Report report = Benchmark.run(out, args("--store", "postgres", "--votes", "20000", "--works", "20",
                "--stall-seconds", "30", "--skip", others,
                "--service-heap", "512m", "--service-java-options", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "--work-dir", workDir.toString()));

        assertMeasured(report.find("ours-kafka-two-instances"));
        assertThat(report.find("ours-kafka-two-instances").note()).contains("showed them all first")
                .contains("instance 2's heap");
        for (String key : Benchmark.ROWS) {
            if (!key.equals("ours-kafka-two-instances")) {
                assertThat(report.find(key).available()).as("row %s left out", key).isFalse();
            }
        }
    }

    /**
     * The arguments, plus {@code --service-jar} when the system property {@code selection.bench.service-jar}
     * names one ({@code ./mvnw test -pl bench -Dselection.bench.service-jar=...}); otherwise the reactor's
     * selection-api/target/selection-api.jar.
     */
    private static String[] args(String... args) {
        String jar = System.getProperty("selection.bench.service-jar");
        if (jar == null || jar.isBlank()) {
            return args;
        }
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--service-jar";
        all[args.length + 1] = jar;
        return all;
    }

    private static void assertMeasured(Report.Row row) {
        if (!row.available()) {
            fail("row %s was not measured: %s", row.key(), row.unavailable());
        }
        assertThat(row.count()).as("count of %s", row.key()).isPositive();
        assertThat(row.seconds()).as("seconds of %s", row.key()).isPositive();
        assertThat(row.workload()).as("workload of %s", row.key()).isNotBlank();
    }

    /** Prints to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
