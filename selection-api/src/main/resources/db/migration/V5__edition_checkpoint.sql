-- Each edition's signed checkpoints (docs/audit.md, "Checking from outside"): a C2SP signed note of
-- the log's origin, tree size and root, signed with the log's Ed25519 key. One per size: the same log
-- and key sign a size to the same bytes (Ed25519 is deterministic), so a second instance's insert of
-- the same size is the same note and is dropped. Insert only.
CREATE TABLE edition_checkpoint (
    edition_id VARCHAR(64)   NOT NULL,
    tree_size  BIGINT        NOT NULL,
    note       VARCHAR(4000) NOT NULL,
    signed_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (edition_id, tree_size)
);
