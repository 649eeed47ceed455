package io.selection.events;

import io.selection.edition.EditionRules;


import java.time.Instant;

public record EditionCreatedEvent(String editionId, EditionRules rules, Instant at, String by) implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
