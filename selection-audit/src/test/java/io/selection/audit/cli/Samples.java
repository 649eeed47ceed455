package io.selection.audit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Small sample logs written by the tool's own {@code sample} command. */
final class Samples {

    private Samples() {
    }

    /** 400 votes in 2 categories of 6 works, groups of 50: a few hundred lines, written in well under a second. */
    static Path small(Path dir) {
        Path file = dir.resolve("sample.ndjson");
        Cli.Result r = Cli.run("sample", "--votes", "400", "--categories", "2", "--works-per-category", "6",
                "--group-size", "50", "--seed", "7", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return file;
    }

    /** The lines of a file without their '\n'. */
    static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    static Path write(Path file, List<String> lines) throws Exception {
        Files.write(file, lines);
        return file;
    }

    /** The 1-based number of the first line whose type is {@code type}. */
    static int firstOfType(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"" + type + "\"")) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + type + " line");
    }
}
