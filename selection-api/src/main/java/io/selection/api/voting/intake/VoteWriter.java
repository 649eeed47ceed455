package io.selection.api.voting.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * Commits decided vote groups on its own thread, strictly in the order they were decided, while the
 * door's thread decides the next ones: deciding and committing overlap. Once a commit fails, every
 * group decided after it (on top of decisions that were not made durable) is failed too, without a
 * write, until the door has rebuilt its lanes from the log and calls {@link #recovered()}.
 */
final class VoteWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoteWriter.class);

    /** Decided groups and what to do once they are durable, or are not. */
    interface Job {
        LaneCommitter.Decided decided();

        /** Called on the writer's thread once the decisions are durable. */
        void committed();

        /** Called on the writer's thread when they were not written (their own failure, or an earlier one). */
        void failed(RuntimeException cause);

        /** Why the job must not be written at all (its decisions are incomplete), or null. */
        default RuntimeException poisoned() {
            return null;
        }

        static Job of(LaneCommitter.Decided decided, Runnable onCommitted,
                      java.util.function.Consumer<RuntimeException> onFailed) {
            return new Job() {
                @Override
                public LaneCommitter.Decided decided() {
                    return decided;
                }

                @Override
                public void committed() {
                    onCommitted.run();
                }

                @Override
                public void failed(RuntimeException cause) {
                    onFailed.accept(cause);
                }
            };
        }
    }

    /** What a group decided after a failed one is failed with. */
    static final class Discarded extends RuntimeException {
        Discarded(RuntimeException cause) {
            super("decided after a group that failed to commit", cause, false, false);
        }
    }

    private final LaneCommitter committer;
    /** Jobs waiting to be written, oldest first; guarded by this. */
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final int depth;
    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean running = true;
    private int pending;

    VoteWriter(LaneCommitter committer, String name, int depth) {
        this.committer = committer;
        this.depth = depth;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the job; waits while {@code depth} jobs are already waiting. */
    synchronized void submit(Job job) throws InterruptedException {
        while (queue.size() >= depth) {
            wait();
        }
        queue.addLast(job);
        pending++;
        notifyAll();
    }

    /**
     * Hands {@code extend} the newest job not yet taken by the writer, if there is one and no commit
     * has failed, and returns what it returns: the job is not taken while {@code extend} runs, so
     * what it adds is written with the rest of the job, in one transaction.
     */
    synchronized boolean extendWaiting(Predicate<Job> extend) {
        Job newest = queue.peekLast();
        return newest != null && failure == null && extend.test(newest);
    }

    /** True once a commit failed, until {@link #recovered()}. */
    boolean failed() {
        return failure != null;
    }

    /** Waits until every job submitted so far has been committed or failed. */
    synchronized void awaitIdle() throws InterruptedException {
        while (pending > 0) {
            wait(1000);
        }
    }

    /** The door has rebuilt its lanes from the log: commit again. Only while idle. */
    synchronized void recovered() {
        if (pending > 0) {
            throw new IllegalStateException("jobs are still in flight");
        }
        failure = null;
    }

    private void run() {
        while (true) {
            Job job;
            synchronized (this) {
                while (queue.isEmpty()) {
                    if (!running) {
                        return;
                    }
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                job = queue.pollFirst(); // taken: nothing is added to it any more
                notifyAll();
            }
            try {
                RuntimeException earlier = failure;
                RuntimeException poison = job.poisoned();
                if (earlier != null) {
                    job.failed(new Discarded(earlier));
                } else if (poison != null) {
                    failure = poison;
                    job.failed(poison);
                } else {
                    try {
                        committer.commit(job.decided());
                    } catch (Throwable t) { // even an Error: the door must learn of it, not wait forever
                        RuntimeException e = t instanceof RuntimeException r ? r
                                : new IllegalStateException("committing a vote group failed", t);
                        failure = e;
                        job.failed(e);
                        continue;
                    }
                    job.committed();
                }
            } catch (Throwable e) {
                log.error("a vote writer callback failed", e);
            } finally {
                synchronized (this) {
                    pending--;
                    notifyAll();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        thread.join(30_000);
    }
}
