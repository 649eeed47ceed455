package io.selection.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Kafka door: {@code ours-kafka-e2e} (votes produced while it consumes, then
 * {@code ours-rebuild} on the same service) and {@code ours-kafka-prefilled} (an outage and the
 * catch-up), each against the minimal pipeline over the same votes.
 */
record KafkaRows(BenchRun b, Services services) {

    /** {@code ours-kafka-e2e}, then {@code ours-rebuild} on its service. */
    void endToEndAndRebuild() {
        String key = "ours-kafka-e2e";
        long count = b.options.kafkaCount();
        String workload = String.format(Locale.ROOT, "the first %,d votes produced (as the raw producer) to the "
                + "service's own topic while it runs (kafka profile); from the first send until GET tallies shows "
                + "them all decided, after %,d votes of warm-up on an edition of its own (--warm-up-votes); %s",
                count, b.options.warmUpCount(), services.durability());
        RebuildRow rebuild = new RebuildRow(b, services);
        if (b.leftOut(key, workload)) {
            if (!b.leftOut(RebuildRow.KEY, rebuild.workload(count))) {
                rebuild.notMeasured(count, "it rebuilds on the service of ours-kafka-e2e, which is skipped");
            }
            return;
        }
        b.guard(List.of(key, RebuildRow.KEY), () -> {
            String edition = b.run + "-kafka";
            try (Services.Fresh store = services.fresh(key)) {
                store.createTopic();
                try (ServiceProcess service = services.start(store.properties(true, null, Map.of()))) {
                    String missing = services.kafkaDoorMissing(service, store.group);
                    if (missing != null) {
                        b.report.unavailable(key, Benchmark.what(key), workload, missing);
                        rebuild.notMeasured(count, missing);
                        return;
                    }
                    String setUp = services.setUp(service, edition);
                    String warmedUp = warmUp(service, store, edition);
                    if (warmedUp == null) {
                        b.report.unavailable(key, Benchmark.what(key), workload, "failed: the warm-up stalled (see "
                                + service.log() + ")");
                        rebuild.notMeasured(count, "ours-kafka-e2e's warm-up stalled");
                        return;
                    }
                    b.log.println("Kafka door end to end: " + count + " votes ...");
                    HeapSampler sampler = new HeapSampler(service).markStart();
                    KafkaEndToEnd.Delivered d = new KafkaEndToEnd(b).deliver(List.of(service), List.of(sampler),
                            store.topic, edition, b.data.withPrefix("k"), count);
                    if (d.doneAt() == null) {
                        b.report.unavailable(key, Benchmark.what(key), workload, "failed: stalled at " + d.latest()
                                + " of " + count + " decided (see " + service.log() + ")");
                        rebuild.notMeasured(count, "ours-kafka-e2e stalled");
                        return;
                    }
                    long accepted = Services.tallies(service, edition)[0];
                    sampler.markEnd();
                    b.report.add(key, Benchmark.what(key), workload, count, d.seconds(), String.format(Locale.ROOT,
                            "%s; producer done after %.1f s; %s; %s; service peak RSS %s; %s",
                            services.exactness(accepted, count), d.producerSeconds(), setUp, warmedUp,
                            Store.bytes(service.peakRssBytes()), b.verdicts.heap(key, sampler.summary())));
                    rebuild.run(service, edition, count + b.options.warmUpCount(), accepted);
                }
            }
        }, services::current);
    }

    /**
     * Before the timed votes: {@code --warm-up-votes} votes to an edition of its own on the same topic,
     * waited for until decided, so the timed row meets compiled code as the minimal pipeline does. What
     * the warm-up took (the service cold) is told with the row; null when it stalled.
     */
    private String warmUp(ServiceProcess service, Services.Fresh store, String edition) throws Exception {
        long warm = b.options.warmUpCount();
        if (warm == 0) {
            return "no warm-up (--warm-up-votes 0): timed from a cold service";
        }
        String warmEdition = edition + "-warm";
        services.setUp(service, warmEdition);
        b.log.println("warming the service up: " + warm + " votes to edition " + warmEdition + " ...");
        KafkaEndToEnd.Delivered w = new KafkaEndToEnd(b).deliver(List.of(service), List.of(), store.topic,
                warmEdition, b.data.withPrefix("w"), warm);
        if (w.doneAt() == null) {
            return null;
        }
        return String.format(Locale.ROOT, "timed after a warm-up of %,d votes to an edition of its own, decided "
                + "in %.1f s (%,.0f/s, the service cold)", warm, w.seconds(), warm / w.seconds());
    }

