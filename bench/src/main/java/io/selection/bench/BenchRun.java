package io.selection.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What every row of one run shares: the options, the broker, the kind of store and its durability,
 * the work directory, the votes, and the report the rows print to. A row that throws is printed as
 * failed here, and the run goes on with the next one.
 */
final class BenchRun {

    final BenchOptions options;
    final PrintStream log;
    final Report report;
    /** Figures beyond a row's count and time that the verdicts need (heaps, latencies, the rebuild's digests). */
    final Verdicts verdicts;
    final Broker broker;
    final Store.Kind kind;
    final Path dir;
    /** This run's name: databases, topics and editions start with it. */
    final String run;
    final VoteData data;
    final VoteData.EditionShape shape;
    final String durability;

    BenchRun(BenchOptions options, PrintStream log, Report report, Verdicts verdicts, Broker broker, Store.Kind kind,
             Path dir, String run, VoteData data, VoteData.EditionShape shape, String durability) {
        this.options = options;
        this.log = log;
        this.report = report;
        this.verdicts = verdicts;
        this.broker = broker;
        this.kind = kind;
        this.dir = dir;
        this.run = run;
        this.data = data;
        this.shape = shape;
        this.durability = durability;
    }

    /** A row's measurement, which may throw. */
    interface Step {
        void run() throws Exception;
    }

    /** True when {@code key} is left out by --skip, after printing it so. */
    boolean leftOut(String key, String workload) {
        if (!options.skipped(key)) {
            return false;
        }
        report.unavailable(key, Benchmark.what(key), workload, "skipped (--skip)");
        return true;
    }

    /** True when the pre-filled topic {@code key} reads was not filled (raw-producer skipped or failed), after printing it so. */
    boolean lacksPrefilledTopic(String key, String workload, boolean filled) {
        if (filled) {
            return false;
        }
        report.unavailable(key, Benchmark.what(key), workload, "no pre-filled topic (raw-producer skipped)");
        return true;
    }

    /** Runs one row; a row that throws is printed as failed. */
    void guard(String key, Step step) {
        guard("row " + key, List.of(key), step, () -> null);
    }

    /**
     * Runs the rows {@code keys}, measured together on one service; when it throws, every one of
     * them not yet printed is printed as failed, naming the service's log.
     */
    void guard(List<String> keys, Step step, Supplier<ServiceProcess> service) {
        guard("row(s) " + keys, keys, step, service);
    }

    private void guard(String rows, List<String> keys, Step step, Supplier<ServiceProcess> service) {
        try {
            step.run();
        } catch (Exception e) {
            log.println(rows + " failed:");
            e.printStackTrace(log);
            ServiceProcess s = service.get();
            for (String key : keys) {
                if (report.find(key) == null) {
                    report.unavailable(key, Benchmark.what(key), "", "failed: " + e + (s == null ? ""
                            : " (service alive: " + s.alive() + "; see " + s.log() + ")"));
                }
            }
        }
    }

    /** Deletes a row's data once it is measured, when the work directory is a temporary one of our own. */
    void dropData(Path root) {
        if (options.workDir == null) {
            deleteTree(root);
        }
    }

    /** Deletes {@code root} and everything under it, as far as it can. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort: it is a temporary directory
        }
    }
}
