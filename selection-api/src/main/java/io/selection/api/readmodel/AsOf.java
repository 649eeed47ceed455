package io.selection.api.readmodel;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.projections.PointInTime;
import io.selection.projections.ReadModelStore;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The read models of one edition as they stood right after a line of its log ({@code ?asOf=SEQ},
 * the export's seq) or at an instant ({@code ?asOf=INSTANT}, the last line at or before it):
 * lines read from the store in seq order and folded into a read model (decision 0016). The answer
 * names that point in the {@code Log-Size} and {@code Log-Digest} headers, so its body stays byte
 * for byte the body the server gave then.
 * <p>
 * A few folded points are kept ({@link #KEPT}; least recently used goes first) and serve as
 * checkpoints: a question about a seq that one of them stands at is answered from it as it is, and
 * a question about a later seq folds the nearest earlier one forward, reading only the lines after
 * it, as the live read models fold each new line into what they hold. A point is private to one fold
 * at a time: it is folded only while no question reads it, and read only when it is not being
 * folded, so an answer never sees a point move under it. Lines 1..seq of a log never change once
 * committed, so a point folded in several steps is the point folded in one.
 */
@Component
public class AsOf {

    public static final String LOG_SIZE = "Log-Size";
    public static final String LOG_DIGEST = "Log-Digest";

    /** Points kept: each holds one edition's read models as of one line, so only a few. */
    static final int KEPT = 4;

    /** One folded point: an edition's read models after line {@code seq}, with who is using it. */
    private static final class Kept {
        final String editionId;
        final PointInTime models;
        /** The lines folded in; while folding, the seq it is being folded to. */
        long seq;
        boolean folding;
        /** Questions reading it now: a point is folded further only when none is. */
        int readers;
        long lastUsed;

        Kept(String editionId, PointInTime models) {
            this.editionId = editionId;
            this.models = models;
        }
    }

    /** Guarded by itself. */
    private final List<Kept> kept = new ArrayList<>();
    private long uses;

    private final EditionLogs logs;
    private final ReadModelStore store;
    private final ReadModels readModels;

    public AsOf(EditionLogs logs, ReadModelStore store, ReadModels readModels) {
        this.logs = logs;
        this.store = store;
        this.readModels = readModels;
    }

    /** A folded point with the log size and digest it names. */
    public record Point(long seq, String digest, PointInTime models) {
    }

    /**
     * Asks {@code question} of the edition folded up to the point {@code asOf} names, and names that
     * point in the response's headers; 404 for an unknown edition, 400 for a point outside its log.
     * The point does not move while the question runs; the answer must not keep it (views are copies).
     */
    public <T> T ask(String editionId, String asOf, Function<PointInTime, T> question) {
        long seq = seq(editionId, asOf, "asOf");
        Kept point = borrow(editionId, seq);
        try {
            nameInHeaders(editionId, seq);
            return question.apply(point.models);
        } finally {
            release(point);
        }
    }

    /**
     * The seq {@code value} names (a seq, or an instant as {@link #ask} reads it), checked against the
     * edition's log; 404 for an unknown edition, and a bad value is refused naming {@code field}.
     */
    public long seq(String editionId, String value, String field) {
        readModels.edition(editionId);
        long size = logs.size(editionId);
        return seq(editionId, value.trim(), size, field);
    }

    /**
     * Two points of the edition's log, {@code from < to} (seqs as {@link #seq} gives them), and the
     * lines between: {@code atFrom} is asked at {@code from}, {@code between} is given every line
     * after {@code from} up to {@code to} in order, then {@code atTo} is asked at {@code to} with what
     * {@code atFrom} answered. When no other question reads the point at {@code from}, that very
     * point is folded on to {@code to} in the same read of the lines between: the log up to
     * {@code from} is read once, not twice. Otherwise (or when a kept point stands at {@code to}
     * already) the two points are taken as {@link #ask} takes them.
     */
    public <A, T> T between(String editionId, long from, long to, Function<Point, A> atFrom,
                            Consumer<EditionLogs.Stored> between, BiFunction<A, Point, T> atTo) {
        if (from >= to) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
        Kept point = borrow(editionId, from);
        A answered;
        try {
            answered = atFrom.apply(new Point(from, digest(editionId, from), point.models));
        } catch (RuntimeException | Error e) {
            release(point);
            throw e;
        }
        boolean foldOn;
        synchronized (kept) {
            // a point kept at "to" already spares the fold; the lines between are read either way
            foldOn = point.readers == 1 && find(editionId, to) == null;
            if (foldOn) {
                point.readers = 0;
                point.folding = true;
                point.seq = to;
            } else {
                release(point);
            }
        }
        if (foldOn) {
            foldOn(point, from + 1, to, between);
            try {
                return atTo.apply(answered, new Point(to, digest(editionId, to), point.models));
            } finally {
                release(point);
            }
        }
        logs.forEachEvent(editionId, from + 1, to, between);
        Kept later = borrow(editionId, to);
        try {
            return atTo.apply(answered, new Point(to, digest(editionId, to), later.models));
        } finally {
            release(later);
        }
    }

    /** Names the point {@code seq} of the edition in the answer's {@code Log-Size} and {@code Log-Digest} headers. */
    public void nameInHeaders(String editionId, long seq) {
        String digest = digest(editionId, seq);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(LOG_SIZE, String.valueOf(seq));
            attributes.getResponse().setHeader(LOG_DIGEST, digest);
        }
    }

    private String digest(String editionId, long seq) {
        return logs.readAtLeast(editionId, seq, kept -> kept.writer().digest(seq));
    }

    /**
     * A point of the edition at {@code seq} for the caller to read, until it is given back with
     * {@link #release}: a kept one standing there, else the nearest earlier one that nobody reads
     * folded forward, else a fresh one folded from line 1. A question about a point being folded
     * to that very seq waits for it rather than folding it again.
     */
    private Kept borrow(String editionId, long seq) {
        Kept point;
        synchronized (kept) {
            while (true) {
                Kept there = find(editionId, seq);
                if (there == null) {
                    break;
                }
                if (!there.folding) {
                    there.readers++;
                    there.lastUsed = ++uses;
                    return there;
                }
                try {
                    kept.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while another question folded line " + seq, e);
                }
            }
            point = null;
            for (Kept k : kept) {
                if (k.editionId.equals(editionId) && !k.folding && k.readers == 0 && k.seq < seq
                        && (point == null || k.seq > point.seq)) {
                    point = k;
                }
            }
            if (point == null) {
                point = new Kept(editionId, store.pointInTime(editionId));
                kept.add(point);
            }
            point.folding = true;
            point.seq = seq;
        }
        foldOn(point, point.models.lines() + 1, seq, line -> {
        });
        return point;
    }

    /**
     * Folds lines {@code first..point.seq} into a point marked as folding (nobody else reads or folds
     * it meanwhile), giving each line to {@code alsoEach} too; then the caller reads it. A fold that
     * fails leaves the point half folded: it is dropped.
     */
    private void foldOn(Kept point, long first, long to, Consumer<EditionLogs.Stored> alsoEach) {
        try {
            logs.forEachEvent(point.editionId, first, to, line -> {
                point.models.apply(line.seq(), line.at(), line.event());
                alsoEach.accept(line);
            });
        } catch (RuntimeException | Error e) {
            synchronized (kept) {
                kept.remove(point);
                kept.notifyAll();
            }
            throw e;
        }
        synchronized (kept) {
            point.folding = false;
            point.readers = 1;
            point.lastUsed = ++uses;
            shed();
            kept.notifyAll();
        }
    }

    /** Gives a point back; past {@link #KEPT}, the least recently used points nobody reads are dropped. */
    private void release(Kept point) {
        synchronized (kept) {
            point.readers--;
            shed();
        }
    }

    /** The point of the edition at {@code seq}, folded or being folded to it, or null. Holds the lock. */
    private Kept find(String editionId, long seq) {
        for (Kept k : kept) {
            if (k.editionId.equals(editionId) && k.seq == seq) {
                return k;
            }
        }
        return null;
    }

    /** Holds the lock. */
    private void shed() {
        while (kept.size() > KEPT) {
            Kept oldest = null;
            for (Kept k : kept) {
                if (!k.folding && k.readers == 0 && (oldest == null || k.lastUsed < oldest.lastUsed)) {
                    oldest = k;
                }
            }
            if (oldest == null) {
                return; // every point is in use: the extra ones go when given back
            }
            kept.remove(oldest);
        }
    }

    private long seq(String editionId, String asOf, long size, String field) {
        long seq;
        if (asOf.matches("-?[0-9]{1,18}")) {
            seq = Long.parseLong(asOf);
        } else {
            Instant instant = instant(asOf, field);
            seq = logs.lastSeqAt(editionId, instant);
            if (seq == 0) {
                throw DomainException.invalid(field, ApiPhrase.NO_LINE_BEFORE, editionId, asOf);
            }
        }
        if (seq < 1 || seq > size) {
            throw DomainException.invalid(field, ApiPhrase.AS_OF_RANGE, field, size, asOf);
        }
        return seq;
    }

    private static Instant instant(String asOf, String field) {
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            throw DomainException.invalid(field, ApiPhrase.AS_OF_FORMAT, field, asOf);
        }
    }
}
