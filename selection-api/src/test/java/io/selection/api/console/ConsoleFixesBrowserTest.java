package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as an organiser and an auditor expect it on a big edition, at 1280 px and on a 390 px
 * phone, in Chinese and in English: 120 works in a ranking and 22 suspicious sets come a page at a
 * time (the ranking with a link to its cut line), the ranking's count of scores and the audit's
 * count of items say what they count, import and invalidation are offered only while the server
 * takes them, times are in the edition's zone (New York here) with English months named, the
 * audit's digests stay inside their table; sign-in lands on the console's own address, the favicon
 * is served, and a refusal to list the editions is shown rather than guessed around.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@Tag("slow")
class ConsoleFixesBrowserTest extends ApiTestBase {

    private static final String ZONE = "America/New_York";
    private static final int[][] SIZES = {{1280, 1000}, {390, 844}};
    private static final int WORKS = 120;
    private static final int QUOTA = 70; // the cut after the 70th: on the ranking's second page
    private static final int HITTERS = 22; // a flagged set each: two pages of 20

    @Test
    void a_big_edition_reads_a_page_at_a_time_with_only_the_actions_its_stage_allows() {
        String e = "fix-big";
        String api = "/api/editions/" + e;
        votingWithManyWorksAndFlags(e);

        for (int[] size : SIZES) {
            try (Browser b = new Browser(port, size[0], size[1])) {
                b.signIn("organiser", "organiser");
                // the session lands on the console's own address, not on a saved request's ?continue
                assertThat(b.driver().getCurrentUrl()).doesNotContain("continue").startsWith(b.base + "/console/#/");
                for (String lang : List.of("zh", "en")) {
                    String tag = size[0] + "-" + lang;
                    show(b, e, lang, "rankings?category=A");
                    ranking(b, lang, tag);
                    show(b, e, lang, "suspicious");
                    suspiciousSets(b, lang, true, tag);
                    show(b, e, lang, "stages");
                    stageTimes(b, get("organiser", api).body(), lang);
                    assertThat(nav(b)).contains("nav-suspicious").doesNotContain("nav-import");
                    show(b, e, lang, "import");
                    assertThat(b.present("#import")).as("no form the server would refuse").isFalse();
                    assertThat(b.text("#import-closed")).isNotBlank();
                    fitsTheScreen(b, size[0]);
                }
                assertThat(b.errors()).isEmpty();
            }
        }

        publishResults(e);
        for (int[] size : SIZES) {
            try (Browser b = new Browser(port, size[0], size[1])) {
                b.signIn("organiser", "organiser");
                for (String lang : List.of("zh", "en")) {
                    String tag = size[0] + "-" + lang;
                    show(b, e, lang, "suspicious");
                    suspiciousSets(b, lang, false, tag);
                    assertThat(nav(b)).doesNotContain("nav-import");
                    show(b, e, lang, "import");
                    assertThat(b.present("#import")).isFalse();
                }
                assertThat(b.errors()).isEmpty();

                b.signIn("auditor", "auditor");
                for (String lang : List.of("zh", "en")) {
                    show(b, e, lang, "audit");
                    auditPage(b, lang, size[0]);
                    b.screenshot("fixes-audit-" + size[0] + "-" + lang);
                }
                assertThat(b.errors()).isEmpty();
            }
        }
    }

    @Test
    void the_favicon_is_served_and_a_refused_list_of_editions_is_shown() throws Exception {
        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).contains("icon");
        assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO file's header

        assertThat(post("organiser", "/api/editions", edition("fix-any", 2, 1, "A")).status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        get("organiser", "/api/editions").body().forEach(x -> ids.add(x.get("id").asText()));
        for (int[] size : SIZES) {
            try (Browser b = new Browser(port, size[0], size[1])) {
                b.signIn("organiser", "organiser");
                for (String lang : List.of("zh", "en")) {
                    // an edition kept from before that no longer exists: the first one listed, not a guess
                    b.script("localStorage.setItem('selection.edition', 'no-such-edition');"
                            + " localStorage.setItem('selection.lang', arguments[0]);", lang);
                    b.driver().navigate().refresh();
                    b.find("#view[data-ready]");
                    assertThat(new Select(b.find("#edition")).getFirstSelectedOption().getAttribute("value"))
                            .isEqualTo(ids.get(0));

                    // the list of editions refused (here: the network): the page says so
                    cdp(b).executeCdpCommand("Network.enable", Map.of());
                    cdp(b).executeCdpCommand("Network.setBlockedURLs",
                            Map.of("urls", List.of(b.base + "/api/editions")));
                    b.driver().navigate().refresh();
                    assertThat(b.find("#view .problem").getAttribute("role")).isEqualTo("alert");
                    assertThat(b.text("#view h1")).isEqualTo(lang.equals("zh") ? "出错了" : "Something went wrong");
                    assertThat(b.present("#view[data-ready]")).isFalse();
                    fitsTheScreen(b, size[0]);
                    b.screenshot("fixes-editions-refused-" + size[0] + "-" + lang);
                    cdp(b).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
                }
                b.errors(); // the blocked call is logged on purpose
            }
        }
    }

