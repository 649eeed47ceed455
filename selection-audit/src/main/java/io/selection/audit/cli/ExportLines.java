package io.selection.audit.cli;

import io.selection.events.EditionEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An export read line by line for a question about it (what-if, explain): each line's event with
 * its seq, in order, the closing line skipped; a line that cannot be read stops the question with
 * its line number. It checks nothing else: `verify` does that.
 */
final class ExportLines {

    interface Sink {
        /** Takes line {@code seq}; false stops the reading there. */
        boolean accept(long seq, EditionEvent event);
    }

    private ExportLines() {
    }

    static void read(Path file, Sink sink) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("not a file: " + file);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                LogItem item = LineParser.item(Json.VALUE.readValue(text), number, 0);
                if (item instanceof LogItem.Unreadable u) {
                    throw new IOException(file + " line " + number + ": " + u.reason());
                }
                if (item instanceof LogItem.Line l) {
                    if (l.line().event() == null) {
                        throw new IOException(file + " line " + number + ": "
                                + (l.line().error() != null ? l.line().error() : "not a line of format v1"));
                    }
                    if (!sink.accept(l.line().line().seq(), l.line().event())) {
                        return;
                    }
                }
            }
        }
    }
}
