package io.selection.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One run, one machine, the same votes and the same durability for every row: the baselines of
 * PERFORMANCE.md (naive Axon, raw Kafka producer and consumer, raw JDBC insert, the minimal
 * hand-written pipeline) and then the service itself through its Kafka and HTTP doors, printed
 * side by side with each ratio against its target. This class runs the row groups in order; each
 * group is a class of its own, {@link Verdicts} judges them. See bench/README.md.
 */
@Command(name = "selection-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the baselines and the Selection service side by side, in one run. "
                + "`audit` times the auditors' offline verifier instead (see `audit --help`).",
        subcommands = AuditBenchmark.class)
public final class Benchmark implements Callable<Integer> {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    /** The reason printed on the service's Kafka rows while its Kafka door does not consume. */
    public static final String NO_KAFKA_DOOR = "the service's Kafka door is not there";

    /** The reason printed on the two-instance row without PostgreSQL. */
    public static final String TWO_INSTANCES_NEED_POSTGRES = "skipped: needs --store postgres (an H2 file cannot be "
            + "shared by two processes)";

    /** Every row's key and what it measures, in the order they are printed. */
    private static final Map<String, String> WHAT = rows(
            "naive-axon", "naive Axon (one command per vote)",
            "raw-producer", "raw Kafka producer",
            "raw-consumer", "raw Kafka consumer (poll + Jackson parse)",
            "raw-jdbc", "raw JDBC batch insert, one row a vote",
            "minimal-prefilled", "minimal pipeline, pre-filled topic",
            "minimal-e2e", "minimal pipeline, end to end",
            "ours-kafka-e2e", "ours: Kafka intake, end to end",
            "ours-rebuild", "ours: rebuild of the read models",
            "ours-kafka-two-instances", "ours: Kafka intake, two instances, e2e",
            "ours-kafka-prefilled", "ours: Kafka intake, pre-filled topic",
            "ours-kafka-http-batch", "ours: HTTP batch door, kafka profile",
            "ours-http-batch", "ours: HTTP batch door (votes:batch)",
            "ceiling-http-single", "ceiling: single door deciding nothing",
            "ours-http-single", "ours: single-vote door (POST votes)");

    /** Row keys, in the order they are printed. */
    public static final List<String> ROWS = List.copyOf(WHAT.keySet());

    /** The rows of the service, each on its own fresh store (in the order they run). */
    public static final List<String> SERVICE_ROWS = List.of("ours-kafka-e2e", "ours-rebuild",
            "ours-kafka-two-instances", "ours-kafka-prefilled", "ours-kafka-http-batch", "ours-http-batch",
            "ceiling-http-single", "ours-http-single");

    @Mixin
    BenchOptions options = new BenchOptions();

    @Spec
    CommandSpec spec;

    private PrintStream log = System.out;
    private Report report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    /** Runs with these arguments, printing to {@code printTo}, and returns the report (for the smoke test). */
    public static Report run(PrintStream printTo, String... args) throws Exception {
        Benchmark b = new Benchmark();
        new CommandLine(b).parseArgs(args);
        b.log = printTo;
        b.call();
        return b.report;
    }

    /** What the row {@code key} measures, as the table names it. */
    static String what(String key) {
        return WHAT.get(key);
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions o = options;
        Store.Kind kind = o.validate(spec.commandLine());
        if (kind == Store.Kind.POSTGRES && Store.postgresProblem() != null) {
            throw new IllegalStateException(Store.postgresProblem());
        }
        Path dir = o.workDir != null ? o.workDir : Files.createTempDirectory("selection-bench-");
        Files.createDirectories(dir);
        String run = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        report = new Report(log);
        VoteData.EditionShape shape = VoteData.EditionShape.of(o.works);
        VoteData data = new VoteData(o.seed, o.votes, "r", shape);

        log.println("Selection benchmark, run " + run + ", " + LocalDate.now());
        printContext(data, shape, dir);
        Verdicts verdicts = new Verdicts();
        try (Broker broker = Broker.start(o.bootstrap, o.partitions)) {
            report.context("Kafka: " + broker.describe() + ", " + o.partitions + " partitions a topic, producer "
                    + RawKafka.PRODUCER_SETTINGS);
            String durability;
            try (Store probe = Store.create(kind, run + "_probe", dir.resolve("db"), 1)) {
                durability = probe.durability();
            }
            report.context("durability of every database figure: " + durability);
            BenchRun b = new BenchRun(o, log, report, verdicts, broker, kind, dir, run, data, shape, durability);
            baselines(b);
            try {
                serviceRows(b);
            } catch (Exception e) {
                log.println("the service's rows failed:");
                e.printStackTrace(log);
            }
            for (String key : SERVICE_ROWS) {
                if (report.find(key) == null) {
                    report.unavailable(key, what(key), "", "failed: not measured (see the errors above)");
                }
            }
        }
        if (o.workDir == null) {
            // a temporary directory of our own: keep the logs, drop the data
            BenchRun.deleteTree(dir.resolve("service"));
            BenchRun.deleteTree(dir.resolve("db"));
        }
        report.context("load average at the end: " + Machine.loadAverage());
        verdicts.judge(report, o.votes);
        report.order(ROWS);
        report.printTable();
        if (o.out != null) {
            report.write(o.out, String.format(Locale.ROOT, "Benchmark run %s of %s (%,d votes)", run, LocalDate.now(),
                    o.votes));
            log.println("Written to " + o.out);
        }
        return 0;
    }

