package io.selection.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.selection.audit.format.LogLine;
import io.selection.audit.verifier.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an export as an auditor's tool does: each line parsed, then checked by the core verifier. */
final class AuditTrail {

    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private AuditTrail() {
    }

    static List<String> lines(String ndjson) {
        List<String> out = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The decisions per vote id in an edition's export (as an auditor receives it), in log order. */
    static Map<String, List<String>> decisionsByVoteId(TestHttp http, String editionPath) throws Exception {
        Response export = http.get("auditor", editionPath + "/events");
        if (export.status() != 200) {
            throw new AssertionError("export of " + editionPath + ": HTTP " + export.status() + " " + export.raw());
        }
        Map<String, List<String>> decisions = new java.util.HashMap<>();
        for (String line : lines(export.raw())) {
            com.fasterxml.jackson.databind.JsonNode l = TestHttp.JSON.readTree(line);
            if ("VotesDecided".equals(l.path("type").asText())) {
                com.fasterxml.jackson.databind.JsonNode columns = l.get("data").get("votes");
                for (int i = 0; i < columns.get("voteId").size(); i++) {
                    decisions.computeIfAbsent(columns.get("voteId").get(i).asText(), id -> new ArrayList<>())
                            .add(columns.get("decision").get(i).asText());
                }
            }
        }
        return decisions;
    }

    static Map<String, Object> parse(String line) {
        try {
            return PLAIN.readValue(line, OBJECT);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The export's lines folded, in order, into {@code fold} (seq, event); the closing line skipped. */
    static void fold(List<String> lines, java.util.function.ObjLongConsumer<io.selection.events.EditionEvent> fold) {
        for (String text : lines) {
            Map<String, Object> json = parse(text);
            if (!json.containsKey("head")) {
                LogLine line = LogLine.fromJson(json);
                fold.accept(io.selection.audit.verifier.Verifier.prepare(line).event(), line.seq());
            }
        }
    }

    /** The export's lines verified as the offline verifier reads a file (its invalidations' sets first). */
    static Report verify(List<String> lines) {
        return io.selection.audit.Exports.verifyText(lines);
    }
}
