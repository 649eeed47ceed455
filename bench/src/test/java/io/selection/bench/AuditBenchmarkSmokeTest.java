package io.selection.bench;

import io.selection.sample.SampleEdition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the audit benchmark from rotting: a sample of 20,000 votes is written, then verified beside
 * the baselines; the verifier's report must be ok and every row measured and printed. Speed is
 * judged by the benchmark itself, never here.
 */
class AuditBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void a_small_run_writes_a_sample_verifies_it_and_prints_every_row() throws Exception {
        Path sample = dir.resolve("sample.ndjson");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        AuditBenchmark.Result written = AuditBenchmark.run(tee(captured), "--votes", "20000", "--repeats", "1",
                "--audit-file", sample.toString());

        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEveryRow(written, printed, 1);
        assertThat(written.reportOk()).as("the verifier's report on a SampleEdition export").isTrue();
        assertThat(written.votes()).isEqualTo(20_000);
        assertThat(Files.size(sample)).as("the sample is kept").isEqualTo(written.fileBytes()).isPositive();
        assertThat(printed).contains("written for this run by selection-audit's sample").contains("report OK")
                .contains("max heap").contains("collector " + written.collector())
                .contains("≤ 30 s at 10 M votes (≤ 3.00 µs a vote)").contains("judge at 10 M");

        // the same file again: reused, not written; two rounds; markdown too
        captured.reset();
        Path md = dir.resolve("audit.md");
        AuditBenchmark.Result reused = AuditBenchmark.run(tee(captured), "--audit-file", sample.toString(),
                "--repeats", "2", "--out", md.toString());

        printed = captured.toString(StandardCharsets.UTF_8);
        assertEveryRow(reused, printed, 2);
        assertThat(reused.reportOk()).isTrue();
        assertThat(reused.votes()).as("counted by the verifier, not taken from --votes").isEqualTo(20_000);
        assertThat(printed).contains("reused as it is").doesNotContain("writing a sample export");
        String markdown = Files.readString(md);
        for (String key : AuditBenchmark.ROWS) {
            assertThat(markdown).as("markdown row %s", key).contains("| " + key + " |");
        }
    }

    @Test
    void a_damaged_export_is_reported_as_failed_not_as_ok() throws Exception {
        Path sample = dir.resolve("sample.ndjson");
        AuditBenchmark.run(tee(new ByteArrayOutputStream()), "--votes", "2000", "--group-size", "500", "--repeats",
                "1", "--audit-file", sample.toString());
        byte[] bytes = Files.readAllBytes(sample);
        String text = new String(bytes, StandardCharsets.UTF_8);
        // one reviewer's score, one digit changed: the line's hash no longer holds
        int at = text.indexOf("\"score\":\"") + "\"score\":\"".length();
        assertThat(at).as("a score in the sample").isGreaterThan(20);
        char digit = text.charAt(at);
        Files.writeString(sample, text.substring(0, at) + (digit == '5' ? '6' : '5') + text.substring(at + 1));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        AuditBenchmark.Result damaged = AuditBenchmark.run(tee(captured), "--audit-file", sample.toString(),
                "--repeats", "1");

        assertThat(damaged.reportOk()).isFalse();
        assertEveryRow(damaged, captured.toString(StandardCharsets.UTF_8), 1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("report FAILED").contains("FAILED: edition");
    }

    @Test
    void audit_is_a_subcommand_and_the_default_benchmark_is_unchanged() {
        CommandLine.ParseResult audit = new CommandLine(new Benchmark()).parseArgs("audit", "--votes", "5");
        assertThat(audit.subcommand()).isNotNull();
        assertThat(audit.subcommand().commandSpec().name()).isEqualTo("audit");

        CommandLine.ParseResult plain = new CommandLine(new Benchmark()).parseArgs("--votes", "5");
        assertThat(plain.subcommand()).isNull();
    }

    private static void assertEveryRow(AuditBenchmark.Result result, String printed, int rounds) {
        assertThat(result.rows()).extracting(AuditBenchmark.Row::key).containsExactlyElementsOf(AuditBenchmark.ROWS);
        for (String key : AuditBenchmark.ROWS) {
            AuditBenchmark.Row row = result.row(key);
            assertThat(row.seconds()).as("rounds of %s", key).hasSize(rounds);
            assertThat(row.median()).as("seconds of %s", key).isPositive();
            for (int r = 1; r <= rounds; r++) {
                assertThat(printed).as("round %d of %s printed", r, key).contains("ROUND " + r + " ROW " + key + " ");
            }
            assertThat(result.table()).as("row %s in the table", key).containsPattern("(?m)^" + key + " ");
        }
        assertThat(result.table()).contains("× read").contains("× parse").contains("× sha256").contains("votes/s");
    }

    private static PrintStream tee(ByteArrayOutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                System.out.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.out.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
