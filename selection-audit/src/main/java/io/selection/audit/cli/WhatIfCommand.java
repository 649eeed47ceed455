package io.selection.audit.cli;

import io.selection.edition.Weights;
import io.selection.recount.WhatIf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "what-if", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Recompute the winners of an exported edition under other rules.",
        description = {
                "Reads the export and computes the edition again from the same scores and raw votes under the "
                        + "changed rules (WhatIf of selection-core): votes are decided again, in log order, where "
                        + "a vote rule or the shortlist changes; the shortlist is recomputed where its rules "
                        + "change (disqualifications still apply). Prints per category the winners, and against "
                        + "the published winners who entered and who left, and why. With no option it gives "
                        + "exactly the published winners. It does not check the log: run `verify` for that.",
                "",
                "Examples:",
                "  selection-audit what-if edition.ndjson --weights 50/50",
                "  selection-audit what-if edition.ndjson --per-category-per-day 3 --json",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:computed", "2:usage or I/O error, or a log that cannot be read"})
final class WhatIfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The edition's export (NDJSON).")
    Path file;

    @Option(names = "--weights", paramLabel = "J/V", description = "Jury and vote weights in percent, adding up to 100.")
    String weights;

    @Option(names = "--per-work-per-day", paramLabel = "N", description = "Votes a voter may give one work a day.")
    Integer perWorkPerDay;

    @Option(names = "--per-category-per-day", paramLabel = "N",
            description = "Distinct works a voter may vote for in one category a day.")
    Integer perCategoryPerDay;

    @Option(names = "--min-scores", paramLabel = "N",
            description = "Scores a work needs in a round to be ranked in it.")
    Integer minScores;

    @Option(names = "--trim-from", paramLabel = "N", description = "From how many scores the extremes are dropped.")
    Integer trimFrom;

    @Option(names = "--shortlist-quota", paramLabel = "c=N", description = "A category's shortlist quota (repeatable).")
    Map<String, Integer> shortlistQuotas = new TreeMap<>();

    @Option(names = "--final-quota", paramLabel = "c=N", description = "A category's final quota (repeatable).")
    Map<String, Integer> finalQuotas = new TreeMap<>();

    @Option(names = "--without-invalidations", description = "Count the invalidated votes as valid.")
    boolean withoutInvalidations;

    @Option(names = "--json", description = "Print JSON: {\"categories\":{c:{winners,entered,left,moves}}}, "
            + "moves giving each entered and left work its ranks and why.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        WhatIf.Changes changes = new WhatIf.Changes(weights(), perWorkPerDay, perCategoryPerDay, minScores, trimFrom,
                shortlistQuotas, finalQuotas, withoutInvalidations);
        WhatIf own = new WhatIf(WhatIf.Changes.NONE);
        WhatIf changed;
        try {
            changed = new WhatIf(changes);
            read(own, changed);
        } catch (io.selection.common.DomainException e) {
            throw new ParameterException(spec.commandLine(), "the changed rules do not hang together: "
                    + e.getMessage());
        }
        Map<String, WhatIf.CategoryOutcome> outcome;
        try {
            outcome = WhatIf.compare(own, changed);
        } catch (IllegalStateException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(WhatIf.toJson(outcome)));
        } else {
            out.println("What-if under " + changes.describe() + ":");
            outcome.forEach((category, c) -> {
                out.println();
                out.println(category + ": " + c.winners().size() + " winners: " + String.join(" ", c.winners()));
                out.println("  entered:" + (c.entered().isEmpty() ? " none" : ""));
                c.entered().forEach(m -> out.println("    " + m.workId() + "  " + m.why()));
                out.println("  left:" + (c.left().isEmpty() ? " none" : ""));
                c.left().forEach(m -> out.println("    " + m.workId() + "  " + m.why()));
            });
        }
        out.flush();
        return AuditCli.OK;
    }

    private Weights weights() {
        if (weights == null) {
            return null;
        }
        String[] parts = weights.split("/");
        try {
            if (parts.length == 2) {
                return new Weights(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new ParameterException(spec.commandLine(), "--weights takes JURY/VOTE, e.g. 60/40, not " + weights);
    }

    /** Folds every line of the export into both, in order; the closing line is skipped. */
    private void read(WhatIf own, WhatIf changed) throws IOException {
        ExportLines.read(file, (seq, event) -> {
            own.apply(seq, event);
            changed.apply(seq, event);
            return true;
        });
    }
}
