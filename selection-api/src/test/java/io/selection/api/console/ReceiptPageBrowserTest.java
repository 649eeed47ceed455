package io.selection.api.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.Receipt;
import io.selection.audit.proofs.SignedNote;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public receipt page in a real browser, never signed in: a voter chooses the receipt the
 * service gave (fetched here as the gateway) and the page says which work the vote was for, its
 * logged decision, its line and the checkpoint it is proven against; a receipt with one byte of its
 * entry changed, one whose checkpoint is signed by another key or whose signature is altered, and
 * one carrying a genuine checkpoint of another size each fail, naming the step. The page's verdict
 * is the offline checker's (selection-rules' Receipt) on the same bytes. At 1280 px and on a 390 px
 * phone (nothing scrolls sideways), in Chinese and in English.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@Tag("slow")
class ReceiptPageBrowserTest extends ApiTestBase {

    private static final String E = "ui-receipt";
    private static final String API = "/api/editions/" + E;
    private static final String PUBLIC = "/api/public/editions/" + E;

    /** What the page says, in each language: the decisions, and the start of each failure's sentence. */
    private static final Map<String, Map<String, String>> SAYS = Map.of(
            "zh", Map.of("published", "这正是“获选作品”名单所依据的日志。", "accepted", "有效",
                    "refused", "被拒（作品未入围）",
                    "proof", "证明得不出回执所写的日志摘要", "notSigned", "检查点不是由日志密钥",
                    "badSignature", "的签名核验不通过", "size", "检查点的行数不同", "edition", "这份回执属于届次 other"),
            "en", Map.of("published", "This is the log the list “Winners” was computed from.",
                    "accepted", "accepted", "refused", "refused (Work not on the shortlist)",
                    "proof", "The proof does not lead to the receipt’s digest",
                    "notSigned", "The checkpoint is not signed by the log’s key",
                    "badSignature", "does not verify", "size", "The checkpoint is of another size",
                    "edition", "This receipt is of edition other"));

    @TempDir
    Path dir;

    @Test
    void a_voter_checks_a_receipt_in_the_browser_and_a_changed_one_fails_naming_the_step() throws Exception {
        publishResults();
        NoteKey key = NoteKey.parse(get(null, PUBLIC + "/log-key").body().get("logKey").asText());
        String receipt = get("gateway", API + "/votes/" + E + "-v1/receipt").raw();
        String refused = get("gateway", API + "/votes/" + E + "-v3/receipt").raw();
        ObjectNode json = (ObjectNode) JSON.readTree(receipt);
        long size = json.get("logSize").asLong();
        Checkpoint checkpoint = Checkpoint.of(SignedNote.open(json.get("checkpoint").asText(), List.of(key)));
        assertThat(checked(receipt, key).ok()).as(checked(receipt, key).detail() + "\n" + receipt).isTrue();

        // one byte of the entry changed: the vote for the other work
        ObjectNode changed = json.deepCopy();
        ((ObjectNode) changed.get("entry")).put("workId", E + "-w2");
        String tampered = changed.toString();
        // the checkpoint re-signed by another key of the log's name; its signature altered; a real one of another size
        String note = json.get("checkpoint").asText();
        String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
        String resigned = with(json, SignedNote.sign(text, KeyPairs.generate(key.name(), NoteKey.ED25519)));
        String altered = with(json, alterSignature(note));
        String latest = get(null, PUBLIC + "/checkpoint").raw();
        assertThat(Checkpoint.of(SignedNote.open(latest, List.of(key))).size()).isGreaterThan(size);
        String otherSize = with(json, latest);
        ObjectNode elsewhere = json.deepCopy();
        elsewhere.put("editionId", "other");
        for (String bad : List.of(tampered, resigned, altered, otherSize)) {
            assertThat(checked(bad, key).ok()).as("the offline checker on a changed receipt").isFalse();
        }
        Path file = dir.resolve("receipt.json");
        Files.writeString(file, receipt);

        try (Browser b = new Browser(port, 1280, 1000)) {
            // from the results page's "how a voter checks a receipt", with the command still there
            b.open("/results/" + E);
            b.find("#main[data-ready]");
            assertThat(b.text("#how")).contains("java -jar selection-audit.jar receipt receipt.json");
            assertThat(b.text("#receipt-link")).isEqualTo("在浏览器中核验回执");
            b.click("#receipt-link");
            b.until(d -> d.getCurrentUrl().endsWith("/results/" + E + "/receipt"));
            b.find("#main[data-ready]");
            assertThat(b.text("#receipt-title")).isEqualTo("核验投票回执");
            assertThat(b.text("#receipt-command"))
                    .isEqualTo("java -jar selection-audit.jar receipt --key '" + key + "' receipt.json");

            everyCase(b, "zh", file, size, checkpoint, tampered, resigned, altered, otherSize, refused,
                    elsewhere.toString(), 1280);

            // a language switch says the outcome again in English, the receipt kept
            b.click("#lang");
            b.until(d -> b.text("#receipt-title").equals("Check a vote receipt"));
            b.find("#main[data-ready] #receipt-result[data-state]");
            assertThat(b.find("#receipt-result").getAttribute("data-state")).isEqualTo("failed");
            assertThat(b.text("#receipt-step")).isEqualTo("The step that failed: It is of this edition");
            everyCase(b, "en", file, size, checkpoint, tampered, resigned, altered, otherSize, refused,
                    elsewhere.toString(), 1280);
            assertThat(b.errors()).isEmpty();
        }

        try (Browser phone = new Browser(port, 390, 844)) {
            for (String language : List.of("zh", "en")) {
                phone.open("/results/" + E + "/receipt");
                phone.find("#main[data-ready]");
                if (!language.equals(phone.script("return document.documentElement.lang.substring(0, 2)"))) {
                    phone.click("#lang");
                    phone.until(d -> language.equals(phone.script("return document.documentElement.lang.substring(0, 2)")));
                    phone.find("#main[data-ready]");
                }
                everyCase(phone, language, file, size, checkpoint, tampered, resigned, altered, otherSize, refused,
                        elsewhere.toString(), 390);
            }
            assertThat(phone.errors()).isEmpty();
        }
    }

