package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.JavascriptExecutor;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page's "check these results yourself" section in a real browser, never signed in: the
 * checkpoint it shows opens with the key it shows and is the one the public endpoint serves, its
 * commands name this server, the edition and that key, each published list is linked to the
 * checkpoint by a consistency proof that holds (and the page's checker refuses a wrong digest), in
 * Chinese and in English, and on a 390 px phone nothing scrolls sideways.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@org.junit.jupiter.api.Tag("slow")
class PublicCheckBrowserTest extends ApiTestBase {

    private static final String E = "ui-check";
    private static final String PUBLIC = "/api/public/editions/" + E;

    @Test
    void the_public_page_shows_the_signed_checkpoint_its_key_and_the_commands_that_need_no_account() {
        publishResults();
        JsonNode results = get(null, PUBLIC + "/results").body();
        NoteKey published = NoteKey.parse(get(null, PUBLIC + "/log-key").body().get("logKey").asText());

        try (Browser b = new Browser(port, 1280, 1000)) {
            b.open("/results/" + E);
            b.find("#main[data-ready]");
            assertThat(b.text("#check h2")).isEqualTo("自行核验这些结果");
            Checkpoint shown = assertTheCheckpointOpensWithTheKeyShown(b, published);
            assertThat(b.text("#witnesses")).isEqualTo("尚无见证方联署。");

            // the commands: this server, this edition, this key; none needs an account (the public log)
            String commands = b.text("#check-commands");
            assertThat(commands).contains("curl -s -o " + E + ".checkpoint " + b.base + PUBLIC + "/checkpoint")
                    .contains("selection-audit.jar consistency --url " + b.base + " --edition " + E)
                    .contains("--key '" + published + "' --old " + E + ".checkpoint")
                    .contains("curl -s -o " + E + ".ndjson " + b.base + PUBLIC + "/events")
                    .contains("verify --key '" + published + "' --since " + E + ".checkpoint " + E + ".ndjson")
                    .doesNotContain("auditor");
            assertThat(b.text("#how pre")).contains("curl -s -o " + E + ".ndjson " + b.base + PUBLIC + "/events")
                    .doesNotContain("auditor")
                    .contains("verify --key '" + published + "' \\\n    --since " + E + ".checkpoint " + E + ".ndjson");
            // and the public log they download verifies with the key shown, with no account
            List<String> publicLog = get(null, PUBLIC + "/events").raw().lines().toList();
            io.selection.audit.verifier.Report report = io.selection.audit.Exports.verifyText(publicLog, List.of(published));
            assertThat(report.ok()).as(report.toText()).isTrue();

            // each list, linked to the checkpoint: the page says the proof holds, and so does the rulebook
            for (String list : List.of("winners", "shortlist")) {
                JsonNode view = results.get(list);
                assertThat(b.find("#check-lists li[data-list='results." + list + "']").getAttribute("data-holds"))
                        .as(list).isEqualTo("true");
                assertThat(view.get("logSize").asLong()).isLessThan(shown.size());
                assertThat(Merkle.verifyConsistency(view.get("logSize").asLong(), shown.size(),
                        Hex.parse(view.get("logDigest").asText()), shown.root(),
                        proof(view.get("logSize").asLong(), shown.size()))).as(list).isTrue();
            }
            assertThat(pageChecks(b, results.get("winners"), shown, false)).isTrue();
            assertThat(pageChecks(b, results.get("winners"), shown, true)).as("a digest with one bit changed").isFalse();

            // copyable: the clipboard where the browser allows it, else the note selected for the reader
            b.click("#checkpoint-copy");
            String said = b.until(d -> b.text("#checkpoint-copied").isEmpty() ? null : b.text("#checkpoint-copied"));
            if (said.startsWith("已选中")) {
                assertThat(b.script("return window.getSelection().toString()")).isEqualTo(note(b));
            } else {
                assertThat(said).isEqualTo("已复制。");
            }
            b.script("document.getElementById('check').scrollIntoView()");
            b.screenshot("results-check");

            b.click("#lang");
            b.until(d -> b.text("#check h2").equals("Check these results yourself"));
            b.find("#main[data-ready]");
            assertThat(b.text("#witnesses")).isEqualTo("no witness cosigns yet");
            assertThat(b.text("#how")).contains("The public log holds no personal data");
            assertThat(assertTheCheckpointOpensWithTheKeyShown(b, published)).isEqualTo(shown);
            assertThat(b.text("#check-commands")).contains("# 1. now: download the checkpoint and keep it");
            b.script("document.getElementById('check-lists').scrollIntoView()");
            b.screenshot("results-check-en");
            assertThat(b.errors()).isEmpty();
        }

        try (Browser phone = new Browser(port, 390, 844)) {
            for (String heading : List.of("自行核验这些结果", "Check these results yourself")) {
                phone.open("/results/" + E);
                phone.find("#main[data-ready]");
                if (!phone.text("#check h2").equals(heading)) {
                    phone.click("#lang");
                    phone.until(d -> phone.text("#check h2").equals(heading));
                    phone.find("#main[data-ready]");
                }
                assertTheCheckpointOpensWithTheKeyShown(phone, published);
                // the page fits the screen, and the note wraps inside its box rather than hiding a part
                assertThat(((Number) phone.script("return document.documentElement.scrollWidth")).longValue())
                        .as(heading).isLessThanOrEqualTo(390);
                assertThat((Boolean) phone.script("const p = document.getElementById('checkpoint');"
                        + " return p.scrollWidth <= p.clientWidth")).as(heading).isTrue();
                phone.script("document.getElementById('check').scrollIntoView()");
                phone.screenshot("results-check-phone-" + (heading.startsWith("C") ? "en" : "zh"));
            }
            assertThat(phone.errors()).isEmpty();
        }
    }

    /** The note in #checkpoint, opened with the key in #log-key: signed by it, of this edition, its size and root shown. */
    private Checkpoint assertTheCheckpointOpensWithTheKeyShown(Browser b, NoteKey published) {
        NoteKey key = NoteKey.parse(b.text("#log-key"));
        assertThat(key).hasToString(published.toString());
        String note = note(b);
        SignedNote.Opened opened = SignedNote.open(note, List.of(key));
        assertThat(opened.signedBy(key)).isTrue();
        assertThat(opened.others()).isEmpty(); // no cosignatures: the page says so
        Checkpoint checkpoint = Checkpoint.of(opened);
        assertThat(checkpoint.origin()).isEqualTo(key.name() + "/" + E);
        assertThat(b.text("#log-origin")).isEqualTo(checkpoint.origin());
        assertThat(b.text("#checkpoint-size").replaceAll("\\D", "")).isEqualTo(String.valueOf(checkpoint.size()));
        assertThat(b.text("#checkpoint-root")).isEqualTo(Base64.getEncoder().encodeToString(checkpoint.root()));
        assertThat(b.text("#checkpoint-root-hex")).isEqualTo(Hex.of(checkpoint.root()));
        // what the page shows is what anyone downloads, with no credentials
        assertThat(get(null, PUBLIC + "/checkpoint").raw()).isEqualTo(note);
        assertThat(b.find("#checkpoint-download").getAttribute("href")).endsWith(PUBLIC + "/checkpoint");
        return checkpoint;
    }

    /** The note as the page holds it, byte for byte (getText would trim its final newline). */
    private static String note(Browser b) {
        return (String) b.script("return document.getElementById('checkpoint').textContent");
    }

    /** The page's own checker on the list's digest (one bit changed if asked) and the checkpoint's root. */
    private boolean pageChecks(Browser b, JsonNode list, Checkpoint checkpoint, boolean flipABit) {
        byte[] digest = Hex.parse(list.get("logDigest").asText());
        if (flipABit) {
            digest[0] ^= 1;
        }
        Object holds = ((JavascriptExecutor) b.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " import('/assets/merkle.js').then(async m => {"
                        + "   const r = await fetch(arguments[0]).then(x => x.json());"
                        + "   done(await m.verifyConsistency(arguments[1], arguments[2], m.fromHex(arguments[3]),"
                        + "     m.fromBase64(arguments[4]), r.proof.map(m.fromBase64)));"
                        + " }).catch(e => done(String(e)));",
                PUBLIC + "/proof/consistency?from=" + list.get("logSize").asLong() + "&to=" + checkpoint.size(),
                list.get("logSize").asLong(), checkpoint.size(), Hex.of(digest),
                Base64.getEncoder().encodeToString(checkpoint.root()));
        assertThat(holds).isInstanceOf(Boolean.class);
        return (Boolean) holds;
    }

    private List<byte[]> proof(long from, long to) {
        List<byte[]> hashes = new ArrayList<>();
        get(null, PUBLIC + "/proof/consistency?from=" + from + "&to=" + to).body().get("proof")
                .forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    /** Over the API: one category, three works, one reviewer; shortlist of two, one winner, two votes. */
    private void publishResults() {
        String api = "/api/editions/" + E;
        ObjectNode edition = edition(E, 2, 1, "A");
        edition.putObject("review").put("minScores", 1);
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        String reviewer = E + "-r";
        assertThat(post("organiser", api + "/reviewers", reviewer(reviewer, "Jury", "A")).status()).isEqualTo(201);
        advance(api, "COLLECTING");
        for (int i = 1; i <= 3; i++) {
            assertThat(post("organiser", api + "/works", work("A" + i, "A", "Unit")).status()).isEqualTo(201);
        }
        advance(api, "PRELIMINARY_REVIEW");
        for (int i = 1; i <= 3; i++) {
            assertThat(post(reviewerLogin(reviewer), api + "/works/A" + i + "/preliminary-scores", score(100 - 10 * i))
                    .status()).isEqualTo(201);
        }
        advance(api, "SHORTLIST_PUBLISHED", "VOTING");
        for (String v : List.of("v1", "v2")) {
            Response r = post("gateway", api + "/votes", vote(E + "-" + v, E + "-" + v, "A1", "2024-02-27T02:00:00Z"));
            assertThat(r.body().path("decision").asText()).as(r.raw()).isEqualTo("ACCEPTED");
        }
        advance(api, "FINAL_REVIEW");
        for (int i = 1; i <= 2; i++) {
            assertThat(post(reviewerLogin(reviewer), api + "/works/A" + i + "/final-scores", score(90 - 10 * i))
                    .status()).isEqualTo(201);
        }
        advance(api, "RESULTS_PUBLISHED");
    }

    private void advance(String api, String... stages) {
        for (String stage : stages) {
            Response r = post("organiser", api + "/transitions", to(stage));
            assertThat(r.status()).as(stage + ": " + r.raw()).isEqualTo(200);
        }
    }
}
