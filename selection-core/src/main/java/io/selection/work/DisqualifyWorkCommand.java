package io.selection.work;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DisqualifyWorkCommand(@TargetAggregateIdentifier String editionId, String workId, String reason,
                                    Instant at, String by) {
}