    // ---- what the pages must show ----

    /** 50 rows a page, the count of scores named as one, a link to the cut's page, the last page. */
    private void ranking(Browser b, String lang, String tag) {
        assertThat(b.all("#preliminary-table tbody tr[data-work]")).hasSize(50);
        assertThat(b.text("#preliminary-table thead th:nth-child(4)"))
                .isEqualTo(lang.equals("zh") ? "评分人数" : "Scores given");
        assertThat(b.text("#ranks-info")).startsWith("1–50 ").endsWith("120");
        assertThat(b.present("#cut-line")).isFalse();
        b.screenshot("fixes-rankings-" + tag);
        follow(b, "#to-cut", "rankings");
        assertThat(b.text("#ranks-info")).startsWith("51–100 ");
        WebElement before = b.find("#cut-line").findElement(By.xpath("preceding-sibling::tr[1]"));
        assertThat(before.findElement(By.cssSelector("td")).getText()).isEqualTo(String.valueOf(QUOTA));
        assertThat(b.present("#to-cut")).as("already on the cut's page").isFalse();
        b.screenshot("fixes-rankings-cut-" + tag);
        follow(b, "#ranks-next", "rankings");
        assertThat(b.text("#ranks-info")).startsWith("101–120 ");
        assertThat(b.all("#preliminary-table tbody tr[data-work]")).hasSize(20);
        assertThat(b.find("#ranks-next").getAttribute("disabled")).isNotNull();
        assertThat(b.driver().getCurrentUrl()).endsWith("offset=100");
    }

    /** 20 sets a page; the invalidation form only while the server takes one; periods in New York time. */
    private void suspiciousSets(Browser b, String lang, boolean open, String tag) {
        assertThat(b.all("#suspicious-table tbody tr")).hasSize(20);
        assertThat(b.all("#suspicious-table tbody form")).hasSize(open ? 20 : 0);
        assertThat(b.present("#invalidation-closed")).isEqualTo(!open);
        String period = b.text("#suspicious-table tbody tr td:nth-child(4)");
        assertThat(period).doesNotContain("北京", "Beijing");
        // a limit hitter's day runs from midnight in the edition's zone
        assertThat(period).contains("00:00:00");
        if (lang.equals("en")) {
            assertThat(period).containsPattern("\\d{1,2} [A-Z][a-z]{2,3} 2024").doesNotContainPattern("\\d{2}/\\d{2}/\\d{4}");
        }
        b.screenshot("fixes-suspicious-" + (open ? "open-" : "closed-") + tag);
        follow(b, "#sets-next", "suspicious");
        assertThat(b.all("#suspicious-table tbody tr")).hasSize(HITTERS - 20);
        assertThat(b.text("#sets-info")).startsWith("21–22 ");
    }

