package io.selection.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.selection.bench.Verdicts.ms;

/**
 * The single-vote door ({@code ours-http-single}, one vote a request) and its ceiling
 * ({@code ceiling-http-single}: the same door deciding and storing nothing), on one service and
 * one edition. The ceiling runs just before the single door and just after it, so that the single
 * door is bracketed by a cold and a warm JIT rather than favoured.
 */
record SingleDoorRows(BenchRun b, Services services) {

    static final String SINGLE = "ours-http-single";
    static final String CEILING = "ceiling-http-single";

    void run() {
        long count = b.options.singleCount();
        int clients = b.options.singleClients;
        boolean ceiling = !b.options.skipped(CEILING);
        boolean single = !b.options.skipped(SINGLE);
        String sWorkload = String.format(Locale.ROOT, "%,d requests to POST .../votes, one vote each, %d "
                + "concurrent keep-alive clients, HTTP Basic on every request, each answer once its vote is "
                + "durable; the service started with selection.votes.ceiling-endpoint=true%s; %s", count,
                clients, ceiling ? ", measured between the two passes of its ceiling" : "", services.durability());
        String cWorkload = String.format(Locale.ROOT, "POST .../votes:ceiling on the same service process: the "
                + "same path prefix, role GATEWAY, HTTP Basic on every request, body and shape checks, and an "
                + "answer of the same shape (NOT_DECIDED), but nothing decided or stored; the same %,d votes from "
                + "the same %d clients, %s", count, clients, single
                ? "twice, once just before ours-http-single and once just after it; the figure is both passes "
                + "together" : "once (ours-http-single skipped)");
        b.leftOut(CEILING, cWorkload);
        b.leftOut(SINGLE, sWorkload);
        if (!ceiling && !single) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (ceiling) {
            keys.add(CEILING);
        }
        if (single) {
            keys.add(SINGLE);
        }
        b.guard(keys, () -> {
            String edition = b.run + "-single";
            try (Services.Fresh store = services.fresh(SINGLE)) {
                try (ServiceProcess service = services.start(store.properties(false, null,
                        Map.of("selection.votes.ceiling-endpoint", "true")))) {
                    String setUp = services.setUp(service, edition);
                    VoteData votes = b.data.withPrefix("s");
                    HeapSampler cHeap = new HeapSampler(service);
                    HeapSampler sHeap = new HeapSampler(service);
                    try {
                        Ours.SingleResult c1 = null;
                        Ours.SingleResult c2 = null;
                        if (ceiling) {
                            b.log.println("single door's ceiling (votes:ceiling), pass 1: " + count + " requests from "
                                    + clients + " clients ...");
                            cHeap.start();
                            c1 = Ours.singleDoor(service.url(), edition, "votes:ceiling", votes, count, clients,
                                    b.options.stallSeconds);
                            cHeap.stop();
                        }
                        if (single) {
                            b.log.println("single-vote door: " + count + " requests from " + clients
                                    + " clients ...");
                            sHeap.markStart().start();
                            Ours.SingleResult s = Ours.singleDoor(service.url(), edition, "votes", votes, count,
                                    clients, b.options.stallSeconds);
                            sHeap.stop();
                            HeapSampler.Summary h = sHeap.markEnd().summary();
                            b.verdicts.singleLatency(s.latency());
                            b.report.add(SINGLE, Benchmark.what(SINGLE), sWorkload, s.requests(), s.seconds(),
                                    String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; %,d "
                                                    + "refused, %,d errors; %s; service peak RSS %s; %s",
                                            ms(s.latency(), 50), ms(s.latency(), 99), s.latency().getMaxValue() / 1000.0,
                                            services.exactness(s.accepted(), count), s.refused(), s.errors(), setUp,
                                            Store.bytes(service.peakRssBytes()), b.verdicts.heap(SINGLE, h)));
                        }
                        if (ceiling && single) {
                            b.log.println("single door's ceiling (votes:ceiling), pass 2: " + count
                                    + " requests ...");
                            cHeap.start();
                            c2 = Ours.singleDoor(service.url(), edition, "votes:ceiling", votes, count, clients,
                                    b.options.stallSeconds);
                            cHeap.stop();
                        }
                        if (c1 != null) {
                            addCeiling(c1, c2, cWorkload, cHeap);
                        }
                    } finally {
                        cHeap.stop();
                        sHeap.stop();
                    }
                }
            }
        }, services::current);
    }

    /** The ceiling's row: its passes together ({@code second} null when the single door was skipped). */
    private void addCeiling(Ours.SingleResult first, Ours.SingleResult second, String workload, HeapSampler heap) {
        Histogram all = first.latency().copy();
        long requests = first.requests();
        double seconds = first.seconds();
        long notDecided = first.notDecided();
        long errors = first.errors();
        String passes = String.format(Locale.ROOT, "pass 1 (before the single door) %,.0f/s, p99 %.1f ms",
                first.requests() / first.seconds(), ms(first.latency(), 99));
        if (second != null) {
            all.add(second.latency());
            requests += second.requests();
            seconds += second.seconds();
            notDecided += second.notDecided();
            errors += second.errors();
            passes += String.format(Locale.ROOT, ", pass 2 (after it) %,.0f/s, p99 %.1f ms",
                    second.requests() / second.seconds(), ms(second.latency(), 99));
        }
        b.verdicts.ceilingLatency(all);
        b.report.add(CEILING, Benchmark.what(CEILING), workload, requests, seconds, String.format(Locale.ROOT,
                "%s; both: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d NOT_DECIDED answers, %,d other answers or "
                        + "errors; %s", passes, ms(all, 50), ms(all, 99), all.getMaxValue() / 1000.0, notDecided,
                errors, b.verdicts.heap(CEILING, heap.summary())));
    }
}
