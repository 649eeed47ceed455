package io.selection.bench;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.selection.audit.cli.Audits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The auditors' offline check (PERFORMANCE.md: a 10-million-vote log, chain and recomputation, in
 * at most 30 s) beside three baselines on the same file, in the same JVM and the same run: reading
 * the file line by line, reading and parsing every line with Jackson, and SHA-256 over the file.
 * The real row runs {@code Audits.verify}, the very pipeline of {@code selection-audit verify}.
 * Every row is timed {@code --repeats} times, in rounds (each round runs every row once), and the
 * median is printed. See bench/README.md.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times the auditors' offline verifier (selection-audit verify) on a sample export, beside "
                + "baselines measured in the same run on the same file: read every line, read and parse every "
                + "line with Jackson, SHA-256 over the file.",
                "",
                "Example: java -XX:+UseParallelGC -jar selection-bench.jar audit --votes 10000000"})
public final class AuditBenchmark implements Callable<Integer> {

    /** Row keys, in the order they are printed. */
    public static final List<String> ROWS = List.of("read", "parse", "sha256", "verify");

    /**
     * The order they run in each round: verify first, so that its first round is what
     * {@code selection-audit verify} meets in a fresh JVM (cold JIT, heap still growing).
     */
    static final List<String> RUN_ORDER = List.of("verify", "read", "parse", "sha256");

    /** PERFORMANCE.md: an auditors' offline check of a 10-million-vote log in at most 30 s. */
    static final long TARGET_VOTES = 10_000_000;
    static final double TARGET_SECONDS = 30;
    static final double TARGET_MICROS_A_VOTE = TARGET_SECONDS * 1e6 / TARGET_VOTES;

    private static final Map<String, String> WHAT = Map.of(
            "read", "read: every line (BufferedInputStream, split at \\n)",
            "parse", "parse: read + Jackson parse of every line to a Map",
            "sha256", "sha256: SHA-256 over the whole file",
            "verify", "verify: selection-audit's Audits.verify (LogVerification.run)");

    /**
     * The verifier reader's Jackson set-up (selection-audit's {@code Json.VALUE}, which is not public):
     * plain JSON values, trailing tokens and duplicate keys refused.
     */
    private static final ObjectReader JSON_VALUE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(Object.class);

    private static final int CHUNK = 1 << 20;

    @Option(names = "--votes", paramLabel = "N", description = "votes in the sample export (default ${DEFAULT-VALUE}); "
            + "ignored with an existing --audit-file, whose votes the verifier counts")
    int votes = 10_000_000;

    @Option(names = "--group-size", paramLabel = "G", description = "votes per VotesDecided line of the sample "
            + "(default ${DEFAULT-VALUE})")
    int groupSize = 20_000;

    @Option(names = "--audit-file", paramLabel = "FILE", description = "an export to verify: used as it is when it "
            + "exists (no generation), else the sample is written there and kept")
    Path auditFile;

    @Option(names = "--repeats", paramLabel = "R", description = "rounds; each row is timed once a round and the "
            + "median printed (default ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the temporary sample goes (default: the "
            + "system's temporary directory); it is deleted at the end")
    Path workDir;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as markdown to this file")
    Path out;

    private PrintStream log = System.out;
    private Result result;

    /** One row's rounds, in seconds of wall time, process CPU and GC. */
    public record Row(String key, String what, double[] seconds, double[] cpuSeconds, double[] gcSeconds,
                      long[] gcCount, long lines, long bytes) {

        public double median() {
            return AuditBenchmark.median(seconds);
        }

        double medianCpu() {
            return AuditBenchmark.median(cpuSeconds);
        }

        double medianGc() {
            return AuditBenchmark.median(gcSeconds);
        }

        /** The first round: for verify, a fresh JVM's figure. */
        double first() {
            return seconds.length == 0 ? 0 : seconds[0];
        }

        double min() {
            return Arrays.stream(seconds).min().orElse(0);
        }

        double max() {
            return Arrays.stream(seconds).max().orElse(0);
        }
    }

    /** What a run measured: the rows, the file, and whether every verify round's report was ok. */
    public record Result(List<Row> rows, Path file, long fileBytes, long lines, long votes, boolean reportOk,
                         String collector, long maxHeapBytes, String table) {

        public Row row(String key) {
            return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        }
    }

