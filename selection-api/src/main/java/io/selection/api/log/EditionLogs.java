package io.selection.api.log;

import io.selection.api.config.CommittedPayloads;
import io.selection.api.config.SelectionProperties;
import io.selection.events.VotesDecidedEvent;
import io.selection.api.web.ReadModels;
import io.selection.audit.format.Hex;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LogWriter;
import io.selection.events.EditionEvent;
import io.selection.recount.Recount;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Each edition's log as auditors see it, read from the store itself in seq order (never from a
 * read model): the events a few at a time, and per edition a kept {@link LogWriter} (line hashes:
 * digests and proofs) and {@link Recount} (the lists), caught up with the store whenever asked.
 * Read behind the edition's gate, they give exactly the log a command rests on. Catching up also
 * seals new lines: their hash and chain are written once, so a payload changed in the store
 * later shows in the export and the audit at its own seq.
 */
@Component
public class EditionLogs {

    private static final Logger log = LoggerFactory.getLogger(EditionLogs.class);

    /** Events a page: a vote group is up to 20,000 decisions, so pages stay small. */
    private static final int PAGE = 8;

    /**
     * What is kept of one edition's log: the line hashes, and a recount of its lists without the
     * votes (what was published, and when). Vote counts are recounted from the store when a
     * command needs them ({@link #recountAll}): keeping them would hold a second table of every
     * vote id for the whole vote.
     */
    public static final class Kept {
        private final LogWriter writer;
        private final Recount recount = Recount.listsOnly();
        /** The seq of the latest line that published a list (0: none yet). */
        private long lastPublished;

        private Kept(io.selection.audit.format.Pseudonyms pseudonyms) {
            this.writer = new LogWriter(pseudonyms);
        }

        /** The seq of the latest line that published a list (shortlist, amendment, invalidation, tallies, results); 0 before the first. */
        public long lastPublished() {
            return lastPublished;
        }
        /** Each line's {@code at} as the export shows it, by seq - 1. */
        private java.time.Instant[] times = new java.time.Instant[256];

        private void time(long seq, String at) {
            int i = Math.toIntExact(seq - 1);
            if (i == times.length) {
                times = java.util.Arrays.copyOf(times, i * 2);
            }
            times[i] = at == null ? java.time.Instant.MIN : java.time.Instant.parse(at);
        }

        /**
         * How many lines, from line 1 on, have an {@code at} at or before {@code instant}: the log as
         * it stood then, read off the lines' own times (what the export shows), so anyone can find
         * the same point in the export. A line timed after the instant ends the run, even if a later
         * line is timed before it.
         */
        public long linesAtOrBefore(java.time.Instant instant) {
            long size = writer.size();
            for (int i = 0; i < size; i++) {
                if (times[i].isAfter(instant)) {
                    return i;
                }
            }
            return size;
        }

        public LogWriter writer() {
            return writer;
        }

        /** The lists as the log published them; counts no votes. */
        public Recount recount() {
            return recount;
        }
    }

    /**
     * A full recount of the first {@code size} lines, votes included, read from the store now;
     * {@code alsoEach} sees every line on the way (one pass for a command that also looks for
     * votes). Behind the voting gate this is the log as it stands.
     */
    public Recount recountAll(String editionId, long size, Consumer<Stored> alsoEach) {
        Recount recount = new Recount();
        forEach(editionId, 1, size, stored -> {
            recount.apply(stored.seq(), stored.event());
            alsoEach.accept(stored);
        });
        return recount;
    }

    /** One line read from the store: its event, the time the store gave it, and its seal when it has one. */
    public record Stored(long seq, EditionEvent event, String sealedHash, String sealedChain, String timeStamp) {

