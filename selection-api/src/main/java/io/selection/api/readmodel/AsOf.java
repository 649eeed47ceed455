package io.selection.api.readmodel;

import io.selection.api.audit.EditionLogs;
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

/**
 * The read models of one edition as they stood right after a line of its log ({@code ?asOf=SEQ},
 * the export's seq) or at an instant ({@code ?asOf=INSTANT}, the last line at or before it):
 * lines 1..seq read from the store in seq order and folded into a fresh read model (decision
 * 0016). The answer names that point in the {@code Log-Size} and {@code Log-Digest} headers, so
 * its body stays byte for byte the body the server gave then. The last few points folded are
 * kept (a page asks several lists at one point): lines 1..seq of a log never change once
 * committed, so a kept point stays right; a kept point is never folded further, as another
 * question may still be reading it.
 */
@Component
public class AsOf {

    public static final String LOG_SIZE = "Log-Size";
    public static final String LOG_DIGEST = "Log-Digest";

    /** Points kept: each holds one edition's read models as of one line, so only a few. */
    static final int KEPT = 4;

    private final java.util.Map<String, PointInTime> kept = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, PointInTime> eldest) {
            return size() > KEPT;
        }
    };

    private final EditionLogs logs;
    private final ReadModelStore store;
    private final ReadModels readModels;

    public AsOf(EditionLogs logs, ReadModelStore store, ReadModels readModels) {
        this.logs = logs;
        this.store = store;
        this.readModels = readModels;
    }

    /** The edition folded up to the point {@code asOf} names; 404 for an unknown edition, 400 for a point outside its log. */
    public PointInTime at(String editionId, String asOf) {
        Point point = point(editionId, asOf, "asOf");
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(LOG_SIZE, String.valueOf(point.seq()));
            attributes.getResponse().setHeader(LOG_DIGEST, point.digest());
        }
        return point.models();
    }

    /** A folded point with the log size and digest it names. */
    public record Point(long seq, String digest, PointInTime models) {
    }

    /**
     * The point {@code value} names, as {@link #at} reads it, without setting headers (a question
     * about two points, such as a diff, names both in its body); a bad value is refused naming {@code field}.
     */
    public Point point(String editionId, String value, String field) {
        readModels.edition(editionId);
        long size = logs.size(editionId);
        long seq = seq(editionId, value.trim(), size, field);
        PointInTime point = folded(editionId, seq);
        String digest = logs.readAtLeast(editionId, seq, kept -> kept.writer().digest(seq));
        return new Point(seq, digest, point);
    }

    /**
     * The line {@code value} names (a seq, or the last line at or before an instant), checked
     * against the edition's log as it stands: 404 for an unknown edition, 400 naming {@code field}.
     */
    public long line(String editionId, String value, String field) {
        readModels.edition(editionId);
        return seq(editionId, value.trim(), logs.size(editionId), field);
    }

    private PointInTime folded(String editionId, long seq) {
        String key = seq + "@" + editionId;
        synchronized (kept) {
            PointInTime point = kept.get(key);
            if (point != null) {
                return point;
            }
        }
        PointInTime point = store.pointInTime(editionId);
        logs.forEach(editionId, 1, seq, line -> point.apply(line.seq(), line.at(), line.event()));
        synchronized (kept) {
            kept.putIfAbsent(key, point);
        }
        return point;
    }

    private long seq(String editionId, String asOf, long size, String field) {
        long seq;
        if (asOf.matches("-?[0-9]{1,18}")) {
            seq = Long.parseLong(asOf);
        } else {
            Instant instant = instant(asOf, field);
            seq = logs.lastSeqAt(editionId, instant);
            if (seq == 0) {
                throw DomainException.invalid(field, "edition " + editionId + " has no line at or before " + asOf);
            }
        }
        if (seq < 1 || seq > size) {
            throw DomainException.invalid(field, field + " must be a seq from 1 to " + size
                    + " (the edition's log size) or an ISO-8601 instant; got " + asOf);
        }
        return seq;
    }

    private static Instant instant(String asOf, String field) {
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            throw DomainException.invalid(field, field + " must be a seq of the edition's log or an ISO-8601 instant"
                    + " such as 2024-05-01T18:00:00Z; got " + asOf);
        }
    }
}
