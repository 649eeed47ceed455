package io.selection.projections;

import java.time.Instant;

/** The line of the edition's log being folded: its seq and the time the store gave it. */
final class LinePosition {
    long seq;
    Instant timestamp;
}
