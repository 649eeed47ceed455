package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;
import io.selection.demo.Demo.Result;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anyone does with what the demo printed after the results: opens the printed checkpoint with
 * the printed key, follows each list's printed consistency proof from its digest to the checkpoint,
 * and runs the printed commands as they are (curl as a GET with no credentials, the jar as it runs):
 * the public log downloaded with no account verifies with the printed key against the kept checkpoint.
 */
final class NoAccountCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NoAccountCheck() {
    }

    static void assertPrintedCheckpointChecksOut(String output, Result result, Path dir) throws Exception {
        List<String> lines = output.lines().toList();
        int header = lines.indexOf(PublicCheck.HEADER);
        assertThat(header).as("the demo prints " + PublicCheck.HEADER).isPositive();
        assertThat(output.indexOf("Results of edition")).isLessThan(output.indexOf(PublicCheck.HEADER));
        assertThat(output.indexOf(PublicCheck.HEADER)).isLessThan(output.indexOf("Sign in at "));

        NoteKey key = NoteKey.parse(after(lines, header, "  log key    "));
        assertThat(after(lines, header, "  witnesses  ")).startsWith("none: no witness cosigns yet");
        int at = index(lines, header, "  checkpoint ");
        String note = verbatim(lines, at + 1);
        SignedNote.Opened opened = SignedNote.open(note, List.of(key));
        assertThat(opened.signedBy(key)).isTrue();
        assertThat(opened.others()).isEmpty();
        Checkpoint checkpoint = Checkpoint.of(opened);
        assertThat(checkpoint.origin()).isEqualTo(key.name() + "/" + result.editionId())
                .isEqualTo(after(lines, header, "  origin     "));
        assertThat(lines.get(at)).isEqualTo("  checkpoint " + String.format(Locale.ROOT, "%,d", checkpoint.size())
                + " lines, root " + Hex.of(checkpoint.root()) + " in hex (the note writes it in base64):");

        // each published list: its digest as the results show it, and the printed proof links it to the checkpoint
        for (String list : List.of("winners", "shortlist")) {
            int row = index(lines, header, String.format(Locale.ROOT, "  %-10s logSize ", list));
            JsonNode published = list.equals("winners") ? result.winners() : result.finalShortlist();
            long size = published.get("logSize").asLong();
            assertThat(lines.get(row)).endsWith(", logDigest " + published.get("logDigest").asText());
            List<byte[]> proof = new ArrayList<>();
            JSON.readTree(anyone(verbatim(lines, row + 1).strip())).get("proof")
                    .forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
            assertThat(Merkle.verifyConsistency(size, checkpoint.size(), Hex.parse(published.get("logDigest").asText()),
                    checkpoint.root(), proof)).as(list).isTrue();
        }

        // the commands, as printed: download the checkpoint with no account, hold the log to it later
        List<String> curl = words(line(lines, header, "curl -s -o "));
        Path kept = dir.resolve(curl.get(3));
        Files.writeString(kept, anyone(curl.get(4)));
        assertThat(SignedNote.open(Files.readString(kept), List.of(key)).signedBy(key)).isTrue();
        AuditorCheck.Run consistency = AuditorCheck.run(jarArguments(line(lines, header, " consistency "), dir));
        assertThat(consistency.exit()).as(consistency.out() + consistency.err()).isZero();
        assertThat(consistency.out()).startsWith("OK: " + checkpoint.origin());

        // the public log, with no account: held to the key and to the checkpoint kept, and free of personal data
        List<String> export = words(line(lines, header, "/events"));
        assertThat(export.subList(0, 2)).containsExactly("curl", "-s");
        String publicLog = anyone(export.get(4));
        assertThat(publicLog).contains("\"v\":2").doesNotContain("\"voterId\"");
        Files.writeString(dir.resolve(export.get(3)), publicLog);
        AuditorCheck.Run verify = AuditorCheck.run(jarArguments(line(lines, header, " verify --key "), dir));
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }

    /** The words after the jar's name, a file named in the printed line taken from {@code dir}. */
    private static String[] jarArguments(String command, Path dir) {
        List<String> words = words(command);
        assertThat(words.subList(0, 3)).containsExactly("java", "-jar", PublicCheck.JAR);
        List<String> arguments = new ArrayList<>();
        for (String w : words.subList(3, words.size())) {
            arguments.add(w.endsWith(".checkpoint") || w.endsWith(".ndjson") ? dir.resolve(w).toString() : w);
        }
        return arguments.toArray(String[]::new);
    }

    /** A shell line's words: split at spaces, 'single quotes' kept together. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        words.add(word.toString());
        return words;
    }

    /** The verbatim lines from {@code from} on, without their indent, as one text ending in a newline. */
    private static String verbatim(List<String> lines, int from) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < lines.size() && lines.get(i).startsWith(PublicCheck.VERBATIM); i++) {
            text.append(lines.get(i).substring(PublicCheck.VERBATIM.length())).append('\n');
        }
        return text.toString();
    }

    private static int index(List<String> lines, int from, String prefix) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' after the checkpoint's header");
    }

    private static String after(List<String> lines, int from, String prefix) {
        return lines.get(index(lines, from, prefix)).substring(prefix.length());
    }

    /** The printed command that contains {@code part}. */
    private static String line(List<String> lines, int from, String part) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(PublicCheck.VERBATIM) && lines.get(i).contains(part)) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no command with '" + part + "' after the checkpoint's header");
    }

    /** A GET with no credentials at all. */
    private static String anyone(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
