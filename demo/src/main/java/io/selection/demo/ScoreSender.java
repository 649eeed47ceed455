package io.selection.demo;

import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends scores as their reviewers, several at a time (one request per score, as a reviewer's form
 * does), with a line at each quarter of a long round.
 */
final class ScoreSender {

    private static final int THREADS = 8;

    private ScoreSender() {
    }

    /** {@code kind}: {@code preliminary-scores} or {@code final-scores}; {@code what} names them on progress lines. */
    static void send(EditionRun run, String kind, List<Score> scores, String what) {
        if (scores.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger sent = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>(scores.size());
            for (Score s : scores) {
                futures.add(pool.submit(() -> {
                    run.api.post(run.path("/works/" + s.workId() + "/" + kind),
                            run.reviewerById.get(s.reviewerId()).account(), Map.of("score", s.score()), 201);
                    int n = sent.incrementAndGet();
                    int quarter = scores.size() / 4;
                    if (scores.size() >= 2000 && (n == quarter || n == 2 * quarter || n == 3 * quarter)) {
                        synchronized (run.out) {
                            run.out.printf(Locale.ROOT, "        ... %,d of %,d %s (%.0f/s)%n", n, scores.size(), what,
                                    n / ((System.nanoTime() - t0) / 1e9));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(ex.getCause());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while sending " + what);
        } finally {
            pool.shutdownNow();
        }
    }
}
