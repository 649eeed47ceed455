package io.selection.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps time while the votes go out: a line at every tenth of them and at least every few seconds
 * (sent, accepted, refused, rate, and with {@code --pace} where the pace stands), a line when the last
 * is decided, and, with a pace, holds the sender back until the share of the pace its votes stand
 * for has passed.
 */
final class VoteProgress {

    static final String INDENT = "        ";

    /** At least this often a line, when a tenth of the votes takes longer. */
    static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final long planned;
    private final int paceSeconds;
    private final LongSupplier nanoTime;
    private final LongConsumer sleepNanos;
    private final long started;
    private long sent;
    private int tenthsShown;
    private long lastLine;

    VoteProgress(PrintStream out, long planned, int paceSeconds, LongSupplier nanoTime, LongConsumer sleepNanos) {
        this.out = out;
        this.planned = planned;
        this.paceSeconds = paceSeconds;
        this.nanoTime = nanoTime;
        this.sleepNanos = sleepNanos;
        this.started = nanoTime.getAsLong();
        this.lastLine = started;
    }

    /** Progress on the real clock, starting now. */
    static VoteProgress start(PrintStream out, long planned, int paceSeconds) {
        return new VoteProgress(out, planned, paceSeconds, System::nanoTime, VoteProgress::sleep);
    }

    /** After each batch: the decisions so far. Prints a line when one is due, then keeps to the pace. */
    void sent(long accepted, long refused) {
        sent = accepted + refused;
        long now = nanoTime.getAsLong();
        int tenths = planned == 0 ? 10 : (int) (sent * 10 / planned);
        if (sent < planned && (tenths > tenthsShown || now - lastLine >= EVERY_NANOS)) {
            tenthsShown = tenths;
            lastLine = now;
            out.println(INDENT + String.format(Locale.ROOT, "votes: %,d of %,d sent (%d%%): %,d accepted, %,d refused; "
                            + "%,.0f votes/s%s", sent, planned, sent * 100 / planned, accepted, refused, rate(now),
                    paceSeconds > 0 ? String.format(Locale.ROOT, "; %.0f s of the %d s pace", seconds(now), paceSeconds)
                            : ""));
        }
        pace();
    }

    /** The line saying the vote is over. */
    void ended(long accepted, long refused) {
        long now = nanoTime.getAsLong();
        out.println(INDENT + String.format(Locale.ROOT, "voting ended after %.1f s: %,d sent, %,d accepted, %,d refused "
                + "(%,.0f votes/s)", seconds(now), accepted + refused, accepted, refused, rate(now)));
    }

    /** Votes per second since the start. */
    double rate() {
        return rate(nanoTime.getAsLong());
    }

    private double rate(long now) {
        return sent / Math.max(seconds(now), 1e-9);
    }

    private double seconds(long now) {
        return (now - started) / 1e9;
    }

    private void pace() {
        if (paceSeconds <= 0 || planned == 0) {
            return;
        }
        long due = started + (long) (paceSeconds * 1e9 * sent / planned);
        long wait = due - nanoTime.getAsLong();
        if (wait > 0) {
            sleepNanos.accept(wait);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
