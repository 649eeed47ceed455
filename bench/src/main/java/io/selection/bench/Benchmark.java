package io.selection.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One run, one machine, the same votes and the same durability for every row: the baselines of
 * PERFORMANCE.md (naive Axon, raw Kafka producer and consumer, raw JDBC insert, the minimal
 * hand-written pipeline) and then the service itself through its Kafka and HTTP doors, printed
 * side by side with each ratio against its target. See bench/README.md.
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

    /** Row keys, in the order they are printed. */
    public static final List<String> ROWS = List.of("naive-axon", "raw-producer", "raw-consumer", "raw-jdbc",
            "minimal-prefilled", "minimal-e2e", "ours-kafka-e2e", "ours-rebuild", "ours-kafka-two-instances",
            "ours-kafka-prefilled", "ours-kafka-http-batch", "ours-http-batch", "ceiling-http-single",
            "ours-http-single");

    /** The rows of the service, each on its own fresh store (in the order they run). */
    public static final List<String> SERVICE_ROWS = List.of("ours-kafka-e2e", "ours-rebuild",
            "ours-kafka-two-instances", "ours-kafka-prefilled", "ours-kafka-http-batch", "ours-http-batch",
            "ceiling-http-single", "ours-http-single");

    /** The reason printed on the two-instance row without PostgreSQL. */
    public static final String TWO_INSTANCES_NEED_POSTGRES = "skipped: needs --store postgres (an H2 file cannot be "
            + "shared by two processes)";

    private static final Map<String, String> WHAT = Map.of(
            "ours-http-batch", "ours: HTTP batch door (votes:batch)",
            "ours-http-single", "ours: single-vote door (POST votes)",
            "ceiling-http-single", "ceiling: single door deciding nothing",
            "ours-kafka-e2e", "ours: Kafka intake, end to end",
            "ours-rebuild", "ours: rebuild of the read models",
            "ours-kafka-two-instances", "ours: Kafka intake, two instances, e2e",
            "ours-kafka-prefilled", "ours: Kafka intake, pre-filled topic",
            "ours-kafka-http-batch", "ours: HTTP batch door, kafka profile");

    /** The row keys, for --help and for checking --skip. */
    static final class RowKeys implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ROWS.iterator();
        }
    }

    @Option(names = "--votes", description = "votes in the workload (default ${DEFAULT-VALUE})")
    long votes = 10_000_000;

    @Option(names = "--naive-sample", description = "votes sent to naive Axon, one command each (default ${DEFAULT-VALUE})")
    int naiveSample = 20_000;

    @Option(names = "--naive-threads", description = "client threads for naive Axon (default ${DEFAULT-VALUE})")
    int naiveThreads = 4;

    @Option(names = "--partitions", description = "partitions of every topic (default ${DEFAULT-VALUE})")
    int partitions = 8;

    @Option(names = "--bootstrap", description = "use this Kafka broker (e.g. 127.0.0.1:9092 from scripts/kafka-broker.sh) instead of one inside this JVM")
    String bootstrap;

    @Option(names = "--store", description = "h2 (default) or postgres (127.0.0.1:5432, user postgres)")
    String store = "h2";

    @Option(names = "--works", description = "works per edition, over five categories, half shortlisted (default ${DEFAULT-VALUE})")
    int works = 1_000;

    @Option(names = "--jdbc-votes", description = "votes for the raw JDBC insert (default: the smaller of --votes and 1,000,000)")
    Long jdbcVotes;

    @Option(names = "--batch-votes", description = "votes for the two HTTP batch rows (default: --votes)")
    Long batchVotes;

    @Option(names = "--batch-chunk", description = "NDJSON lines per batch request (default ${DEFAULT-VALUE})")
    int batchChunk = 5_000;

    @Option(names = "--batch-senders", description = "concurrent batch senders (default ${DEFAULT-VALUE})")
    int batchSenders = 4;

    @Option(names = "--single-votes", description = "requests for the single-vote door and for each pass of its "
            + "ceiling (default: the smaller of --votes and 200,000)")
    Long singleVotes;

    @Option(names = "--single-clients", description = "concurrent clients of the single-vote door (default ${DEFAULT-VALUE})")
    int singleClients = 64;

    @Option(names = "--kafka-votes", description = "votes for the service's Kafka rows and for the Kafka baselines "
            + "they are compared with: raw producer and consumer, minimal pipeline (default: --votes)")
    Long kafkaVotes;

    @Option(names = "--pipeline-threads", description = "consumer threads of the minimal pipeline (default ${DEFAULT-VALUE})")
    int pipelineThreads = 1;

    @Option(names = "--service-jar", description = "the service's jar (default: selection-api/target/selection-api.jar)")
    Path serviceJar;

    @Option(names = "--service-heap", description = "the service's heap (default ${DEFAULT-VALUE})")
    String serviceHeap = "2g";

    @Option(names = "--service-java-options", description = "more options for the service's JVM, space-separated "
            + "(default: none; the smoke test uses -XX:TieredStopAtLevel=1 to start faster)")
    String serviceJavaOptions = "";

    @Option(names = "--stall-seconds", description = "give up on a row when nothing moves for this long (default ${DEFAULT-VALUE})")
    int stallSeconds = 60;

    @Option(names = "--skip", split = ",", completionCandidates = RowKeys.class,
            description = "rows to leave out (keys: ${COMPLETION-CANDIDATES})")
    List<String> skip = List.of();

    @Option(names = "--work-dir", description = "where databases, service data and logs go (default: a new temporary directory)")
    Path workDir;

    @Option(names = "--seed", description = "seed of the votes (default ${DEFAULT-VALUE})")
    long seed = 2024;

    @Option(names = "--out", description = "also write the table as markdown to this file")
    Path out;

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

    @Override
    public Integer call() throws Exception {
        long jdbcCount = jdbcVotes != null ? jdbcVotes : Math.min(votes, 1_000_000);
        long batchCount = batchVotes != null ? batchVotes : votes;
        long singleCount = singleVotes != null ? singleVotes : Math.min(votes, 200_000);
        long kafkaCount = kafkaVotes != null ? kafkaVotes : votes;
        for (long n : new long[]{jdbcCount, batchCount, singleCount, kafkaCount}) {
            if (n < 1 || n > votes) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--jdbc-votes, --batch-votes, "
                        + "--single-votes and --kafka-votes must be between 1 and --votes (the first ones of the "
                        + "same workload)");
            }
        }
        for (String key : skip) {
            if (!ROWS.contains(key)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--skip: no row " + key + " (rows: "
                        + String.join(", ", ROWS) + ")");
            }
        }
        Store.Kind kind = switch (store.toLowerCase(Locale.ROOT)) {
            case "h2" -> Store.Kind.H2;
            case "postgres", "postgresql" -> Store.Kind.POSTGRES;
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--store must be h2 or postgres");
        };
        if (kind == Store.Kind.POSTGRES && Store.postgresProblem() != null) {
            throw new IllegalStateException(Store.postgresProblem());
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("selection-bench-");
        Files.createDirectories(dir);
        String run = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        report = new Report(log);

        VoteData.EditionShape shape = VoteData.EditionShape.of(works);
        VoteData base = new VoteData(seed, votes, "r", shape);
        long sampleN = Math.min(votes, 10_000);
        long jsonBytes = 0;
        long kafkaBytes = 0;
        for (long i = 0; i < sampleN; i++) {
            VoteData.Vote v = base.vote(i);
            jsonBytes += VoteData.json(v).getBytes(StandardCharsets.UTF_8).length;
            kafkaBytes += VoteData.kafkaJson("bench-edition", v).length;
        }
        double avgJson = (double) jsonBytes / Math.max(1, sampleN);
        double avgKafka = (double) kafkaBytes / Math.max(1, sampleN);

        log.println("Selection benchmark, run " + run + ", " + LocalDate.now());
        report.context("load average of the machine at the start (1, 5, 15 min): " + loadAverage()
                + " (other processes on the same 2 cores lower every figure)");
        report.context(String.format(Locale.ROOT, "machine: %d cores, %s, Java %s, %s; benchmark heap -Xmx%d MB, "
                        + "service heap %s; load generators, broker and service share these cores",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                System.getProperty("os.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024), serviceHeap));
        report.context(String.format(Locale.ROOT, "workload: %,d votes (seed %d), %,d voters in the pool plus 16 very "
                        + "busy ones, %,d works in 5 categories (%,d shortlisted), castAt over the voting week "
                        + "2024-02-27..03-04 Beijing; %.1f%% for works not shortlisted, %.1f%% outside the window, "
                        + "%.1f%% double clicks; JSON %.0f bytes a vote (%.0f on Kafka, with editionId)",
                votes, seed, base.voterPool(), shape.totalWorks(), shape.totalWorks() - shape.notShortlisted().size(),
                VoteData.PER_MILLE_NOT_SHORTLISTED / 10.0, VoteData.PER_MILLE_OUTSIDE_WINDOW / 10.0,
                VoteData.PER_MILLE_DOUBLE_CLICK / 10.0, avgJson, avgKafka));
        report.context(String.format(Locale.ROOT, "votes a row: %,d for every Kafka row, ours and the baselines "
                        + "(raw producer and consumer, minimal pipeline), so each ratio compares the same votes; "
                        + "%,d for both HTTP batch rows; %,d for the single door and each pass of its ceiling; "
                        + "%,d for raw JDBC; %,d for naive Axon", kafkaCount, batchCount, singleCount, jdbcCount,
                Math.min(naiveSample, votes)));
        report.context("rules: one vote per work per Beijing day, 10 works per category per day, "
                + "window [2024-02-26T16:00Z, 2024-03-04T16:00Z)");
        report.context("work directory: " + dir);

        try (Broker broker = Broker.start(bootstrap, partitions)) {
            report.context("Kafka: " + broker.describe() + ", " + partitions + " partitions a topic, producer "
                    + RawKafka.PRODUCER_SETTINGS);
            String durability;
            try (Store probe = Store.create(kind, run + "_probe", dir.resolve("db"), 1)) {
                durability = probe.durability();
            }
            report.context("durability of every database figure: " + durability);
            Baselines baselines = new Baselines(broker, kind, dir, run, base, shape, durability, kafkaCount);
            baselines.runAll(jdbcCount);
            ServiceRows service = new ServiceRows(broker, kind, dir, run, base, shape, durability);
            try {
                service.runAll(batchCount, singleCount, kafkaCount);
            } catch (Exception e) {
                log.println("the service's rows failed:");
                e.printStackTrace(log);
            }
            for (String key : SERVICE_ROWS) {
                if (report.find(key) == null) {
                    report.unavailable(key, WHAT.get(key), "", "failed: not measured (see the errors above)");
                }
            }
        }
        if (workDir == null) {
            // a temporary directory of our own: keep the logs, drop the data
            deleteTree(dir.resolve("service"));
            deleteTree(dir.resolve("db"));
        }
        report.context("load average at the end: " + loadAverage());
        judge(batchCount, singleCount, kafkaCount);
        report.order(ROWS);
        report.printTable();
        if (out != null) {
            report.write(out, String.format(Locale.ROOT, "Benchmark run %s of %s (%,d votes)", run, LocalDate.now(),
                    votes));
            log.println("Written to " + out);
        }
        return 0;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort: it is a temporary directory
        }
    }

    private boolean skipped(String key) {
        return skip.contains(key);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return os.getTotalMemorySize() / (1024L * 1024 * 1024) + " GiB RAM";
        } catch (RuntimeException e) {
            return "RAM unknown";
        }
    }

    // ====================================================================== baselines

    private final class Baselines {

        private final Broker broker;
        private final Store.Kind kind;
        private final Path dir;
        private final String run;
        private final VoteData data;
        private final VoteData.EditionShape shape;
        private final String durability;
        /** Votes of every Kafka baseline: the count the service's Kafka rows use, so that ratios compare alike. */
        private final long kafkaCount;

        Baselines(Broker broker, Store.Kind kind, Path dir, String run, VoteData data, VoteData.EditionShape shape,
                  String durability, long kafkaCount) {
            this.kafkaCount = kafkaCount;
            this.broker = broker;
            this.kind = kind;
            this.dir = dir;
            this.run = run;
            this.data = data;
            this.shape = shape;
            this.durability = durability;
        }

        void runAll(long jdbcCount) throws Exception {
            guard("naive-axon", "naive Axon (one command per vote)", this::naiveAxon);
            String prefilled = "votes-" + run + "-prefilled";
            boolean[] produced = {false};
            guard("raw-producer", "raw Kafka producer", () -> produced[0] = rawProducer(prefilled));
            guard("raw-consumer", "raw Kafka consumer (poll + Jackson parse)", () -> rawConsumer(prefilled, produced[0]));
            guard("raw-jdbc", "raw JDBC batch insert, one row a vote", () -> rawJdbc(jdbcCount));
            guard("minimal-prefilled", "minimal pipeline, pre-filled topic",
                    () -> minimalPrefilled(prefilled, produced[0]));
            guard("minimal-e2e", "minimal pipeline, end to end", this::minimalEndToEnd);
        }

        private void naiveAxon() throws Exception {
            String what = "naive Axon (one command per vote)";
            int sample = (int) Math.min(naiveSample, votes);
            String workload = String.format(Locale.ROOT, "the first %,d votes, %d client threads, %,d event-sourced "
                    + "Work aggregates (no cache, no snapshot), one command and one transaction a vote, Axon "
                    + "JdbcEventStorageEngine + Jackson; %s", sample, naiveThreads, shape.totalWorks(), durability);
            if (skipped("naive-axon")) {
                report.unavailable("naive-axon", what, workload, "skipped (--skip)");
                return;
            }
            log.println("naive Axon: " + sample + " votes, one command each ...");
            try (Store db = Store.create(kind, run + "_naive", dir.resolve("db"), naiveThreads + 2)) {
                NaiveAxon.Result r = NaiveAxon.run(db, data, sample, naiveThreads);
                report.add("naive-axon", what, workload, r.votes(), r.seconds(), String.format(Locale.ROOT,
                        "%,d accepted; %,d events in the store; busiest work has %,d votes in its history",
                        r.accepted(), r.events(), NaiveAxon.longestHistory(data, sample)));
            }
        }

        private boolean rawProducer(String topic) throws Exception {
            String what = "raw Kafka producer";
            String workload = String.format(Locale.ROOT, "the first %,d votes as records keyed by voterId, %s",
                    kafkaCount, RawKafka.PRODUCER_SETTINGS);
            broker.createTopic(topic, partitions);
            if (skipped("raw-producer")) {
                report.unavailable("raw-producer", what, workload, "skipped (--skip)");
                return false;
            }
            log.println("raw producer: " + kafkaCount + " records to " + topic + " ...");
            RawKafka.Produced p = RawKafka.produce(broker.bootstrap(), topic, "bench-edition", data, kafkaCount, null);
            report.add("raw-producer", what, workload, p.records(), p.seconds(), String.format(Locale.ROOT,
                    "%.0f bytes a record, %.1f MB/s", (double) p.bytes() / p.records(),
                    p.bytes() / p.seconds() / 1e6));
            return true;
        }

        private void rawConsumer(String topic, boolean produced) throws Exception {
            String what = "raw Kafka consumer (poll + Jackson parse)";
            String workload = String.format(Locale.ROOT, "the %,d records above from the start of the topic, one "
                    + "consumer, no decision", kafkaCount);
            if (skipped("raw-consumer") || !produced) {
                report.unavailable("raw-consumer", what, workload, produced ? "skipped (--skip)"
                        : "no pre-filled topic (raw-producer skipped)");
                return;
            }
            log.println("raw consumer ...");
            RawKafka.Consumed c = RawKafka.consume(broker.bootstrap(), topic, kafkaCount);
            report.add("raw-consumer", what, workload, c.records(), c.seconds(), "");
        }

        private void rawJdbc(long count) throws Exception {
            String what = "raw JDBC batch insert, one row a vote";
            String workload = String.format(Locale.ROOT, "the first %,d votes, insert-if-absent with a unique "
                    + "(voter, work, day) index, batches of 1,000, one commit each; %s", count, durability);
            if (skipped("raw-jdbc")) {
                report.unavailable("raw-jdbc", what, workload, "skipped (--skip)");
                return;
            }
            log.println("raw JDBC: " + count + " rows ...");
            try (Store db = Store.create(kind, run + "_jdbc", dir.resolve("db"), 2)) {
                RawJdbc.Result r = RawJdbc.run(db, data, count, 1_000);
                report.add("raw-jdbc", what, workload, r.rows(), r.seconds(), String.format(Locale.ROOT,
                        "%s on disk (%,d bytes a row)", Store.bytes(r.bytesOnDisk()),
                        r.bytesOnDisk() / Math.max(1, r.rows())));
            }
        }

        private void minimalPrefilled(String topic, boolean produced) throws Exception {
            String what = "minimal pipeline, pre-filled topic";
            String workload = String.format(Locale.ROOT, "the %,d records above; %d consumer thread(s) on %d "
                    + "partitions keyed by voter, Jackson parse, daily limits in a packed per-voter map, one commit "
                    + "per poll batch (one blob of decisions + the offsets) on a writer thread; %s", kafkaCount,
                    pipelineThreads, partitions, durability);
            if (skipped("minimal-prefilled") || !produced) {
                report.unavailable("minimal-prefilled", what, workload, produced ? "skipped (--skip)"
                        : "no pre-filled topic (raw-producer skipped)");
                return;
            }
            log.println("minimal pipeline on the pre-filled topic ...");
            try (Store db = Store.create(kind, run + "_minpre", dir.resolve("db"), 3)) {
                long started = System.nanoTime();
                MinimalPipeline p = new MinimalPipeline(broker.bootstrap(), topic, db, shape, pipelineThreads).start();
                try {
                    p.awaitDurable(kafkaCount, java.time.Duration.ofSeconds(stallSeconds));
                } finally {
                    p.close();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report.add("minimal-prefilled", what, workload, kafkaCount, seconds, pipelineNote(p, db));
            }
        }

        private void minimalEndToEnd() throws Exception {
            String what = "minimal pipeline, end to end";
            String workload = String.format(Locale.ROOT, "the first %,d votes produced (as above) while the pipeline "
                    + "consumes, decides and commits; producer, broker and pipeline on the same cores; %s", kafkaCount,
                    durability);
            if (skipped("minimal-e2e")) {
                report.unavailable("minimal-e2e", what, workload, "skipped (--skip)");
                return;
            }
            String topic = "votes-" + run + "-e2e";
            broker.createTopic(topic, partitions);
            log.println("minimal pipeline end to end ...");
            try (Store db = Store.create(kind, run + "_mine2e", dir.resolve("db"), 3)) {
                MinimalPipeline p = new MinimalPipeline(broker.bootstrap(), topic, db, shape, pipelineThreads).start();
                AtomicReference<Throwable> producerFailure = new AtomicReference<>();
                long started = System.nanoTime();
                Thread producer = new Thread(() -> {
                    try {
                        RawKafka.produce(broker.bootstrap(), topic, "bench-edition", data, kafkaCount, null);
                    } catch (Throwable e) {
                        producerFailure.set(e);
                    }
                }, "e2e-producer");
                producer.start();
                try {
                    p.awaitDurable(kafkaCount, java.time.Duration.ofSeconds(stallSeconds));
                } finally {
                    producer.join(TimeUnit.SECONDS.toMillis(stallSeconds));
                    p.close();
                }
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("producer failed", producerFailure.get());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report.add("minimal-e2e", what, workload, kafkaCount, seconds, pipelineNote(p, db));
            }
        }

        private String pipelineNote(MinimalPipeline p, Store db) {
            Map<String, Long> o = p.outcomes();
            return String.format(Locale.ROOT, "%,d accepted, refused: %s; %,d commits (%,.0f decisions, %,.0f KB "
                            + "a commit); %,d voters in memory; %s on disk", o.get("ACCEPTED"), refusals(o),
                    p.commits(), (double) kafkaCount / Math.max(1, p.commits()),
                    p.blobBytes() / 1024.0 / Math.max(1, p.commits()), p.voters(), Store.bytes(db.sizeOnDisk()));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one row; a row that throws is printed as failed, and the run goes on with the next. */
    private void guard(String key, String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            log.println("row " + key + " failed:");
            e.printStackTrace(log);
            if (report.find(key) == null) {
                report.unavailable(key, what, "", "failed: " + e);
            }
        }
    }

    /**
     * Runs the rows {@code keys} (key to what) measured together on one service; when it throws,
     * every one of them not yet printed is printed as failed, naming the service's log.
     */
    private void guard(Map<String, String> keys, Step step, java.util.function.Supplier<ServiceProcess> service) {
        try {
            step.run();
        } catch (Exception e) {
            log.println("row(s) " + keys.keySet() + " failed:");
            e.printStackTrace(log);
            ServiceProcess s = service.get();
            for (Map.Entry<String, String> k : keys.entrySet()) {
                if (report.find(k.getKey()) == null) {
                    report.unavailable(k.getKey(), k.getValue(), "", "failed: " + e + (s == null ? ""
                            : " (service alive: " + s.alive() + "; see " + s.log() + ")"));
                }
            }
        }
    }

    static String refusals(Map<String, Long> outcomes) {
        StringBuilder s = new StringBuilder();
        outcomes.forEach((reason, n) -> {
            if (!reason.equals("ACCEPTED") && n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(reason).append(' ').append(String.format(Locale.ROOT, "%,d", n));
            }
        });
        return s.isEmpty() ? "none" : s.toString();
    }

    // ====================================================================== the service

    /** The service's old generation during each service row, by row (see {@link HeapSampler}). */
    private final Map<String, HeapSampler.Summary> heaps = new LinkedHashMap<>();
    private org.HdrHistogram.Histogram singleLatency;
    private org.HdrHistogram.Histogram ceilingLatency;
    private Ours.Rebuilt rebuilt;

    /**
     * The service's rows. Each row has a fresh store of its own (its own data directory and, on
     * PostgreSQL, its own database), its own topic and consumer group when it uses Kafka, its own
     * start of the service and its own edition set up through the HTTP API: no row replays or
     * sees another row's votes.
     */
    private final class ServiceRows {

        private final Broker broker;
        private final Store.Kind kind;
        private final Path dir;
        private final String run;
        private final VoteData data;
        private final VoteData.EditionShape shape;
        private final String durability;
        private final Map<Long, Long> recount = new java.util.HashMap<>();
        private Path jar;
        private int starts;
        /** The service started last, named when a row fails. */
        private ServiceProcess current;

        ServiceRows(Broker broker, Store.Kind kind, Path dir, String run, VoteData data, VoteData.EditionShape shape,
                    String durability) {
            this.broker = broker;
            this.kind = kind;
            this.dir = dir;
            this.run = run;
            this.data = data;
            this.shape = shape;
            this.durability = durability;
        }

        /** The accepted count beside the recount of the same votes in cast order (MinimalPipeline's rules). */
        private String exactness(long accepted, long count) {
            Long expected = recount.get(count);
            if (expected == null) {
                return String.format(Locale.ROOT, "%,d accepted", accepted);
            }
            if (expected == accepted) {
                return String.format(Locale.ROOT, "%,d accepted, as the recount of the same votes", accepted);
            }
            return String.format(Locale.ROOT, "%,d accepted, but the recount of the same votes in cast order says "
                    + "%,d (%+d)", accepted, expected, accepted - expected);
        }

        private String serviceDurability() {
            return kind == Store.Kind.H2
                    ? "the service on a fresh H2 file of its own (its default store, WRITE_DELAY=0)"
                    : "the service on a fresh PostgreSQL database of its own (" + durability + ")";
        }

        void runAll(long batchCount, long singleCount, long kafkaCount) throws Exception {
            Path located = ServiceProcess.locateJar(serviceJar);
            if (located == null) {
                String why = "no service jar (build it: ./mvnw -q -pl bench -am package -DskipTests, or --service-jar)";
                for (String key : SERVICE_ROWS) {
                    report.unavailable(key, WHAT.get(key), "", why);
                }
                return;
            }
            long[] checkpoints = java.util.stream.LongStream.of(batchCount, singleCount, kafkaCount).filter(n -> n > 0)
                    .distinct().sorted().toArray();
            long[] recounted = MinimalPipeline.recountAccepted(data, checkpoints);
            for (int i = 0; i < checkpoints.length; i++) {
                recount.put(checkpoints[i], recounted[i]);
            }
            // a copy, so that a rebuild of the service during the run cannot change it between starts
            Path copy = dir.resolve("selection-api.jar");
            Files.copy(located, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            report.context("service: " + located + " (built " + Files.getLastModifiedTime(located) + ") in a child JVM "
                    + "(-Xmx" + serviceHeap + (serviceJavaOptions.isBlank() ? "" : " " + serviceJavaOptions.trim())
                    + "); every service row on a fresh store of its own ("
                    + (kind == Store.Kind.H2 ? "data under " + dir.resolve("service") + "/<row>"
                    : "PostgreSQL database " + run + "_<row>") + "), its own start and its own edition set up "
                    + "through the HTTP API");
            jar = copy;

            kafkaEndToEndAndRebuild(kafkaCount);
            twoInstances(kafkaCount);
            kafkaPrefilled(kafkaCount);
            batch("ours-kafka-http-batch", true, batchCount);
            batch("ours-http-batch", false, batchCount);
            singleAndCeiling(singleCount);
        }

        /** A fresh store for one row: its own data directory, PostgreSQL database, topic and consumer group. */
        private final class Fresh implements AutoCloseable {
            final Path dataDir;
            final String database;
            final String topic;
            final String group;

            Fresh(String key) throws Exception {
                this.dataDir = dir.resolve("service").resolve(key);
                this.database = run + "_" + key.replace('-', '_');
                this.topic = "votes-" + run + "-" + key;
                this.group = "selection-" + run + "-" + key;
                deleteTree(dataDir); // a --work-dir used before
                if (kind == Store.Kind.POSTGRES) {
                    Store.createPostgresDatabase(database);
                }
            }

            /**
             * The service's properties on this store: the default profile, or the {@code kafka} one on
             * this row's topic and group; {@code instance} names a data directory of its own for a
             * second process on the same database.
             */
            Map<String, String> properties(boolean kafka, String instance, Map<String, String> extra) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("selection.data-dir", (instance == null ? dataDir : dataDir.resolve(instance)).toString());
                p.put("selection.seed-2023", "false");
                // the rebuild request answers only once the rebuild is done (or 503 past this wait):
                // ten million votes take longer than the default 30 s, and the row times it itself
                p.put("selection.read-models.await-millis", "180000");
                List<String> profiles = new java.util.ArrayList<>();
                if (kind == Store.Kind.POSTGRES) {
                    profiles.add("postgres");
                    p.put("spring.datasource.url", Store.PG_HOST + database + "?reWriteBatchedInserts=true");
                }
                if (kafka) {
                    profiles.add("kafka");
                    p.put("selection.kafka.bootstrap-servers", broker.bootstrap());
                    p.put("selection.kafka.topic", topic);
                    p.put("selection.kafka.group-id", group);
                }
                if (!profiles.isEmpty()) {
                    p.put("spring.profiles.active", String.join(",", profiles));
                }
                p.putAll(extra);
                return p;
            }

            void createTopic() throws Exception {
                broker.createTopic(topic, partitions);
            }

            @Override
            public void close() {
                if (kind == Store.Kind.POSTGRES) {
                    Store.dropPostgresDatabase(database);
                }
                if (workDir == null) {
                    deleteTree(dataDir); // a temporary directory of our own: keep the logs, drop the data
                }
            }
        }

        private ServiceProcess start(Map<String, String> properties) throws Exception {
            Path logFile = dir.resolve("service-" + (++starts) + ".log");
            log.println("starting the service (" + logFile + ") ...");
            current = ServiceProcess.launch(jar, serviceHeap, javaOptions(), properties, logFile);
            current.awaitHealthy(180);
            return current;
        }

        /** One edition in VOTING through the HTTP API; returns a note of the start-up and set-up times. */
        private String setUp(ServiceProcess service, String editionId) throws Exception {
            log.printf(Locale.ROOT, "service up in %.1f s on %s; setting up edition %s of %,d works ...%n",
                    service.startupSeconds(), service.url(), editionId, shape.totalWorks());
            long t0 = System.nanoTime();
            new EditionSetup(service.url()).run(editionId, shape, 3);
            return String.format(Locale.ROOT, "service start-up %.1f s, then its edition set up through the HTTP API "
                            + "in %.1f s (%,d works, 3 reviewers, %,d preliminary scores)", service.startupSeconds(),
                    (System.nanoTime() - t0) / 1e9, shape.totalWorks(), 3 * shape.totalWorks());
        }

        private String heap(String label, HeapSampler.Summary summary) {
            heaps.put(label, summary);
            return summary.describe();
        }

        private long[] tallies(ServiceProcess service, String editionId) throws Exception {
            try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
                return EditionSetup.acceptedAndRefused(auditor, editionId);
            }
        }

        // ------------------------------------------------------------------ Kafka end to end, and the rebuild

        private void kafkaEndToEndAndRebuild(long count) {
            String key = "ours-kafka-e2e";
            String what = WHAT.get(key);
            String workload = String.format(Locale.ROOT, "the first %,d votes produced (as the raw producer) to the "
                    + "service's own topic while it runs (kafka profile); from the first send until GET tallies shows "
                    + "them all decided; %s", count, serviceDurability());
            String rKey = "ours-rebuild";
            String rWhat = WHAT.get(rKey);
            String rWorkload = String.format(Locale.ROOT, "POST /api/admin/read-models:rebuild (organiser) on the "
                    + "service of ours-kafka-e2e right after that row: its log holds one edition's set-up and %,d "
                    + "votes; GET /api/admin/read-models polled every second; from the request to its answer (which "
                    + "includes the digests of every read model before and after); %s", count, serviceDurability());
            if (skipped(key)) {
                report.unavailable(key, what, workload, "skipped (--skip)");
                report.unavailable(rKey, rWhat, rWorkload, skipped(rKey) ? "skipped (--skip)"
                        : "not measured: it rebuilds on the service of ours-kafka-e2e, which is skipped");
                return;
            }
            guard(Map.of(key, what, rKey, rWhat), () -> {
                String edition = run + "-kafka";
                try (Fresh store = new Fresh(key)) {
                    store.createTopic();
                    try (ServiceProcess service = start(store.properties(true, null, Map.of()))) {
                        String missing = kafkaDoorMissing(service, store.group);
                        if (missing != null) {
                            report.unavailable(key, what, workload, missing);
                            report.unavailable(rKey, rWhat, rWorkload, "not measured: " + missing);
                            return;
                        }
                        String setUp = setUp(service, edition);
                        log.println("Kafka door end to end: " + count + " votes ...");
                        HeapSampler sampler = new HeapSampler(service).markStart();
                        Delivered d = produceAndAwait(List.of(service), List.of(sampler), store.topic, edition,
                                data.withPrefix("k"), count);
                        if (d.doneAt() == null) {
                            report.unavailable(key, what, workload, "failed: stalled at " + d.latest() + " of " + count
                                    + " decided (see " + service.log() + ")");
                            report.unavailable(rKey, rWhat, rWorkload, "not measured: ours-kafka-e2e stalled");
                            return;
                        }
                        long accepted = tallies(service, edition)[0];
                        sampler.markEnd();
                        report.add(key, what, workload, count, d.seconds(), String.format(Locale.ROOT,
                                "%s; producer done after %.1f s; %s; service peak RSS %s; %s",
                                exactness(accepted, count), d.producerSeconds(), setUp,
                                Store.bytes(service.peakRssBytes()), heap(key, sampler.summary())));
                        if (skipped(rKey)) {
                            report.unavailable(rKey, rWhat, rWorkload, "skipped (--skip)");
                        } else {
                            rebuild(service, edition, count, accepted, rWhat, rWorkload);
                        }
                    }
                }
            }, () -> current);
        }

        private void rebuild(ServiceProcess service, String edition, long count, long acceptedBefore, String what,
                             String workload) throws Exception {
            log.println("rebuilding the read models of ours-kafka-e2e's service (" + count + " votes in its log) ...");
            HeapSampler sampler = new HeapSampler(service).markStart().start();
            Ours.Rebuilt r;
            try {
                r = Ours.rebuild(service.url(), stallSeconds, log);
            } finally {
                sampler.stop();
            }
            rebuilt = r;
            long[] after = tallies(service, edition);
            sampler.markEnd();
            report.add("ours-rebuild", what, workload, count, r.seconds(), String.format(Locale.ROOT,
                    "the service reports the read models %s before and after (a SHA-256 of every read model of "
                            + "every edition); GET tallies afterwards: %,d accepted (%,d before), %,d decided; the "
                            + "service's own timing %.2f s (without the digests before); log position %,d; progress "
                            + "printed %d times; %s", r.identical() ? "identical" : "NOT identical", after[0],
                    acceptedBefore, after[0] + after[1], r.serverMillis() / 1000.0, r.position(), r.progressLines(),
                    heap("ours-rebuild", sampler.summary())));
        }

        /** Votes produced end to end to {@code services} on one topic, until one of them shows them all decided. */
        private record Delivered(long startedAt, Long doneAt, int first, double producerSeconds, long latest,
                                 String others) {
            double seconds() {
                return (doneAt - startedAt) / 1e9;
            }
        }

        /** Produces votes {@code [0, count)} to {@code topic}; {@code samplers} sample the services meanwhile. */
        private Delivered produceAndAwait(List<ServiceProcess> services, List<HeapSampler> samplers, String topic,
                                          String editionId, VoteData votes, long count) throws Exception {
            samplers.forEach(HeapSampler::start);
            List<RawHttp> auditors = services.stream().map(s -> new EditionSetup(s.url()).as("auditor", "auditor"))
                    .toList();
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            AtomicLong producedIn = new AtomicLong();
            long started = System.nanoTime();
            Thread producer = new Thread(() -> {
                try {
                    RawKafka.Produced p = RawKafka.produce(broker.bootstrap(), topic, editionId, votes, count, null);
                    producedIn.set((long) (p.seconds() * 1000));
                } catch (Throwable e) {
                    producerFailure.set(e);
                }
            }, "service-e2e-producer");
            producer.start();
            try {
                Long doneAt = null;
                int first = -1;
                long last = -1;
                long latest = 0;
                long lastMove = System.nanoTime();
                while (producerFailure.get() == null) {
                    long best = -1;
                    for (int i = 0; i < auditors.size() && first < 0; i++) {
                        long n = decidedOrMinusOne(auditors.get(i), editionId);
                        best = Math.max(best, n);
                        if (n >= count) {
                            first = i;
                        }
                    }
                    latest = best;
                    if (first >= 0) {
                        doneAt = System.nanoTime();
                        break;
                    }
                    if (best != last) {
                        last = best;
                        lastMove = System.nanoTime();
                    } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                        break;
                    }
                    Thread.sleep(100);
                }
                for (HeapSampler s : samplers) {
                    s.stop();
                }
                producer.join(TimeUnit.SECONDS.toMillis(stallSeconds));
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("producer failed", producerFailure.get());
                }
                StringBuilder others = new StringBuilder();
                if (doneAt != null) {
                    for (int i = 0; i < auditors.size(); i++) {
                        if (i != first) {
                            others.append(others.isEmpty() ? "" : "; ").append(awaitOther(auditors.get(i), i + 1,
                                    editionId, count, doneAt));
                        }
                    }
                }
                return new Delivered(started, doneAt, first, producedIn.get() / 1000.0, latest, others.toString());
            } finally {
                for (HeapSampler s : samplers) {
                    s.stop();
                }
                auditors.forEach(RawHttp::close);
            }
        }

        /** How long after {@code doneAt} instance {@code number}'s tallies show the votes all decided too. */
        private String awaitOther(RawHttp auditor, int number, String editionId, long count, long doneAt)
                throws InterruptedException {
            long last = -1;
            long lastMove = System.nanoTime();
            while (true) {
                long n = decidedOrMinusOne(auditor, editionId);
                if (n >= count) {
                    return String.format(Locale.ROOT, "instance %d's tallies showed them all %.1f s later", number,
                            (System.nanoTime() - doneAt) / 1e9);
                }
                if (n != last) {
                    last = n;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                    return String.format(Locale.ROOT, "instance %d's tallies stayed at %s of %,d decided for %d s",
                            number, n < 0 ? "no answer" : String.format(Locale.ROOT, "%,d", n), count, stallSeconds);
                }
                Thread.sleep(100);
            }
        }

        private long decidedOrMinusOne(RawHttp auditor, String editionId) {
            try {
                return EditionSetup.decided(auditor, editionId);
            } catch (Exception e) {
                return -1;
            }
        }

        // ------------------------------------------------------------------ a second instance

        private void twoInstances(long count) {
            String key = "ours-kafka-two-instances";
            String what = WHAT.get(key);
            String workload = String.format(Locale.ROOT, "the first %,d votes produced end to end (as ours-kafka-e2e) "
                    + "to one topic consumed by two processes of the service in one consumer group, on one fresh "
                    + "PostgreSQL database; the edition set up through instance 1 before instance 2 starts; the clock "
                    + "starts once both hold partitions, until the tallies of either show them all decided; %s",
                    count, kind == Store.Kind.POSTGRES ? "PostgreSQL (" + durability + ")" : "PostgreSQL only");
            if (skipped(key)) {
                report.unavailable(key, what, workload, "skipped (--skip)");
                return;
            }
            if (kind != Store.Kind.POSTGRES) {
                report.unavailable(key, what, workload, TWO_INSTANCES_NEED_POSTGRES);
                return;
            }
            guard(Map.of(key, what), () -> {
                String edition = run + "-two";
                try (Fresh store = new Fresh(key)) {
                    store.createTopic();
                    try (ServiceProcess one = start(store.properties(true, "instance-1", Map.of()))) {
                        String missing = kafkaDoorMissing(one, store.group);
                        if (missing != null) {
                            report.unavailable(key, what, workload, missing);
                            return;
                        }
                        String setUp = setUp(one, edition);
                        try (ServiceProcess two = start(store.properties(true, "instance-2", Map.of()))) {
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                            while (broker.assignedMembers(store.group) < 2) {
                                if (System.nanoTime() > deadline) {
                                    report.unavailable(key, what, workload, "failed: the two instances did not both "
                                            + "hold partitions of " + store.topic + " within 60 s (see " + one.log()
                                            + " and " + two.log() + ")");
                                    return;
                                }
                                Thread.sleep(100);
                            }
                            log.println("Kafka door end to end, two instances: " + count + " votes ...");
                            HeapSampler heapOne = new HeapSampler(one).markStart();
                            HeapSampler heapTwo = new HeapSampler(two).markStart();
                            Delivered d = produceAndAwait(List.of(one, two), List.of(heapOne, heapTwo), store.topic,
                                    edition, data.withPrefix("t"), count);
                            if (d.doneAt() == null) {
                                report.unavailable(key, what, workload, "failed: stalled at " + d.latest() + " of "
                                        + count + " decided (see " + one.log() + " and " + two.log() + ")");
                                return;
                            }
                            ServiceProcess first = d.first() == 0 ? one : two;
                            long accepted = tallies(first, edition)[0];
                            heapOne.markEnd();
                            heapTwo.markEnd();
                            report.add(key, what, workload, count, d.seconds(), String.format(Locale.ROOT,
                                    "%s (instance %d's tallies); instance %d showed them all first; %s; producer done "
                                            + "after %.1f s; instance 1: %s, peak RSS %s; instance 2: start-up "
                                            + "%.1f s, peak RSS %s; instance 1's %s; instance 2's %s",
                                    exactness(accepted, count), d.first() + 1, d.first() + 1, d.others(),
                                    d.producerSeconds(), setUp, Store.bytes(one.peakRssBytes()),
                                    two.startupSeconds(), Store.bytes(two.peakRssBytes()),
                                    heap(key + " (instance 1)", heapOne.summary()),
                                    heap(key + " (instance 2)", heapTwo.summary())));
                        }
                    }
                }
            }, () -> current);
        }

        // ------------------------------------------------------------------ an outage and the catch-up

        private void kafkaPrefilled(long count) {
            String key = "ours-kafka-prefilled";
            String what = WHAT.get(key);
            String workload = String.format(Locale.ROOT, "%,d votes produced while the service is stopped, then it "
                    + "is started again on the same store (a fresh one of its own: started once to set up the "
                    + "edition, stopped, the topic filled, started again) and catches up; from its consumer joining "
                    + "the group to all decided in GET tallies; %s", count, serviceDurability());
            if (skipped(key)) {
                report.unavailable(key, what, workload, "skipped (--skip)");
                return;
            }
            guard(Map.of(key, what), () -> {
                String edition = run + "-catchup";
                try (Fresh store = new Fresh(key)) {
                    store.createTopic();
                    Map<String, String> properties = store.properties(true, null, Map.of());
                    String setUp;
                    try (ServiceProcess service = start(properties)) {
                        String missing = kafkaDoorMissing(service, store.group);
                        if (missing != null) {
                            report.unavailable(key, what, workload, missing);
                            return;
                        }
                        setUp = setUp(service, edition);
                        log.println("stopping the service ...");
                    }
                    // the stopped consumer leaves its group; the clock below starts when a new member joins
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (broker.groupMembers(store.group) > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    log.println("Kafka door from a pre-filled topic: producing " + count
                            + " votes with the service stopped ...");
                    RawKafka.produce(broker.bootstrap(), store.topic, edition, data.withPrefix("c"), count, null);
                    Path logFile = dir.resolve("service-" + (++starts) + ".log");
                    log.println("starting the service again on the same store (" + logFile + ") ...");
                    current = ServiceProcess.launch(jar, serviceHeap, javaOptions(), properties, logFile);
                    try (ServiceProcess service = current) {
                        HeapSampler sampler = new HeapSampler(service).start();
                        try {
                            // The service consumes as soon as its consumer joins the group, which may be before
                            // it answers HTTP: the clock starts when a member shows up in the group.
                            Long joinedAt = null;
                            while (service.alive()) {
                                if (broker.groupMembers(store.group) > 0) {
                                    joinedAt = System.nanoTime();
                                    break;
                                }
                                if (System.nanoTime() - service.launchedAtNanos() > 180_000_000_000L) {
                                    break;
                                }
                                Thread.sleep(20);
                            }
                            service.awaitHealthy(180);
                            try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
                                AtomicLong latest = new AtomicLong();
                                Long doneAt = Ours.awaitDecided(auditor, edition, count, stallSeconds, latest);
                                sampler.stop();
                                if (doneAt == null) {
                                    report.unavailable(key, what, workload, "failed: stalled at " + latest.get()
                                            + " of " + count + " decided (see " + service.log() + ")");
                                    return;
                                }
                                long from = joinedAt != null ? joinedAt : service.readyAtNanos();
                                double seconds = (doneAt - from) / 1e9;
                                long accepted = EditionSetup.acceptedAndRefused(auditor, edition)[0];
                                HeapSampler.Summary h = sampler.markEnd().summary();
                                report.add(key, what, workload, count, seconds, String.format(Locale.ROOT,
                                        "%s; timed from %s (%.1f s after launch; healthy after %.1f s); the tallies "
                                                + "are read over HTTP, so a backlog cleared before the service answers "
                                                + "counts until its first answer; first start: %s; service peak RSS "
                                                + "%s; %s", exactness(accepted, count),
                                        joinedAt != null ? "its consumer joining the group" : "its first healthy answer",
                                        (from - service.launchedAtNanos()) / 1e9, service.startupSeconds(), setUp,
                                        Store.bytes(service.peakRssBytes()), heap(key, h)));
                            }
                        } finally {
                            sampler.stop();
                        }
                    }
                }
            }, () -> current);
        }

        // ------------------------------------------------------------------ the HTTP batch door, both profiles

        private void batch(String key, boolean kafka, long count) {
            String what = WHAT.get(key);
            String workload = kafka
                    ? String.format(Locale.ROOT, "%,d votes as NDJSON to POST .../votes:batch of the service on the "
                            + "kafka profile (the Kafka rows' properties, a topic of its own): it puts them on the "
                            + "topic, its consumer decides them, each answer once its votes are decided and durable; "
                            + "%,d a request, %d senders, HTTP Basic; %s", count, batchChunk, batchSenders,
                    serviceDurability())
                    : String.format(Locale.ROOT, "%,d votes as NDJSON to POST .../votes:batch (default profile, no "
                            + "Kafka), %,d a request, %d senders, HTTP Basic, each answer once its votes are durable; "
                            + "%s", count, batchChunk, batchSenders, serviceDurability());
            if (skipped(key)) {
                report.unavailable(key, what, workload, "skipped (--skip)");
                return;
            }
            guard(Map.of(key, what), () -> {
                String edition = run + (kafka ? "-kbatch" : "-batch");
                try (Fresh store = new Fresh(key)) {
                    if (kafka) {
                        store.createTopic();
                    }
                    try (ServiceProcess service = start(store.properties(kafka, null, Map.of()))) {
                        if (kafka) {
                            String missing = kafkaDoorMissing(service, store.group);
                            if (missing != null) {
                                report.unavailable(key, what, workload, missing);
                                return;
                            }
                        }
                        String setUp = setUp(service, edition);
                        log.println((kafka ? "HTTP batch door on the kafka profile: " : "HTTP batch door: ") + count
                                + " votes ...");
                        HeapSampler sampler = new HeapSampler(service).markStart().start();
                        Ours.BatchResult b;
                        try {
                            b = Ours.batchDoor(service.url(), edition, data.withPrefix(kafka ? "h" : "b"), count,
                                    batchChunk, batchSenders, stallSeconds);
                        } finally {
                            sampler.stop();
                        }
                        long[] visible = tallies(service, edition);
                        HeapSampler.Summary h = sampler.markEnd().summary();
                        report.add(key, what, workload, b.votes(), b.seconds(), String.format(Locale.ROOT,
                                "%s; %,d refused, %,d repeated, %,d invalid lines; %,d decided in GET tallies "
                                        + "afterwards; %s; service peak RSS %s; %s",
                                exactness(b.accepted(), count), b.refused(), b.repeated(), b.invalid(),
                                visible[0] + visible[1], setUp, Store.bytes(service.peakRssBytes()), heap(key, h)));
                    }
                }
            }, () -> current);
        }

        // ------------------------------------------------------------------ the single door and its ceiling

        private void singleAndCeiling(long count) {
            String sKey = "ours-http-single";
            String sWhat = WHAT.get(sKey);
            String cKey = "ceiling-http-single";
            String cWhat = WHAT.get(cKey);
            boolean ceiling = !skipped(cKey);
            boolean single = !skipped(sKey);
            String sWorkload = String.format(Locale.ROOT, "%,d requests to POST .../votes, one vote each, %d "
                    + "concurrent keep-alive clients, HTTP Basic on every request, each answer once its vote is "
                    + "durable; the service started with selection.votes.ceiling-endpoint=true%s; %s", count,
                    singleClients, ceiling ? ", measured between the two passes of its ceiling" : "",
                    serviceDurability());
            String cWorkload = String.format(Locale.ROOT, "POST .../votes:ceiling on the same service process: the "
                    + "same path prefix, role GATEWAY, HTTP Basic on every request, body and shape checks, and an "
                    + "answer of the same shape (NOT_DECIDED), but nothing decided or stored; the same %,d votes from "
                    + "the same %d clients, %s", count, singleClients, single
                    ? "twice, once just before ours-http-single and once just after it; the figure is both passes "
                    + "together" : "once (ours-http-single skipped)");
            if (!ceiling) {
                report.unavailable(cKey, cWhat, cWorkload, "skipped (--skip)");
            }
            if (!single) {
                report.unavailable(sKey, sWhat, sWorkload, "skipped (--skip)");
            }
            if (!ceiling && !single) {
                return;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            if (ceiling) {
                keys.put(cKey, cWhat);
            }
            if (single) {
                keys.put(sKey, sWhat);
            }
            guard(keys, () -> {
                String edition = run + "-single";
                try (Fresh store = new Fresh(sKey)) {
                    try (ServiceProcess service = start(store.properties(false, null,
                            Map.of("selection.votes.ceiling-endpoint", "true")))) {
                        String setUp = setUp(service, edition);
                        VoteData votes = data.withPrefix("s");
                        HeapSampler cHeap = new HeapSampler(service);
                        HeapSampler sHeap = new HeapSampler(service);
                        try {
                            Ours.SingleResult c1 = null;
                            Ours.SingleResult c2 = null;
                            if (ceiling) {
                                log.println("single door's ceiling (votes:ceiling), pass 1: " + count + " requests from "
                                        + singleClients + " clients ...");
                                cHeap.start();
                                c1 = Ours.singleDoor(service.url(), edition, "votes:ceiling", votes, count,
                                        singleClients, stallSeconds);
                                cHeap.stop();
                            }
                            if (single) {
                                log.println("single-vote door: " + count + " requests from " + singleClients
                                        + " clients ...");
                                sHeap.markStart().start();
                                Ours.SingleResult s = Ours.singleDoor(service.url(), edition, "votes", votes, count,
                                        singleClients, stallSeconds);
                                sHeap.stop();
                                HeapSampler.Summary h = sHeap.markEnd().summary();
                                singleLatency = s.latency();
                                report.add(sKey, sWhat, sWorkload, s.requests(), s.seconds(), String.format(Locale.ROOT,
                                        "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; %,d refused, %,d errors; %s; "
                                                + "service peak RSS %s; %s",
                                        ms(s.latency(), 50), ms(s.latency(), 99), s.latency().getMaxValue() / 1000.0,
                                        exactness(s.accepted(), count), s.refused(), s.errors(), setUp,
                                        Store.bytes(service.peakRssBytes()), heap(sKey, h)));
                            }
                            if (ceiling && single) {
                                log.println("single door's ceiling (votes:ceiling), pass 2: " + count
                                        + " requests ...");
                                cHeap.start();
                                c2 = Ours.singleDoor(service.url(), edition, "votes:ceiling", votes, count,
                                        singleClients, stallSeconds);
                                cHeap.stop();
                            }
                            if (c1 != null) {
                                org.HdrHistogram.Histogram all = c1.latency().copy();
                                long requests = c1.requests();
                                double seconds = c1.seconds();
                                long notDecided = c1.notDecided();
                                long errors = c1.errors();
                                String passes = String.format(Locale.ROOT, "pass 1 (before the single door) "
                                        + "%,.0f/s, p99 %.1f ms", c1.requests() / c1.seconds(), ms(c1.latency(), 99));
                                if (c2 != null) {
                                    all.add(c2.latency());
                                    requests += c2.requests();
                                    seconds += c2.seconds();
                                    notDecided += c2.notDecided();
                                    errors += c2.errors();
                                    passes += String.format(Locale.ROOT, ", pass 2 (after it) %,.0f/s, p99 %.1f ms",
                                            c2.requests() / c2.seconds(), ms(c2.latency(), 99));
                                }
                                ceilingLatency = all;
                                report.add(cKey, cWhat, cWorkload, requests, seconds, String.format(Locale.ROOT,
                                        "%s; both: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d NOT_DECIDED answers, "
                                                + "%,d other answers or errors; %s",
                                        passes, ms(all, 50), ms(all, 99), all.getMaxValue() / 1000.0, notDecided,
                                        errors, heap(cKey, cHeap.summary())));
                            }
                        } finally {
                            cHeap.stop();
                            sHeap.stop();
                        }
                    }
                }
            }, () -> current);
        }

        /**
         * Null when the service consumes the topic; otherwise why not. The Kafka client logs its
         * ConsumerConfig when a consumer is made, and a subscribed consumer shows up in its group.
         */
        private String kafkaDoorMissing(ServiceProcess service, String group) throws Exception {
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (broker.groupMembers(group) > 0 || logMentions(service.log(), "ConsumerConfig values")) {
                    return null;
                }
                Thread.sleep(250);
            }
            return NO_KAFKA_DOOR + ": started with profile kafka and selection.kafka.bootstrap-servers, .topic and "
                    + ".group-id, it made no Kafka consumer and joined no group within 15 s (see " + service.log() + ")";
        }

        private boolean logMentions(Path file, String text) {
            try (Stream<String> lines = Files.lines(file)) {
                return lines.anyMatch(l -> l.contains(text));
            } catch (Exception e) {
                return false;
            }
        }
    }

    private static double ms(org.HdrHistogram.Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private List<String> javaOptions() {
        return serviceJavaOptions.isBlank() ? List.of() : List.of(serviceJavaOptions.trim().split("\\s+"));
    }

    // ====================================================================== ratios against the targets

    private void judge(long batchCount, long singleCount, long kafkaCount) {
        Report.Row naive = report.find("naive-axon");
        Report.Row minPre = report.find("minimal-prefilled");
        Report.Row minE2e = report.find("minimal-e2e");
        String scale = votes < 10_000_000 ? String.format(Locale.ROOT, " (run at %,d votes; targets are for 10 million)",
                votes) : "";
        report.judge("naive-axon", "1 (the baseline)", "baseline; PERFORMANCE.md: ~470/s", "");
        report.judge("raw-producer", "", "reference; PERFORMANCE.md: 245,000-676,000/s", "");
        report.judge("raw-consumer", "", "reference; PERFORMANCE.md: ~1,000,000/s", "");
        report.judge("raw-jdbc", ratio(report.find("raw-jdbc"), naive, "naive"),
                "reference; PERFORMANCE.md: ~32,000/s on H2", "");
        report.judge("minimal-prefilled", ratio(minPre, naive, "naive"), "the ceiling; PERFORMANCE.md: 610,000-660,000/s (H2)", "");
        report.judge("minimal-e2e", ratio(minE2e, naive, "naive"), "the ceiling; PERFORMANCE.md: 310,000-320,000/s", "");

        Report.Row e2e = report.find("ours-kafka-e2e");
        String e2eTarget = ">= 200,000/s; >= 0.6 x minimal; >= 400 x naive";
        if (e2e != null && e2e.available()) {
            boolean met = e2e.perSecond() >= 200_000 && sameCount(e2e, minE2e) && fraction(e2e, minE2e) >= 0.6
                    && fraction(e2e, naive) >= 400;
            report.judge("ours-kafka-e2e", versus(e2e, minE2e, "minimal e2e") + "; " + ratio(e2e, naive, "naive"),
                    e2eTarget, (met ? "met" : "not met") + scale);
        } else if (e2e != null) {
            report.judge("ours-kafka-e2e", "", e2eTarget, "");
        }
        Report.Row rebuild = report.find("ours-rebuild");
        if (rebuild != null) {
            double allowed = 30.0 * Math.max(1, rebuild.count()) / 10_000_000;
            String target = rebuild.available()
                    ? String.format(Locale.ROOT, "<= 30 s for 10 M votes (%.2f s for these)", allowed)
                    : "<= 30 s for 10 M votes";
            if (rebuild.available() && rebuilt != null) {
                report.judge("ours-rebuild", String.format(Locale.ROOT, "%.2f s; read models %s before/after",
                                rebuild.seconds(), rebuilt.identical() ? "identical" : "NOT identical"), target,
                        (rebuild.seconds() <= allowed && rebuilt.identical() ? "met" : "not met") + scale);
            } else {
                report.judge("ours-rebuild", "", target, "");
            }
        }
        Report.Row two = report.find("ours-kafka-two-instances");
        if (two != null) {
            report.judge("ours-kafka-two-instances", two.available()
                            ? versus(two, e2e, "one instance") + "; " + versus(two, minE2e, "minimal e2e")
                            : "", "beside ours-kafka-e2e (one instance)", "");
        }
        Report.Row pre = report.find("ours-kafka-prefilled");
        if (pre != null && pre.available()) {
            report.judge("ours-kafka-prefilled", versus(pre, minPre, "minimal pre-filled"), ">= 400,000/s",
                    (pre.perSecond() >= 400_000 ? "met" : "not met") + scale);
        } else if (pre != null) {
            report.judge("ours-kafka-prefilled", "", ">= 400,000/s", "");
        }
        Report.Row batch = report.find("ours-http-batch");
        Report.Row kafkaBatch = report.find("ours-kafka-http-batch");
        if (kafkaBatch != null && kafkaBatch.available()) {
            report.judge("ours-kafka-http-batch", versus(kafkaBatch, batch, "default profile") + "; "
                            + versus(kafkaBatch, minE2e, "minimal e2e"), ">= 100,000/s (the batch door's)",
                    (kafkaBatch.perSecond() >= 100_000 ? "met" : "not met") + scale);
        } else if (kafkaBatch != null) {
            report.judge("ours-kafka-http-batch", "", ">= 100,000/s (the batch door's)", "");
        }
        if (batch != null && batch.available()) {
            report.judge("ours-http-batch", ratio(batch, naive, "naive") + "; " + versus(batch, minE2e, "minimal e2e"),
                    ">= 100,000/s", (batch.perSecond() >= 100_000 ? "met" : "not met") + scale);
        } else if (batch != null) {
            report.judge("ours-http-batch", "", ">= 100,000/s", "");
        }
        Report.Row ceiling = report.find("ceiling-http-single");
        if (ceiling != null && ceiling.available() && ceilingLatency != null) {
            report.judge("ceiling-http-single", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
                    ms(ceilingLatency, 50), ms(ceilingLatency, 99)), "reference: the single door's ceiling", "");
        } else if (ceiling != null) {
            report.judge("ceiling-http-single", "", "reference: the single door's ceiling", "");
        }
        Report.Row single = report.find("ours-http-single");
        String singleTarget = ">= 10,000/s, p99 <= 50 ms (64 clients); >= 0.7 x ceiling";
        if (single != null && single.available() && singleLatency != null) {
            double p99 = ms(singleLatency, 99);
            boolean absolute = single.perSecond() >= 10_000 && p99 <= 50;
            double ofCeiling = fraction(single, ceiling);
            String relative = Double.isNaN(ofCeiling) ? "ratio: no ceiling measured"
                    : "ratio: " + (ofCeiling >= 0.7 ? "met" : "not met");
            report.judge("ours-http-single", String.format(Locale.ROOT, "%s; p50 %.1f ms, p99 %.1f ms; %s",
                            ratio(single, ceiling, "ceiling"), ms(singleLatency, 50), p99,
                            ratio(single, naive, "naive")), singleTarget,
                    "absolute: " + (absolute ? "met" : "not met") + "; " + relative + scale);
        } else if (single != null) {
            report.judge("ours-http-single", "", singleTarget, "");
        }

        if (!heaps.isEmpty()) {
            report.footer("The service's heap during each row (PERFORMANCE.md: <= 2 GiB heap while ingesting, flat, "
                    + "not growing with the log): the live heap after a full collection (jcmd GC.run) before and "
                    + "after the row, outside its timing ('flat': at most 32 MB or a tenth more); the old generation "
                    + "sampled every second from /actuator/prometheus, 'grew' when the last third of the samples "
                    + "averages a fifth (and 32 MB) above the first third:");
            List<Map.Entry<String, HeapSampler.Summary>> inOrder = new java.util.ArrayList<>(heaps.entrySet());
            inOrder.sort(java.util.Comparator.comparingInt(e -> ROWS.indexOf(e.getKey().split(" ")[0])));
            for (Map.Entry<String, HeapSampler.Summary> h : inOrder) {
                HeapSampler.Summary s = h.getValue();
                Report.Row row = report.find(h.getKey().split(" ")[0]);
                // the rebuild and the ceiling take in no votes: no retention a vote to extrapolate
                boolean ingests = !h.getKey().startsWith("ours-rebuild") && !h.getKey().startsWith("ceiling");
                long n = row == null || !ingests ? 0 : row.count();
                report.footer(String.format(Locale.ROOT, "  %s: %s => %s", h.getKey(), s.describe(),
                        s.verdict(n, scale)));
            }
        }
    }

    private static boolean sameCount(Report.Row row, Report.Row base) {
        return row != null && base != null && row.count() == base.count();
    }

    /** The ratio of two rows over the same number of votes, saying so; refused when the counts differ. */
    private static String versus(Report.Row row, Report.Row base, String name) {
        if (row == null || base == null || !row.available() || !base.available()) {
            return "- x " + name;
        }
        if (!sameCount(row, base)) {
            return String.format(Locale.ROOT, "not compared with %s (%,d votes against %,d)", name, row.count(),
                    base.count());
        }
        return ratio(row, base, name) + String.format(Locale.ROOT, " (both %,d)", row.count());
    }

    private static double fraction(Report.Row row, Report.Row base) {
        if (row == null || base == null || !row.available() || !base.available() || base.perSecond() == 0) {
            return Double.NaN;
        }
        return row.perSecond() / base.perSecond();
    }

    private static String ratio(Report.Row row, Report.Row base, String name) {
        double f = fraction(row, base);
        if (Double.isNaN(f)) {
            return "- x " + name;
        }
        return f >= 10 ? String.format(Locale.ROOT, "%,.0f x %s", f, name)
                : String.format(Locale.ROOT, "%.2f x %s", f, name);
    }
}