    /** Each receipt on the page: the real one (chosen as a file) holds, each changed one fails at its step. */
    private void everyCase(Browser b, String language, Path file, long size, Checkpoint checkpoint, String tampered,
                           String resigned, String altered, String otherSize, String refused, String elsewhere,
                           int width) {
        Map<String, String> says = SAYS.get(language);
        String shot = "receipt-" + (width < 500 ? "phone-" : "") + language;
        b.find("#receipt-file").sendKeys(file.toString());
        b.find("#receipt-result[data-state]");
        assertThat(b.find("#receipt-result").getAttribute("data-state")).as(b.text("#receipt-result")).isEqualTo("ok");
        assertThat(b.text("#receipt-work")).isEqualTo(language.equals("zh") ? "Work " + E + "-w1（" + E + "-w1）"
                : "Work " + E + "-w1 (" + E + "-w1)");
        assertThat(b.find("#receipt-work a").getAttribute("href")).endsWith("/results/" + E + "/works/" + E + "-w1");
        assertThat(b.text("#receipt-decision")).isEqualTo(says.get("accepted"));
        assertThat(b.text("#receipt-checkpoint-size").replaceAll("\\D", "")).isEqualTo(String.valueOf(size));
        assertThat(b.text("#receipt-checkpoint-root")).isEqualTo(Base64.getEncoder().encodeToString(checkpoint.root()));
        assertThat(b.text("#receipt-origin")).isEqualTo(checkpoint.origin());
        assertThat(b.text("#receipt-summary")).contains(E + "-w1").contains(says.get("accepted"));
        assertThat(b.all("#receipt-steps li[data-state='ok']")).hasSize(8);
        // proven against the results: the very log the winners list was computed from
        assertThat(b.text("#receipt-result .receipt-published")).isEqualTo(says.get("published"));
        assertThat(b.text("#receipt-result")).doesNotContain("[object");
        assertFits(b, width, "ok");
        b.screenshot(shot + "-ok");

        assertFails(b, refused, null, null);
        assertThat(b.find("#receipt-result").getAttribute("data-state")).isEqualTo("ok");
        assertThat(b.text("#receipt-decision")).isEqualTo(says.get("refused"));

        assertFails(b, tampered, "proof", says.get("proof"));
        assertThat(b.find("#receipt-steps li[data-step='header']").getAttribute("data-state")).isEqualTo("ok");
        assertThat(b.find("#receipt-steps li[data-step='signature']").getAttribute("data-state")).isEqualTo("unchecked");
        assertFits(b, width, "tampered");
        b.screenshot(shot + "-tampered");
        assertFails(b, resigned, "signature", says.get("notSigned"));
        b.screenshot(shot + "-resigned");
        assertFails(b, altered, "signature", says.get("badSignature"));
        assertFails(b, otherSize, "checkpoint", says.get("size"));
        assertFits(b, width, "other size");
        assertFails(b, elsewhere, "edition", says.get("edition"));
    }

