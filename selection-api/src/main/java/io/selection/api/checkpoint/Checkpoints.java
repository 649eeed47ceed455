package io.selection.api.checkpoint;

import io.selection.api.config.SelectionProperties;
import io.selection.api.log.EditionLogs;
import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.NoteKey;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.audit.proofs.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Each edition's signed checkpoints: the log's origin ({@code <log name>/<edition>}), a tree size and
 * the RFC 9162 root of that many line hashes, signed with the {@link LogKey} as a C2SP signed note
 * and kept (insert only) in {@code edition_checkpoint}. A new one is signed after every command that
 * publishes a list ({@link #cover}), at the size of an export that asks for one ({@link #at}), and
 * in the background at least every {@code selection.checkpoints.every-seconds} while the log grows.
 * Checkpoints live beside the log, not in it: signing one changes no line, no digest and no replay.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    /** A signed checkpoint: its tree size and the note. */
    public record Signed(long size, String note) {
    }

    private final JdbcTemplate jdbc;
    private final EditionLogs logs;
    private final LogKey key;
    private final Clock clock;
    private final long everyMillis;
    private volatile Thread signer;
    private final io.selection.api.config.StopSignal stop = new io.selection.api.config.StopSignal();

    /** Failed passes of the background signer, each retried: {@code selection.checkpoints.failures}. */
    private final io.micrometer.core.instrument.Counter failures;
    /** When the background signer last finished a pass over every edition (epoch seconds; 0 before the first). */
    private final java.util.concurrent.atomic.AtomicLong lastPass = new java.util.concurrent.atomic.AtomicLong();

    public Checkpoints(JdbcTemplate jdbc, EditionLogs logs, LogKey key, Clock clock, SelectionProperties properties,
                       io.micrometer.core.instrument.MeterRegistry meters) {
        this.failures = io.micrometer.core.instrument.Counter.builder("selection.checkpoints.failures")
                .description("failed passes of the checkpoint signer, each retried").register(meters);
        io.micrometer.core.instrument.Gauge.builder("selection.checkpoints.pass.age", this,
                        c -> c.lastPass.get() == 0 ? Double.NaN : c.clock.instant().getEpochSecond() - c.lastPass.get())
                .description("seconds since the checkpoint signer last signed every growing edition")
                .baseUnit("seconds").register(meters);
        this.jdbc = jdbc;
        this.logs = logs;
        this.key = key;
        this.clock = clock;
        this.everyMillis = properties.checkpoints().everySeconds() * 1000;
    }

    public LogKey key() {
        return key;
    }

    /** The edition's origin: {@code <log name>/<edition>}. */
    public String origin(String editionId) {
        return Checkpoint.origin(key.logName(), editionId);
    }

    /** The latest signed checkpoint, or null before the first. */
    public Signed latest(String editionId) {
        List<Signed> found = jdbc.query("SELECT tree_size, note FROM edition_checkpoint WHERE edition_id = ? "
                        + "ORDER BY edition_id DESC, tree_size DESC LIMIT 1",
                (rs, n) -> new Signed(rs.getLong(1), rs.getString(2)), editionId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every signed checkpoint of at most {@code size} lines, smallest first. */
    public List<Signed> upTo(String editionId, long size) {
        return jdbc.query("SELECT tree_size, note FROM edition_checkpoint WHERE edition_id = ? AND tree_size <= ? "
                + "ORDER BY tree_size", (rs, n) -> new Signed(rs.getLong(1), rs.getString(2)), editionId, size);
    }

    /**
     * The checkpoint of the log's first {@code size} lines, signed now if none is kept yet; null for
     * an empty log. The root is the kept line hashes' (the log as the store holds it, read behind no
     * gate: a size already committed never changes).
     */
    public Signed at(String editionId, long size) {
        if (size < 1) {
            return null;
        }
        List<String> kept = jdbc.queryForList("SELECT note FROM edition_checkpoint WHERE edition_id = ? "
                + "AND tree_size = ?", String.class, editionId, size);
        if (!kept.isEmpty()) {
            return new Signed(size, kept.get(0));
        }
        String digest = logs.readAtLeast(editionId, size, k -> k.writer().digest(size));
        Checkpoint checkpoint = new Checkpoint(origin(editionId), size, Hex.parse(digest));
        String note = SignedNote.sign(checkpoint.text(), key.signer());
        try {
            jdbc.update("INSERT INTO edition_checkpoint (edition_id, tree_size, note, signed_at) VALUES (?, ?, ?, ?)",
                    editionId, size, note, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException signedByAnotherCaller) {
            // the same log and key sign a size to the same note: the first one stands
        }
        return new Signed(size, note);
    }

    /** When each edition last had a checkpoint signed on demand (receipts of votes newer than every checkpoint). */
    private final java.util.Map<String, java.time.Instant> lastOnDemand = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * As {@link #at}, for a caller that may ask at any rate (a receipt of a vote newer than every
     * checkpoint): a size not signed yet is signed at most once a second per edition; sooner, the
     * caller is told to ask again ({@code 503} with {@code Retry-After}), so receipts cannot make a
     * checkpoint of every vote.
     */
    public Signed onDemand(String editionId, long size) {
        List<String> kept = jdbc.queryForList("SELECT note FROM edition_checkpoint WHERE edition_id = ? "
                + "AND tree_size = ?", String.class, editionId, size);
        if (!kept.isEmpty()) {
            return new Signed(size, kept.get(0));
        }
        java.time.Instant now = clock.instant();
        java.time.Instant last = lastOnDemand.get(editionId);
        if (last != null && now.isBefore(last.plusSeconds(1))
                || !(last == null ? lastOnDemand.putIfAbsent(editionId, now) == null
                : lastOnDemand.replace(editionId, last, now))) {
            throw new io.selection.api.web.Unavailable("the vote is newer than edition " + editionId
                    + "'s latest signed checkpoint, and one was signed on demand less than a second ago; ask again", 1);
        }
        return at(editionId, size);
    }

    /** The note with every cosignature accepted for its size after the log's own signature line. */
    public Signed cosigned(String editionId, Signed signed) {
        if (signed == null) {
            return null;
        }
        List<String> lines = jdbc.queryForList("SELECT line FROM edition_cosignature WHERE edition_id = ? "
                + "AND tree_size = ? ORDER BY witness", String.class, editionId, signed.size());
        return lines.isEmpty() ? signed : new Signed(signed.size(), signed.note() + String.join("", lines));
    }

    /** The witnesses' cosignatures accepted so far for the checkpoint of {@code size} (each line with its newline). */
    public int cosignatures(String editionId, long size) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM edition_cosignature WHERE edition_id = ? AND tree_size = ?",
                Integer.class, editionId, size);
        return n == null ? 0 : n;
    }

    /**
     * Takes a witness's cosignature: {@code note} is a checkpoint the log signed, with the witness's
     * cosignature line(s) after the log's. Refused with 403 unless every other line is a configured
     * witness's and verifies; 409 CHECKPOINT_MISMATCH unless it is a checkpoint the log signed, of this
     * edition. Stores each witness's line once (a second cosignature of the same size by the same
     * witness is dropped). Answers how many witnesses now cosign that size.
     */
    public int acceptCosignature(String editionId, String note) {
        List<NoteKey> keys = new java.util.ArrayList<>(key.witnessKeys());
        keys.add(key.verifierKey());
        SignedNote.Opened opened;
        Checkpoint checkpoint;
        try {
            opened = SignedNote.open(note, keys);
            checkpoint = Checkpoint.of(opened);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not verify")) {
                throw new DomainException(ErrorCode.FORBIDDEN, "a cosignature that does not verify: " + e.getMessage(),
                        "body", List.of());
            }
            throw DomainException.invalid("body", "not a cosigned checkpoint: " + e.getMessage());
        }
        if (!opened.others().isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "cosigned by " + opened.others().get(0).name()
                    + ", which is not a witness this log accepts", "body", List.of());
        }
        List<SignedNote.Line> witnessLines = opened.verified().stream()
                .filter(l -> !(l.name().equals(key.verifierKey().name()) && l.keyId() == key.verifierKey().keyId()))
                .toList();
        if (witnessLines.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "no cosignature of a witness this log accepts", "body",
                    List.of());
        }
        List<String> kept = jdbc.queryForList("SELECT note FROM edition_checkpoint WHERE edition_id = ? AND tree_size = ?",
                String.class, editionId, checkpoint.size());
        if (!opened.signedBy(key.verifierKey()) || kept.isEmpty() || !origin(editionId).equals(checkpoint.origin())
                || !Checkpoint.parse(kept.get(0).substring(0, kept.get(0).indexOf("\n\n") + 1)).equals(checkpoint)) {
            throw new DomainException(ErrorCode.CHECKPOINT_MISMATCH, "not a checkpoint this log signed for edition "
                    + editionId + " (size " + checkpoint.size() + ")", "body", List.of());
        }
        for (SignedNote.Line line : witnessLines) {
            try {
                jdbc.update("INSERT INTO edition_cosignature (edition_id, tree_size, witness, line, received_at) "
                        + "VALUES (?, ?, ?, ?, ?)", editionId, checkpoint.size(), line.name(), line.text(),
                        Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException cosignedBefore) {
                // the witness's first cosignature of this size stands
            }
        }
        return cosignatures(editionId, checkpoint.size());
    }

    /** Signs the log as it stands, unless the latest checkpoint has its size already; the latest after. */
    public Signed signHead(String editionId) {
        return at(editionId, logs.size(editionId));
    }

    /**
     * After a command that published a list: a checkpoint of the log with it. A failure here leaves
     * the command standing (it is durable already) and the background signer covers it on its next pass.
     */
    public void cover(String editionId) {
        try {
            // the size each list just published rests on, signed too: its logDigest is then a signed root
            long head = logs.size(editionId);
            for (long seq = head; seq >= Math.max(1, head - 3); seq--) {
                io.selection.events.Published published = io.selection.events.Published.carriedBy(logs.event(editionId, seq));
                if (published != null && published.logSize() != null) {
                    at(editionId, published.logSize());
                }
            }
            signHead(editionId);
        } catch (RuntimeException e) {
            log.warn("signing a checkpoint of edition {} after a publication failed; the next pass signs it",
                    editionId, e);
        }
    }

    /** Signs each growing edition's log at least every {@code every-seconds}. */
    @EventListener(ApplicationReadyEvent.class)
    public void startSigner() {
        Thread t = new Thread(() -> {
            while (!stop.stopping()) {
                try {
                    for (String editionId : jdbc.queryForList("SELECT DISTINCT edition_id FROM edition_log",
                            String.class)) {
                        Signed latest = latest(editionId);
                        long size = logs.size(editionId);
                        if (latest == null || latest.size() < size) {
                            at(editionId, size);
                        }
                    }
                    lastPass.set(clock.instant().getEpochSecond());
                    stop.pause(everyMillis);
                } catch (RuntimeException e) {
                    if (!stop.stopping()) {
                        failures.increment();
                        log.warn("signing checkpoints failed; trying again in {} ms", everyMillis, e);
                        stop.pause(everyMillis);
                    }
                }
            }
        }, "checkpoint-signer");
        t.setDaemon(true);
        signer = t;
        t.start();
    }

    /**
     * Stops the signer with the application (a test JVM holds several); never by interrupting it,
     * which could close the H2 file in the middle of a write.
     */
    @jakarta.annotation.PreDestroy
    public void stopSigner() throws InterruptedException {
        stop.stop(signer, 5_000);
    }
}
