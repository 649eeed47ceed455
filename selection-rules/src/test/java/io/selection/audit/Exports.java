package io.selection.audit;

import io.selection.audit.verifier.Report;
import io.selection.audit.verifier.Verifier;

import io.selection.audit.format.Canonical;
import io.selection.audit.format.Hex;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.proofs.Merkle;

import io.selection.sample.SampleEdition;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An edition's export as a file, for the audit tests: written as NDJSON (one canonical line per
 * event, then the closing line), read back with Jackson as an independent reader would, fed to
 * the {@link Verifier}, and re-forged after tampering (hashes, chain, later published log digests
 * and the closing line computed again) so that only the rule a tampering breaks can catch it.
 */
public final class Exports {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Exports() {
    }

    /** The export of a sample edition: every line, then the closing line, each ending in "\n". */
    public static byte[] ndjson(SampleEdition.Params params) {
        return ndjson(params, null);
    }

    /** The export of a sample edition as the public log (format 2) with these pseudonyms, or format 1 for null. */
    public static byte[] ndjson(SampleEdition.Params params, io.selection.audit.format.Pseudonyms pseudonyms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogWriter writer = SampleEdition.write(params, pseudonyms, line -> append(out, line.toJson()));
        append(out, writer.closingLine());
        return out.toByteArray();
    }

    public static String text(SampleEdition.Params params) {
        return new String(ndjson(params), StandardCharsets.UTF_8);
    }

