package io.selection.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The service's heap during one row. While the row runs, every second, {@code GET /actuator/prometheus}
 * (any authenticated account may read it; the sampler is the auditor) and three of Micrometer's
 * JVM gauges from it:
 * <ul>
 *     <li>{@code jvm_gc_live_data_size_bytes}: "size of long-lived heap memory pool after
 *     reclamation", the old generation after the last collection that reclaimed it (with G1, a
 *     concurrent cycle or a full GC; it stays 0 until the first one);</li>
 *     <li>{@code jvm_memory_used_bytes} of the old generation's pool ({@code G1 Old Gen},
 *     {@code Tenured Gen}, ...): what it holds now, garbage promoted since the last cycle
 *     included, so an upper bound of the live data;</li>
 *     <li>{@code jvm_gc_max_data_size_bytes}: the old generation's limit.</li>
 * </ul>
 * And the collector's work, as counters whose growth over the row is what the row cost it: bytes
 * allocated and promoted ({@code jvm_gc_memory_allocated_bytes_total},
 * {@code jvm_gc_memory_promoted_bytes_total}, which Micrometer adds to at each collection, so a row
 * without one shows none and the bytes since the last one are left out), pauses and their time ({@code jvm_gc_pause_seconds}),
 * and the time of concurrent phases ({@code jvm_gc_concurrent_phase_time_seconds}, G1's marking
 * cycles, where the JVM reports them). Bytes and pauses move less from run to run than a row's rate
 * does on shared cores; the CPU-seconds of {@link ThreadCpu} move with the machine's speed, so their
 * kinds are compared within a run.
 * And, outside the row's timing, before and after it: a full collection in the service
 * ({@code jcmd PID GC.run}), after which the old generation holds exactly what is live.
 * It may be started and stopped more than once; the samples add up.
 */
final class HeapSampler {

    record Sample(long atNanos, long liveData, long oldUsed, Gc gc) {
    }

    /** The collector's counters at one moment; -1 where the service does not report one. */
    record Gc(double allocated, double promoted, double pauses, double pauseSeconds, double concurrentSeconds) {

        static final Gc NONE = new Gc(-1, -1, -1, -1, -1);

        /**
         * What the counters grew by from {@code before} to this one: -1 where this one is missing, and
         * from 0 where only {@code before} is (a pause counter appears with the first pause after a start).
         */
        Gc since(Gc before) {
            return new Gc(minus(allocated, before.allocated), minus(promoted, before.promoted),
                    minus(pauses, before.pauses), minus(pauseSeconds, before.pauseSeconds),
                    minus(concurrentSeconds, before.concurrentSeconds));
        }

        private static double minus(double a, double b) {
            return a < 0 ? -1 : a - Math.max(b, 0);
        }
    }

    private final String host;
    private final int port;
    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private volatile long maxData = -1;
    private volatile String problem;
    private volatile boolean running;
    private Thread thread;
    private long startedAt;
    private long activeNanos;
    /** CPU seconds of the service's threads while sampling, by kind ({@link ThreadCpu}), added up over starts. */
    private final java.util.Map<String, Double> gcThreadCpu = new java.util.TreeMap<>();
    private java.util.Map<Long, ThreadCpu.Reading> cpuAtStart;
    private long liveAtStart = -1;
    private long liveAtEnd = -1;

    HeapSampler(ServiceProcess service) {
        URI uri = URI.create(service.url());
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.pid = service.pid();
    }

