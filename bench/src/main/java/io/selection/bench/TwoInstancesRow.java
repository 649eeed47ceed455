package io.selection.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The row {@code ours-kafka-two-instances}: two processes of the service in one consumer group on
 * one PostgreSQL database, votes produced end to end as in ours-kafka-e2e. PostgreSQL only: an H2
 * file cannot be shared by two processes.
 */
record TwoInstancesRow(BenchRun b, Services services) {

    static final String KEY = "ours-kafka-two-instances";

    void run() {
        long count = b.options.kafkaCount();
        String what = Benchmark.what(KEY);
        String workload = String.format(Locale.ROOT, "the first %,d votes produced end to end (as ours-kafka-e2e) "
                + "to one topic consumed by two processes of the service in one consumer group, on one fresh "
                + "PostgreSQL database; the edition set up through instance 1 before instance 2 starts; the clock "
                + "starts once both hold partitions, until the tallies of either show them all decided; %s",
                count, b.kind == Store.Kind.POSTGRES ? "PostgreSQL (" + b.durability + ")" : "PostgreSQL only");
        if (b.leftOut(KEY, workload)) {
            return;
        }
        if (b.kind != Store.Kind.POSTGRES) {
            b.report.unavailable(KEY, what, workload, Benchmark.TWO_INSTANCES_NEED_POSTGRES);
            return;
        }
        b.guard(List.of(KEY), () -> {
            String edition = b.run + "-two";
            try (Services.Fresh store = services.fresh(KEY)) {
                store.createTopic();
                try (ServiceProcess one = services.start(store.properties(true, "instance-1", Map.of()))) {
                    String missing = services.kafkaDoorMissing(one, store.group);
                    if (missing != null) {
                        b.report.unavailable(KEY, what, workload, missing);
                        return;
                    }
                    String setUp = services.setUp(one, edition);
                    try (ServiceProcess two = services.start(store.properties(true, "instance-2", Map.of()))) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (b.broker.assignedMembers(store.group) < 2) {
                            if (System.nanoTime() > deadline) {
                                b.report.unavailable(KEY, what, workload, "failed: the two instances did not both "
                                        + "hold partitions of " + store.topic + " within 60 s (see " + one.log()
                                        + " and " + two.log() + ")");
                                return;
                            }
                            Thread.sleep(100);
                        }
                        b.log.println("Kafka door end to end, two instances: " + count + " votes ...");
                        HeapSampler heapOne = new HeapSampler(one).markStart();
                        HeapSampler heapTwo = new HeapSampler(two).markStart();
                        KafkaEndToEnd.Delivered d = new KafkaEndToEnd(b).deliver(List.of(one, two),
                                List.of(heapOne, heapTwo), store.topic, edition, b.data.withPrefix("t"), count);
                        if (d.doneAt() == null) {
                            b.report.unavailable(KEY, what, workload, "failed: stalled at " + d.latest() + " of "
                                    + count + " decided (see " + one.log() + " and " + two.log() + ")");
                            return;
                        }
                        ServiceProcess first = d.first() == 0 ? one : two;
                        long accepted = Services.tallies(first, edition)[0];
                        heapOne.markEnd();
                        heapTwo.markEnd();
                        b.report.add(KEY, what, workload, count, d.seconds(), String.format(Locale.ROOT,
                                "%s (instance %d's tallies); instance %d showed them all first; %s; producer done "
                                        + "after %.1f s; instance 1: %s, peak RSS %s; instance 2: start-up "
                                        + "%.1f s, peak RSS %s; instance 1's %s; instance 2's %s",
                                services.exactness(accepted, count), d.first() + 1, d.first() + 1, d.others(),
                                d.producerSeconds(), setUp, Store.bytes(one.peakRssBytes()),
                                two.startupSeconds(), Store.bytes(two.peakRssBytes()),
                                b.verdicts.heap(KEY + " (instance 1)", heapOne.summary()),
                                b.verdicts.heap(KEY + " (instance 2)", heapTwo.summary())));
                    }
                }
            }
        }, services::current);
    }
}