    /** The baselines, in the order they print; the raw producer fills the topic two of them read. */
    private static void baselines(BenchRun b) {
        new NaiveAxonRow(b).run();
        String prefilled = "votes-" + b.run + "-prefilled";
        RawRows raw = new RawRows(b, prefilled);
        raw.producer();
        raw.consumer();
        raw.jdbc();
        MinimalPipelineRows minimal = new MinimalPipelineRows(b);
        minimal.prefilled(prefilled, raw.filled());
        minimal.endToEnd();
    }

    /** The service's rows, each on a fresh store of its own, in the order of {@link #SERVICE_ROWS}. */
    private static void serviceRows(BenchRun b) throws Exception {
        Services services = Services.prepare(b);
        if (services == null) {
            String why = "no service jar (build it: ./mvnw -q -pl bench -am package -DskipTests, or --service-jar)";
            for (String key : SERVICE_ROWS) {
                b.report.unavailable(key, what(key), "", why);
            }
            return;
        }
        KafkaRows kafka = new KafkaRows(b, services);
        kafka.endToEndAndRebuild();
        new TwoInstancesRow(b, services).run();
        kafka.prefilled();
        BatchRows batch = new BatchRows(b, services);
        batch.kafkaProfile();
        batch.defaultProfile();
        new SingleDoorRows(b, services).run();
    }

    /** The lines above the rows: the machine, the workload, the votes of each row, the rules. */
    private void printContext(VoteData data, VoteData.EditionShape shape, Path dir) {
        BenchOptions o = options;
        long sampleN = Math.min(o.votes, 10_000);
        long jsonBytes = 0;
        long kafkaBytes = 0;
        for (long i = 0; i < sampleN; i++) {
            VoteData.Vote v = data.vote(i);
            jsonBytes += VoteData.json(v).getBytes(StandardCharsets.UTF_8).length;
            kafkaBytes += VoteData.kafkaJson("bench-edition", v).length;
        }
        double avgJson = (double) jsonBytes / Math.max(1, sampleN);
        double avgKafka = (double) kafkaBytes / Math.max(1, sampleN);
        report.context("load average of the machine at the start (1, 5, 15 min): " + Machine.loadAverage()
                + " (other processes on the same 2 cores lower every figure)");
        report.context(String.format(Locale.ROOT, "machine: %d cores, %s, Java %s, %s; benchmark heap -Xmx%d MB, "
                        + "service heap %s; load generators, broker and service share these cores",
                Runtime.getRuntime().availableProcessors(), Machine.memory(), System.getProperty("java.version"),
                System.getProperty("os.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024), o.serviceHeap));
        report.context(String.format(Locale.ROOT, "workload: %,d votes (seed %d), %,d voters in the pool plus 16 very "
                        + "busy ones, %,d works in 5 categories (%,d shortlisted), castAt over the voting week "
                        + "2024-02-27..03-04 Beijing; %.1f%% for works not shortlisted, %.1f%% outside the window, "
                        + "%.1f%% double clicks; JSON %.0f bytes a vote (%.0f on Kafka, with editionId)",
                o.votes, o.seed, data.voterPool(), shape.totalWorks(), shape.totalWorks() - shape.notShortlisted().size(),
                VoteData.PER_MILLE_NOT_SHORTLISTED / 10.0, VoteData.PER_MILLE_OUTSIDE_WINDOW / 10.0,
                VoteData.PER_MILLE_DOUBLE_CLICK / 10.0, avgJson, avgKafka));
        report.context(String.format(Locale.ROOT, "votes a row: %,d for every Kafka row, ours and the baselines "
                        + "(raw producer and consumer, minimal pipeline), so each ratio compares the same votes; "
                        + "%,d for both HTTP batch rows; %,d for the single door and each pass of its ceiling; "
                        + "%,d for raw JDBC; %,d for naive Axon", o.kafkaCount(), o.batchCount(), o.singleCount(),
                o.jdbcCount(), o.naiveCount()));
        report.context("rules: one vote per work per Beijing day, 10 works per category per day, "
                + "window [2024-02-26T16:00Z, 2024-03-04T16:00Z)");
        report.context("work directory: " + dir);
    }

    private static Map<String, String> rows(String... keyThenWhat) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < keyThenWhat.length; i += 2) {
            rows.put(keyThenWhat[i], keyThenWhat[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(rows);
    }
}