    /** The lines of an export (without their "\n"; a last line cut short is kept as it is). */
    public static List<String> lines(String ndjson) {
        List<String> lines = new ArrayList<>(List.of(ndjson.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Every line parsed, the closing line included. */
    public static List<Map<String, Object>> parse(String ndjson) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : lines(ndjson)) {
            out.add(parseLine(line));
        }
        return out;
    }

    public static Map<String, Object> parseLine(String line) {
        try {
            return JSON.readValue(line, OBJECT);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static String toNdjson(List<Map<String, Object>> lines) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> line : lines) {
            out.append(Canonical.string(line)).append('\n');
        }
        return out.toString();
    }

    /** Verifies an export as the offline verifier reads a file: line by line, the n-th line as seq n. */
    public static Report verify(String ndjson) {
        return verifyText(lines(ndjson));
    }

    /**
     * Verifies an export's lines (without their "\n") as the offline verifier reads a file: each
     * parsed once, the invalidations' sets told first, then line by line, the n-th line as seq n; a
     * line that is not JSON is reported unreadable at its place.
     */
    public static Report verifyText(List<String> lines) {
        return verifyText(lines, List.of());
    }

    /** As {@link #verifyText(List)}, with the log's keys the auditor trusts (verify --key). */
    public static Report verifyText(List<String> lines, java.util.Collection<io.selection.audit.proofs.NoteKey> keys) {
        List<Map<String, Object>> parsed = new ArrayList<>(lines.size());
        List<String> unreadable = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                parsed.add(parseLine(line));
                unreadable.add(null);
            } catch (IllegalArgumentException e) {
                parsed.add(null);
                unreadable.add(e.getMessage());
            }
        }
        Verifier verifier = new Verifier().watch(invalidations(parsed)).trusting(keys);
        for (int i = 0; i < lines.size(); i++) {
            if (parsed.get(i) == null) {
                verifier.unreadable(i + 1, unreadable.get(i));
            } else {
                accept(verifier, i + 1, parsed.get(i));
            }
        }
        return verifier.finish();
    }

    public static Report verify(List<Map<String, Object>> lines) {
        return verify(lines, v -> v);
    }

    /** As {@link #verify(List)}, with the verifier set up first (the log's keys, checkpoints kept). */
    public static Report verify(List<Map<String, Object>> lines, java.util.function.UnaryOperator<Verifier> setup) {
        Verifier verifier = setup.apply(new Verifier().watch(invalidations(lines)));
        for (int i = 0; i < lines.size(); i++) {
            accept(verifier, i + 1, lines.get(i));
        }
        return verifier.finish();
    }

    /** The first pass an auditor's verify makes: the sets the invalidation lines define. */
    public static List<io.selection.voting.VoteSet> invalidations(List<Map<String, Object>> lines) {
        List<LogLine> read = new java.util.ArrayList<>();
        for (Map<String, Object> json : lines) {
            if (json != null && !json.containsKey("head")) {
                try {
                    read.add(LogLine.fromJson(json));
                } catch (RuntimeException e) {
                    // named by the verifier
                }
            }
        }
        return Verifier.invalidations(read);
    }

    private static void accept(Verifier verifier, long position, Map<String, Object> json) {
        if (json.get("head") instanceof Map<?, ?> head) {
            if (head.get("checkpoints") instanceof List<?> notes) {
                verifier.acceptCheckpoints(notes.stream().map(String::valueOf).toList());
            }
            verifier.acceptHead(((Number) head.get("size")).longValue(), (String) head.get("digest"),
                    (String) head.get("chain"), ((Number) json.get("v")).intValue());
            return;
        }
        LogLine line;
        try {
            line = LogLine.fromJson(json);
        } catch (IllegalArgumentException e) {
            verifier.unreadable(position, e.getMessage());
            return;
        }
        verifier.accept(line);
    }

    /** The event lines (the closing line left out). */
    public static List<Map<String, Object>> events(List<Map<String, Object>> lines) {
        return lines.stream().filter(l -> !l.containsKey("head")).toList();
    }

    /** The index in {@code lines} of the first line of this type (from {@code from}). */
    public static int indexOf(List<Map<String, Object>> lines, String type, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (type.equals(lines.get(i).get("type"))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + type + " line from index " + from);
    }

    public static int indexOf(List<Map<String, Object>> lines, String type) {
        return indexOf(lines, type, 0);
    }

    public static long seq(Map<String, Object> line) {
        return ((Number) line.get("seq")).longValue();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(Map<String, Object> line) {
        return (Map<String, Object>) line.get("data");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> column(Map<String, Object> voteGroup, String field) {
        return (List<Object>) ((Map<String, Object>) data(voteGroup).get("votes")).get(field);
    }

    /**
     * Turns over the decision of vote {@code v} of a vote group's line (ACCEPTED becomes REFUSED
     * DAILY_WORK_LIMIT, a refusal becomes ACCEPTED), as a forger would; returns the vote's id.
     */
    @SuppressWarnings("unchecked")
    public static String turnOver(Map<String, Object> groupLine, int v) {
        Map<String, Object> votes = (Map<String, Object>) data(groupLine).get("votes");
        List<Object> decisions = new ArrayList<>((List<Object>) votes.get("decision"));
        List<Object> reasons = new ArrayList<>((List<Object>) votes.get("reason"));
        boolean accepted = "ACCEPTED".equals(decisions.get(v));
        decisions.set(v, accepted ? "REFUSED" : "ACCEPTED");
        reasons.set(v, accepted ? "DAILY_WORK_LIMIT" : null);
        votes.put("decision", decisions);
        votes.put("reason", reasons);
        return (String) ((List<Object>) votes.get("voteId")).get(v);
    }

    /** How many votes a vote group's line holds. */
    @SuppressWarnings("unchecked")
    public static int votes(Map<String, Object> groupLine) {
        return ((List<Object>) ((Map<String, Object>) data(groupLine).get("votes")).get("voteId")).size();
    }

    /**
     * Re-forges the file from line index {@code from} on, as a forger who can rewrite the whole
     * tail would: each line's hash and chain computed again, the log digest of every publishing
     * line after {@code from} recomputed over the new hashes, and the closing line (kept, or
     * added at the end) naming the new head. The line at {@code from} keeps whatever it was given.
     */
    @SuppressWarnings("unchecked")
    public static void reforge(List<Map<String, Object>> lines, int from) {
        lines.removeIf(l -> l.containsKey("head"));
        List<byte[]> hashes = new ArrayList<>();
        byte[] chain = LineHashes.CHAIN_START;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> json = lines.get(i);
            if (i > from && data(json).get("published") instanceof Map<?, ?> published) {
                long size = ((Number) published.get("logSize")).longValue();
                ((Map<String, Object>) published).put("logDigest", Hex.of(Merkle.root(hashes.subList(0,
                        (int) size))));
            }
            byte[] hash = LineHashes.hash(LogLine.fromJson(json));
            chain = LineHashes.chain(chain, hash);
            if (i >= from) {
                json.put("hash", Hex.of(hash));
                json.put("chain", Hex.of(chain));
            }
            hashes.add(hash);
        }
        int format = lines.isEmpty() ? LogLine.RAW : ((Number) lines.get(0).get("v")).intValue();
        lines.add(new java.util.LinkedHashMap<>(LogWriter.closingLine(hashes.size(), Hex.of(Merkle.root(hashes)),
                Hex.of(chain), format)));
    }

    private static void append(ByteArrayOutputStream out, Map<String, Object> json) {
        out.writeBytes(Canonical.bytes(json));
        out.write('\n');
    }
}
