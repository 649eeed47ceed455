package io.selection.edition;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record EditionCreatedEvent(String editionId, EditionRules rules, Instant at, String by) implements EditionEvent {
}
