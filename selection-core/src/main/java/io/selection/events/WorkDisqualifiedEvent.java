package io.selection.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record WorkDisqualifiedEvent(String editionId, String workId, String reason, Instant at, String by)
        implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
