package io.selection.bench;

import java.util.Locale;

/**
 * The row {@code ours-rebuild}: the read models rebuilt from the log on the service of
 * ours-kafka-e2e, right after that row (the store with the most votes in one edition), which is
 * why {@link KafkaRows} runs it.
 */
record RebuildRow(BenchRun b, Services services) {

    static final String KEY = "ours-rebuild";

    String workload(long count) {
        return String.format(Locale.ROOT, "POST /api/admin/read-models:rebuild (organiser) on the "
                + "service of ours-kafka-e2e right after that row: its log holds its editions' set-up and %,d "
                + "votes (the warm-up's included); GET /api/admin/read-models polled every second; from the request to its answer (which "
                + "includes the digests of every read model before and after); %s", count, services.durability());
    }

    /** Prints the row as not measured, saying why. */
    void notMeasured(long count, String why) {
        b.report.unavailable(KEY, Benchmark.what(KEY), workload(count), "not measured: " + why);
    }

    /** Rebuilds on {@code service}, whose edition {@code edition} holds {@code count} votes, {@code acceptedBefore} of them accepted. */
    void run(ServiceProcess service, String edition, long count, long acceptedBefore) throws Exception {
        if (b.leftOut(KEY, workload(count))) {
            return;
        }
        b.log.println("rebuilding the read models of ours-kafka-e2e's service (" + count + " votes in its log) ...");
        HeapSampler sampler = new HeapSampler(service).markStart().start();
        Ours.Rebuilt r;
        try {
            r = Ours.rebuild(service.url(), b.options.stallSeconds, b.log);
        } finally {
            sampler.stop();
        }
        b.verdicts.rebuilt(r);
        long[] after = Services.tallies(service, edition);
        sampler.markEnd();
        b.report.add(KEY, Benchmark.what(KEY), workload(count), count, r.seconds(), String.format(Locale.ROOT,
                "the service reports the read models %s before and after (a SHA-256 of every read model of "
                        + "every edition); GET tallies afterwards: %,d accepted (%,d before), %,d decided; the "
                        + "service's own timing %.2f s (without the digests before); log position %,d; progress "
                        + "printed %d times; %s", r.identical() ? "identical" : "NOT identical", after[0],
                acceptedBefore, after[0] + after[1], r.serverMillis() / 1000.0, r.position(), r.progressLines(),
                b.verdicts.heap(KEY, sampler.summary())));
    }
}
