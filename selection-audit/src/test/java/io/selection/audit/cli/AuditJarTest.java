package io.selection.audit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged tool as an auditor runs it: {@code java -jar target/selection-audit.jar} in its own
 * process. Run by failsafe in the integration-test phase, after the jar is built
 * ({@code ./mvnw -pl selection-audit verify}); skipped when there is no jar.
 */
class AuditJarTest {

    static final Path JAR = Path.of("target", "selection-audit.jar");

    @TempDir
    static Path dir;

    static Path sample;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void sample() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR.toAbsolutePath() + ": run `mvn verify` to build it first");
        sample = dir.resolve("sample.ndjson");
        Run r = run("sample", "--votes", "500", "--group-size", "100", sample.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void verifiesASampleAndExits0() throws Exception {
        Run r = run("verify", sample.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("OK: edition sample-2023");
    }

    @Test
    void aTamperedLogExits1WithTheBadLineInTheJsonReport() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(sample));
        int seq = Samples.firstOfType(lines, "VotesDecided");
        lines.set(seq - 1, lines.get(seq - 1).replaceFirst("\"decision\":\\[\"ACCEPTED\"", "\"decision\":[\"ACCEPTEE\""));
        assertThat(lines.get(seq - 1)).contains("ACCEPTEE");
        Path tampered = Samples.write(dir.resolve("tampered.ndjson"), lines);

        Run r = run("verify", "--json", tampered.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"ok\" : false").contains("\"firstBadSeq\" : " + seq);
    }

    /**
     * The tool runs the rulebook of selection-rules and nothing of the server: no Axon, no XStream,
     * no Spring beyond Boot's launcher. Before the rules were split out of selection-core, the jar
     * held Axon and XStream.
     */
    @Test
    void carriesTheRulebookAndNoFrameworkOfTheServer() throws Exception {
        List<String> libs = new ArrayList<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(JAR.toFile())) {
            zip.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .forEach(libs::add);
        }
        assertThat(libs).anyMatch(n -> n.contains("selection-rules-"))
                .noneMatch(n -> n.contains("axon") || n.contains("xstream") || n.contains("selection-core-")
                        || n.contains("spring-core") || n.contains("spring-context"));
    }

    /** A large file (here: any, by the threshold) is verified in a child JVM with the parallel collector. */
    @Test
    void aLargeFileIsVerifiedInAJvmWithTheParallelCollectorWithTheSameReportAndExit() throws Exception {
        Run here = runWith(List.of("-XX:+UseG1GC"), "verify", sample.toString());
        Run relaunched = runWith(List.of("-Dselection.audit.relaunch-bytes=1"), "verify", sample.toString());

        assertThat(here.err()).doesNotContain("-XX:+UseParallelGC");
        assertThat(relaunched.exit()).as(relaunched.err()).isZero();
        assertThat(relaunched.err()).contains("verifying it in a JVM with -XX:+UseParallelGC");
        assertThat(relaunched.out()).isEqualTo(here.out()).startsWith("OK: edition sample-2023");

        List<String> lines = new ArrayList<>(Files.readAllLines(sample));
        lines.remove(lines.size() - 1);
        Path truncated = Samples.write(dir.resolve("truncated.ndjson"), lines);
        assertThat(runWith(List.of("-Dselection.audit.relaunch-bytes=1"), "verify", truncated.toString()).exit())
                .as("the child's exit status").isEqualTo(1);
    }

    @Test
    void aMissingFileExits2() throws Exception {
        Run r = run("verify", dir.resolve("missing.ndjson").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void helpExits0() throws Exception {
        Run r = run("verify", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: selection-audit verify");
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    static Run runWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
