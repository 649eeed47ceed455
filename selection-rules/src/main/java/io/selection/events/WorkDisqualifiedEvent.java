package io.selection.events;


import java.time.Instant;

public record WorkDisqualifiedEvent(String editionId, String workId, String reason, Instant at, String by)
        implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
