package io.selection.audit.cli;

import io.selection.audit.verifier.Verifier;
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

    /** Takes each line with its hash as the verifier computes it. */
    interface PreparedSink {
        void accept(long seq, byte[] hash, EditionEvent event);
    }

    static void read(Path file, PreparedSink sink) throws IOException {
        readLines(file, l -> {
            sink.accept(l.line().seq(), l.hash(), l.event());
            return true;
        });
    }

    static void read(Path file, Sink sink) throws IOException {
        readLines(file, l -> sink.accept(l.line().seq(), l.event()));
    }

    private static void readLines(Path file, java.util.function.Predicate<Verifier.Prepared> sink) throws IOException {
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
                    if (!sink.test(l.line())) {
                        return;
                    }
                }
            }
        }
    }
}
