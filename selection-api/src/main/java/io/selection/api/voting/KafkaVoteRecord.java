package io.selection.api.voting;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A vote on the Kafka topic: the JSON of API.md, plus the edition (default: the configured one)
 * and, for votes put there by an HTTP door, the time that door received it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaVoteRecord(String editionId, String id, String voterId, String workId, Instant castAt,
                              VoteController.Source source, Instant receivedAt) {
}
