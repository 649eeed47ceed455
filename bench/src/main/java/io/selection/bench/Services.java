package io.selection.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What the service's rows share: the service's jar, its starts (each row on a fresh store of its
 * own: its own data directory and, on PostgreSQL, its own database, its own topic and consumer
 * group when it uses Kafka, its own edition set up through the HTTP API, so that no row replays or
 * sees another row's votes), and the recount every accepted count is checked against.
 */
final class Services {

    private final BenchRun b;
    private final Path jar;
    private final Map<Long, Long> recount;
    private int starts;
    /** The service started last, named when a row fails. */
    private ServiceProcess current;

    private Services(BenchRun b, Path jar, Map<Long, Long> recount) {
        this.b = b;
        this.jar = jar;
        this.recount = recount;
    }

    /**
     * Copies the service's jar into the work directory and recounts the votes of the service's
     * rows; null when there is no jar to run.
     */
    static Services prepare(BenchRun b) throws Exception {
        BenchOptions o = b.options;
        Path located = ServiceProcess.locateJar(o.serviceJar);
        if (located == null) {
            return null;
        }
        long[] checkpoints = LongStream.of(o.batchCount(), o.singleCount(), o.kafkaCount()).filter(n -> n > 0)
                .distinct().sorted().toArray();
        long[] recounted = MinimalPipeline.recountAccepted(b.data, checkpoints);
        Map<Long, Long> recount = new HashMap<>();
        for (int i = 0; i < checkpoints.length; i++) {
            recount.put(checkpoints[i], recounted[i]);
        }
        // a copy, so that a rebuild of the service during the run cannot change it between starts
        Path copy = b.dir.resolve("selection-api.jar");
        Files.copy(located, copy, StandardCopyOption.REPLACE_EXISTING);
        b.report.context("service: " + located + " (built " + Files.getLastModifiedTime(located) + ") in a child JVM "
                + "(" + String.join(" ", ServiceProcess.jvmOptions(o.serviceHeap, o.javaOptions()))
                + "); every service row on a fresh store of its own ("
                + (b.kind == Store.Kind.H2 ? "data under " + b.dir.resolve("service") + "/<row>"
                : "PostgreSQL database " + b.run + "_<row>") + "), its own start and its own edition set up "
                + "through the HTTP API");
        return new Services(b, copy, recount);
    }

    /** The service started last (null before the first start). */
    ServiceProcess current() {
        return current;
    }

    /** The accepted count beside the recount of the same votes in cast order (MinimalPipeline's rules). */
    String exactness(long accepted, long count) {
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

    /** The durability of a service row's figure. */
    String durability() {
        return b.kind == Store.Kind.H2
                ? "the service on a fresh H2 file of its own (its default store, WRITE_DELAY=0)"
                : "the service on a fresh PostgreSQL database of its own (" + b.durability + ")";
    }

    /** A fresh store for the row {@code key}. */
    Fresh fresh(String key) throws Exception {
        return new Fresh(key);
    }

    /** A fresh store for one row: its own data directory, PostgreSQL database, topic and consumer group. */
    final class Fresh implements AutoCloseable {
        final Path dataDir;
        final String database;
        final String topic;
        final String group;

        private Fresh(String key) throws Exception {
            this.dataDir = b.dir.resolve("service").resolve(key);
            this.database = b.run + "_" + key.replace('-', '_');
            this.topic = "votes-" + b.run + "-" + key;
            this.group = "selection-" + b.run + "-" + key;
            BenchRun.deleteTree(dataDir); // a --work-dir used before
            if (b.kind == Store.Kind.POSTGRES) {
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
            List<String> profiles = new ArrayList<>();
            if (b.kind == Store.Kind.POSTGRES) {
                profiles.add("postgres");
                p.put("spring.datasource.url", Store.PG_HOST + database + "?reWriteBatchedInserts=true");
            }
            if (kafka) {
                profiles.add("kafka");
                p.put("selection.kafka.bootstrap-servers", b.broker.bootstrap());
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
            b.broker.createTopic(topic, b.options.partitions);
        }

        @Override
        public void close() {
            if (b.kind == Store.Kind.POSTGRES) {
                Store.dropPostgresDatabase(database);
            }
            b.dropData(dataDir); // keep the logs, drop the data
        }
    }

    /** Starts the service on {@code properties} and waits until it is healthy. */
    ServiceProcess start(Map<String, String> properties) throws Exception {
        ServiceProcess service = launch(properties, "starting the service");
        service.awaitHealthy(180);
        return service;
    }

    /** Starts the service's JVM on {@code properties}, saying {@code doing}, and returns at once. */
    ServiceProcess launch(Map<String, String> properties, String doing) throws Exception {
        Path logFile = b.dir.resolve("service-" + (++starts) + ".log");
        b.log.println(doing + " (" + logFile + ") ...");
        current = ServiceProcess.launch(jar, b.options.serviceHeap, b.options.javaOptions(), properties, logFile);
        return current;
    }

    /** One edition in VOTING through the HTTP API; returns a note of the start-up and set-up times. */
    String setUp(ServiceProcess service, String editionId) throws Exception {
        b.log.printf(Locale.ROOT, "service up in %.1f s on %s; setting up edition %s of %,d works ...%n",
                service.startupSeconds(), service.url(), editionId, b.shape.totalWorks());
        long t0 = System.nanoTime();
        new EditionSetup(service.url()).run(editionId, b.shape, 3);
        return String.format(Locale.ROOT, "service start-up %.1f s, then its edition set up through the HTTP API "
                        + "in %.1f s (%,d works, 3 reviewers, %,d preliminary scores)", service.startupSeconds(),
                (System.nanoTime() - t0) / 1e9, b.shape.totalWorks(), 3 * b.shape.totalWorks());
    }

    /** The accepted and the refused votes in the edition's tallies, read as the auditor. */
    static long[] tallies(ServiceProcess service, String editionId) throws Exception {
        try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
            return EditionSetup.acceptedAndRefused(auditor, editionId);
        }
    }

    /**
     * Null when the service consumes the topic; otherwise why not. The Kafka client logs its
     * ConsumerConfig when a consumer is made, and a subscribed consumer shows up in its group.
     */
    String kafkaDoorMissing(ServiceProcess service, String group) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (b.broker.groupMembers(group) > 0 || logMentions(service.log(), "ConsumerConfig values")) {
                return null;
            }
            Thread.sleep(250);
        }
        return Benchmark.NO_KAFKA_DOOR + ": started with profile kafka and selection.kafka.bootstrap-servers, .topic "
                + "and .group-id, it made no Kafka consumer and joined no group within 15 s (see " + service.log() + ")";
    }

    private static boolean logMentions(Path file, String text) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.anyMatch(l -> l.contains(text));
        } catch (Exception e) {
            return false;
        }
    }
}
