package io.selection.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The row-per-vote baseline: every vote inserted as one row, in JDBC batches of 1,000 with one
 * commit each, into a table with a unique (voter, work, day) index. A second vote of the same
 * voter for the same work on the same Beijing day is skipped by the index (insert-if-absent),
 * which is the per-work daily limit done by the database.
 */
final class RawJdbc {

    private RawJdbc() {
    }

    record Result(long rows, double seconds, long bytesOnDisk) {
    }

    static Result run(Store store, VoteData data, long count, int batch) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE vote_row (id VARCHAR(64) NOT NULL, voter_id VARCHAR(128) NOT NULL, "
                        + "work_id VARCHAR(64) NOT NULL, vote_date INT NOT NULL, cast_at BIGINT NOT NULL, "
                        + "ip VARCHAR(64), device VARCHAR(128))");
                s.execute("CREATE UNIQUE INDEX vote_row_once_a_day ON vote_row (voter_id, work_id, vote_date)");
            }
            c.commit();
            String sql = store.kind() == Store.Kind.POSTGRES
                    ? "INSERT INTO vote_row VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
                    : "MERGE INTO vote_row t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(128)), "
                    + "CAST(? AS VARCHAR(64)), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS VARCHAR(64)), "
                    + "CAST(? AS VARCHAR(128)))) s(id, voter_id, work_id, vote_date, cast_at, ip, device) "
                    + "ON t.voter_id = s.voter_id AND t.work_id = s.work_id AND t.vote_date = s.vote_date "
                    + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.voter_id, s.work_id, s.vote_date, s.cast_at, "
                    + "s.ip, s.device)";
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                int inBatch = 0;
                for (long i = 0; i < count; i++) {
                    VoteData.Vote v = data.vote(i);
                    insert.setString(1, v.id());
                    insert.setString(2, v.voterId());
                    insert.setString(3, v.workId());
                    insert.setInt(4, (int) Math.floorDiv(v.castAtMillis() + 8 * 3_600_000L, 86_400_000L));
                    insert.setLong(5, v.castAtMillis());
                    insert.setString(6, v.ip());
                    insert.setString(7, v.device());
                    insert.addBatch();
                    if (++inBatch == batch) {
                        insert.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(count, seconds, store.sizeOnDisk());
        }
    }
}
