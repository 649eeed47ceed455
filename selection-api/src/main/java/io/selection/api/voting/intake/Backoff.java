package io.selection.api.voting.intake;

/**
 * How long a door's thread waits before it tries its store again after a failure: doubling from
 * {@code first} to at most {@code max}, back to {@code first} after a success. The wait ends early
 * when the door stops ({@link #wake()}).
 */
final class Backoff {

    private final long first;
    private final long max;
    private long next;

    Backoff(long firstMillis, long maxMillis) {
        this.first = firstMillis;
        this.max = maxMillis;
        this.next = firstMillis;
    }

    /** The wait the next {@link #pause()} will take, in milliseconds. */
    synchronized long nextMillis() {
        return next;
    }

    /** The current delay, in milliseconds; the next one is doubled (for a caller that waits in its own way). */
    synchronized long advance() {
        long now = next;
        next = Math.min(max, next * 2);
        return now;
    }

    synchronized void reset() {
        next = first;
    }

    /** Waits the current delay (or until woken), then doubles it. */
    synchronized void pause() throws InterruptedException {
        long until = System.nanoTime() + next * 1_000_000;
        next = Math.min(max, next * 2);
        long left;
        while ((left = until - System.nanoTime()) > 0 && !woken) {
            wait(Math.max(1, left / 1_000_000));
        }
        woken = false;
    }

    private boolean woken;

    synchronized void wake() {
        woken = true;
        notifyAll();
    }
}
