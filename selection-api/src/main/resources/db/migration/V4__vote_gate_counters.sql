-- The gate row also keeps the two counters its holder moves on (decision 20): the edition log's
-- last line (last_seq, 0 for none) and the last sequence number of the edition's own event stream
-- (edition_version, -1 for none). Whoever holds the row reads both with the lock and writes them
-- back before commit, so no writer scans the log for them.
ALTER TABLE vote_gate ADD COLUMN last_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE vote_gate ADD COLUMN edition_version BIGINT DEFAULT -1 NOT NULL;

-- A gate row for every edition the store holds: since V3 every edition's first event made one,
-- but an edition created before V2 has none, and the counters are read from the row.
INSERT INTO vote_gate (edition_id)
SELECT DISTINCT e.aggregate_identifier FROM domain_event_entry e
WHERE e.type = 'Edition'
  AND NOT EXISTS (SELECT 1 FROM vote_gate g WHERE g.edition_id = e.aggregate_identifier);
INSERT INTO vote_gate (edition_id)
SELECT DISTINCT l.edition_id FROM edition_log l
WHERE NOT EXISTS (SELECT 1 FROM vote_gate g WHERE g.edition_id = l.edition_id);

-- What the log says now; from here on only the gate's holders move them.
UPDATE vote_gate SET
    last_seq = COALESCE((SELECT MAX(l.seq) FROM edition_log l WHERE l.edition_id = vote_gate.edition_id), 0),
    edition_version = COALESCE((SELECT MAX(e.sequence_number) FROM domain_event_entry e
                                WHERE e.aggregate_identifier = vote_gate.edition_id), -1);