        /**
         * The time the store gave the event, parsed when asked (the export and the seals never ask).
         * Axon writes it as {@code 2024-02-27T02:00:00.123Z}, which the fast parser reads (Axon's
         * general formatter was a sixth of an as-of fold); any other form goes to Axon's parser.
         */
        public java.time.Instant at() {
            return timeStamp.endsWith("Z") ? io.selection.api.config.StrictJsonConfig.parseIso(timeStamp)
                    : org.axonframework.common.DateTimeUtils.parseInstant(timeStamp);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate sealing;
    private final Serializer serializer;
    private final long sealMillis;
    private final long awaitMillis;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final LogFormats formats;
    private final CommittedPayloads payloads;
    private volatile Thread sealer;
    private final io.selection.api.config.StopSignal stop = new io.selection.api.config.StopSignal();

    private static final String VOTES_DECIDED = VotesDecidedEvent.class.getName();

    public EditionLogs(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                       SelectionProperties properties, LogFormats formats, CommittedPayloads payloads,
                       PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.sealing = new TransactionTemplate(transactions);
        this.payloads = payloads;
        this.formats = formats;
        this.serializer = serializer;
        this.sealMillis = properties.audit() == null ? 1000 : properties.audit().sealMillis();
        this.awaitMillis = properties.readModels().awaitMillis();
    }

    /**
     * The number of lines of the edition's log committed so far: the last seq, read from the end of
     * the primary key (H2 computes {@code MAX(seq) ... WHERE edition_id = ?} by scanning all the
     * edition's rows; this order is read from the index, one row).
     */
    public long size(String editionId) {
        List<Long> last = jdbc.queryForList("SELECT seq FROM edition_log WHERE edition_id = ? "
                + "ORDER BY edition_id DESC, seq DESC LIMIT 1", Long.class, editionId);
        return last.isEmpty() ? 0 : last.get(0);
    }

    /** Catches the kept log up with the store, then asks it a question, one caller at a time per edition. */
    public <T> T read(String editionId, Function<Kept, T> question) {
        Kept k = kept.computeIfAbsent(editionId, e -> new Kept(formats.pseudonyms(e)));
        synchronized (k) {
            long size = size(editionId);
            if (k.writer.size() < size) {
                List<String[]> seals = new ArrayList<>();
                try {
                    // the kept log takes this instance's just-committed vote groups as written (decision 23);
                    // exports, audits and recounts read every payload from the store itself
                    forEach(editionId, k.writer.size() + 1, size, true, true, stored -> {
                        LogLine line = k.writer.next(stored.event());
                        k.time(stored.seq(), line.at());
                        k.recount.apply(stored.seq(), stored.event());
                        if (io.selection.events.Published.carriedBy(stored.event()) != null) {
                            k.lastPublished = stored.seq();
                        }
                        if (stored.sealedHash() == null) {
                            seals.add(new String[]{String.valueOf(stored.seq()), line.hash(), line.chain()});
                        }
                    });
                } catch (RuntimeException | Error e) {
                    // a line half folded in leaves the kept log wrong: the next reader starts afresh
                    kept.remove(editionId, k);
                    throw e;
                }
                seal(editionId, seals);
            }
            return question.apply(k);
        }
    }

    /**
     * As {@link #read}, once the kept log holds at least {@code lines} lines: for a question about
     * a size some other reader (the read models) has seen. The store is asked again until it shows
     * them, for at most the read models' wait; then the answer fails loudly rather than naming a
     * digest of a log it has not read.
     */
    public <T> T readAtLeast(String editionId, long lines, Function<Kept, T> question) {
        long deadline = System.nanoTime() + awaitMillis * 1_000_000;
        while (true) {
            T answer = read(editionId, k -> k.writer.size() >= lines ? question.apply(k) : null);
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new ReadModels.ReadModelsBehind("the read models have folded " + lines + " lines of edition "
                        + editionId + ", the store shows " + size(editionId) + " after " + awaitMillis
                        + " ms; ask again later");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // ask the store again in 2 ms
        }
    }

    /**
     * A writer of the edition's export format that goes on after the given line hashes: the
     * lines it writes are those the kept log hashed.
     */
    public LogWriter writer(String editionId, List<byte[]> earlierHashes) {
        return new LogWriter(formats.pseudonyms(editionId), earlierHashes);
    }

    /**
     * The event as the edition's export shows it, read back (in the public log, an invalidation's
     * key and set id as pseudonyms): for views that anyone may read, so they say what the export says.
     */
    public EditionEvent asLogged(String editionId, long seq, EditionEvent event) {
        return io.selection.audit.format.LogCodec.asLogged(seq, event, formats.pseudonyms(editionId));
    }

    /** The line hashes of the first {@code size} lines (for a resumed export). */
    public List<byte[]> hashes(String editionId, long size) {
        return read(editionId, k -> List.copyOf(k.writer.hashes().subList(0, (int) size)));
    }

    /**
     * Streams lines {@code from..to} from the store in order, a few events at a time. Each page asks
     * for a closed range of seqs ({@code next..next+PAGE-1}), not for "the next PAGE lines after
     * next": H2 does not read a {@code LIMIT} over this join in index order, so every such page
     * joined and sorted all the lines from {@code next} to {@code to} to keep eight of them
     * (quadratic: a median of 35 s for the export of the demo's 12,807 lines, 1 s now; see
     * docs/performance.md). Seqs have no gaps, so the range holds exactly the page, and a gap still
     * shows as a missing line.
     */
    public void forEach(String editionId, long from, long to, Consumer<Stored> sink) {
        forEach(editionId, from, to, true, false, sink);
    }

    /**
     * As {@link #forEach}, without the seals (each line's {@code sealedHash} and {@code sealedChain}
     * are null), a look-up fewer a line: for folds, which never read them.
     */
    public void forEachEvent(String editionId, long from, long to, Consumer<Stored> sink) {
        forEach(editionId, from, to, false, false, sink);
    }

    private void forEach(String editionId, long from, long to, boolean seals, boolean committed,
                         Consumer<Stored> sink) {
        String sql = "SELECT l.seq, e.payload_type, e.payload_revision, e.payload, "
                + (seals ? "s.line_hash, s.chain" : "NULL, NULL") + ", e.time_stamp, e.event_identifier FROM edition_log l "
                + "JOIN domain_event_entry e ON e.event_identifier = l.event_identifier "
                + (seals ? "LEFT JOIN edition_log_seal s ON s.edition_id = l.edition_id AND s.seq = l.seq " : "")
                + "WHERE l.edition_id = ? AND l.seq >= ? AND l.seq <= ? ORDER BY l.seq";
        long next = from;
        while (next <= to) {
            List<Object[]> page = jdbc.query(sql,
                    (rs, n) -> {
                        String type = rs.getString(2);
                        VotesDecidedEvent held = committed && VOTES_DECIDED.equals(type)
                                ? payloads.takeForLog(rs.getString(8)) : null;
                        return new Object[]{rs.getLong(1), type, rs.getString(3), held != null ? held : rs.getBytes(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)};
                    },
                    editionId, next, Math.min(to, next + PAGE - 1));
            if (page.isEmpty()) {
                throw new IllegalStateException("edition " + editionId + " has no line " + next + " in the store");
            }
            for (Object[] row : page) {
                long seq = (Long) row[0];
                if (seq != next) {
                    throw new IllegalStateException("edition " + editionId + " has no line " + next + " in the store");
                }
                sink.accept(new Stored(seq, event(row), (String) row[4], (String) row[5], (String) row[6]));
                next++;
            }
        }
    }

    /**
     * The last seq of the longest run of lines from line 1 whose time ({@code at}, as the export
     * shows it) is at or before {@code instant}, or 0.
     */
    public long lastSeqAt(String editionId, java.time.Instant instant) {
        return read(editionId, k -> k.linesAtOrBefore(instant));
    }

    /** One line's event. */
    public EditionEvent event(String editionId, long seq) {
        EditionEvent[] found = new EditionEvent[1];
        forEach(editionId, seq, seq, stored -> found[0] = stored.event());
        return found[0];
    }

    /**
     * Lines {@code from..to} as export lines: hashed and chained by {@code writer}, which holds the
     * lines before; a sealed line shows its seal, so a line changed since it was sealed shows.
     */
    public void lines(String editionId, long from, long to, LogWriter writer, Consumer<LogLine> sink) {
        forEach(editionId, from, to, stored -> {
            LogLine line = writer.next(stored.event());
            sink.accept(stored.sealedHash() == null ? line : line.withHashes(stored.sealedHash(), stored.sealedChain()));
        });
    }

    private static final String SEAL = "INSERT INTO edition_log_seal (edition_id, seq, line_hash, chain) VALUES (?, ?, ?, ?)";

    /**
     * Writes the seals of new lines. Outside a transaction, all of them in one, one batch: each
     * seal in its own commit was a commit a line, and at the single door (a line every few votes)
     * the sealer's commits and the writer's queued for the same store. Where another instance
     * sealed one of them first, that transaction is rolled back whole and the seals are written one
     * at a time, the first seal standing; inside a caller's transaction (a gated command), one at
     * a time as well, so that a seal written elsewhere first never fails the caller's transaction.
     */
    void seal(String editionId, List<String[]> seals) {
        if (seals.size() > 1 && !TransactionSynchronizationManager.isActualTransactionActive()) {
            try {
                sealing.executeWithoutResult(status -> jdbc.batchUpdate(SEAL, seals.stream()
                        .map(s -> new Object[]{editionId, Long.parseLong(s[0]), s[1], s[2]}).toList()));
                return;
            } catch (DataIntegrityViolationException sealedByAnotherInstance) {
                // rolled back: one at a time below
            }
        }
        for (String[] s : seals) {
            try {
                jdbc.update(SEAL, editionId, Long.parseLong(s[0]), s[1], s[2]);
            } catch (DuplicateKeyException sealedByAnotherInstance) {
                // the first seal stands
            }
        }
    }

    /** Seals the new lines of every edition now and then, so the window for an unnoticed change stays short. */
    @EventListener(ApplicationReadyEvent.class)
    public void startSealer() {
        if (sealMillis <= 0) {
            return;
        }
        Thread sealer = new Thread(() -> {
            while (!stop.stopping()) {
                try {
                    long started = System.nanoTime();
                    for (String editionId : jdbc.queryForList("SELECT DISTINCT edition_id FROM edition_log",
                            String.class)) {
                        read(editionId, k -> null);
                    }
                    // at most a tenth of one core: under a heavy intake the seal lags rather than the votes
                    long took = (System.nanoTime() - started) / 1_000_000;
                    stop.pause(Math.max(sealMillis, 9 * took));
                } catch (RuntimeException e) {
                    if (!stop.stopping()) {
                        log.warn("sealing the log failed; trying again", e);
                        stop.pause(sealMillis);
                    }
                }
            }
        }, "log-sealer");
        sealer.setDaemon(true);
        this.sealer = sealer;
        sealer.start();
    }

    /**
     * Stops the sealer with the application: it never outlives its context (a test JVM holds
     * several). Never by interrupting it, which could close the H2 file in the middle of a write.
     */
    @jakarta.annotation.PreDestroy
    public void stopSealer() throws InterruptedException {
        stop.stop(sealer, 5_000);
    }

    private EditionEvent event(Object[] row) {
        if (row[3] instanceof VotesDecidedEvent committed) {
            return committed;
        }
        Object payload = serializer.deserialize(new SimpleSerializedObject<>((byte[]) row[3], byte[].class,
                (String) row[1], (String) row[2]));
        if (!(payload instanceof EditionEvent e)) {
            throw new IllegalStateException("line " + row[0] + " holds " + row[1] + ", not an edition's event");
        }
        return e;
    }

}
