package io.selection.bench;

import java.util.Locale;

/**
 * The plain baselines: {@code raw-producer} (which fills the pre-filled topic the consumer and the
 * minimal pipeline read), {@code raw-consumer} and {@code raw-jdbc}. No rules, no decisions: what
 * Kafka and the database give on this machine at all.
 */
final class RawRows {

    private final BenchRun b;
    private final String topic;
    private boolean filled;

    /** The raw rows; the producer fills {@code prefilledTopic}. */
    RawRows(BenchRun b, String prefilledTopic) {
        this.b = b;
        this.topic = prefilledTopic;
    }

    /** Whether the producer filled the pre-filled topic. */
    boolean filled() {
        return filled;
    }

    void producer() {
        b.guard("raw-producer", () -> {
            String workload = String.format(Locale.ROOT, "the first %,d votes as records keyed by voterId, %s",
                    b.options.kafkaCount(), RawKafka.PRODUCER_SETTINGS);
            b.broker.createTopic(topic, b.options.partitions);
            if (b.leftOut("raw-producer", workload)) {
                return;
            }
            b.log.println("raw producer: " + b.options.kafkaCount() + " records to " + topic + " ...");
            RawKafka.Produced p = RawKafka.produce(b.broker.bootstrap(), topic, "bench-edition", b.data,
                    b.options.kafkaCount(), null);
            b.report.add("raw-producer", Benchmark.what("raw-producer"), workload, p.records(), p.seconds(),
                    String.format(Locale.ROOT, "%.0f bytes a record, %.1f MB/s", (double) p.bytes() / p.records(),
                            p.bytes() / p.seconds() / 1e6));
            filled = true;
        });
    }

    void consumer() {
        b.guard("raw-consumer", () -> {
            String workload = String.format(Locale.ROOT, "the %,d records above from the start of the topic, one "
                    + "consumer, no decision", b.options.kafkaCount());
            if (b.lacksPrefilledTopic("raw-consumer", workload, filled) || b.leftOut("raw-consumer", workload)) {
                return;
            }
            b.log.println("raw consumer ...");
            RawKafka.Consumed c = RawKafka.consume(b.broker.bootstrap(), topic, b.options.kafkaCount());
            b.report.add("raw-consumer", Benchmark.what("raw-consumer"), workload, c.records(), c.seconds(), "");
        });
    }

    void jdbc() {
        b.guard("raw-jdbc", () -> {
            long count = b.options.jdbcCount();
            String workload = String.format(Locale.ROOT, "the first %,d votes, insert-if-absent with a unique "
                    + "(voter, work, day) index, batches of 1,000, one commit each; %s", count, b.durability);
            if (b.leftOut("raw-jdbc", workload)) {
                return;
            }
            b.log.println("raw JDBC: " + count + " rows ...");
            try (Store db = Store.create(b.kind, b.run + "_jdbc", b.dir.resolve("db"), 2)) {
                RawJdbc.Result r = RawJdbc.run(db, b.data, count, 1_000);
                b.report.add("raw-jdbc", Benchmark.what("raw-jdbc"), workload, r.rows(), r.seconds(),
                        String.format(Locale.ROOT, "%s on disk (%,d bytes a row)", Store.bytes(r.bytesOnDisk()),
                                r.bytesOnDisk() / Math.max(1, r.rows())));
            }
        });
    }
}
