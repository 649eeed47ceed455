package io.selection.events;

/**
 * What an event that publishes a list says it rests on: the first {@code logSize} lines of the
 * edition's log, whose Merkle tree head is {@code logDigest}, and the digest of the list itself
 * (both lowercase hex SHA-256; see docs/audit.md). Null fields only on events logged before
 * digests existed.
 */
public record Published(Long logSize, String logDigest, String listDigest) {
}
