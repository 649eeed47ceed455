-- The log's Ed25519 signer key when none is configured (selection.checkpoints.signer-key, which the prod
-- profile requires): generated once by the first instance to start, and shared by every instance on the
-- database, so all of them sign the same log with the same key, and a backup of the database keeps it.
CREATE TABLE log_signing_key (
    id     INT          NOT NULL,
    secret VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
);
