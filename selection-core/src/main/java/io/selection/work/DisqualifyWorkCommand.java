package io.selection.work;

import io.selection.edition.LogHead;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code log} is the log an amended shortlist rests on (may be null where no list can change). */
public record DisqualifyWorkCommand(@TargetAggregateIdentifier String editionId, String workId, String reason,
                                    Instant at, String by, LogHead log) {

    public DisqualifyWorkCommand(String editionId, String workId, String reason, Instant at, String by) {
        this(editionId, workId, reason, at, by, null);
    }
}
