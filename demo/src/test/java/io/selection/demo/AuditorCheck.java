package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.audit.cli.AuditCli;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an auditor does after the demo's edition: download its export, run the offline verifier
 * on the file alone, compare every digest the server shows on its lists with the report's, and
 * check a voter's receipt against the digest on the winners list.
 */
final class AuditorCheck {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuditorCheck() {
    }

    static void assertVerifiableFromItsExport(String url, String edition, Path dir) throws Exception {
        String base = url + "/api/editions/" + edition;
        Path export = dir.resolve(edition + ".ndjson");
        Files.writeString(export, get(base + "/events", "auditor"));

        Run verify = run("verify", "--json", "--no-progress", export.toString());
        JsonNode report = JSON.readTree(verify.out());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("stage").asText()).isEqualTo("RESULTS_PUBLISHED");

        JsonNode shortlist = JSON.readTree(get(base + "/shortlist", "auditor"));
        JsonNode tallies = JSON.readTree(get(base + "/tallies", "auditor"));
        JsonNode winners = JSON.readTree(get(base + "/winners", "auditor"));
        assertSameDigests(shortlist, last(report, "ShortlistAmended", "ShortlistPublished"));
        assertSameDigests(tallies, last(report, "TalliesCertified"));
        assertSameDigests(winners, last(report, "ResultsPublished"));

        String voteId = firstAcceptedVote(export);
        Path receipt = dir.resolve("receipt.json");
        Files.writeString(receipt, get(base + "/votes/" + voteId + "/receipt", "gateway"));
        Run check = run("receipt", "--json", receipt.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(JSON.readTree(check.out()).get("logDigest").asText()).isEqualTo(winners.get("logDigest").asText());
    }

    private static void assertSameDigests(JsonNode list, JsonNode published) {
        assertThat(list.get("logSize").asLong()).isEqualTo(published.get("logSize").asLong());
        assertThat(list.get("logDigest").asText()).isEqualTo(published.get("logDigest").asText());
        assertThat(list.get("listDigest").asText()).isEqualTo(published.get("listDigest").asText());
    }

    /** The last list the report saw published under one of the types. */
    private static JsonNode last(JsonNode report, String... types) {
        JsonNode found = null;
        for (JsonNode p : report.get("published")) {
            for (String type : types) {
                if (type.equals(p.get("type").asText())) {
                    found = p;
                }
            }
        }
        assertThat(found).as(String.join(" or ", types)).isNotNull();
        return found;
    }

    private static String firstAcceptedVote(Path export) throws IOException {
        for (String line : Files.readAllLines(export)) {
            JsonNode json = JSON.readTree(line);
            if ("VotesDecided".equals(json.path("type").asText())) {
                JsonNode votes = json.get("data").get("votes");
                for (int i = 0; i < votes.get("voteId").size(); i++) {
                    if ("ACCEPTED".equals(votes.get("decision").get(i).asText())) {
                        return votes.get("voteId").get(i).asText();
                    }
                }
            }
        }
        throw new AssertionError("no accepted vote in the export");
    }

    record Run(int exit, String out, String err) {
    }

    /** The offline verifier's command line, as its jar runs it. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AuditCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A GET with no sign-in, as anyone outside would ask. */
    static String getPublic(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** A GET with the account's own name as its password (the local accounts). */
    static String get(String url, String account) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((account + ":" + account).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