    /**
     * {@code ours-kafka-prefilled}: the service set up, stopped, its topic filled, started again on
     * the same store; timed from its consumer joining the group to all decided.
     */
    void prefilled() {
        String key = "ours-kafka-prefilled";
        long count = b.options.kafkaCount();
        int stallSeconds = b.options.stallSeconds;
        String workload = String.format(Locale.ROOT, "%,d votes produced while the service is stopped, then it "
                + "is started again on the same store (a fresh one of its own: started once to set up the "
                + "edition, stopped, the topic filled, started again) and catches up; from its consumer joining "
                + "the group to all decided in GET tallies; %s", count, services.durability());
        if (b.leftOut(key, workload)) {
            return;
        }
        b.guard(List.of(key), () -> {
            String edition = b.run + "-catchup";
            try (Services.Fresh store = services.fresh(key)) {
                store.createTopic();
                Map<String, String> properties = store.properties(true, null, Map.of());
                String setUp;
                try (ServiceProcess service = services.start(properties)) {
                    String missing = services.kafkaDoorMissing(service, store.group);
                    if (missing != null) {
                        b.report.unavailable(key, Benchmark.what(key), workload, missing);
                        return;
                    }
                    setUp = services.setUp(service, edition);
                    b.log.println("stopping the service ...");
                }
                // the stopped consumer leaves its group; the clock below starts when a new member joins
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (b.broker.groupMembers(store.group) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                b.log.println("Kafka door from a pre-filled topic: producing " + count
                        + " votes with the service stopped ...");
                RawKafka.produce(b.broker.bootstrap(), store.topic, edition, b.data.withPrefix("c"), count, null);
                try (ServiceProcess service = services.launch(properties,
                        "starting the service again on the same store")) {
                    HeapSampler sampler = new HeapSampler(service).start();
                    try {
                        Long joinedAt = awaitMember(service, store.group);
                        service.awaitHealthy(180);
                        try (RawHttp auditor = new EditionSetup(service.url()).as("auditor", "auditor")) {
                            AtomicLong latest = new AtomicLong();
                            Long doneAt = Ours.awaitDecided(auditor, edition, count, stallSeconds, latest);
                            sampler.stop();
                            if (doneAt == null) {
                                b.report.unavailable(key, Benchmark.what(key), workload, "failed: stalled at "
                                        + latest.get() + " of " + count + " decided (see " + service.log() + ")");
                                return;
                            }
                            long from = joinedAt != null ? joinedAt : service.readyAtNanos();
                            double seconds = (doneAt - from) / 1e9;
                            long accepted = EditionSetup.acceptedAndRefused(auditor, edition)[0];
                            HeapSampler.Summary h = sampler.markEnd().summary();
                            b.report.add(key, Benchmark.what(key), workload, count, seconds, String.format(Locale.ROOT,
                                    "%s; timed from %s (%.1f s after launch; healthy after %.1f s); the tallies "
                                            + "are read over HTTP, so a backlog cleared before the service answers "
                                            + "counts until its first answer; first start: %s; service peak RSS "
                                            + "%s; %s", services.exactness(accepted, count),
                                    joinedAt != null ? "its consumer joining the group" : "its first healthy answer",
                                    (from - service.launchedAtNanos()) / 1e9, service.startupSeconds(), setUp,
                                    Store.bytes(service.peakRssBytes()), b.verdicts.heap(key, h)));
                        }
                    } finally {
                        sampler.stop();
                    }
                }
            }
        }, services::current);
    }

    /**
     * When a member showed up in {@code group}: the service consumes as soon as its consumer joins,
     * which may be before it answers HTTP. Null when it died or took more than 180 s.
     */
    private Long awaitMember(ServiceProcess service, String group) throws InterruptedException {
        while (service.alive()) {
            if (b.broker.groupMembers(group) > 0) {
                return System.nanoTime();
            }
            if (System.nanoTime() - service.launchedAtNanos() > 180_000_000_000L) {
                return null;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
