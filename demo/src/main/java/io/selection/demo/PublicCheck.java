package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * After the results: what anyone can keep and check with no account, read as anyone (no
 * credentials): the log's latest signed checkpoint, its key and witnesses, how the published lists'
 * digests stand to it, and the commands, filled in for this server and edition. The demo shows them
 * and checks nothing itself (it has no proof code); its test opens the printed checkpoint with the
 * printed key and runs the printed commands.
 */
final class PublicCheck {

    static final String HEADER = "Check these results with no account: the log's latest signed checkpoint "
            + "(a C2SP signed note)";
    /** The indent of the note's lines and of each command, so each can be copied as it is. */
    static final String VERBATIM = "    ";
    static final String JAR = "selection-audit/target/selection-audit.jar";

    private PublicCheck() {
    }

    static List<String> lines(EditionRun run) {
        String url = run.api.baseUrl();
        String pub = "/api/public/editions/" + run.id;
        JsonNode key = run.api.getPublic(pub + "/log-key");
        String note = run.api.getPublicText(pub + "/checkpoint");
        String[] text = note.split("\n", -1);
        long size = Long.parseLong(text[1]);
        String logKey = key.path("logKey").asText();
        List<String> witnesses = new ArrayList<>();
        key.path("witnesses").forEach(w -> witnesses.add(w.asText()));
        String file = run.id + ".checkpoint";

        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("  log key    " + logKey);
        lines.add("  origin     " + key.path("origin").asText());
        lines.add("  witnesses  " + (witnesses.isEmpty() ? "none: no witness cosigns yet (so a split view, two "
                + "readers shown two logs, is not caught)" : String.join(", ", witnesses)));
        lines.add("  checkpoint " + number(size) + " lines, root " + HexFormat.of().formatHex(Base64.getDecoder()
                .decode(text[2])) + " in hex (the note writes it in base64):");
        for (String line : note.substring(0, note.length() - 1).split("\n", -1)) {
            lines.add(VERBATIM + line);
        }
        lines.add("  A list's logDigest is the root of the log's first logSize lines (in hex); the line that "
                + "published it comes after, so the checkpoint is later, and a consistency proof links them:");
        JsonNode results = run.api.getPublic(pub + "/results");
        for (String list : List.of("winners", "shortlist")) {
            JsonNode view = results.path(list);
            if (view.hasNonNull("logDigest")) {
                long from = view.path("logSize").asLong();
                lines.add(String.format(Locale.ROOT, "  %-10s logSize %s, logDigest %s", list, number(from),
                        view.path("logDigest").asText()));
                lines.add(VERBATIM + url + pub + "/proof/consistency?from=" + from + "&to=" + size);
            }
        }
        lines.add("  Keep the checkpoint and the key; later, anyone can check that the log still extends it "
                + "(no account; build the jar with ./mvnw -q -pl selection-audit -am package -DskipTests):");
        lines.add(VERBATIM + "curl -s -o " + file + " " + url + pub + "/checkpoint");
        lines.add(VERBATIM + "java -jar " + JAR + " consistency --url " + url + " --edition " + run.id + " --key '"
                + logKey + "' --old " + file);
        lines.add("  The whole log, with no account (the public log: voters, addresses and devices as keyed "
                + "pseudonyms), verified with the key and held to the checkpoint kept:");
        lines.add(VERBATIM + "curl -s -o " + run.id + ".ndjson " + url + pub + "/events");
        lines.add(VERBATIM + "java -jar " + JAR + " verify --key '" + logKey + "' --since " + file + " " + run.id
                + ".ndjson");
        lines.add("");
        return lines;
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
