-- The order of each edition's log, as auditors see it: line seq (from 1, no gaps) is the event
-- with that identifier. Rows are written in the event's own transaction while the edition's
-- vote_gate row is locked, so seqs are handed out in commit order: once a line is exported, no
-- later commit can land before it (docs/decisions/0011-edition-log-order.md).
CREATE TABLE edition_log (
    edition_id       VARCHAR(64)  NOT NULL,
    seq              BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    PRIMARY KEY (edition_id, seq),
    CONSTRAINT uk_edition_log_event UNIQUE (event_identifier)
);

-- Each line's hash and chain as first computed, written once (insert only) soon after the line
-- commits, by the server's sealer or whichever reader gets there first. A payload changed in the
-- store afterwards no longer gives its sealed hash: the export and the audit name its seq.
CREATE TABLE edition_log_seal (
    edition_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    line_hash  VARCHAR(64) NOT NULL,
    chain      VARCHAR(64) NOT NULL,
    PRIMARY KEY (edition_id, seq)
);