    /** Starts sampling (once a second, on a daemon thread) until {@link #stop()}. */
    synchronized HeapSampler start() {
        if (running) {
            return this;
        }
        running = true;
        startedAt = System.nanoTime();
        cpuAtStart = ThreadCpu.of(pid);
        thread = new Thread(this::loop, "heap-sampler-" + port);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Stops sampling (one last sample first) and returns the summary so far. */
    Summary stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
            if (t != null) {
                activeNanos += System.nanoTime() - startedAt;
                java.util.Map<Long, ThreadCpu.Reading> now = ThreadCpu.of(pid);
                if (cpuAtStart != null && now != null) {
                    ThreadCpu.since(cpuAtStart, now).forEach((kind, cpu) -> gcThreadCpu.merge(kind, cpu, Double::sum));
                }
            }
        }
        if (t == null) {
            return summary(); // not running: nothing to add
        }
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(10));
        try (RawHttp auditor = new RawHttp(host, port, "auditor", "auditor").timeout(5)) {
            Sample s = read(auditor);
            if (s != null) {
                add(s);
            }
        } catch (Exception gone) {
            // the service may be gone already: the samples so far are the figure
        }
        return summary();
    }

    /** Before the row's clock starts: a full collection, then what is live. */
    HeapSampler markStart() {
        liveAtStart = liveAfterFullGc();
        return this;
    }

    /** After the row's clock stopped: a full collection, then what is live. */
    HeapSampler markEnd() {
        liveAtEnd = liveAfterFullGc();
        return this;
    }

    /**
     * {@code jcmd PID GC.run} (a full collection in the service; the young generation is empty
     * after it), then the old generation's occupancy: the live heap. -1 when it cannot be had.
     */
    private long liveAfterFullGc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            problem = "no " + jcmd + " to run a full collection";
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem = "jcmd " + pid + " GC.run did not return within 120 s";
                return -1;
            }
            if (p.exitValue() != 0) {
                problem = "jcmd " + pid + " GC.run exited with " + p.exitValue();
                return -1;
            }
            try (RawHttp auditor = new RawHttp(host, port, "auditor", "auditor").timeout(30)) {
                Sample s = read(auditor);
                return s == null ? -1 : s.oldUsed();
            }
        } catch (Exception e) {
            problem = "full collection: " + e;
            return -1;
        }
    }

    private void loop() {
        try (RawHttp auditor = new RawHttp(host, port, "auditor", "auditor").timeout(10)) {
            long next = System.nanoTime();
            while (running) {
                try {
                    Sample s = read(auditor);
                    if (s != null) {
                        add(s);
                    }
                } catch (Exception e) {
                    // not answering yet (starting) or busy: the next second tries again
                    problem = e.toString();
                }
                next += TimeUnit.SECONDS.toNanos(1);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void add(Sample s) {
        synchronized (samples) {
            samples.add(s);
        }
    }

    private Sample read(RawHttp auditor) throws Exception {
        RawHttp.Response r = auditor.get("/actuator/prometheus", "text/plain");
        if (r.status() != 200) {
            problem = "GET /actuator/prometheus: HTTP " + r.status();
            return null;
        }
        long live = -1;
        long old = -1;
        double[] gc = {-1, -1, -1, -1, -1};
        for (String line : r.text().split("\n")) {
            if (line.startsWith("jvm_gc_memory_allocated_bytes_total")) {
                gc[0] = plus(gc[0], line);
            } else if (line.startsWith("jvm_gc_memory_promoted_bytes_total")) {
                gc[1] = plus(gc[1], line);
            } else if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                gc[2] = plus(gc[2], line);
            } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                gc[3] = plus(gc[3], line);
            } else if (line.startsWith("jvm_gc_concurrent_phase_time_seconds_sum{")) {
                gc[4] = plus(gc[4], line);
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = value(line);
            } else if (line.startsWith("jvm_gc_max_data_size_bytes")) {
                maxData = value(line);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
                    && (line.contains("Old Gen") || line.contains("Tenured Gen"))) {
                old = value(line);
            }
        }
        if (live < 0 && old < 0) {
            problem = "neither jvm_gc_live_data_size_bytes nor the old generation's jvm_memory_used_bytes "
                    + "in /actuator/prometheus";
            return null;
        }
        return new Sample(System.nanoTime(), live, old, new Gc(gc[0], gc[1], gc[2], gc[3], gc[4]));
    }

    private static long value(String line) {
        return (long) number(line);
    }

    private static double number(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    /** A counter summed over its series (pauses come one series per collector, cause and action). */
    private static double plus(double sum, String line) {
        return Math.max(sum, 0) + number(line);
    }

    synchronized Summary summary() {
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        long active = activeNanos + (running ? System.nanoTime() - startedAt : 0);
        return new Summary(copy, active / 1e9, maxData, liveAtStart, liveAtEnd, problem,
                java.util.Map.copyOf(gcThreadCpu));
    }

    /** What one row's samples say. */
    record Summary(List<Sample> samples, double seconds, long maxData, long liveAtStart, long liveAtEnd,
                   String problem, java.util.Map<String, Double> threadCpu) {

        private static final long MB = 1024 * 1024;

        long liveMax() {
            return samples.stream().mapToLong(Sample::liveData).max().orElse(-1);
        }

        long oldMax() {
            return samples.stream().mapToLong(Sample::oldUsed).max().orElse(-1);
        }

        /** What the collector's counters grew by from the first sample to the last ({@link Gc#NONE} with fewer than two). */
        Gc gc() {
            return samples.size() < 2 ? Gc.NONE
                    : samples.get(samples.size() - 1).gc().since(samples.get(0).gc());
        }

        /** The collector's work over the row, in words; {@code votes} (0: none) gives the bytes a vote. */
        String describeGc(long votes) {
            Gc g = gc();
            if (g.allocated() < 0 && g.pauses() < 0) {
                return "collector's counters not sampled";
            }
            double over = (samples.get(samples.size() - 1).atNanos() - samples.get(0).atNanos()) / 1e9;
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "collector over %.0f s (from the first sample to the last): ", over));
            if (g.allocated() >= 0) {
                s.append(String.format(Locale.ROOT, "allocated %s", mb(g.allocated())));
                if (votes > 0) {
                    s.append(String.format(Locale.ROOT, " (%,.0f bytes a vote)", g.allocated() / votes));
                }
            }
            if (g.promoted() >= 0) {
                s.append(String.format(Locale.ROOT, ", promoted %s", mb(g.promoted())));
            }
            s.append(g.pauses() >= 0
                    ? String.format(Locale.ROOT, ", %,.0f pauses of %.2f s in all", g.pauses(), g.pauseSeconds())
                    : ", 0 pauses of 0.00 s in all (none reported)");
            s.append(g.concurrentSeconds() >= 0
                    ? String.format(Locale.ROOT, ", concurrent phases %.2f s", g.concurrentSeconds())
                    : ", concurrent phases none reported (the JVM reports G1's, when it runs them, as \"G1 Concurrent GC\")");
            if (!threadCpu.isEmpty()) {
                s.append("; CPU of the service's threads while sampled: ");
                s.append(ThreadCpu.describe(threadCpu));
            }
            return s.toString();
        }

        /** The most the old generation held during the row, or live after it. */
        long peak() {
            return Math.max(oldMax(), liveAtEnd);
        }

        /** How often the live-data gauge took a new value during the row (each is a collection of the old gen). */
        int liveUpdates() {
            int n = 0;
            long last = samples.isEmpty() ? -1 : samples.get(0).liveData();
            for (Sample s : samples) {
                if (s.liveData() != last && s.liveData() > 0) {
                    n++;
                }
                last = s.liveData();
            }
            return n;
        }

        /** The live heap after the row less before it (full collections), or null when either is missing. */
        Long growth() {
            return liveAtStart >= 0 && liveAtEnd >= 0 ? liveAtEnd - liveAtStart : null;
        }

        /** "flat", "grew" or "too few samples", comparing the mean of the first third with the last third. */
        String trend(boolean live) {
            List<Long> values = new ArrayList<>();
            for (Sample s : samples) {
                long v = live ? s.liveData() : s.oldUsed();
                if (v > 0) {
                    values.add(v);
                }
            }
            if (values.size() < 6) {
                return "too few samples for a trend";
            }
            int third = values.size() / 3;
            double first = values.subList(0, third).stream().mapToLong(Long::longValue).average().orElse(0);
            double last = values.subList(values.size() - third, values.size()).stream().mapToLong(Long::longValue)
                    .average().orElse(0);
            double change = first > 0 ? (last - first) / first : 0;
            // growth of a fifth, and at least 32 MB, between the first and last third
            String verdict = change > 0.2 && last - first > 32 * MB ? "grew" : "flat";
            return String.format(Locale.ROOT, "%s (first third %s, last third %s, %+.0f%%)", verdict, mb(first),
                    mb(last), change * 100);
        }

        /**
         * Against "≤ 2 GiB heap, flat, not growing with the log", for a row that took in {@code votes}
         * votes ({@code 0} for one that takes in none, as the rebuild): the peak, then the live heap
         * before and after the row when both were measured (flat: at most 32 MB or a tenth more, and,
         * for a row taking in votes, what it retained a vote kept under 2 GiB at 10 million votes),
         * else the live-data gauge's trend when the old generation was collected at least twice during
         * the row.
         */
        String verdict(long votes, String scale) {
            if (samples.isEmpty() && liveAtEnd < 0) {
                return "not judged: not sampled" + (problem == null ? "" : " (" + problem + ")");
            }
            if (peak() > 2048 * MB) {
                return "not met: above 2 GiB";
            }
            Long growth = growth();
            if (growth != null) {
                double at10m = votes > 0 ? liveAtStart + (double) growth / votes * 10_000_000 : liveAtStart + growth;
                String retained = votes > 0 && growth > 0 ? String.format(Locale.ROOT, ", about %,d bytes a vote "
                        + "retained, so about %s at 10 million votes", growth / votes, mb(at10m)) : "";
                if (growth <= Math.max(32 * MB, liveAtStart / 10) && at10m <= 2048 * MB) {
                    return "met: <= 2 GiB, flat (" + (growth >= 0 ? "+" : "-") + mb(Math.abs(growth)) + retained + ")"
                            + scale;
                }
                return "not met: grew " + mb(growth) + " over the row" + retained + scale;
            }
            if (liveUpdates() >= 2 && !trend(true).startsWith("too few")) {
                return (trend(true).startsWith("grew") ? "not met: the live data grew" : "met: <= 2 GiB, flat") + scale;
            }
            return "<= 2 GiB; flatness not judged (no full collection before the row, and " + liveUpdates()
                    + " collection(s) of the old generation during it)" + scale;
        }

        String describe() {
            if (samples.isEmpty() && liveAtEnd < 0) {
                return "heap not sampled" + (problem == null ? "" : ": " + problem);
            }
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "heap, %d samples over %.0f s: ", samples.size(), seconds));
            s.append("live after a full collection (jcmd GC.run, outside the timing) ")
                    .append(liveAtStart >= 0 ? mb(liveAtStart) + " before the row" : "not measured before the row")
                    .append(", ").append(liveAtEnd >= 0 ? mb(liveAtEnd) + " after it" : "not measured after it");
            Long growth = growth();
            if (growth != null) {
                s.append(String.format(Locale.ROOT, " (%s%s)", growth >= 0 ? "+" : "-", mb(Math.abs(growth))));
            }
            if (liveUpdates() > 0) {
                s.append(String.format(Locale.ROOT, "; old gen after GC (jvm_gc_live_data_size_bytes) max %s, last "
                                + "%s, %d new value(s) during the row, %s", mb(liveMax()),
                        mb(samples.get(samples.size() - 1).liveData()), liveUpdates(), trend(true)));
            } else {
                s.append("; old gen after GC (jvm_gc_live_data_size_bytes): no new value during the row (no "
                        + "collection of the old generation)");
            }
            if (!samples.isEmpty()) {
                s.append(String.format(Locale.ROOT, "; old gen occupancy (jvm_memory_used_bytes) max %s, last %s, %s",
                        mb(oldMax()), mb(samples.get(samples.size() - 1).oldUsed()), trend(false)));
            }
            if (maxData > 0) {
                s.append(String.format(Locale.ROOT, "; old gen limit %s", mb(maxData)));
            }
            return s.toString();
        }

        private static String mb(double bytes) {
            return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MB", bytes / MB);
        }
    }
}
