package io.selection.api.voting;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database lock that orders vote groups against the commands a vote decision depends on.
 * Taken inside the caller's transaction and held until it ends; works across instances that
 * share one database.
 */
@Component
public class VotingGate {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public VotingGate(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(tx);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Locks the edition's gate row for the rest of the current transaction. */
    public void lock(String editionId) {
        if (!known.contains(editionId)) {
            newTransaction.executeWithoutResult(s -> {
                if (jdbc.queryForObject("SELECT COUNT(*) FROM vote_gate WHERE edition_id = ?", Integer.class,
                        editionId) == 0) {
                    try {
                        jdbc.update("INSERT INTO vote_gate (edition_id) VALUES (?)", editionId);
                    } catch (DuplicateKeyException raced) {
                        // another instance made it
                    }
                }
            });
            known.add(editionId);
        }
        jdbc.queryForList("SELECT edition_id FROM vote_gate WHERE edition_id = ? FOR UPDATE", String.class, editionId);
    }
}
