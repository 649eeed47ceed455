package io.selection.bench;

import java.util.Locale;

/**
 * The row {@code naive-axon}: the baseline every "x naive" ratio divides by, one command per vote
 * on an event-sourced aggregate (see {@link NaiveAxon}).
 */
record NaiveAxonRow(BenchRun b) {

    static final String KEY = "naive-axon";

    void run() {
        b.guard(KEY, this::measure);
    }

    private void measure() throws Exception {
        int sample = b.options.naiveCount();
        int threads = b.options.naiveThreads;
        String workload = String.format(Locale.ROOT, "the first %,d votes, %d client threads, %,d event-sourced "
                + "Work aggregates (no cache, no snapshot), one command and one transaction a vote, Axon "
                + "JdbcEventStorageEngine + Jackson; %s", sample, threads, b.shape.totalWorks(), b.durability);
        if (b.leftOut(KEY, workload)) {
            return;
        }
        b.log.println("naive Axon: " + sample + " votes, one command each ...");
        try (Store db = Store.create(b.kind, b.run + "_naive", b.dir.resolve("db"), threads + 2)) {
            NaiveAxon.Result r = NaiveAxon.run(db, b.data, sample, threads);
            b.report.add(KEY, Benchmark.what(KEY), workload, r.votes(), r.seconds(), String.format(Locale.ROOT,
                    "%,d accepted; %,d events in the store; busiest work has %,d votes in its history",
                    r.accepted(), r.events(), NaiveAxon.longestHistory(b.data, sample)));
        }
    }
}
