package io.selection.events;

/**
 * What an event that publishes a list says it rests on: the first {@code logSize} lines of the
 * edition's log, whose Merkle tree head is {@code logDigest}, and the digest of the list itself
 * (both lowercase hex SHA-256; see docs/audit.md). Null fields only on events logged before
 * digests existed.
 */
public record Published(Long logSize, String logDigest, String listDigest) {

    /**
     * What a line that publishes a list (a shortlist, an amendment, an invalidation's tallies, the
     * certified tallies, the results) says it rests on; null for any other line.
     */
    public static Published carriedBy(EditionEvent event) {
        if (event instanceof ShortlistPublishedEvent e) {
            return e.published();
        } else if (event instanceof ShortlistAmendedEvent e) {
            return e.published();
        } else if (event instanceof TalliesCertifiedEvent e) {
            return e.published();
        } else if (event instanceof ResultsPublishedEvent e) {
            return e.published();
        } else if (event instanceof VotesInvalidatedEvent e) {
            return e.published();
        }
        return null;
    }
}
