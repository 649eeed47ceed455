package io.selection.api.voting.intake;


import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A vote on the Kafka topic: the JSON of docs/api.md, plus the edition (default: the configured one).
 * When an HTTP door received it is not part of the JSON but a signed header ({@link ReceivedStamp}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaVoteRecord(String editionId, String id, String voterId, String workId, Instant castAt,
                              CastVote.Source source) {
}
