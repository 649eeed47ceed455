package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console and the public results page in a real browser (headless Chromium) against the real
 * server: each role sees only its own pages and actions, and an organiser, a reviewer and an
 * auditor follow a small edition from draft to published winners through the pages. Screenshots
 * of every page land in target/screenshots.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@org.junit.jupiter.api.Tag("slow")
class ConsoleBrowserTest extends ApiTestBase {

    private static Browser browser;

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** One browser for the class, started once the server's port is known. */
    private Browser browser() {
        if (browser == null) {
            browser = new Browser(port, 1280, 1000);
        }
        return browser;
    }

    private Set<String> nav(Browser b) {
        return b.all("#nav a").stream().map(a -> a.getAttribute("id")).collect(Collectors.toSet());
    }

    @Test
    void eachRoleSeesOnlyItsOwnPagesAndActions() {
        String e = "ui-roles";
        assertThat(post("organiser", "/api/editions", edition(e, 2, 1, "a")).status()).isEqualTo(201);
        assertThat(post("organiser", "/api/editions/" + e + "/reviewers", reviewer("ui-roles-r", "Uni", "a"))
                .status()).isEqualTo(201);
        Browser b = browser();

        b.signIn("organiser", "organiser");
        useEdition(b, e, "stages");
        assertThat(nav(b)).containsExactlyInAnyOrder("nav-stages", "nav-works", "nav-import", "nav-suspicious",
                "nav-rankings", "nav-live", "nav-lists");
        assertThat(b.find("#next-stage").getAttribute("data-to")).isEqualTo("COLLECTING");
        assertThat(b.text("#username")).isEqualTo("organiser");
        b.screenshot("console-organiser-stages");

        b.signIn("ui-roles-r", "ui-roles-r-secret");
        useEdition(b, e, "review");
        assertThat(nav(b)).containsExactlyInAnyOrder("nav-review", "nav-rankings", "nav-live", "nav-lists");
        b.route("rankings");
        assertThat(b.present("#next-stage")).isFalse();
        b.open("/console/#/stages");
        assertThat(b.find("#forbidden").getAttribute("role")).isEqualTo("alert");
        b.route("lists");
        assertThat(b.present("#forbidden")).isFalse();
        b.open("/console/#/import");
        b.find("#forbidden");
        b.route("lists");
        b.open("/console/#/lists/final-ranking");
        b.find("#forbidden");

        b.signIn("auditor", "auditor");
        useEdition(b, e, "audit");
        assertThat(nav(b)).containsExactlyInAnyOrder("nav-works", "nav-suspicious", "nav-rankings", "nav-live",
                "nav-lists", "nav-audit");
        b.open("/console/#/stages");
        b.find("#forbidden");

        b.signIn("gateway", "gateway");
        assertThat(b.find("#no-pages").isDisplayed()).isTrue();
        assertThat(nav(b)).isEmpty();

        // a wrong password stays on the sign-in page with its message
        b.signOut();
        b.open("/console/login");
        b.find("#signin-button:not([disabled])");
        b.type("#username", "organiser");
        b.type("#password", "wrong");
        b.click("#signin-button");
        b.until(d -> d.getCurrentUrl().contains("error"));
        assertThat(b.find("#signin-message").getText()).isNotBlank();
        assertThat(b.errors()).isEmpty();
    }

