package io.selection.edition;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record StageChangedEvent(String editionId, Stage from, Stage to, Instant at, String by) implements EditionEvent {
}
