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

/**
 * Keeps the benchmark from rotting: a tiny run of every row must complete and print its figure.
 * Speed is judged by the benchmark itself, never here.
 * Every row must be measured, the service's Kafka rows included; a row that stalls fails the
 * test. The service's jar must be built (selection-api is packaged before bench in the reactor).
 */
class BenchmarkSmokeTest {

    @TempDir
    Path workDir;

    @Test
    void a_tiny_run_completes_and_prints_every_figure() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(System.out, captured), true, StandardCharsets.UTF_8);

        // small, and the service's JVM tuned to start rather than to run fast: speed is not judged here
        Report report = Benchmark.run(out, "--votes", "20000", "--naive-sample", "200", "--works", "20",
                "--single-votes", "2000", "--batch-chunk", "2000", "--stall-seconds", "30",
                "--service-heap", "512m", "--service-java-options", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "--work-dir", workDir.toString());

        String printed = captured.toString(StandardCharsets.UTF_8);
        for (String key : Benchmark.ROWS) {
            Report.Row row = report.find(key);
            assertThat(row).as("row %s", key).isNotNull();
            assertThat(printed).as("row %s printed", key).contains("ROW " + key);
            assertThat(printed).as("row %s in the table", key).contains(row.what());
            if (row.available()) {
                assertThat(row.count()).as("count of %s", key).isPositive();
                assertThat(row.seconds()).as("seconds of %s", key).isPositive();
                assertThat(row.workload()).as("workload of %s", key).isNotBlank();
            } else {
                fail("row %s was not measured: %s", key, row.unavailable());
            }
        }
        assertThat(printed).contains("durability of every database figure: H2 file, WRITE_DELAY=0")
                .contains("share these cores");
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
