package io.selection.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Credentials are not part of the command: a password is not a fact of the selection. */
public record RegisterReviewerCommand(@TargetAggregateIdentifier String editionId, String reviewerId, String name,
                                      String organisation, List<String> categories, Instant at, String by) {
}
