package io.selection.audit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.selection.audit.proofs.Receipt;
import io.selection.audit.verifier.VoteFate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "receipt", mixinStandardHelpOptions = true,
        header = "Check a voter's receipt against the log digest it names.",
        description = {
                "Checks a voter's receipt on its own: the vote's entry, through the proof of the vote in its group "
                        + "and of the group's line in the log, must lead to the log digest the receipt names. Compare "
                        + "that digest with one the edition published (a verified export's report lists them).",
                "FILE is the JSON of GET /api/editions/{e}/votes/{id}/receipt; the proof may be the whole object "
                        + "or its \"proof\" field.",
                "",
                "Examples:",
                "  selection-audit receipt receipt.json",
                "  selection-audit receipt --json receipt.json",
                "  selection-audit receipt --published 10084:5c1f... --log 2023.ndjson receipt.json",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the receipt holds", "1:it does not", "2:usage error, unreadable file or not JSON"})
final class ReceiptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The receipt (JSON).")
    Path file;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--published", paramLabel = "SIZE:DIGEST", description = "A log digest the edition published "
            + "(from a verified export's report, the public page or a newspaper), as lines:hex; repeatable. With it "
            + "the receipt holds only if it is proven against one of them: a proof alone cannot bind the log's size.")
    List<String> published = new ArrayList<>();

    @Option(names = "--key", paramLabel = "VKEY", description = "The log's verifier key (<name>+<id>+<key>, from "
            + "the public page or GET /api/public/editions/E/log-key), or a file holding it. With it the receipt holds "
            + "only if the signed checkpoint it carries is signed by that key and is of exactly the size and digest "
            + "its proofs lead to: no published digest needs to be found by hand.")
    String key;

    @Option(names = "--log", paramLabel = "EXPORT", description = "The edition's export (verify it first). With it "
            + "the receipt holds only if the export's first logSize lines have the receipt's digest, and the output "
            + "says whether the vote counts in the tallies it is proven against: a later entry under an id already "
            + "decided counts nowhere, and an invalidation takes a vote from the tallies after it; each with its line.")
    Path log;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IOException("not a file: " + file);
        }
        Object value;
        try {
            value = Json.MAPPER.readValue(file.toFile(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(value instanceof Map<?, ?> top)) {
            throw new IOException(file + " is not a JSON object");
        }
        Map<String, Object> proof = new LinkedHashMap<>(
                (Map<String, Object>) (top.get("proof") instanceof Map<?, ?> p ? p : top));
        for (String claim : List.of("voteId", "decision")) { // the service's words beside a nested proof are checked too
            if (top.get(claim) != null) {
                proof.putIfAbsent(claim, top.get(claim));
            }
        }
        io.selection.audit.proofs.NoteKey logKey = key == null ? null : new VerifyCommand().logKeyFor(key, spec);
        Receipt.Checked checked = Receipt.check(proof);
        boolean anchored = !published.isEmpty() || logKey != null;
        if (!published.isEmpty()) {
            checked = checked.anchored(published);
        }
        if (logKey != null) {
            Object note = top.get("checkpoint") != null ? top.get("checkpoint") : proof.get("checkpoint");
            checked = checked.anchoredBy(note instanceof String n ? n : null, List.of(logKey),
                    proof.get("editionId") instanceof String e ? e : null);
        }
        String counting = null;
        Boolean counted = null;
        if (log != null && checked.ok()) {
            VoteFate fate = new VoteFate(checked.voteId(), checked.logSize());
            ExportLines.read(log, fate::accept);
            if (!checked.digest().equals(fate.digest())) {
                checked = checked.failed("the export " + log + " does not give digest " + checked.digest() + " for its first "
                        + checked.logSize() + " lines (it gives " + fate.digest() + "): it is not the log this receipt "
                        + "is proven against");
            } else {
                counting = fate.describe(checked.seq(), checked.voteIndex());
                counted = fate.counted(checked.seq(), checked.voteIndex());
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", checked.ok());
            m.put("voteId", checked.voteId());
            m.put("logDigest", checked.digest());
            m.put("logSize", checked.logSize());
            m.put("workId", checked.workId());
            m.put("decision", checked.decision());
            m.put("reason", checked.reason());
            m.put("anchored", anchored && checked.ok());
            m.put("counted", counted);
            m.put("counting", counting);
            m.put("detail", checked.detail());
            out.println(Json.PRETTY.writeValueAsString(m));
        } else {
            out.println(checked.ok() ? "OK: the receipt holds" : "FAILED: the receipt does not hold");
            out.println("vote:       " + checked.voteId());
            out.println("work:       " + checked.workId());
            out.println("decision:   " + checked.decision() + (checked.reason() == null ? "" : " " + checked.reason())
                    + " (as logged in its entry)");
            out.println("log digest: " + checked.digest());
            out.println("log size:   " + (checked.logSize() < 0 ? null : checked.logSize()));
            out.println(checked.detail());
            if (checked.ok() && !anchored) {
                out.println("Not anchored: check the signed checkpoint the receipt carries with the log's key "
                        + "(--key VKEY), or that this size and digest are a pair the edition published "
                        + "(--published SIZE:DIGEST); a proof alone cannot bind the size.");
            }
            if (counting != null) {
                out.println("counting:   " + counting);
            } else if (checked.ok()) {
                out.println("A receipt proves the entry is in the log; whether the vote counts (not a later entry "
                        + "under an id already decided, not invalidated later) needs the log: --log EXPORT.");
            }
        }
        out.flush();
        return checked.ok() ? AuditCli.OK : AuditCli.FAILED;
    }
}
