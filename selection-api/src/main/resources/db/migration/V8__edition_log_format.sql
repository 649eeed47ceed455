-- Each edition's export format and, for the public log (format 2), the secret of its keyed pseudonyms
-- (HMAC-SHA-256, 256 bits as hex): voters, addresses and devices are exported as pseudonyms under it,
-- and the Merkle leaves are computed over that form. The secret never leaves the store (a backup keeps
-- it); without it the digests of the edition cannot be computed again. Editions logged before this
-- migration keep format 1, whose digests they have published already; every later edition is format 2.
CREATE TABLE edition_log_format (
    edition_id VARCHAR(64) NOT NULL,
    version    INT         NOT NULL,
    secret     VARCHAR(64),
    PRIMARY KEY (edition_id)
);
INSERT INTO edition_log_format (edition_id, version, secret)
    SELECT DISTINCT edition_id, 1, NULL FROM edition_log;
