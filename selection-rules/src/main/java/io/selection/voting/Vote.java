package io.selection.voting;

import java.time.Instant;

/**
 * A vote as received: {@code castAt} is when the front-end took it, {@code receivedAt} when this
 * system did (stamped at the door, so deciding it again gives the same answer).
 */
public record Vote(String voteId, String voterId, String workId, Instant castAt, Instant receivedAt, String ip,
                   String device) {
}
