package io.selection.api.config;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a background thread that works on the store without interrupting it: an interrupted file
 * read or write can close an H2 database under every other user of it (decision 18), and a test
 * JVM opens the same file again right after a context closes. The thread pauses on this signal
 * instead of sleeping, and checks it between passes; stopping wakes it, and the caller waits for the
 * pass under way to end.
 */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** True once {@link #stop} was called. */
    public boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits {@code millis}, or less if stopped meanwhile; true when stopping. */
    public boolean pause(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Tells the thread to stop and waits at most {@code joinMillis} for its pass under way to end. */
    public void stop(Thread thread, long joinMillis) throws InterruptedException {
        stopped.countDown();
        if (thread != null) {
            thread.join(joinMillis);
        }
    }
}
