package io.selection.audit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    @TempDir
    Path dir;

    Path sample;
    List<String> lines;

    @BeforeEach
    void writeSample() throws Exception {
        sample = Samples.small(dir);
        lines = Samples.lines(sample);
    }

    @Test
    void aSampleLogIsOk() {
        Cli.Result r = Cli.run("verify", sample.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("OK: edition sample-2023, " + (lines.size() - 1) + " lines");
        assertThat(r.out()).contains("vote decisions").doesNotContain("FAIL");
        assertThat(r.err()).isEmpty(); // no bar: small file, stderr is not a terminal
    }

    @Test
    void eachInvalidationIsHeldToItsSetsMembersFoundByAFirstPassHoweverTheLineIsSpaced() throws Exception {
        // the same content, spaced differently: the line's hash is of its content, so it still holds,
        // and the first pass must still find the set (it looks for the word, not for canonical bytes)
        List<String> spaced = lines.stream().map(l -> l.contains("\"type\":\"VotesInvalidated\"")
                ? l.replace("\"type\":\"VotesInvalidated\"", "\"type\" : \"VotesInvalidated\"") : l).toList();
        assertThat(spaced).isNotEqualTo(lines);
        Path file = Samples.write(dir.resolve("spaced.ndjson"), spaced);

        Cli.Result r = Cli.run("verify", "--json", file.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        Map<?, ?> invalidations = check(r.json(), "invalidations");
        assertThat(invalidations.get("ok")).isEqualTo(true);
        assertThat(((Number) invalidations.get("items")).longValue()).as(r.out()).isEqualTo(4);
    }

    @Test
    void theJsonReportSaysOkAndNamesNoBadLine() {
        Cli.Result r = Cli.run("verify", "--json", sample.toString());

        assertThat(r.exit()).isZero();
        Map<String, Object> report = r.json();
        assertThat(report).containsEntry("ok", true).containsEntry("firstBadSeq", null)
                .containsEntry("lines", lines.size() - 1);
        assertThat(((Map<?, ?>) report.get("votes")).get("decisions")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VotesDecided", "WorkSubmitted", "ShortlistPublished"})
    void oneChangedByteInOneLinesDataIsFoundAtThatLine(String type) throws Exception {
        int seq = Samples.firstOfType(lines, type);
        String line = lines.get(seq - 1);
        int at = type.equals("VotesDecided") ? line.indexOf("\"voterId\":[") : line.indexOf("\"data\":{");
        int value = line.indexOf("\"", line.indexOf(type.equals("VotesDecided") ? "[" : ":\"", at) + 1) + 1;
        // value: the first character of the first string value inside data (of the first vote's voterId)
        char c = line.charAt(value);
        // another digit for a digit, another letter for a letter: the line still decodes, only its hash is off
        char other = Character.isDigit(c) ? (c == '1' ? '2' : '1') : (c == 'x' ? 'y' : 'x');
        lines.set(seq - 1, line.substring(0, value) + other + line.substring(value + 1));
        Path tampered = Samples.write(dir.resolve("tampered.ndjson"), lines);

        Cli.Result r = Cli.run("verify", "--json", tampered.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        Map<String, Object> report = r.json();
        assertThat(report).containsEntry("ok", false).containsEntry("firstBadSeq", seq);
        Map<?, ?> hashes = check(report, "line hashes");
        assertThat(hashes.get("ok")).isEqualTo(false);
        assertThat(hashes.get("firstBadSeq")).isEqualTo(seq);
    }

    @Test
    void aFileWithoutItsClosingLineFails() throws Exception {
        Path truncated = Samples.write(dir.resolve("no-head.ndjson"), lines.subList(0, lines.size() - 1));

        Cli.Result r = Cli.run("verify", truncated.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAILED").contains("truncated after seq " + (lines.size() - 1));
    }

    @Test
    void aFileCutInTheMiddleOfALineFails() throws Exception {
        byte[] all = Files.readAllBytes(sample);
        Path cut = dir.resolve("cut.ndjson");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));

        Cli.Result r = Cli.run("verify", "--json", cut.toString());

        assertThat(r.exit()).isEqualTo(1);
        Map<String, Object> report = r.json();
        assertThat(report).containsEntry("ok", false);
        assertThat(((Map<?, ?>) check(report, "format")).get("ok")).isEqualTo(false); // the cut line is not JSON
        assertThat(((Map<?, ?>) check(report, "log head")).get("ok")).isEqualTo(false);
    }

    @Test
    void aLineThatIsNotJsonIsReportedAtItsPosition() throws Exception {
        lines.set(9, "this is not json");
        Path bad = Samples.write(dir.resolve("bad.ndjson"), lines);

        Cli.Result r = Cli.run("verify", "--json", bad.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json()).containsEntry("firstBadSeq", 10);
        assertThat(check(r.json(), "format").get("details").toString()).contains("seq 10: not a line of the format");
    }

    @Test
    void aLineWithAFieldOutsideTheFormatIsRefused() throws Exception {
        lines.set(4, lines.get(4).replaceFirst("^\\{", "{\"note\":\"trust me\","));
        Path bad = Samples.write(dir.resolve("extra.ndjson"), lines);

        Cli.Result r = Cli.run("verify", "--json", bad.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json()).containsEntry("firstBadSeq", 5);
    }

    @Test
    void windowsLineEndingsReadTheSame() throws Exception {
        Path crlf = dir.resolve("crlf.ndjson");
        Files.writeString(crlf, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

        assertThat(Cli.run("verify", crlf.toString()).exit()).isZero();
    }

    @Test
    void theProgressBarGoesToStderrAndTheReportStaysClean() {
        Cli.Result r = Cli.run("verify", "--progress", sample.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("OK");
        assertThat(r.err()).contains("verify").contains("MB");
    }

    @Test
    void aMissingFileIsAnErrorNotAFailedCheck() {
        Cli.Result r = Cli.run("verify", dir.resolve("nowhere.ndjson").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no such file").contains("nowhere.ndjson");
    }

    @Test
    void aDirectoryIsAnError() {
        Cli.Result r = Cli.run("verify", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a file");
    }

    @Test
    void usageErrorsExitWith2AndSayWhy() {
        assertThat(Cli.run("verify").exit()).isEqualTo(2);
        Cli.Result both = Cli.run("verify", "--url", "http://localhost:1", sample.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both").contains("Usage: selection-audit verify");
        Cli.Result incomplete = Cli.run("verify", "--url", "http://localhost:1", "--user", "a");
        assertThat(incomplete.exit()).isEqualTo(2);
        assertThat(incomplete.err()).contains("--url needs --edition");
        assertThat(Cli.run("verify", "--save", "x", sample.toString()).exit()).isEqualTo(2);
        assertThat(Cli.run("verify", "--bogus", sample.toString()).exit()).isEqualTo(2);
        assertThat(Cli.run().exit()).isEqualTo(2);
        assertThat(Cli.run("nonsense").exit()).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("verify", "receipt", "sample")) {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: selection-audit " + command).contains("Exit codes");
        }
        assertThat(Cli.run("--help").out()).contains("verify").contains("receipt").contains("sample");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> report, String name) {
        return ((List<Map<String, Object>>) report.get("checks")).stream().filter(c -> name.equals(c.get("name")))
                .findFirst().orElseThrow();
    }
}
