package io.selection.api.voting.intake;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database lock that orders vote groups against the commands a vote decision depends on, and
 * the counters kept under it (decision 20): the edition log's last line and the edition's
 * version (the last sequence number of its own stream). Taken once per transaction, with the
 * counters read in the same {@code SELECT ... FOR UPDATE}; held until the transaction ends, and the
 * counters written back just before it commits. Works across instances that share one database:
 * the row is the shared truth, and only its holder moves it.
 */
@Component
public class VotingGate {

    /** The edition's gate row as the current transaction holds it. */
    public static final class Held {
        private final String editionId;
        private long lastSeq;
        private long version;
        private boolean moved;

        private Held(String editionId, long lastSeq, long version) {
            this.editionId = editionId;
            this.lastSeq = lastSeq;
            this.version = version;
        }

        /** The last sequence number of the edition's own stream, this transaction's appends included; -1 for none. */
        public long version() {
            return version;
        }

        /** The last line of the edition's log, this transaction's included; 0 for none. */
        public long lastSeq() {
            return lastSeq;
        }

        /** Hands out the edition log's next line number. */
        public long nextSeq() {
            moved = true;
            return ++lastSeq;
        }

        /** An event at {@code sequence} is appended to the edition's own stream in this transaction. */
        public void appended(long sequence) {
            if (sequence > version) {
                version = sequence;
                moved = true;
            }
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public VotingGate(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(tx);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Locks the edition's gate row for the rest of the current transaction, and gives its counters
     * as this transaction holds them; the row is locked (and read) only the first time a
     * transaction asks.
     */
    public Held lock(String editionId) {
        Map<String, Held> held = heldByThisTransaction();
        Held h = held.get(editionId);
        if (h != null) {
            return h;
        }
        ensureRow(editionId);
        h = jdbc.queryForObject("SELECT last_seq, edition_version FROM vote_gate WHERE edition_id = ? FOR UPDATE",
                (rs, i) -> new Held(editionId, rs.getLong(1), rs.getLong(2)), editionId);
        held.put(editionId, h);
        return h;
    }

    /**
     * The edition's version: as this transaction holds it when it holds the gate, else as last
     * committed (read without a lock, by primary key). Empty for an edition with no event.
     */
    public Optional<Long> version(String editionId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            @SuppressWarnings("unchecked")
            Map<String, Held> held = (Map<String, Held>) TransactionSynchronizationManager.getResource(this);
            if (held != null && held.containsKey(editionId)) {
                long v = held.get(editionId).version;
                return v < 0 ? Optional.empty() : Optional.of(v);
            }
        }
        List<Long> v = jdbc.queryForList("SELECT edition_version FROM vote_gate WHERE edition_id = ?", Long.class,
                editionId);
        return v.isEmpty() || v.get(0) < 0 ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * Makes the edition's row once (in a transaction of its own, so that a rollback of the caller's
     * cannot take it away from another instance that has since locked it). The counters start at
     * what the store holds: nothing for a new edition.
     */
    private void ensureRow(String editionId) {
        if (known.contains(editionId)) {
            return;
        }
        newTransaction.executeWithoutResult(s -> {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM vote_gate WHERE edition_id = ?", Integer.class,
                    editionId) == 0) {
                try {
                    jdbc.update("INSERT INTO vote_gate (edition_id, last_seq, edition_version) VALUES (?, "
                            + "COALESCE((SELECT MAX(seq) FROM edition_log WHERE edition_id = ?), 0), "
                            + "COALESCE((SELECT MAX(sequence_number) FROM domain_event_entry "
                            + "WHERE aggregate_identifier = ?), -1))", editionId, editionId, editionId);
                } catch (DuplicateKeyException raced) {
                    // another instance made it
                }
            }
        });
        known.add(editionId);
    }

    /** The rows this transaction holds, by edition; written back before it commits, forgotten when it ends. */
    private Map<String, Held> heldByThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the voting gate is taken inside a transaction");
        }
        @SuppressWarnings("unchecked")
        Map<String, Held> held = (Map<String, Held>) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            Map<String, Held> fresh = new TreeMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new WriteBack(fresh));
            held = fresh;
        }
        return held;
    }

    /** Writes the moved counters back under the lock, just before the commit; unbinds the rows at the end. */
    private final class WriteBack implements TransactionSynchronization {
        private final Map<String, Held> held;

        private WriteBack(Map<String, Held> held) {
            this.held = held;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            List<Object[]> moved = new ArrayList<>();
            for (Held h : held.values()) {
                if (h.moved) {
                    moved.add(new Object[]{h.lastSeq, h.version, h.editionId});
                }
            }
            if (!moved.isEmpty()) {
                jdbc.batchUpdate("UPDATE vote_gate SET last_seq = ?, edition_version = ? WHERE edition_id = ?", moved);
            }
        }

        // a transaction of its own (REQUIRES_NEW) inside this one does not see this one's rows

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(VotingGate.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(VotingGate.this, held);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(VotingGate.this);
        }
    }
}
