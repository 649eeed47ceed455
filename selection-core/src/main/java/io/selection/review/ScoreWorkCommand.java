package io.selection.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

public record ScoreWorkCommand(@TargetAggregateIdentifier String editionId, String workId, String reviewerId,
                               Round round, BigDecimal score, Instant at) {
}
