package io.selection.events;


import java.time.Instant;
import java.util.List;

public record ReviewerRegisteredEvent(String editionId, String reviewerId, String name, String organisation,
                                      List<String> categories, Instant at, String by) implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
