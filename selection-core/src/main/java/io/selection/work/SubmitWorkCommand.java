package io.selection.work;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

public record SubmitWorkCommand(@TargetAggregateIdentifier String editionId, String workId, String title, String url,
                                String category, LocalDate publishedOn, String organisation, Instant at, String by) {
}
