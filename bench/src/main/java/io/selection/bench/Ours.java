package io.selection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The service's doors, measured from outside through HTTP and Kafka only. */
final class Ours {

    /** How long a client waits before sending a shed request again (shorter than Retry-After, to keep the load on). */
    static final long SHED_PAUSE_MILLIS = 50;

    private Ours() {
    }

    record BatchResult(long votes, double seconds, long accepted, long refused, long repeated, long invalid) {
    }

    /**
     * Sends votes {@code [0, count)} as NDJSON to {@code POST .../votes:batch}, {@code chunk} lines a
     * request, from {@code senders} connections at once; each answer comes once its votes are durable.
     */
    static BatchResult batchDoor(String baseUrl, String editionId, VoteData data, long count, int chunk, int senders,
                                 int timeoutSeconds) throws Exception {
        URI uri = URI.create(baseUrl);
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong repeated = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        AtomicLong shed = new AtomicLong();
        long chunks = (count + chunk - 1) / chunk;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                jobs.add(pool.submit(() -> {
                    try (RawHttp gateway = new RawHttp(uri.getHost(), uri.getPort(), "gateway", "gateway")
                            .timeout(timeoutSeconds)) {
                        StringBuilder body = new StringBuilder(chunk * 170);
                        for (long c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                            body.setLength(0);
                            long end = Math.min(count, (c + 1) * chunk);
                            for (long i = c * chunk; i < end; i++) {
                                VoteData.appendJson(body, data.vote(i));
                                body.append('\n');
                            }
                            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                            RawHttp.Response r = gateway.post("/api/editions/" + editionId + "/votes:batch",
                                    "application/x-ndjson", bytes);
                            while (r.status() == 503) { // shed beyond the latency budget: sent again, as a front-end does
                                shed.incrementAndGet();
                                Thread.sleep(SHED_PAUSE_MILLIS);
                                r = gateway.post("/api/editions/" + editionId + "/votes:batch", "application/x-ndjson",
                                        bytes);
                            }
                            JsonNode answer = EditionSetup.expect(r, 200, "votes:batch");
                            accepted.addAndGet(answer.path("accepted").asLong());
                            refused.addAndGet(answer.path("refused").asLong());
                            repeated.addAndGet(answer.path("repeated").asLong());
                            invalid.addAndGet(answer.path("invalidLines").size());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (shed.get() > 0) {
            System.out.println("  votes:batch: " + shed.get() + " requests were shed (503) and sent again after "
                    + SHED_PAUSE_MILLIS + " ms");
        }
        return new BatchResult(count, seconds, accepted.get(), refused.get(), repeated.get(), invalid.get());
    }

    record SingleResult(long requests, double seconds, long accepted, long refused, long notDecided, long errors,
                        Histogram latency) {
    }

    /**
     * Sends votes {@code [0, count)} one request each to {@code POST .../{endpoint}} ({@code votes}, or
     * {@code votes:ceiling}, which answers {@code NOT_DECIDED} without deciding) from {@code clients}
     * keep-alive connections, HTTP Basic on every request.
     */
    static SingleResult singleDoor(String baseUrl, String editionId, String endpoint, VoteData data, long count,
                                   int clients, int timeoutSeconds) throws Exception {
        URI uri = URI.create(baseUrl);
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong notDecided = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong shed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String path = "/api/editions/" + editionId + "/" + endpoint;
        long started = System.nanoTime();
        try {
            List<Future<Histogram>> jobs = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                jobs.add(pool.submit(() -> {
                    Histogram mine = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
                    try (RawHttp gateway = new RawHttp(uri.getHost(), uri.getPort(), "gateway", "gateway")
                            .timeout(timeoutSeconds)) {
                        for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            byte[] body = VoteData.json(data.vote(i)).getBytes(StandardCharsets.UTF_8);
                            long t0 = System.nanoTime();
                            RawHttp.Response r = gateway.post(path, "application/json", body);
                            while (r.status() == 503) { // shed: sent again; the latency counts the whole wait
                                shed.incrementAndGet();
                                Thread.sleep(SHED_PAUSE_MILLIS);
                                r = gateway.post(path, "application/json", body);
                            }
                            long micros = (System.nanoTime() - t0) / 1000;
                            mine.recordValue(Math.min(micros, mine.getHighestTrackableValue()));
                            String text = r.text();
                            if (r.status() == 200 && text.contains("\"ACCEPTED\"")) {
                                accepted.incrementAndGet();
                            } else if (r.status() == 200 && text.contains("\"REFUSED\"")) {
                                refused.incrementAndGet();
                            } else if (r.status() == 200 && text.contains("\"NOT_DECIDED\"")) {
                                notDecided.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "HTTP " + r.status() + " " + text);
                            }
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Histogram> job : jobs) {
                all.add(job.get());
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (shed.get() > 0) {
            System.out.println("  " + endpoint + ": " + shed.get() + " requests were shed (503) and sent again after "
                    + SHED_PAUSE_MILLIS + " ms");
        }
        if (errors.get() > 0) {
            System.out.println("  " + endpoint + ": " + errors.get() + " answers were not decisions, first: "
                    + firstError.get());
        }
        return new SingleResult(count, seconds, accepted.get(), refused.get(), notDecided.get(), errors.get(), all);
    }

    /** A count read from the service, e.g. the votes its tallies show decided. */
    interface Count {
        long read() throws Exception;
    }

    /** Polls the tallies until {@code expected} votes are decided; null when nothing moved for {@code stallSeconds}. */
    static Long awaitDecided(RawHttp auditor, String editionId, long expected, int stallSeconds,
                             AtomicLong latest) throws Exception {
        return awaitCount(() -> EditionSetup.decided(auditor, editionId), expected, stallSeconds, latest);
    }

    /**
     * Polls {@code count} every 100 ms until it reaches {@code expected}: the time it did, or null
     * when it did not move for {@code stallSeconds}; {@code latest} holds the last value read.
     */
    static Long awaitCount(Count count, long expected, int stallSeconds, AtomicLong latest) throws Exception {
        long last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            long decided = count.read();
            latest.set(decided);
            if (decided >= expected) {
                return System.nanoTime();
            }
            if (decided != last) {
                last = decided;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                return null;
            }
            Thread.sleep(100);
        }
    }

    record Rebuilt(double seconds, long serverMillis, boolean identical, long position, int progressLines) {
    }

    /**
     * {@code POST /api/admin/read-models:rebuild} as the organiser (it answers once the read models
     * are rebuilt), while {@code GET /api/admin/read-models} is polled every second on another
     * connection and its progress printed; timed from the request to the answer. Fails when the
     * progress stops moving for {@code stallSeconds}.
     */
    static Rebuilt rebuild(String baseUrl, int stallSeconds, java.io.PrintStream log) throws Exception {
        URI uri = URI.create(baseUrl);
        AtomicReference<RawHttp.Response> answer = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        RawHttp organiser = new RawHttp(uri.getHost(), uri.getPort(), "organiser", "organiser").timeout(24 * 3600);
        long started = System.nanoTime();
        AtomicLong answeredAt = new AtomicLong();
        Thread request = new Thread(() -> {
            try {
                answer.set(organiser.post("/api/admin/read-models:rebuild", "application/json", new byte[0]));
                answeredAt.set(System.nanoTime());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "read-model-rebuild");
        request.start();
        int lines = 0;
        try (RawHttp poller = new RawHttp(uri.getHost(), uri.getPort(), "organiser", "organiser").timeout(30)) {
            long lastPosition = Long.MIN_VALUE;
            long lastMove = System.nanoTime();
            while (true) {
                request.join(1000);
                if (!request.isAlive()) {
                    break;
                }
                JsonNode p = EditionSetup.expect(poller.get("/api/admin/read-models"), 200, "read-models progress");
                long position = p.path("position").asLong();
                long head = p.path("head").asLong();
                log.printf(java.util.Locale.ROOT, "  rebuild: %5.1f s, rebuilding=%s, log position %,d of %,d (%.0f%%)%n",
                        (System.nanoTime() - started) / 1e9, p.path("rebuilding").asBoolean(), position, head,
                        head > 0 ? 100.0 * Math.max(0, position) / head : 0.0);
                lines++;
                if (position != lastPosition) {
                    lastPosition = position;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                    organiser.close();
                    throw new IllegalStateException("the rebuild stalled at log position " + position + " of " + head
                            + " for " + stallSeconds + " s");
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("POST /api/admin/read-models:rebuild failed", failure.get());
        }
        try (RawHttp poller = new RawHttp(uri.getHost(), uri.getPort(), "organiser", "organiser").timeout(30)) {
            JsonNode p = EditionSetup.expect(poller.get("/api/admin/read-models"), 200, "read-models progress");
            log.printf(java.util.Locale.ROOT, "  rebuild: done in %.1f s, rebuilding=%s, log position %,d of %,d%n",
                    (answeredAt.get() - started) / 1e9, p.path("rebuilding").asBoolean(),
                    p.path("position").asLong(), p.path("head").asLong());
        }
        organiser.close();
        JsonNode rebuilt = EditionSetup.expect(answer.get(), 200, "read-models:rebuild");
        return new Rebuilt((answeredAt.get() - started) / 1e9, rebuilt.path("millis").asLong(),
                rebuilt.path("identical").asBoolean(), rebuilt.path("position").asLong(), lines);
    }
}
