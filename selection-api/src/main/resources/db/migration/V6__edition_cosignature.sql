-- Witnesses' cosignatures of an edition's signed checkpoints (C2SP tlog-cosignature): one line per
-- witness and checkpoint, accepted only from a configured witness key and only for a checkpoint the
-- log signed. Insert only; served after the log's own signature line.
CREATE TABLE edition_cosignature (
    edition_id  VARCHAR(64)  NOT NULL,
    tree_size   BIGINT       NOT NULL,
    witness     VARCHAR(200) NOT NULL,
    line        VARCHAR(1000) NOT NULL,
    received_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (edition_id, tree_size, witness)
);