    @Test
    void anEditionFromDraftToPublishedWinnersThroughThePages() {
        String e = "ui-walk";
        String api = "/api/editions/" + e;
        assertThat(post("organiser", "/api/editions", edition(e, 2, 1, "A", "B")).status()).isEqualTo(201);
        for (String r : List.of("r1", "r2", "r3")) {
            assertThat(post("organiser", api + "/reviewers", reviewer(e + "-" + r, "Uni " + r, "A", "B")).status())
                    .isEqualTo(201);
        }
        Browser b = browser();
        b.signIn("organiser", "organiser");
        useEdition(b, e, "stages");
        moveOn(b, "COLLECTING");

        // import: six works with Chinese titles, a line of an unknown category, a broken line
        StringBuilder ndjson = new StringBuilder();
        for (String c : List.of("A", "B")) {
            for (int i = 1; i <= 3; i++) {
                ndjson.append(work(c + i, c, "单位" + i).put("title", "正能量作品 " + c + i).toString()).append('\n');
            }
        }
        ndjson.append(work("X1", "Z", "单位").toString()).append('\n').append("{not json\n");
        b.route("import");
        b.script("document.getElementById('import-text').value = arguments[0]", ndjson.toString());
        b.click("#import-send");
        assertThat(b.find("#import-accepted").getAttribute("data-accepted")).isEqualTo("6");
        List<String> codes = b.all("#import-refused tbody tr td:nth-child(2)").stream().map(WebElement::getText)
                .toList();
        assertThat(codes).containsExactly("UNKNOWN_CATEGORY", "VALIDATION");
        b.screenshot("console-import");

        b.route("works");
        b.type("#work-search", "正能量作品 A2");
        b.until(d -> b.all("#works-table tbody tr").size() == 1);
        assertThat(b.text("#works-table tbody tr")).contains("A2");
        b.screenshot("console-works");

        b.route("stages");
        moveOn(b, "PRELIMINARY_REVIEW");

        // too early: the works lack scores, and the page says which
        b.click("#next-stage");
        b.click("#confirm-ok");
        assertThat(b.text("#stage-result .problem-code")).isEqualTo("INCOMPLETE_REVIEW");
        assertThat(b.text("#stage-result .problem-items")).contains("A1");
        b.screenshot("console-refused-transition");

        // a reviewer scores through the form; the second score says what it replaces
        b.signIn(e + "-r1", e + "-r1-secret");
        useEdition(b, e, "review");
        assertThat(b.all("#review-table tbody tr")).hasSize(6);
        scoreInForm(b, "A1", "88");
        assertThat(b.text("#hint-A1")).contains("88");
        scoreInForm(b, "A1", "90");
        assertThat(b.text("#hint-A1")).contains("90");
        b.screenshot("console-review");
        assertThat(get("organiser", api + "/works/A1").body().get("preliminaryScores").get(0).get("score").asDouble())
                .isEqualTo(90.0);
        for (String c : List.of("A", "B")) {
            for (int i = 1; i <= 3; i++) {
                for (String r : List.of("r1", "r2", "r3")) {
                    if (!(r.equals("r1") && (c + i).equals("A1"))) {
                        assertThat(post(e + "-" + r + ":" + e + "-" + r + "-secret", api + "/works/" + c + i
                                + "/preliminary-scores", score(100 - 10 * i)).status()).isEqualTo(201);
                    }
                }
            }
        }
        b.route("rankings?category=A");
        List<WebElement> rows = b.all("#preliminary-table tbody tr");
        assertThat(rows.get(2).getAttribute("id")).isEqualTo("cut-line");
        assertThat(rows.get(3).getAttribute("data-work")).isEqualTo("A3");
        b.screenshot("console-rankings");

        b.signIn("organiser", "organiser");
        useEdition(b, e, "stages");
        moveOn(b, "SHORTLIST_PUBLISHED");
        moveOn(b, "VOTING");

        // live voting: votes sent through the API show in the bar chart and the line chart
        b.route("live");
        assertThat(barTotal(b, "A")).isZero();
        StringBuilder votes = new StringBuilder();
        for (int v = 0; v < 40; v++) {
            votes.append(vote("va" + v, "voter" + v, "A1", "2024-02-27T02:00:00Z")).append('\n');
        }
        for (int v = 0; v < 60; v++) {
            ObjectNode vote = vote("vb" + v, "bot" + v, "B1", "2024-02-28T02:0" + (v % 10) + ":00Z");
            vote.putObject("source").put("ip", "10.9.9.9").put("device", "d" + v);
            votes.append(vote).append('\n');
        }
        for (int v = 0; v < 5; v++) {
            votes.append(vote("vx" + v, "late" + v, "A2", "2024-03-05T02:00:00Z")).append('\n');
        }
        Response sent = postNdjson("gateway", api + "/votes:batch", votes.toString());
        assertThat(sent.body().get("accepted").asLong()).isEqualTo(100);
        b.until(d -> barTotal(b, "A") == 40 && barTotal(b, "B") == 60);
        b.until(d -> ((Number) b.script("return Math.max(...Chart.getChart(document.getElementById('rate-chart'))"
                + ".data.datasets[0].data, 0)")).longValue() > 0);
        assertThat(b.text("#live-accepted").replaceAll("\\D", "")).isEqualTo("100");
        // the reason in words (the console is in Chinese here), its code only in the row's data
        assertThat(b.text("#reasons-table tr[data-reason='OUTSIDE_VOTING_WINDOW']")).contains("不在投票时间内");
        b.script("window.scrollTo(0, 0)");
        b.screenshot("console-live");
        b.type("#live-search", "B1");
        assertThat(b.text("#live-found-table tbody")).contains("60");

        // the flagged address: invalidate it with a reason, and the live chart drops
        b.route("suspicious");
        WebElement set = b.find("tr[data-set] form");
        set.findElement(By.cssSelector("input.reason")).sendKeys("one address, sixty voters");
        b.screenshot("console-suspicious");
        set.findElement(By.cssSelector("button")).click();
        b.click("#confirm-ok");
        b.until(d -> b.present("tr[data-set] .status.DISQUALIFIED"));
        b.route("live");
        b.until(d -> barTotal(b, "B") == 0);

        b.route("work/A1");
        List<String> types = b.all("#history li").stream().map(li -> li.getAttribute("data-type")).toList();
        assertThat(types).contains("WorkSubmitted", "WorkScored", "Shortlisted", "VotesDecided");
        assertThat(b.text("#work-title")).isEqualTo("正能量作品 A1");
        // why it stands where it does: the server's explanation, said in the console's language (Chinese here),
        // the summary and then each statement with its line, in log order
        JsonNode why = get("organiser", api + "/works/A1/explanation", Map.of("Accept-Language", "zh-CN")).body();
        JsonNode statements = why.get("statements");
        // an organiser also sees the final ranking as it stands (one place per category)
        JsonNode finalRank = why.at("/finalRanking/ranking");
        assertThat(b.text("#explanation-summary")).isEqualTo("已入围A，名次第1。按目前的终评排名，它排第"
                + finalRank.get("rank").asInt() + "/" + finalRank.get("of").asInt() + "名，位于1个获选名额之"
                + (finalRank.get("inside").asBoolean() ? "内" : "外") + "。").isEqualTo(why.get("summary").asText());
        List<WebElement> said = b.all("#explanation li");
        assertThat(said).hasSize(statements.size() - 1);
        long previous = 0;
        for (int i = 0; i < said.size(); i++) {
            JsonNode s = statements.get(i + 1);
            assertThat(said.get(i).getAttribute("data-seq")).isEqualTo(s.get("seq").asText());
            assertThat(said.get(i).getText()).as(s.toString()).isEqualTo("#" + s.get("seq").asText() + " "
                    + s.get("text").asText()).containsPattern("\\p{IsHan}");
            assertThat(s.get("seq").asLong()).as("log order").isGreaterThanOrEqualTo(previous);
            previous = s.get("seq").asLong();
        }
        b.screenshot("console-work");
        b.click("#lang");
        JsonNode english = get("organiser", api + "/works/A1/explanation", Map.of("Accept-Language", "en")).body();
        b.until(d -> b.text("#explanation-summary").equals(english.get("summary").asText()));
        List<WebElement> saidInEnglish = b.all("#explanation li");
        for (int i = 0; i < saidInEnglish.size(); i++) {
            JsonNode s = english.get("statements").get(i + 1);
            assertThat(saidInEnglish.get(i).getText()).isEqualTo("#" + s.get("seq").asText() + " "
                    + s.get("text").asText());
        }
        b.click("#lang");
        b.until(d -> b.text("#explanation-summary").startsWith("已入围A，名次第1。"));

        b.route("stages");
        moveOn(b, "FINAL_REVIEW");
        for (String w : List.of("A1", "A2", "B1", "B2")) {
            for (String r : List.of("r1", "r2", "r3")) {
                assertThat(post(e + "-" + r + ":" + e + "-" + r + "-secret", api + "/works/" + w + "/final-scores",
                        score(w.endsWith("1") ? 80 : 70)).status()).isEqualTo(201);
            }
        }
        moveOn(b, "RESULTS_PUBLISHED");
        assertThat(b.find("#stage-done").isDisplayed()).isTrue();

        // lists: each downloadable as CSV with a byte-order mark, and printable
        b.route("lists");
        List<String> csv = b.all("#lists-table a.csv").stream().map(a -> a.getAttribute("href")).toList();
        assertThat(csv).anyMatch(h -> h.endsWith("/winners.csv"));
        for (String href : csv) {
            Response r = get("auditor", href.substring(href.indexOf("/api/")));
            assertThat(r.status()).as(href).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/csv");
            assertThat(r.raw().getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        }
        b.route("lists/winners");
        assertThat(b.text("#list-A")).contains("A1");
        JsonNode winners = get("auditor", api + "/winners").body();
        assertThat(b.text(".list-digest")).isEqualTo(winners.get("listDigest").asText());
        b.screenshot("console-lists-winners");

        // the auditor: the server's own check passes, and the page names the chain digest
        b.signIn("auditor", "auditor");
        useEdition(b, e, "audit");
        assertThat(b.find("#audit-ok").getAttribute("data-ok")).isEqualTo("true");
        JsonNode audit = get("auditor", api + "/audit").body();
        assertThat(b.text("#chain-digest")).isEqualTo(audit.get("head").get("digest").asText());
        assertThat(b.text("#verify-command")).contains("selection-audit.jar verify " + e + ".ndjson");
        assertThat(b.find("#export-link").getAttribute("href")).endsWith(api + "/events");
        b.screenshot("console-audit");
        // the auditor reads the flagged sets but has no invalidate action
        b.route("suspicious");
        assertThat(b.all("tr[data-set]")).isNotEmpty();
        assertThat(b.present("form[data-set]")).isFalse();

        // the public page, without signing in: winners with the digests they rest on
        b.signOut();
        b.open("/");
        b.find("#edition-list a[href='/results/" + e + "']").click();
        b.find("#main[data-ready]");
        assertThat(b.text("#winners-A")).contains("正能量作品 A1");
        assertThat(b.text("#winners .list-digest")).isEqualTo(winners.get("listDigest").asText());
        assertThat(b.text("#winners .log-digest")).isEqualTo(winners.get("logDigest").asText());
        JsonNode shortlist = get("auditor", api + "/shortlist").body();
        assertThat(b.text("#shortlist .list-digest")).isEqualTo(shortlist.get("listDigest").asText());
        assertThat(b.text("#how")).isNotBlank();
        b.screenshot("results");
        b.click("#lang");
        b.until(d -> b.text("#how h2").contains("How anyone can check"));
        b.screenshot("results-en");
        assertThat(b.errors("/transitions - Failed to load resource: the server responded with a status of 409"))
                .isEmpty();

        // the published page on a phone: it fits the screen, nothing scrolls sideways
        try (Browser phone = new Browser(port, 390, 844)) {
            phone.open("/results/" + e);
            phone.find("#main[data-ready]");
            assertThat(phone.text("#winners-A")).contains("A1");
            assertThat(((Number) phone.script("return document.documentElement.scrollWidth")).longValue())
                    .isLessThanOrEqualTo(390);
            phone.screenshot("results-phone");
        }
    }

    @Test
    void aDraftIsNotPublicAndTheIndexFitsAPhone() {
        String e = "ui-public";
        assertThat(post("organiser", "/api/editions", edition(e, 2, 1, "a")).status()).isEqualTo(201);
        try (Browser phone = new Browser(port, 390, 844)) {
            phone.open("/results/" + e);
            phone.find("#main[data-ready]");
            // a draft: the same not-found as for an edition that does not exist, no sign-in asked
            assertThat(phone.text("#main .problem-code")).isEqualTo("NOT_FOUND");
            assertThat(phone.driver().getCurrentUrl()).doesNotContain("login");
            phone.open("/");
            phone.find("#editions[data-ready]");
            assertThat(phone.present("#edition-list a[href='/results/" + e + "']")).isFalse();
            // readable on a phone: the page fits the screen, nothing scrolls sideways
            assertThat(((Number) phone.script("return window.innerWidth")).longValue()).isEqualTo(390);
            long width = ((Number) phone.script("return document.documentElement.scrollWidth")).longValue();
            assertThat(width).isLessThanOrEqualTo(390);
            phone.screenshot("results-index-phone");
            assertThat(phone.errors("/api/public/editions/" + e + "/results")).isEmpty();
        }
    }

    // ---- steps ----

    private void useEdition(Browser b, String editionId, String firstView) {
        Select picker = new Select(b.find("#edition"));
        if (!editionId.equals(picker.getFirstSelectedOption().getAttribute("value"))) {
            picker.selectByValue(editionId);
        }
        b.route(firstView);
        assertThat(b.text("#view h1")).startsWith("Test edition " + editionId);
    }

    private void moveOn(Browser b, String to) {
        b.view("stages");
        assertThat(b.find("#next-stage").getAttribute("data-to")).isEqualTo(to);
        b.click("#next-stage");
        b.click("#confirm-ok");
        b.until(d -> b.present("#view[data-ready='stages'] #timeline li.current[data-stage='" + to + "']"));
    }

    private void scoreInForm(Browser b, String workId, String value) {
        WebElement form = b.find("form.score-form[data-work='" + workId + "']");
        WebElement input = form.findElement(By.cssSelector("input.score"));
        input.clear();
        input.sendKeys(value);
        form.findElement(By.cssSelector("button")).click();
        b.until(d -> form.findElement(By.cssSelector(".inline-result")).getText().contains(value));
    }

    private long barTotal(Browser b, String category) {
        Object total = b.script("const c = document.getElementById('bars-' + arguments[0]);"
                + " if (!c) return -1; const ch = Chart.getChart(c); if (!ch) return -1;"
                + " return ch.data.datasets[0].data.reduce((a, x) => a + x, 0);", category);
        return ((Number) total).longValue();
    }
}
