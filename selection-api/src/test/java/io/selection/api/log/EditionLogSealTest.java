package io.selection.api.log;

import io.selection.api.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seals of new lines are written together, in one transaction, outside a caller's; where
 * another instance sealed one of them between this one's read and its write (a race the read cannot
 * see), that transaction is rolled back whole and the seals are written one at a time, the first
 * seal standing. Inside a caller's transaction they are written one at a time, and a seal written
 * first elsewhere leaves the caller's transaction to commit.
 */
class EditionLogSealTest extends ApiTestBase {

    private static final String ID = "seal-race";

    @Autowired
    EditionLogs logs;
    @Autowired
    PlatformTransactionManager transactions;

    private static String[] seal(long seq) {
        return new String[]{String.valueOf(seq), String.format("%064d", seq), String.format("%064d", 100 + seq)};
    }

    private String hashOf(long seq) {
        List<String> found = jdbc.queryForList("SELECT line_hash FROM edition_log_seal WHERE edition_id = ? AND seq = ?",
                String.class, ID, seq);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void seals_are_written_together_and_a_seal_written_first_elsewhere_stands() {
        String theirs = "a".repeat(64);
        jdbc.update("INSERT INTO edition_log_seal (edition_id, seq, line_hash, chain) VALUES (?, ?, ?, ?)",
                ID, 2L, theirs, "b".repeat(64));

        logs.seal(ID, List.of(seal(1), seal(2), seal(3)));
        assertThat(hashOf(1)).isEqualTo(seal(1)[1]);
        assertThat(hashOf(2)).as("the first seal stands").isEqualTo(theirs);
        assertThat(hashOf(3)).isEqualTo(seal(3)[1]);

        logs.seal(ID, List.of(seal(4), seal(5), seal(6)));
        assertThat(hashOf(6)).isEqualTo(seal(6)[1]);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            logs.seal(ID, List.of(seal(6), seal(7)));
            jdbc.update("INSERT INTO edition_log_seal (edition_id, seq, line_hash, chain) VALUES (?, ?, ?, ?)",
                    ID, 8L, seal(8)[1], seal(8)[2]);
        });
        assertThat(hashOf(7)).isEqualTo(seal(7)[1]);
        assertThat(hashOf(8)).as("the caller's transaction committed").isEqualTo(seal(8)[1]);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM edition_log_seal WHERE edition_id = ?", Long.class, ID))
                .isEqualTo(8);
    }
}
