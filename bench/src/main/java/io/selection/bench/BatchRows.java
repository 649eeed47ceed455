package io.selection.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP batch door ({@code POST .../votes:batch}, NDJSON) on both profiles:
 * {@code ours-kafka-http-batch} (the service puts the votes on its topic and answers once its
 * consumer decided them) and {@code ours-http-batch} (the default profile, no Kafka).
 */
record BatchRows(BenchRun b, Services services) {

    /** {@code ours-kafka-http-batch}. */
    void kafkaProfile() {
        measure("ours-kafka-http-batch", true);
    }

    /** {@code ours-http-batch}. */
    void defaultProfile() {
        measure("ours-http-batch", false);
    }

    private void measure(String key, boolean kafka) {
        long count = b.options.batchCount();
        int chunk = b.options.batchChunk;
        int senders = b.options.batchSenders;
        String workload = kafka
                ? String.format(Locale.ROOT, "%,d votes as NDJSON to POST .../votes:batch of the service on the "
                        + "kafka profile (the Kafka rows' properties, a topic of its own): it puts them on the "
                        + "topic, its consumer decides them, each answer once its votes are decided and durable; "
                        + "%,d a request, %d senders, HTTP Basic; %s", count, chunk, senders, services.durability())
                : String.format(Locale.ROOT, "%,d votes as NDJSON to POST .../votes:batch (default profile, no "
                        + "Kafka), %,d a request, %d senders, HTTP Basic, each answer once its votes are durable; "
                        + "%s", count, chunk, senders, services.durability());
        if (b.leftOut(key, workload)) {
            return;
        }
        b.guard(List.of(key), () -> {
            String edition = b.run + (kafka ? "-kbatch" : "-batch");
            try (Services.Fresh store = services.fresh(key)) {
                if (kafka) {
                    store.createTopic();
                }
                try (ServiceProcess service = services.start(store.properties(kafka, null, Map.of()))) {
                    if (kafka) {
                        String missing = services.kafkaDoorMissing(service, store.group);
                        if (missing != null) {
                            b.report.unavailable(key, Benchmark.what(key), workload, missing);
                            return;
                        }
                    }
                    String setUp = services.setUp(service, edition);
                    String warmedUp = warmUp(service, edition, kafka, count, chunk, senders);
                    b.log.println((kafka ? "HTTP batch door on the kafka profile: " : "HTTP batch door: ") + count
                            + " votes ...");
                    HeapSampler sampler = new HeapSampler(service).markStart().start();
                    Ours.BatchResult r;
                    try {
                        r = Ours.batchDoor(service.url(), edition, b.data.withPrefix(kafka ? "h" : "b"), count,
                                chunk, senders, b.options.stallSeconds);
                    } finally {
                        sampler.stop();
                    }
                    long[] visible = Services.tallies(service, edition);
                    HeapSampler.Summary h = sampler.markEnd().summary();
                    b.report.add(key, Benchmark.what(key), workload, r.votes(), r.seconds(), String.format(Locale.ROOT,
                            "%s; %,d refused, %,d repeated, %,d invalid lines; %,d decided in GET tallies "
                                    + "afterwards; %s; %s; service peak RSS %s; %s",
                            services.exactness(r.accepted(), count), r.refused(), r.repeated(), r.invalid(),
                            visible[0] + visible[1], setUp, warmedUp, Store.bytes(service.peakRssBytes()),
                            b.verdicts.heap(key, h)));
                }
            }
        }, services::current);
    }

    /**
     * Before the timed votes: {@code --warm-up-votes} votes through the same door to an edition of its
     * own, so the row meets compiled code as the minimal pipeline does (on a fresh service, C2 compiling
     * took a quarter of the machine's CPU during a 1M batch row). What the warm-up took, the service
     * cold, is told with the row.
     */
    private String warmUp(ServiceProcess service, String edition, boolean kafka, long count, int chunk, int senders)
            throws Exception {
        long warm = b.options.warmUpCount(count);
        if (warm == 0) {
            return "no warm-up (--warm-up-votes 0): timed from a cold service";
        }
        String warmEdition = edition + "-warm";
        services.setUp(service, warmEdition);
        b.log.println("warming the service up: " + warm + " votes to edition " + warmEdition + " ...");
        Ours.BatchResult w = Ours.batchDoor(service.url(), warmEdition, b.data.withPrefix(kafka ? "wh" : "wb"), warm,
                chunk, senders, b.options.stallSeconds);
        return String.format(Locale.ROOT, "timed after a warm-up of %,d votes through the same door to an edition "
                + "of its own, decided in %.1f s (%,.0f/s, the service cold)", w.votes(), w.seconds(),
                w.votes() / w.seconds());
    }
}
