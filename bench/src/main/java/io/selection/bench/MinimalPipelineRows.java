package io.selection.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The ceiling of PERFORMANCE.md, by hand ({@link MinimalPipeline}): {@code minimal-prefilled} on
 * the topic the raw producer filled, and {@code minimal-e2e} while a producer sends the votes.
 */
record MinimalPipelineRows(BenchRun b) {

    /** {@code minimal-prefilled}: the pipeline on {@code topic}, which the raw producer {@code filled} or not. */
    void prefilled(String topic, boolean filled) {
        String key = "minimal-prefilled";
        b.guard(key, () -> {
            long count = b.options.kafkaCount();
            String workload = String.format(Locale.ROOT, "the %,d records above; %d consumer thread(s) on %d "
                    + "partitions keyed by voter, Jackson parse, daily limits in a packed per-voter map, one commit "
                    + "per poll batch (one blob of decisions + the offsets) on a writer thread; %s", count,
                    b.options.pipelineThreads, b.options.partitions, b.durability);
            if (b.lacksPrefilledTopic(key, workload, filled) || b.leftOut(key, workload)) {
                return;
            }
            b.log.println("minimal pipeline on the pre-filled topic ...");
            try (Store db = Store.create(b.kind, b.run + "_minpre", b.dir.resolve("db"), 3)) {
                long started = System.nanoTime();
                MinimalPipeline p = start(topic, db);
                try {
                    p.awaitDurable(count, Duration.ofSeconds(b.options.stallSeconds));
                } finally {
                    p.close();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                b.report.add(key, Benchmark.what(key), workload, count, seconds, note(p, db));
            }
        });
    }

    /** {@code minimal-e2e}: the pipeline on a fresh topic while the votes are produced to it. */
    void endToEnd() {
        String key = "minimal-e2e";
        b.guard(key, () -> {
            long count = b.options.kafkaCount();
            String workload = String.format(Locale.ROOT, "the first %,d votes produced (as above) while the pipeline "
                    + "consumes, decides and commits; producer, broker and pipeline on the same cores; %s", count,
                    b.durability);
            if (b.leftOut(key, workload)) {
                return;
            }
            String topic = "votes-" + b.run + "-e2e";
            b.broker.createTopic(topic, b.options.partitions);
            b.log.println("minimal pipeline end to end ...");
            try (Store db = Store.create(b.kind, b.run + "_mine2e", b.dir.resolve("db"), 3)) {
                MinimalPipeline p = start(topic, db);
                long started = System.nanoTime();
                RawKafka.Background producer = new RawKafka.Background(b.broker.bootstrap(), topic, "bench-edition",
                        b.data, count, "e2e-producer");
                try {
                    p.awaitDurable(count, Duration.ofSeconds(b.options.stallSeconds));
                } finally {
                    producer.join(b.options.stallSeconds);
                    p.close();
                }
                producer.produced(); // throws when the producer failed
                double seconds = (System.nanoTime() - started) / 1e9;
                b.report.add(key, Benchmark.what(key), workload, count, seconds, note(p, db));
            }
        });
    }

    private MinimalPipeline start(String topic, Store db) throws Exception {
        return new MinimalPipeline(b.broker.bootstrap(), topic, db, b.shape, b.options.pipelineThreads).start();
    }

    private String note(MinimalPipeline p, Store db) {
        Map<String, Long> o = p.outcomes();
        return String.format(Locale.ROOT, "%,d accepted, refused: %s; %,d commits (%,.0f decisions, %,.0f KB "
                        + "a commit); %,d voters in memory; %s on disk", o.get("ACCEPTED"), refusals(o),
                p.commits(), (double) b.options.kafkaCount() / Math.max(1, p.commits()),
                p.blobBytes() / 1024.0 / Math.max(1, p.commits()), p.voters(), Store.bytes(db.sizeOnDisk()));
    }

    /** The refusals by reason, e.g. "DAILY_WORK_LIMIT 470, NOT_SHORTLISTED 637", or "none". */
    static String refusals(Map<String, Long> outcomes) {
        StringBuilder s = new StringBuilder();
        outcomes.forEach((reason, n) -> {
            if (!reason.equals("ACCEPTED") && n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(reason).append(' ').append(String.format(Locale.ROOT, "%,d", n));
            }
        });
        return s.isEmpty() ? "none" : s.toString();
    }
}
