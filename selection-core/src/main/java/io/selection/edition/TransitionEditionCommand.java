package io.selection.edition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record TransitionEditionCommand(@TargetAggregateIdentifier String editionId, Stage to, Instant at, String by) {
}
