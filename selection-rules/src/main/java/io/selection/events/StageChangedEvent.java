package io.selection.events;

import io.selection.edition.Stage;


import java.time.Instant;

public record StageChangedEvent(String editionId, Stage from, Stage to, Instant at, String by) implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