    /** Pastes the receipt and checks it: it fails at step (null: it holds), saying why. */
    private static void assertFails(Browser b, String receipt, String step, String why) {
        b.script("document.getElementById('receipt-text').value = arguments[0]", receipt);
        b.click("#receipt-check");
        b.find("#receipt-result[data-state]");
        if (step == null) {
            return;
        }
        assertThat(b.find("#receipt-result").getAttribute("data-state")).as(b.text("#receipt-result")).isEqualTo("failed");
        assertThat(b.find("#receipt-result").getAttribute("data-step")).as(b.text("#receipt-result")).isEqualTo(step);
        assertThat(b.find("#receipt-steps li[data-step='" + step + "']").getAttribute("data-state")).isEqualTo("failed");
        assertThat(b.text("#receipt-why")).contains(why);
        assertThat(b.present("#receipt-facts")).isFalse();
    }

    private static void assertFits(Browser b, int width, String what) {
        assertThat(((Number) b.script("return document.documentElement.scrollWidth")).longValue()).as(what)
                .isLessThanOrEqualTo(width);
    }

    /** What the offline checker says of these bytes, anchored by the log's key. */
    private static Receipt.Checked checked(String receipt, NoteKey key) throws Exception {
        // a plain mapper: the offline checker reads java.util values, as the command line's does
        Map<String, Object> map = new ObjectMapper().readValue(receipt, new TypeReference<Map<String, Object>>() {
        });
        return Receipt.check(map).anchoredBy((String) map.get("checkpoint"), List.of(key), E);
    }

    private static String with(ObjectNode receipt, String checkpoint) {
        ObjectNode copy = receipt.deepCopy();
        copy.put("checkpoint", checkpoint);
        return copy.toString();
    }

    /** The note with one byte of its log signature (after the key id) flipped. */
    private static String alterSignature(String note) {
        int at = note.lastIndexOf("\n\n") + 2;
        String line = note.substring(at, note.indexOf('\n', at));
        int space = line.lastIndexOf(' ');
        byte[] blob = Base64.getDecoder().decode(line.substring(space + 1));
        blob[10] ^= 1;
        return note.substring(0, at) + line.substring(0, space + 1) + Base64.getEncoder().encodeToString(blob)
                + note.substring(at + line.length());
    }

    /** Over the API: one category, three works; two shortlisted, one winner; two votes accepted, one refused. */
    private void publishResults() {
        ObjectNode edition = edition(E, 2, 1, "A");
        edition.putObject("review").put("minScores", 1);
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        String reviewer = E + "-r";
        assertThat(post("organiser", API + "/reviewers", reviewer(reviewer, "Jury", "A")).status()).isEqualTo(201);
        advance("COLLECTING");
        for (int i = 1; i <= 3; i++) {
            assertThat(post("organiser", API + "/works", work(E + "-w" + i, "A", "Unit")).status()).isEqualTo(201);
        }
        advance("PRELIMINARY_REVIEW");
        for (int i = 1; i <= 3; i++) {
            assertThat(post(reviewerLogin(reviewer), API + "/works/" + E + "-w" + i + "/preliminary-scores",
                    score(100 - 10 * i)).status()).isEqualTo(201);
        }
        advance("SHORTLIST_PUBLISHED", "VOTING");
        for (String[] v : List.of(new String[]{"v1", "w1", "ACCEPTED"}, new String[]{"v2", "w1", "ACCEPTED"},
                new String[]{"v3", "w3", "REFUSED"})) {
            Response r = post("gateway", API + "/votes", vote(E + "-" + v[0], E + "-voter-" + v[0], E + "-" + v[1],
                    "2024-02-27T02:00:00Z"));
            assertThat(r.body().path("decision").asText()).as(r.raw()).isEqualTo(v[2]);
        }
        advance("FINAL_REVIEW");
        for (int i = 1; i <= 2; i++) {
            assertThat(post(reviewerLogin(reviewer), API + "/works/" + E + "-w" + i + "/final-scores",
                    score(90 - 10 * i)).status()).isEqualTo(201);
        }
        advance("RESULTS_PUBLISHED");
    }

    private void advance(String... stages) {
        for (String stage : stages) {
            Response r = post("organiser", API + "/transitions", to(stage));
            assertThat(r.status()).as(stage + ": " + r.raw()).isEqualTo(200);
        }
    }
}
