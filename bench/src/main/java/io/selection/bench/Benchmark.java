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
            "minimal-prefilled", "minimal-e2e", "ours-kafka-e2e", "ours-kafka-prefilled", "ours-http-batch",
            "ours-http-single");

    private static final Map<String, String> WHAT = Map.of(
            "ours-http-batch", "ours: HTTP batch door (votes:batch)",
            "ours-http-single", "ours: single-vote door (POST votes)",
            "ours-kafka-e2e", "ours: Kafka intake, end to end",
            "ours-kafka-prefilled", "ours: Kafka intake, pre-filled topic");

    /** The rows that may say {@link #NO_KAFKA_DOOR} instead of a figure. */

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

    @Option(names = "--batch-votes", description = "votes for the HTTP batch door (default: --votes)")
    Long batchVotes;

    @Option(names = "--batch-chunk", description = "NDJSON lines per batch request (default ${DEFAULT-VALUE})")
    int batchChunk = 5_000;

    @Option(names = "--batch-senders", description = "concurrent batch senders (default ${DEFAULT-VALUE})")
    int batchSenders = 4;

    @Option(names = "--single-votes", description = "requests for the single-vote door (default: the smaller of --votes and 200,000)")
    Long singleVotes;

    @Option(names = "--single-clients", description = "concurrent clients of the single-vote door (default ${DEFAULT-VALUE})")
    int singleClients = 64;

    @Option(names = "--kafka-votes", description = "votes for the service's two Kafka rows (default: --votes)")
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

    @Option(names = "--skip", split = ",", description = "rows to leave out (keys: ${COMPLETION-CANDIDATES})")
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
            Baselines baselines = new Baselines(broker, kind, dir, run, base, shape, durability);
            baselines.runAll(jdbcCount);
            ServiceRows service = new ServiceRows(broker, kind, dir, run, base, shape, durability);
            try {
                service.runAll(batchCount, singleCount);
            } catch (Exception e) {
                log.println("the service's rows failed:");
                e.printStackTrace(log);
                for (String key : List.of("ours-http-batch", "ours-http-single", "ours-kafka-e2e",
                        "ours-kafka-prefilled")) {
                    if (report.find(key) == null) {
                        report.unavailable(key, WHAT.get(key), "", "failed: " + e);
                    }
                }
            } finally {
                if (kind == Store.Kind.POSTGRES) {
                    Store.dropPostgresDatabase(run + "_service");
                }
            }
        }
        if (workDir == null) {
            // a temporary directory of our own: keep the logs, drop the data
            deleteTree(dir.resolve("service"));
            deleteTree(dir.resolve("db"));
        }
        report.context("load average at the end: " + loadAverage());
        judge(batchCount, singleCount);
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

        Baselines(Broker broker, Store.Kind kind, Path dir, String run, VoteData data, VoteData.EditionShape shape,
                  String durability) {
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
            String workload = String.format(Locale.ROOT, "%,d vote records keyed by voterId, %s", votes,
                    RawKafka.PRODUCER_SETTINGS);
            broker.createTopic(topic, partitions);
            if (skipped("raw-producer")) {
                report.unavailable("raw-producer", what, workload, "skipped (--skip)");
                return false;
            }
            log.println("raw producer: " + votes + " records to " + topic + " ...");
            RawKafka.Produced p = RawKafka.produce(broker.bootstrap(), topic, "bench-edition", data, votes, null);
            report.add("raw-producer", what, workload, p.records(), p.seconds(), String.format(Locale.ROOT,
                    "%.0f bytes a record, %.1f MB/s", (double) p.bytes() / p.records(),
                    p.bytes() / p.seconds() / 1e6));
            return true;
        }

        private void rawConsumer(String topic, boolean produced) throws Exception {
            String what = "raw Kafka consumer (poll + Jackson parse)";
            String workload = String.format(Locale.ROOT, "the %,d records above from the start of the topic, one "
                    + "consumer, no decision", votes);
            if (skipped("raw-consumer") || !produced) {
                report.unavailable("raw-consumer", what, workload, produced ? "skipped (--skip)"
                        : "no pre-filled topic (raw-producer skipped)");
                return;
            }
            log.println("raw consumer ...");
            RawKafka.Consumed c = RawKafka.consume(broker.bootstrap(), topic, votes);
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
                    + "per poll batch (one blob of decisions + the offsets) on a writer thread; %s", votes,
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
                    p.awaitDurable(votes, java.time.Duration.ofSeconds(stallSeconds));
                } finally {
                    p.close();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report.add("minimal-prefilled", what, workload, votes, seconds, pipelineNote(p, db));
            }
        }

        private void minimalEndToEnd() throws Exception {
            String what = "minimal pipeline, end to end";
            String workload = String.format(Locale.ROOT, "%,d votes produced (as above) while the pipeline "
                    + "consumes, decides and commits; producer, broker and pipeline on the same cores; %s", votes,
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
                        RawKafka.produce(broker.bootstrap(), topic, "bench-edition", data, votes, null);
                    } catch (Throwable e) {
                        producerFailure.set(e);
                    }
                }, "e2e-producer");
                producer.start();
                try {
                    p.awaitDurable(votes, java.time.Duration.ofSeconds(stallSeconds));
                } finally {
                    producer.join(TimeUnit.SECONDS.toMillis(stallSeconds));
                    p.close();
                }
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("producer failed", producerFailure.get());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report.add("minimal-e2e", what, workload, votes, seconds, pipelineNote(p, db));
            }
        }

        private String pipelineNote(MinimalPipeline p, Store db) {
            Map<String, Long> o = p.outcomes();
            return String.format(Locale.ROOT, "%,d accepted, refused: %s; %,d commits (%,.0f decisions, %,.0f KB "
                            + "a commit); %,d voters in memory; %s on disk", o.get("ACCEPTED"), refusals(o),
                    p.commits(), (double) votes / Math.max(1, p.commits()),
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

    /** As {@link #guard(String, String, Step)}, naming the service's log in the reason. */
    private void guard(String key, String what, Step step, ServiceProcess service) {
        try {
            step.run();
        } catch (Exception e) {
            log.println("row " + key + " failed:");
            e.printStackTrace(log);
            if (report.find(key) == null) {
                report.unavailable(key, what, "", "failed: " + e + " (service alive: " + service.alive()
                        + "; see " + service.log() + ")");
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

    private final class ServiceRows {

        private final Broker broker;
        private final Store.Kind kind;
        private final Path dir;
        private final String run;
        private final VoteData data;
        private final VoteData.EditionShape shape;
        private final String durability;
        private final String pgDatabase;
        private final Map<Long, Long> recount = new java.util.HashMap<>();
        private int starts;

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

        ServiceRows(Broker broker, Store.Kind kind, Path dir, String run, VoteData data, VoteData.EditionShape shape,
                    String durability) {
            this.broker = broker;
            this.kind = kind;
            this.dir = dir;
            this.run = run;
            this.data = data;
            this.shape = shape;
            this.durability = durability;
            this.pgDatabase = run + "_service";
        }

        private String serviceDurability() {
            return kind == Store.Kind.H2
                    ? "the service on its default store, an H2 file with WRITE_DELAY=0"
                    : "the service on PostgreSQL (" + durability + ")";
        }

        void runAll(long batchCount, long singleCount) throws Exception {
            String batchWhat = WHAT.get("ours-http-batch");
            String batchWorkload = String.format(Locale.ROOT, "%,d votes as NDJSON, %,d a request, %d senders, "
                    + "HTTP Basic, each answer once its votes are durable; %s", batchCount, batchChunk, batchSenders, serviceDurability());
            String singleWhat = WHAT.get("ours-http-single");
            String singleWorkload = String.format(Locale.ROOT, "%,d requests, one vote each, %d concurrent "
                    + "keep-alive clients, HTTP Basic on every request, each answer once its vote is durable; %s", singleCount, singleClients,
                    serviceDurability());
            String e2eWhat = WHAT.get("ours-kafka-e2e");
            long kafkaCount = kafkaVotes != null ? kafkaVotes : votes;
            String e2eWorkload = String.format(Locale.ROOT, "%,d votes produced (as the raw producer) to the "
                    + "service's topic while it runs; counted when GET tallies shows them all decided; %s", kafkaCount,
                    serviceDurability());
            String preWhat = WHAT.get("ours-kafka-prefilled");
            String preWorkload = String.format(Locale.ROOT, "%,d votes produced while the service is stopped, then "
                    + "it is started (an outage and the catch-up); from its consumer joining the group to all "
                    + "decided in GET tallies; %s",
                    kafkaCount, serviceDurability());

            Path jar = ServiceProcess.locateJar(serviceJar);
            if (jar == null) {
                String why = "no service jar (build it: ./mvnw -q -pl bench -am package -DskipTests, or --service-jar)";
                report.unavailable("ours-kafka-e2e", e2eWhat, e2eWorkload, why);
                report.unavailable("ours-kafka-prefilled", preWhat, preWorkload, why);
                report.unavailable("ours-http-batch", batchWhat, batchWorkload, why);
                report.unavailable("ours-http-single", singleWhat, singleWorkload, why);
                return;
            }
            if (kind == Store.Kind.POSTGRES) {
                Store.createPostgresDatabase(pgDatabase);
            }
            long[] checkpoints = java.util.stream.LongStream.of(batchCount, singleCount, kafkaCount).filter(n -> n > 0)
                    .distinct().sorted().toArray();
            long[] recounted = MinimalPipeline.recountAccepted(data, checkpoints);
            for (int i = 0; i < checkpoints.length; i++) {
                recount.put(checkpoints[i], recounted[i]);
            }
            // a copy, so that a rebuild of the service during the run cannot change it between starts
            Path copy = dir.resolve("selection-api.jar");
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            report.context("service: " + jar + " (built " + Files.getLastModifiedTime(jar) + ") in a child JVM (-Xmx"
                    + serviceHeap + (serviceJavaOptions.isBlank() ? "" : " " + serviceJavaOptions.trim())
                    + "), data under " + dir.resolve("service"));
            jar = copy;
            String eBatch = run + "-batch";
            String eSingle = run + "-single";
            String eKafka = run + "-kafka";
            String eCatchUp = run + "-catchup";

            // 1. the embedded default (no Kafka): set up every edition, then the HTTP doors
            Map<String, String> local = properties(null);
            try (ServiceProcess service = start(jar, local)) {
                log.printf(Locale.ROOT, "service up in %.1f s on %s; setting up editions of %,d works ...%n",
                        service.startupSeconds(), service.url(), shape.totalWorks());
                long t0 = System.nanoTime();
                EditionSetup setup = new EditionSetup(service.url());
                List<String> editions = new java.util.ArrayList<>();
                if (!skipped("ours-http-batch")) {
                    editions.add(eBatch);
                }
                if (!skipped("ours-http-single")) {
                    editions.add(eSingle);
                }
                if (!skipped("ours-kafka-e2e")) {
                    editions.add(eKafka);
                }
                if (!skipped("ours-kafka-prefilled")) {
                    editions.add(eCatchUp);
                }
                // One edition after the other: set up side by side, the service answered POST /api/editions
                // with 404 now and then (its read model had not yet caught up with its own write).
                for (String e : editions) {
                    setup.run(e, shape, 3);
                }
                report.context(String.format(Locale.ROOT, "set-up through the HTTP API: %d editions in VOTING "
                                + "(%,d works each, 3 reviewers, %,d preliminary scores each) in %.1f s; service "
                                + "start-up %.1f s", editions.size(), shape.totalWorks(), 3 * shape.totalWorks(),
                        (System.nanoTime() - t0) / 1e9, service.startupSeconds()));

                if (skipped("ours-http-batch")) {
                    report.unavailable("ours-http-batch", batchWhat, batchWorkload, "skipped (--skip)");
                } else {
                    guard("ours-http-batch", batchWhat, () -> {
                    log.println("HTTP batch door: " + batchCount + " votes ...");
                    Ours.BatchResult b = Ours.batchDoor(service.url(), eBatch, data.withPrefix("b"), batchCount,
                            batchChunk, batchSenders, stallSeconds);
                    long visible;
                    try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
                        visible = EditionSetup.decided(auditor, eBatch);
                    }
                    report.add("ours-http-batch", batchWhat, batchWorkload, b.votes(), b.seconds(),
                            String.format(Locale.ROOT, "%s; %,d refused, %,d repeated, %,d invalid lines; "
                                            + "%,d decided in GET tallies afterwards; service peak RSS %s",
                                    exactness(b.accepted(), batchCount), b.refused(), b.repeated(), b.invalid(),
                                    visible, Store.bytes(service.peakRssBytes())));
                    }, service);
                }
                if (skipped("ours-http-single")) {
                    report.unavailable("ours-http-single", singleWhat, singleWorkload, "skipped (--skip)");
                } else {
                    guard("ours-http-single", singleWhat, () -> {
                    log.println("single-vote door: " + singleCount + " requests from " + singleClients + " clients ...");
                    Ours.SingleResult s = Ours.singleDoor(service.url(), eSingle, data.withPrefix("s"), singleCount,
                            singleClients, stallSeconds);
                    singleLatency = s.latency();
                    report.add("ours-http-single", singleWhat, singleWorkload, s.requests(), s.seconds(),
                            String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; %,d "
                                            + "refused, %,d errors; service peak RSS %s",
                                    s.latency().getValueAtPercentile(50) / 1000.0,
                                    s.latency().getValueAtPercentile(99) / 1000.0, s.latency().getMaxValue() / 1000.0,
                                    exactness(s.accepted(), singleCount), s.refused(), s.errors(),
                                    Store.bytes(service.peakRssBytes())));
                    }, service);
                }
            }

            // 2. the Kafka door: the service consumes the topic while the votes are produced
            String topic = "votes-" + run + "-service";
            String group = "selection-" + run;
            broker.createTopic(topic, partitions);
            Map<String, String> kafka = properties(Map.of("spring.profiles.active",
                    kind == Store.Kind.POSTGRES ? "postgres,kafka" : "kafka",
                    "selection.kafka.bootstrap-servers", broker.bootstrap(),
                    "selection.kafka.topic", topic,
                    "selection.kafka.group-id", group));
            if (skipped("ours-kafka-e2e") && skipped("ours-kafka-prefilled")) {
                report.unavailable("ours-kafka-e2e", e2eWhat, e2eWorkload, "skipped (--skip)");
                report.unavailable("ours-kafka-prefilled", preWhat, preWorkload, "skipped (--skip)");
                return;
            }
            String missing;
            try (ServiceProcess service = start(jar, kafka)) {
                missing = kafkaDoorMissing(service, group);
                if (missing != null) {
                    report.unavailable("ours-kafka-e2e", e2eWhat, e2eWorkload, missing);
                } else if (skipped("ours-kafka-e2e")) {
                    report.unavailable("ours-kafka-e2e", e2eWhat, e2eWorkload, "skipped (--skip)");
                } else {
                    log.println("Kafka door end to end: " + kafkaCount + " votes ...");
                    kafkaEndToEnd(service, topic, eKafka, e2eWhat, e2eWorkload, kafkaCount);
                }
            }
            if (missing != null) {
                report.unavailable("ours-kafka-prefilled", preWhat, preWorkload, missing);
                return;
            }
            if (skipped("ours-kafka-prefilled")) {
                report.unavailable("ours-kafka-prefilled", preWhat, preWorkload, "skipped (--skip)");
                return;
            }
            // 3. an outage: votes pile up on the topic while the service is down, then it catches up
            log.println("Kafka door from a pre-filled topic: producing " + kafkaCount
                    + " votes with the service stopped ...");
            RawKafka.produce(broker.bootstrap(), topic, eCatchUp, data.withPrefix("c"), kafkaCount, null);
            Path logFile = dir.resolve("service-" + (++starts) + ".log");
            log.println("starting the service (" + logFile + ") ...");
            ServiceProcess service = ServiceProcess.launch(jar, serviceHeap, javaOptions(), kafka, logFile);
            try (service) {
                // The service consumes as soon as its consumer joins the group, which may be before
                // it answers HTTP: the clock starts when a member shows up in the group.
                Long joinedAt = null;
                while (service.alive()) {
                    if (broker.groupMembers(group) > 0) {
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
                    Long doneAt = Ours.awaitDecided(auditor, eCatchUp, kafkaCount, stallSeconds, latest);
                    if (doneAt == null) {
                        report.unavailable("ours-kafka-prefilled", preWhat, preWorkload, "failed: stalled at "
                                + latest.get() + " of " + kafkaCount + " decided (see " + service.log() + ")");
                        return;
                    }
                    long from = joinedAt != null ? joinedAt : service.readyAtNanos();
                    double seconds = (doneAt - from) / 1e9;
                    long accepted = EditionSetup.acceptedAndRefused(auditor, eCatchUp)[0];
                    report.add("ours-kafka-prefilled", preWhat, preWorkload, kafkaCount, seconds, String.format(Locale.ROOT,
                            "%s; timed from %s (%.1f s after launch; healthy after %.1f s); the tallies are read over "
                                    + "HTTP, so a backlog cleared before the service answers counts until its first "
                                    + "answer; service peak RSS %s", exactness(accepted, kafkaCount),
                            joinedAt != null ? "its consumer joining the group" : "its first healthy answer",
                            (from - service.launchedAtNanos()) / 1e9, service.startupSeconds(),
                            Store.bytes(service.peakRssBytes())));
                }
            }
        }

        private void kafkaEndToEnd(ServiceProcess service, String topic, String editionId, String what,
                                   String workload, long count) throws Exception {
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            AtomicLong producedIn = new AtomicLong();
            long started = System.nanoTime();
            Thread producer = new Thread(() -> {
                try {
                    RawKafka.Produced p = RawKafka.produce(broker.bootstrap(), topic, editionId, data.withPrefix("k"),
                            count, null);
                    producedIn.set((long) (p.seconds() * 1000));
                } catch (Throwable e) {
                    producerFailure.set(e);
                }
            }, "service-e2e-producer");
            producer.start();
            try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
                AtomicLong latest = new AtomicLong();
                Long doneAt = Ours.awaitDecided(auditor, editionId, count, stallSeconds, latest);
                producer.join(TimeUnit.SECONDS.toMillis(stallSeconds));
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("producer failed", producerFailure.get());
                }
                if (doneAt == null) {
                    report.unavailable("ours-kafka-e2e", what, workload, "failed: stalled at " + latest.get() + " of "
                            + count + " decided (see " + service.log() + ")");
                    return;
                }
                long accepted = EditionSetup.acceptedAndRefused(auditor, editionId)[0];
                report.add("ours-kafka-e2e", what, workload, count, (doneAt - started) / 1e9,
                        String.format(Locale.ROOT, "%s; producer done after %.1f s; service peak RSS %s",
                                exactness(accepted, count), producedIn.get() / 1000.0,
                                Store.bytes(service.peakRssBytes())));
            }
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

        private Map<String, String> properties(Map<String, String> extra) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("selection.data-dir", dir.resolve("service").toString());
            p.put("selection.seed-2023", "false");
            if (kind == Store.Kind.POSTGRES) {
                p.put("spring.profiles.active", "postgres");
                p.put("spring.datasource.url", Store.PG_HOST + pgDatabase + "?reWriteBatchedInserts=true");
            }
            if (extra != null) {
                p.putAll(extra);
            }
            return p;
        }

        private ServiceProcess start(Path jar, Map<String, String> properties) throws Exception {
            Path logFile = dir.resolve("service-" + (++starts) + ".log");
            log.println("starting the service (" + logFile + ") ...");
            return ServiceProcess.start(jar, serviceHeap, javaOptions(), properties, logFile, 180);
        }
    }

    private List<String> javaOptions() {
        return serviceJavaOptions.isBlank() ? List.of() : List.of(serviceJavaOptions.trim().split("\\s+"));
    }

    private org.HdrHistogram.Histogram singleLatency;

    // ====================================================================== ratios against the targets

    private void judge(long batchCount, long singleCount) {
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
        if (e2e != null && e2e.available()) {
            boolean met = e2e.perSecond() >= 200_000 && fraction(e2e, minE2e) >= 0.6 && fraction(e2e, naive) >= 400;
            report.judge("ours-kafka-e2e", ratio(e2e, minE2e, "minimal e2e") + "; " + ratio(e2e, naive, "naive"),
                    ">= 200,000/s; >= 0.6 x minimal; >= 400 x naive", (met ? "met" : "not met") + scale);
        } else if (e2e != null) {
            report.judge("ours-kafka-e2e", "", ">= 200,000/s; >= 0.6 x minimal; >= 400 x naive", "");
        }
        Report.Row pre = report.find("ours-kafka-prefilled");
        if (pre != null && pre.available()) {
            report.judge("ours-kafka-prefilled", ratio(pre, minPre, "minimal pre-filled"), ">= 400,000/s",
                    (pre.perSecond() >= 400_000 ? "met" : "not met") + scale);
        } else if (pre != null) {
            report.judge("ours-kafka-prefilled", "", ">= 400,000/s", "");
        }
        Report.Row batch = report.find("ours-http-batch");
        if (batch != null && batch.available()) {
            report.judge("ours-http-batch", ratio(batch, naive, "naive") + "; " + ratio(batch, minE2e, "minimal e2e"),
                    ">= 100,000/s", (batch.perSecond() >= 100_000 ? "met" : "not met") + scale);
        } else if (batch != null) {
            report.judge("ours-http-batch", "", ">= 100,000/s", "");
        }
        Report.Row single = report.find("ours-http-single");
        if (single != null && single.available() && singleLatency != null) {
            double p99 = singleLatency.getValueAtPercentile(99) / 1000.0;
            boolean met = single.perSecond() >= 10_000 && p99 <= 50;
            report.judge("ours-http-single", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms; %s",
                            singleLatency.getValueAtPercentile(50) / 1000.0, p99, ratio(single, naive, "naive")),
                    ">= 10,000/s with 64 clients, p99 <= 50 ms", (met ? "met" : "not met") + scale);
        } else if (single != null) {
            report.judge("ours-http-single", "", ">= 10,000/s with 64 clients, p99 <= 50 ms", "");
        }
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
