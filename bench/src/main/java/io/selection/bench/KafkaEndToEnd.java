package io.selection.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Votes produced to a topic while one or more processes of the service consume it, timed from the
 * first send until the tallies of one of them show them all decided (ours-kafka-e2e, and the two
 * instances).
 */
record KafkaEndToEnd(BenchRun b) {

    /** What a delivery measured; {@code doneAt} is null when it stalled at {@code latest} decided. */
    record Delivered(long startedAt, Long doneAt, int first, double producerSeconds, long latest, String others) {
        double seconds() {
            return (doneAt - startedAt) / 1e9;
        }
    }

    /** Produces votes {@code [0, count)} to {@code topic}; {@code samplers} sample the services meanwhile. */
    Delivered deliver(List<ServiceProcess> services, List<HeapSampler> samplers, String topic, String editionId,
                      VoteData votes, long count) throws Exception {
        int stallSeconds = b.options.stallSeconds;
        samplers.forEach(HeapSampler::start);
        List<RawHttp> auditors = services.stream().map(s -> new EditionSetup(s.url()).as("auditor", "auditor"))
                .toList();
        long started = System.nanoTime();
        RawKafka.Background producer = new RawKafka.Background(b.broker.bootstrap(), topic, editionId, votes, count,
                "service-e2e-producer");
        try {
            Long doneAt = null;
            int first = -1;
            long last = -1;
            long latest = 0;
            long lastMove = System.nanoTime();
            while (!producer.failed()) {
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
            producer.join(stallSeconds);
            RawKafka.Produced produced = producer.produced();
            StringBuilder others = new StringBuilder();
            if (doneAt != null) {
                for (int i = 0; i < auditors.size(); i++) {
                    if (i != first) {
                        others.append(others.isEmpty() ? "" : "; ").append(awaitOther(auditors.get(i), i + 1,
                                editionId, count, doneAt));
                    }
                }
            }
            return new Delivered(started, doneAt, first, produced == null ? 0 : produced.seconds(), latest,
                    others.toString());
        } finally {
            for (HeapSampler s : samplers) {
                s.stop();
            }
            auditors.forEach(RawHttp::close);
        }
    }

    /** How long after {@code doneAt} instance {@code number}'s tallies show the votes all decided too. */
    private String awaitOther(RawHttp auditor, int number, String editionId, long count, long doneAt)
            throws Exception {
        AtomicLong latest = new AtomicLong();
        Long at = Ours.awaitCount(() -> decidedOrMinusOne(auditor, editionId), count, b.options.stallSeconds, latest);
        if (at != null) {
            return String.format(Locale.ROOT, "instance %d's tallies showed them all %.1f s later", number,
                    (at - doneAt) / 1e9);
        }
        long n = latest.get();
        return String.format(Locale.ROOT, "instance %d's tallies stayed at %s of %,d decided for %d s", number,
                n < 0 ? "no answer" : String.format(Locale.ROOT, "%,d", n), count, b.options.stallSeconds);
    }

    private static long decidedOrMinusOne(RawHttp auditor, String editionId) {
        try {
            return EditionSetup.decided(auditor, editionId);
        } catch (Exception e) {
            return -1;
        }
    }
}
