package io.selection.audit.verifier;

import io.selection.audit.format.LogCodec;

import io.selection.events.VotesDecidedEvent;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule on the times of an edition's lines, as the server stamps them and the verifier checks
 * them (docs/rules.md, "Times of the lines"). A line's {@code at} is the server's clock when it
 * took the line's command (organisers' and reviewers' lines), or the latest {@code receivedAt} of
 * its votes (vote groups): a fact of the line's content, so {@code at} is derived, never free.
 *
 * <p>Lines are committed one at a time in log order, each after it was stamped. So no line can be
 * stamped later than a command line committed after it, except by the time that command waited
 * for its turn: at most {@link #MAX_BEHIND}. Vote groups may be stamped long before the lines
 * around them (a Kafka backlog read hours later keeps the broker's receipt time), never after:
 * the check runs at each command line, against the latest time of every line before it.
 *
 * <p>When a command line is found behind, the line to blame is the one that holds the latest time
 * when the command line agrees with every line before that one (a line dated ahead of both its
 * neighbours), and otherwise the command line itself (a line dated back).
 */
public final class LineTimes {

    /** How much earlier than a line before it a command line may be stamped. */
    public static final Duration MAX_BEHIND = Duration.ofMinutes(5);

    private Instant latest;
    private long latestSeq;
    /** The latest time of the lines before {@code latestSeq}. */
    private Instant beforeLatest;

    /** A line out of order, and why; null when the line fits. */
    public record Violation(long seq, String why) {
    }

    /**
     * Takes the next line: its place, its time as the line states it, and its event. Returns the
     * first rule it breaks, or null.
     */
    public Violation accept(long seq, String statedAt, io.selection.events.EditionEvent event) {
        Instant at = LogCodec.at(event);
        String derived = LogCodec.time(at);
        if (!java.util.Objects.equals(derived, statedAt)) {
            return new Violation(seq, "the line is dated " + statedAt + ", but "
                    + (event instanceof VotesDecidedEvent ? "the latest receivedAt of its votes is " : "its event says ")
                    + derived);
        }
        if (at == null) {
            return null;
        }
        Violation violation = null;
        if (!(event instanceof VotesDecidedEvent) && latest != null && at.plus(MAX_BEHIND).isBefore(latest)) {
            // latestSeq 0: the latest time is of lines that agree with each other, so this line is behind
            boolean aheadOfBoth = latestSeq != 0
                    && (beforeLatest == null || !at.plus(MAX_BEHIND).isBefore(beforeLatest));
            violation = aheadOfBoth
                    ? new Violation(latestSeq, "line " + latestSeq + " is dated " + LogCodec.time(latest)
                    + ", after line " + seq + " (" + derived + ") that was committed later, by more than "
                    + MAX_BEHIND.toMinutes() + " minutes")
                    : new Violation(seq, "the line is dated " + derived + ", more than " + MAX_BEHIND.toMinutes()
                    + " minutes before " + (latestSeq == 0 ? "the latest of the lines" : "line " + latestSeq)
                    + " (" + LogCodec.time(latest) + ") committed earlier");
            if (aheadOfBoth) { // judge the lines after by the ones that agree, not by the line blamed
                latest = beforeLatest;
                latestSeq = 0;
                beforeLatest = null;
            }
        }
        if (latest == null || at.isAfter(latest)) {
            beforeLatest = latest;
            latest = at;
            latestSeq = seq;
        }
        return violation;
    }
}
