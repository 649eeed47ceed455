package io.selection.work;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record WorkDisqualifiedEvent(String editionId, String workId, String reason, Instant at, String by)
        implements EditionEvent {
}
