package io.selection.audit.cli;

import io.selection.recount.Explanation;
import io.selection.recount.Explanations;
import io.selection.recount.Language;
import io.selection.recount.Wording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Say why a work of an exported edition is where it is, each statement with its line.",
        description = {
                "Folds the export (Explanations of selection-core, the same code as the server's "
                        + "/works/{w}/explanation) and prints why the work is or is not on the shortlist or among "
                        + "the winners: its scores and which were dropped, its mean, rank and the cut line, the "
                        + "tie-breaks, disqualifications and backfills, its valid and invalidated votes, the vote "
                        + "score and the final score's two parts. Each statement names the line (seq) it rests on, "
                        + "the summary first and the rest in log order, said in English or Chinese (--lang) by the "
                        + "same wording as the server's. It does not check the log: run `verify` for that.",
                "",
                "Examples:",
                "  selection-audit explain edition.ndjson 2023-W00907",
                "  selection-audit explain edition.ndjson 2023-W00907 --as-of 8979 --json",
                "  selection-audit explain edition.ndjson 2023-W00907 --lang zh",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained", "2:usage or I/O error, a log that cannot be read, or no such work"})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The edition's export (NDJSON).")
    Path file;

    @Parameters(index = "1", paramLabel = "WORK", description = "The work's id.")
    String workId;

    @Option(names = "--as-of", paramLabel = "SEQ", description = "Explain as of this line (default: the whole log).")
    Long asOf;

    @Option(names = "--json", description = "Print the explanation as JSON, the server's fields.")
    boolean json;

    @Option(names = "--lang", paramLabel = "en|zh", defaultValue = "en",
            description = "The language of the statements: en (English, the default) or zh (Chinese).")
    String lang;

    @Override
    public Integer call() throws IOException {
        if (asOf != null && asOf < 1) {
            throw new ParameterException(spec.commandLine(), "--as-of is a line of the log, 1 or more");
        }
        Language language;
        try {
            language = Language.ofCode(lang);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--lang: " + e.getMessage());
        }
        Explanations folded = new Explanations();
        ExportLines.read(file, (seq, event) -> {
            if (asOf != null && seq > asOf) {
                return false;
            }
            folded.apply(seq, event);
            return true;
        });
        if (asOf != null && folded.seq() < asOf) {
            throw new ParameterException(spec.commandLine(), "--as-of " + asOf + " is past the log's last line, "
                    + folded.seq());
        }
        Explanation data = folded.explain(workId, true);
        if (data == null) {
            throw new IOException(file + " names no work " + workId + " up to line " + folded.seq());
        }
        Explanation x = Wording.render(data, language);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(x));
        } else {
            out.println(x.workId() + " \"" + x.title() + "\", " + x.categoryName() + " (" + x.category()
                    + "), as of line " + x.logSize() + " (stage " + x.stage() + "): " + x.outcome());
            for (Explanation.Statement s : x.statements()) {
                out.printf("  line %6d  %s%n", s.seq(), s.text());
            }
        }
        out.flush();
        return AuditCli.OK;
    }
}
