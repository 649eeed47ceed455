package io.selection.audit.cli;

import io.selection.audit.verifier.Verifier;

/**
 * One line of an export as the parsing thread hands it to the verifying thread; {@code end} is the
 * byte offset just after the line, for the progress bar.
 */
sealed interface LogItem {

    long end();

    /** A line of the log, prepared (hashed and decoded) on the parsing thread. */
    record Line(Verifier.Prepared line, long end) implements LogItem {
    }

    /** The closing line {"head":{"chain","checkpoints","digest","size"},"v":1}; no checkpoints: an empty list. */
    record Head(long size, String digest, String chain, java.util.List<String> checkpoints, int v, long end)
            implements LogItem {
    }

    /** A line that is not JSON, or not a line of the format; {@code lineNumber} counts from 1. */
    record Unreadable(long lineNumber, String reason, long end) implements LogItem {
    }
}
