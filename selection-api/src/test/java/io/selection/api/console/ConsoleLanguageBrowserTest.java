package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in the reader's language, in a real browser (headless Chromium, set to Chinese):
 * a refused transition shows the server's detail in Chinese (and in English after switching), a
 * work's history names its events, the suspicious sets their rules, the audit its checks and the
 * header the user's roles, each in the console's language and none by its raw code. The edition
 * keeps London time: the history's times are in it, never in Beijing time.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@Tag("slow")
class ConsoleLanguageBrowserTest extends ApiTestBase {

    private static final String HAN = "\\p{IsHan}";
    /** Not the award's own Beijing time: seven or eight hours off it, so a time in the wrong zone shows. */
    private static final String ZONE = "Europe/London";

    private static Browser browser;

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_chinese_reader_sees_refusals_events_rules_checks_and_roles_in_chinese() {
        String e = "ui-lang";
        String api = "/api/editions/" + e;
        ObjectNode edition = edition(e, 2, 1, "A");
        edition.put("timeZone", ZONE);
        edition.putObject("review").put("minScores", 1);
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        assertThat(post("organiser", api + "/reviewers", reviewer("ui-lang-r", "Uni", "A")).status()).isEqualTo(201);
        move(api, "COLLECTING");
        for (String w : List.of("W1", "W2")) {
            assertThat(post("organiser", api + "/works", work(w, "A", "单位")).status()).isEqualTo(201);
        }
        move(api, "PRELIMINARY_REVIEW");
        browser = new Browser(port, 1280, 1000);
        Browser b = browser;

        b.signIn("organiser", "organiser");
        open(b, e, "stages");
        assertThat(b.text("#roles")).contains("组织者").doesNotContain("ORGANISER");

        // the transition is refused: the detail is the server's, in Chinese; the code stays the code
        b.click("#next-stage");
        b.click("#confirm-ok");
        assertThat(b.text("#stage-result .problem-code")).isEqualTo("INCOMPLETE_REVIEW");
        assertThat(b.text("#stage-result .problem-detail")).isEqualTo("2件作品的初评评分不足1个");
        b.screenshot("console-zh-refused-transition");

        // in English after switching, the same refusal in English
        switchLanguage(b, "stages");
        assertThat(b.text("#roles")).contains("Organiser");
        b.click("#next-stage");
        b.click("#confirm-ok");
        assertThat(b.text("#stage-result .problem-detail")).isEqualTo("2 work(s) have fewer than 1 preliminary scores");
        switchLanguage(b, "stages");
        assertThat(b.text("#roles")).contains("组织者");

        for (String w : List.of("W1", "W2")) {
            assertThat(post("ui-lang-r:ui-lang-r-secret", api + "/works/" + w + "/preliminary-scores", score(80))
                    .status()).isEqualTo(201);
        }
        move(api, "SHORTLIST_PUBLISHED");
        move(api, "VOTING");
        // sixty voters from one address in minutes: a burst the suspicious-vote rules flag
        StringBuilder votes = new StringBuilder();
        for (int v = 0; v < 60; v++) {
            ObjectNode vote = vote("lv" + v, "lang-bot" + v, "W1", "2024-02-28T02:0" + (v % 10) + ":00Z");
            vote.putObject("source").put("ip", "10.8.8.8").put("device", "d" + v);
            votes.append(vote).append('\n');
        }
        Response sent = postNdjson("gateway", api + "/votes:batch", votes.toString());
        assertThat(sent.body().get("accepted").asLong()).isEqualTo(60);

        // a work's history: each event by its Chinese name, its code kept as data
        b.route("work/W1");
        List<WebElement> events = b.all("#history li");
        Map<String, String> names = events.stream().collect(Collectors.toMap(li -> li.getAttribute("data-type"),
                li -> li.findElement(By.cssSelector(".event-name")).getText(), (x, y) -> x));
        assertThat(names).containsEntry("WorkSubmitted", "提交作品").containsEntry("WorkScored", "评分")
                .containsEntry("Shortlisted", "入围");
        names.forEach((type, name) -> assertThat(name).as(type).containsPattern(HAN).isNotEqualTo(type));
        historyInTheEditionsZone(b, api + "/works/W1/history");
        b.screenshot("console-zh-work-history");
        switchLanguage(b, "work");
        assertThat(b.text("#history li[data-type='WorkSubmitted'] .event-name")).isEqualTo("Work submitted");
        historyInTheEditionsZone(b, api + "/works/W1/history");
        switchLanguage(b, "work");
        assertThat(b.text("#history li[data-type='WorkSubmitted'] .event-name")).isEqualTo("提交作品");

        // the flagged address, by its rule's name
        b.until(d -> {
            b.route("suspicious");
            return b.present("tr[data-set] .rule");
        });
        WebElement rule = b.find("tr[data-set] .rule");
        assertThat(rule.getAttribute("data-rule")).isEqualTo("ip-burst");
        assertThat(rule.getText()).isEqualTo("同一IP短时集中投票");
        b.screenshot("console-zh-suspicious");

        // the auditor: every check of the server's own audit by its Chinese name
        b.signIn("auditor", "auditor");
        open(b, e, "audit");
        assertThat(b.text("#roles")).contains("审计");
        b.find("#audit-ok");
        List<String> checks = b.all("#audit-checks tbody tr td:nth-child(2)").stream().map(WebElement::getText)
                .toList();
        assertThat(checks).hasSizeGreaterThan(10).allMatch(name -> name.matches(".*" + HAN + ".*"), "Chinese");
        b.screenshot("console-zh-audit");
        assertThat(b.errors("/transitions - Failed to load resource: the server responded with a status of 409"))
                .isEmpty();
    }

    /**
     * Each event of the work's history shown at its time in London (the edition's zone), to the
     * second, and not called Beijing time: the times the server gives for the lines shown.
     */
    private void historyInTheEditionsZone(Browser b, String historyPath) {
        Map<String, String> at = new HashMap<>();
        for (JsonNode event : get("organiser", historyPath).body().get("events")) {
            at.put(event.get("seq").asText(), event.get("at").asText());
        }
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of(ZONE));
        List<WebElement> shown = b.all("#history li");
        assertThat(shown).isNotEmpty();
        for (WebElement li : shown) {
            String seq = li.getAttribute("data-seq");
            assertThat(at).as("line " + seq + " in the server's history").containsKey(seq);
            WebElement time = li.findElement(By.cssSelector("time"));
            assertThat(time.getAttribute("datetime")).isEqualTo(at.get(seq));
            assertThat(time.getText()).as("line " + seq)
                    .contains(hms.format(Instant.parse(at.get(seq))))
                    .doesNotContain("北京", "Beijing");
        }
    }

    /** Clicks the header's language button and waits for the view to be drawn again in the other language. */
    private static void switchLanguage(Browser b, String view) {
        b.click("#lang");
        b.view(view);
    }

    private void move(String api, String stage) {
        Response r = post("organiser", api + "/transitions", to(stage));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    /** Picks the edition in the header and goes to a view of it. */
    private static void open(Browser b, String editionId, String view) {
        Select picker = new Select(b.find("#edition"));
        if (!editionId.equals(picker.getFirstSelectedOption().getAttribute("value"))) {
            picker.selectByValue(editionId);
        }
        b.route(view);
        b.until(d -> b.text("#view h1").startsWith("Test edition " + editionId));
    }
}
