package io.selection.demo;

import java.util.List;

/**
 * One step of the edition, acting through the HTTP API only. The demo prints one line per step with
 * its name, its time and what it did, then the step's notes, indented.
 */
interface Step {

    /** What the step's line says it did. */
    record Done(String detail, List<String> notes) {

        Done(String detail) {
            this(detail, List.of());
        }
    }

    /** The step's name on its line, asked once it has run (the first step names the edition it chose). */
    String name(EditionRun run);

    Done run(EditionRun run);
}
