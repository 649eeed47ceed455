package io.selection.events;


import java.time.Instant;
import java.time.LocalDate;

/** {@code submissionNo} counts submissions in the edition from 1; ties are broken on it. */
public record WorkSubmittedEvent(String editionId, String workId, String title, String url, String normalisedUrl,
                                 String category, LocalDate publishedOn, String organisation, long submissionNo,
                                 Instant at, String by) implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