    /** When each stage began, in New York time (twelve or thirteen hours off Beijing), never called Beijing time. */
    private void stageTimes(Browser b, JsonNode edition, String lang) {
        List<WebElement> when = b.all("#timeline .stage-when");
        JsonNode history = edition.get("stageHistory");
        assertThat(when).hasSize(history.size());
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of(ZONE));
        for (int i = 0; i < history.size(); i++) {
            String text = when.get(i).getText();
            assertThat(text).contains(hms.format(Instant.parse(history.get(i).get("at").asText())))
                    .doesNotContain("北京", "Beijing");
            if (lang.equals("en")) {
                assertThat(text).containsPattern("\\d{1,2} [A-Z][a-z]{2,3} \\d{4}");
            }
        }
    }

    /** The count column says what it counts; the digests wrap inside their table on any screen. */
    private void auditPage(Browser b, String lang, int width) {
        b.find("#audit-ok");
        assertThat(b.text("#audit-checks thead th:nth-child(4)")).isEqualTo(lang.equals("zh") ? "核对条目" : "Items checked");
        assertThat(b.all("#audit-published tbody tr")).isNotEmpty();
        assertThat(((Number) b.script("const t = document.getElementById('audit-published');"
                + " return t.scrollWidth - t.clientWidth;")).longValue()).as("nothing past the table's edge").isLessThanOrEqualTo(1);
        assertThat(((Number) b.script("const t = document.getElementById('audit-published');"
                + " return t.getBoundingClientRect().right;")).doubleValue()).isLessThanOrEqualTo(width);
        fitsTheScreen(b, width);
    }

    private static void fitsTheScreen(Browser b, int width) {
        assertThat(((Number) b.script("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(width);
    }

    private static ChromeDriver cdp(Browser b) {
        return (ChromeDriver) b.driver();
    }

    private static List<String> nav(Browser b) {
        return b.all("#nav a").stream().map(a -> a.getAttribute("id")).toList();
    }

    // ---- steps ----

    /** Opens a console route of the edition in the language, as a reader who picked both would. */
    private static void show(Browser b, String editionId, String lang, String path) {
        b.script("localStorage.setItem('selection.edition', arguments[0]); localStorage.setItem('selection.lang', arguments[1]);",
                editionId, lang);
        b.driver().get(b.base + "/console/#/" + path);
        b.driver().navigate().refresh();
        b.view(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        assertThat(b.text("#view h1")).startsWith("Test edition " + editionId);
    }

    /** Clicks a link or button that redraws the view, and waits for the new one. */
    private static void follow(Browser b, String css, String view) {
        b.script("document.getElementById('view').removeAttribute('data-ready')");
        b.click(css);
        b.view(view);
    }

    /**
     * An edition in New York time in VOTING: category A with 120 works scored once each (one score
     * is enough here), 70 shortlisted, and 22 voters each refused ten times for a daily limit.
     */
    private void votingWithManyWorksAndFlags(String e) {
        String api = "/api/editions/" + e;
        ObjectNode edition = edition(e, QUOTA, 1, "A");
        edition.put("timeZone", ZONE);
        edition.putObject("review").put("minScores", 1).put("trimFrom", 5);
        Response created = post("organiser", "/api/editions", edition);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(post("organiser", api + "/reviewers", reviewer(e + "-r1", "Uni", "A")).status()).isEqualTo(201);
        moveTo(api, "COLLECTING");
        StringBuilder works = new StringBuilder();
        for (int i = 1; i <= WORKS; i++) {
            works.append(work("A" + i, "A", "Unit " + i)).append('\n');
        }
        assertThat(postNdjson("organiser", api + "/works:import", works.toString()).body().get("accepted").asInt())
                .isEqualTo(WORKS);
        moveTo(api, "PRELIMINARY_REVIEW");
        for (int i = 1; i <= WORKS; i++) {
            assertThat(post(reviewerLogin(e + "-r1"), api + "/works/A" + i + "/preliminary-scores",
                    score(100 - i * 0.5)).status()).isEqualTo(201);
        }
        moveTo(api, "SHORTLIST_PUBLISHED");
        moveTo(api, "VOTING");
        StringBuilder votes = new StringBuilder();
        for (int v = 0; v < HITTERS; v++) {
            for (int k = 0; k <= 10; k++) {
                votes.append(vote("hit" + v + "-" + k, "hitter" + v, "A1",
                        "2024-02-28T02:" + String.format("%02d", v) + ":" + String.format("%02d", k) + "Z")).append('\n');
            }
        }
        Response sent = postNdjson("gateway", api + "/votes:batch", votes.toString());
        assertThat(sent.body().get("accepted").asInt()).as(sent.raw()).isEqualTo(HITTERS);
        assertThat(get("organiser", api + "/suspicious-vote-sets").body()).hasSize(HITTERS);
    }

    /** On to the published results: the shortlisted works scored in the final round. */
    private void publishResults(String e) {
        String api = "/api/editions/" + e;
        moveTo(api, "FINAL_REVIEW");
        for (JsonNode w : get("organiser", api + "/shortlist").body().get("categories").get("A")) {
            assertThat(post(reviewerLogin(e + "-r1"), api + "/works/" + w.get("workId").asText() + "/final-scores",
                    score(50)).status()).isEqualTo(201);
        }
        moveTo(api, "RESULTS_PUBLISHED");
    }

    private void moveTo(String api, String stage) {
        Response moved = post("organiser", api + "/transitions", to(stage));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    }
}
