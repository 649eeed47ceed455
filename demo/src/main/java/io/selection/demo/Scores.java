package io.selection.demo;

import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Reviewer;
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
 * A round of scores, as the preliminary and the final review both give them: each reviewer's score
 * near the work's quality, a few of them revised, all sent as their reviewers, several at a time
 * (one request per score, as a reviewer's form does), with a line at each quarter of a long round.
 */
final class Scores {

    private static final int THREADS = 8;

    private Scores() {
    }

    /** The first score of each of {@code reviewers} for a work of quality {@code quality}, into {@code round}. */
    static void score(EditionRun run, String workId, List<Reviewer> reviewers, double quality, double spread,
                      List<Score> round) {
        for (Reviewer r : reviewers) {
            round.add(new Score(workId, r.id(), Synth.score(quality + run.reviewerBias.get(r.id()), spread,
                    run.reviewerDecimals.get(r.id()), run.random), 1));
        }
    }

    /**
     * A few reviewers change their mind (one score in a hundred): each later score, drawn near the
     * work's quality with {@code spread}, replaces the earlier one. Then sends the round and the
     * revisions ({@code kind}: {@code preliminary-scores} or {@code final-scores}) and returns the revisions.
     */
    static List<Score> reviseAndSend(EditionRun run, String kind, List<Score> first, double spread, String what) {
        List<Score> second = new ArrayList<>();
        for (Score s : first) {
            if (run.random.nextInt(100) == 0) {
                second.add(new Score(s.workId(), s.reviewerId(), Synth.score(run.quality.get(s.workId()), spread,
                        run.reviewerDecimals.get(s.reviewerId()), run.random), 2));
            }
        }
        send(run, kind, first, what);
        send(run, kind, second, "revised " + what);
        return second;
    }

    private static void send(EditionRun run, String kind, List<Score> scores, String what) {
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