    /** Runs with these arguments, printing to {@code printTo}, and returns what it measured (for the smoke test). */
    public static Result run(PrintStream printTo, String... args) throws Exception {
        AuditBenchmark b = new AuditBenchmark();
        new CommandLine(b).parseArgs(args);
        b.log = printTo;
        b.call();
        return b.result;
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repeats must be at least 1");
        }
        log.println("Selection audit benchmark, " + LocalDate.now());
        List<String> context = new ArrayList<>();
        Map<String, Object> jvm = jvm();
        context(context, "load average at the start (1, 5, 15 min): " + Machine.loadAverage()
                + " (other processes on the same cores lower every figure; compare ratios within one run)");
        context(context, String.format(Locale.ROOT, "machine: %d cores, %s, Java %s (%s), %s",
                Runtime.getRuntime().availableProcessors(), Machine.memory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name")));
        context(context, String.format(Locale.ROOT, "JVM: max heap %,d MB; collector %s (%s); options %s; "
                        + "SHA intrinsics %s", (long) jvm.get("maxHeap") / (1024 * 1024), jvm.get("collector"),
                jvm.get("gcNames"), jvm.get("options"), jvm.get("sha256Intrinsics")));

        Path file;
        boolean temporary = false;
        if (auditFile != null && Files.isRegularFile(auditFile)) {
            file = auditFile;
            context(context, String.format(Locale.ROOT, "export: %s, %,d bytes (%.2f GB), reused as it is "
                    + "(no generation; --votes is not used, the verifier counts the votes)", file, Files.size(file),
                    Files.size(file) / 1e9));
        } else {
            if (auditFile != null) {
                file = auditFile;
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } else {
                Path dir = workDir != null ? Files.createDirectories(workDir)
                        : Path.of(System.getProperty("java.io.tmpdir"));
                file = Files.createTempFile(dir, "audit-sample-", ".ndjson");
                temporary = true;
            }
            context(context, generate(file));
        }
        try {
            result = measure(file, context, jvm);
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
        return result.reportOk() ? 0 : 1;
    }

    /** Writes the sample export as {@code selection-audit sample} does; returns what it wrote, for the context. */
    private String generate(Path file) throws IOException {
        log.printf(Locale.ROOT, "writing a sample export of %,d votes to %s ...%n", votes, file);
        long started = System.nanoTime();
        Audits.Sample sample = Audits.writeSample(votes, groupSize, file);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "export: %s, written for this run by selection-audit's sample (%s): %,d "
                        + "lines + the closing line, %,d votes in groups of %,d, %,d voters, seed %d; %,d bytes (%.2f "
                        + "GB, %.0f bytes a vote) in %.1f s", file, sample.editionId(), sample.lines(), votes,
                groupSize, sample.voters(), sample.seed(), sample.bytes(), sample.bytes() / 1e9,
                (double) sample.bytes() / Math.max(1, votes), seconds);
    }

    private Result measure(Path file, List<String> context, Map<String, Object> jvm) throws Exception {
        long size = Files.size(file);
        // once, untimed: the file into the page cache and the line loop through the JIT, for every row alike
        long started = System.nanoTime();
        long[] warm = readLines(file);
        log.printf(Locale.ROOT, "warm-up (not counted): read %,d lines, %,d bytes in %.2f s%n", warm[0], size,
                (System.nanoTime() - started) / 1e9);

        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        ROWS.forEach(k -> samples.put(k, new ArrayList<>()));
        boolean allOk = true;
        long verifiedVotes = -1;
        long verifiedLines = -1;
        long oldGenPeak = 0;
        for (int round = 1; round <= repeats; round++) {
            for (String key : RUN_ORDER) {
                System.gc(); // the garbage of the row before is not this row's cost
                MemoryPoolMXBean oldGen = oldGen();
                if (oldGen != null) {
                    oldGen.resetPeakUsage();
                }
                Probe probe = Probe.start();
                String note;
                long lines;
                switch (key) {
                    case "read" -> {
                        long[] r = readLines(file);
                        lines = r[0];
                        note = String.format(Locale.ROOT, "%,d lines, %,d bytes", r[0], r[1]);
                    }
                    case "parse" -> {
                        long[] r = parseLines(file);
                        lines = r[0];
                        note = String.format(Locale.ROOT, "%,d lines parsed, %,d of them objects", r[0], r[1]);
                    }
                    case "sha256" -> {
                        byte[] digest = sha256(file);
                        lines = -1;
                        note = "SHA-256 " + HexFormat.of().formatHex(digest, 0, 8) + "...";
                    }
                    case "verify" -> {
                        Audits.Outcome report;
                        report = Audits.verify(file);
                        Sample s = probe.stop();
                        long peak = oldGen != null ? oldGen.getPeakUsage().getUsed() : 0;
                        oldGenPeak = Math.max(oldGenPeak, peak);
                        long decisions = report.decisions();
                        verifiedLines = report.lines();
                        if (round == 1 || !report.ok()) {
                            log.print(indent(report.text()));
                        }
                        // the same file every round: a different count would be a bug, not noise
                        boolean ok = report.ok() && (verifiedVotes < 0 || decisions == verifiedVotes);
                        verifiedVotes = decisions;
                        allOk &= ok;
                        samples.get(key).add(s.withLines(verifiedLines + 1));
                        printRound(round, key, s, String.format(Locale.ROOT, "report %s, %,d lines + the closing "
                                + "line, %,d votes; old generation peak %,d MB", ok ? "OK" : "FAILED",
                                verifiedLines, decisions, peak / (1024 * 1024)));
                        continue;
                    }
                    default -> throw new IllegalStateException(key);
                }
                Sample s = probe.stop().withLines(lines);
                samples.get(key).add(s);
                printRound(round, key, s, note);
            }
        }

        List<Row> rows = new ArrayList<>();
        for (String key : ROWS) {
            List<Sample> list = samples.get(key);
            rows.add(new Row(key, WHAT.get(key), list.stream().mapToDouble(Sample::seconds).toArray(),
                    list.stream().mapToDouble(Sample::cpu).toArray(), list.stream().mapToDouble(Sample::gc).toArray(),
                    list.stream().mapToLong(Sample::gcCount).toArray(), list.get(0).lines(), size));
        }
        long readLines = rows.get(0).lines();
        if (verifiedLines + 1 != readLines) {
            log.printf(Locale.ROOT, "NOTE: the verifier counted %,d lines + the closing line, the reader %,d%n",
                    verifiedLines, readLines);
        }
        context(context, String.format(Locale.ROOT, "workload: %,d bytes (%.2f GB), %,d lines, %,d votes (%.0f "
                        + "bytes a vote); %d round(s), each row once a round after a System.gc(), median printed; "
                        + "the file is in the page cache (read once before the rounds)", size, size / 1e9,
                readLines, verifiedVotes, (double) size / Math.max(1, verifiedVotes), repeats));
        context(context, "threads: verify runs the CLI's two (one reads and parses, one verifies in order); "
                + "the baselines run on one. Verify runs first in every round, so its round 1 is a fresh JVM's "
                + "(only the untimed warm-up read before it)");
        context(context, String.format(Locale.ROOT, "verify: old-generation peak %,d MB over the rounds (live data "
                + "and garbage not yet collected: at most what the Verifier keeps, which grows with the votes)",
                oldGenPeak / (1024 * 1024)));
        context(context, "load average at the end: " + Machine.loadAverage());
        String table = table(rows, verifiedVotes, allOk, context);
        log.println();
        log.print(table);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, markdown(rows, verifiedVotes, allOk, context));
            log.println("Written to " + out);
        }
        return new Result(rows, file, size, readLines, verifiedVotes, allOk, (String) jvm.get("collector"),
                (long) jvm.get("maxHeap"), table);
    }

    private void printRound(int round, String key, Sample s, String note) {
        log.printf(Locale.ROOT, "ROUND %d ROW %-7s %8.2f s wall, %8.2f s CPU, GC %d in %.2f s; %s%n", round, key,
                s.seconds(), s.cpu(), s.gcCount(), s.gc(), note);
    }

    private void context(List<String> context, String line) {
        context.add(line);
        log.println("  " + line);
    }

    // --- the baselines -------------------------------------------------------------------------

    /** Baseline A: reads the file and splits it into lines; returns {lines, bytes}. */
    static long[] readLines(Path file) throws IOException {
        long[] bytes = {0};
        long lines = forEachLine(file, (buf, off, len) -> bytes[0] += len + 1);
        return new long[]{lines, bytes[0]};
    }

    /** Baseline B: A, and every line parsed by Jackson as the verifier's reader does; returns {lines, objects}. */
    static long[] parseLines(Path file) throws IOException {
        long[] objects = {0};
        long lines = forEachLine(file, (buf, off, len) -> {
            if (JSON_VALUE.readValue(buf, off, len) instanceof Map<?, ?>) {
                objects[0]++;
            }
        });
        return new long[]{lines, objects[0]};
    }

    /** Baseline C: SHA-256 over the file's bytes. */
    static byte[] sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[CHUNK];
        try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), CHUNK)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return sha.digest();
    }

    private interface LineSink {
        void line(byte[] buf, int off, int len) throws IOException;
    }

    /**
     * Hands every line (without its '\n') to {@code sink}, where it lies in a buffer that grows to
     * the longest line, as the verifier's splitter does; returns the number of lines.
     */
    private static long forEachLine(Path file, LineSink sink) throws IOException {
        byte[] buf = new byte[CHUNK];
        int start = 0;
        int scan = 0;
        int limit = 0;
        long lines = 0;
        try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), CHUNK)) {
            while (true) {
                int nl = -1;
                for (int i = scan; i < limit; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl >= 0) {
                    sink.line(buf, start, nl - start);
                    lines++;
                    start = scan = nl + 1;
                    continue;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    limit -= start;
                    start = 0;
                }
                scan = limit;
                if (limit == buf.length) {
                    buf = Arrays.copyOf(buf, 2 * buf.length);
                }
                int n = in.read(buf, limit, Math.min(buf.length - limit, CHUNK));
                if (n < 0) {
                    if (limit > start) {
                        sink.line(buf, start, limit - start);
                        lines++;
                    }
                    return lines;
                }
                limit += n;
            }
        }
    }

    // --- the table -----------------------------------------------------------------------------

    private static String[] header() {
        return new String[]{"row", "seconds (median)", "round 1", "min-max", "CPU s", "GC s", "MB/s", "votes/s", "µs a vote",
                "× read", "× parse", "× sha256", "report", "target", "verdict"};
    }

    private static List<String[]> cells(List<Row> rows, long votes, boolean ok) {
        double read = rows.get(0).median();
        double parse = rows.get(1).median();
        double sha = rows.get(2).median();
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            double s = r.median();
            boolean verify = r.key().equals("verify");
            String target = verify ? String.format(Locale.ROOT, "≤ %.0f s at 10 M votes (≤ %.2f µs a vote)",
                    TARGET_SECONDS, TARGET_MICROS_A_VOTE) : "";
            String verdict = verify ? verdict(s, r.first(), votes) : "";
            out.add(new String[]{r.key(),
                    String.format(Locale.ROOT, "%.2f", s),
                    String.format(Locale.ROOT, "%.2f", r.first()),
                    String.format(Locale.ROOT, "%.2f-%.2f", r.min(), r.max()),
                    String.format(Locale.ROOT, "%.1f", r.medianCpu()),
                    String.format(Locale.ROOT, "%.2f", r.medianGc()),
                    String.format(Locale.ROOT, "%,.0f", r.bytes() / 1e6 / s),
                    String.format(Locale.ROOT, "%,.0f", votes / s),
                    String.format(Locale.ROOT, "%.3f", s * 1e6 / Math.max(1, votes)),
                    ratio(r.key(), "read", s, read),
                    ratio(r.key(), "parse", s, parse),
                    ratio(r.key(), "sha256", s, sha),
                    verify ? (ok ? "ok" : "FAILED") : "",
                    target, verdict});
        }
        return out;
    }

    private static String ratio(String key, String base, double seconds, double baseSeconds) {
        return key.equals(base) ? "1" : String.format(Locale.ROOT, "%.2f", seconds / baseSeconds);
    }

    /** Against the target scaled to these votes: the median, then the first (cold) round. */
    static String verdict(double median, double first, long votes) {
        double allowed = TARGET_MICROS_A_VOTE * votes / 1e6;
        String v = "median " + judged(median, allowed) + ", round 1 " + judged(first, allowed);
        return votes >= TARGET_VOTES ? v
                : String.format(Locale.ROOT, "%s (scaled to %,d votes: %.2f s; judge at 10 M)", v, votes, allowed);
    }

    private static String judged(double seconds, double allowed) {
        return seconds <= allowed ? "met" : String.format(Locale.ROOT, "not met (%.2f ×)", seconds / allowed);
    }

    private static String table(List<Row> rows, long votes, boolean ok, List<String> context) {
        String[] head = header();
        List<String[]> body = cells(rows, votes, ok);
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] b : body) {
                width[i] = Math.max(width[i], b[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, head, width);
        s.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
        body.forEach(b -> line(s, b, width));
        s.append('\n');
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "  %-7s %s%n", r.key(), r.what()));
        }
        s.append(String.format(Locale.ROOT, "  ratios: this row's median seconds / the baseline's, same run; votes/s "
                + "divides the file's %,d votes by each row's seconds%n", votes));
        s.append('\n');
        context.forEach(c -> s.append("  ").append(c).append('\n'));
        return s.toString();
    }

    private static void line(StringBuilder s, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            boolean left = i == 0 || i >= cells.length - 3;
            String cell = i == cells.length - 1 ? cells[i] : left ? String.format("%-" + width[i] + "s", cells[i])
                    : String.format("%" + width[i] + "s", cells[i]);
            s.append(cell).append(i < cells.length - 1 ? "  " : "");
        }
        while (s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 1);
        }
        s.append('\n');
    }

    private static String markdown(List<Row> rows, long votes, boolean ok, List<String> context) {
        StringBuilder s = new StringBuilder();
        s.append("### Audit benchmark of ").append(LocalDate.now()).append("\n\n");
        context.forEach(c -> s.append("- ").append(c).append('\n'));
        s.append('\n');
        String[] head = header();
        s.append("| ").append(String.join(" | ", head)).append(" |\n|");
        for (int i = 0; i < head.length; i++) {
            s.append(i == 0 || i >= head.length - 3 ? "---|" : "---:|");
        }
        s.append('\n');
        for (String[] b : cells(rows, votes, ok)) {
            s.append("| ").append(String.join(" | ", b)).append(" |\n");
        }
        return s.toString();
    }

    // --- measuring ------------------------------------------------------------------------------

    private record Sample(double seconds, double cpu, double gc, long gcCount, long lines) {
        Sample withLines(long n) {
            return new Sample(seconds, cpu, gc, gcCount, n);
        }
    }

    /** Wall time, the process's CPU time (every thread, GC and JIT included) and GC time of one row. */
    private record Probe(long wall, long cpu, long gc, long gcCount) {

        static Probe start() {
            return new Probe(System.nanoTime(), processCpu(), totalGcMillis(), totalGcCount());
        }

        Sample stop() {
            long w = System.nanoTime();
            return new Sample((w - wall) / 1e9, (processCpu() - cpu) / 1e9, (totalGcMillis() - gc) / 1e3,
                    totalGcCount() - gcCount, -1);
        }
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long totalGcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static long totalGcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(t -> t > 0).sum();
    }

    private static MemoryPoolMXBean oldGen() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().contains("Old Gen") || p.getName().contains("Tenured"))
                .findFirst().orElse(null);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The collector's name, its beans, the JVM options and the SHA-256 intrinsics flag. */
    static Map<String, Object> jvm() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> names = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        String all = String.join(",", names);
        String collector = all.contains("G1") ? "G1" : all.contains("PS ") ? "Parallel"
                : all.contains("ZGC") ? "ZGC" : all.contains("Shenandoah") ? "Shenandoah"
                : all.contains("Copy") || all.contains("MarkSweepCompact") ? "Serial" : all;
        m.put("collector", collector);
        m.put("gcNames", String.join(", ", names));
        m.put("maxHeap", Runtime.getRuntime().maxMemory());
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        m.put("options", options.isEmpty() ? "none (defaults)" : String.join(" ", options));
        String sha;
        try {
            // UseSHA256Intrinsics itself is a diagnostic flag, not readable without unlocking them
            sha = "UseSHA=" + ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseSHA").getValue();
        } catch (RuntimeException e) {
            sha = "unknown";
        }
        m.put("sha256Intrinsics", sha);
        return m;
    }
}
