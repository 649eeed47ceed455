package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public results site in a real browser, never signed in: a summary at the top, one tab per
 * category in the edition's order (not the alphabet's), winners shown twenty at a time and the
 * shortlist folded, a search, numbers right-aligned with two decimals, each title linking to the
 * work's public page (its place, scores and why, naming no reviewer); at 1280 px and on a 390 px
 * phone (cards, nothing scrolls sideways on any public page), in Chinese and in English.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@Tag("slow")
class PublicResultsSiteBrowserTest extends ApiTestBase {

    private static final String E = "ui-site";
    private static final String REVIEWER = E + "-r";
    /** Video first, as the edition orders its categories; the alphabet would put article first. */
    private static final List<String> TABS = List.of("video · 短视频", "article · 文字报道");
    private static final String LONG_TITLE = "新时代的乡村振兴：一个县城三十年的变迁与坚守"
            + "Supercalifragilisticexpialidociouslylongwordwithoutanyspace";

    @Test
    void the_results_read_as_a_site_with_a_summary_tabs_search_and_a_page_for_each_work() {
        publishResults();
        JsonNode results = get(null, "/api/public/editions/" + E + "/results").body();
        JsonNode winners = results.get("winners");

        try (Browser b = new Browser(port, 1280, 1000)) {
            b.open("/results/" + E);
            b.find("#main[data-ready]");
            // the summary: categories, winners, shortlisted works, votes counted, and the digests
            assertThat(b.text("#summary-categories dd")).isEqualTo("2");
            assertThat(b.text("#summary-winners dd")).isEqualTo("24");
            assertThat(b.text("#summary-shortlist dd")).isEqualTo("27");
            assertThat(b.text("#summary-votes dd")).isEqualTo("5");
            assertThat(b.text("#winners .list-digest")).isEqualTo(winners.get("listDigest").asText());
            assertThat(b.text("#shortlist .log-digest")).isEqualTo(results.get("shortlist").get("logDigest").asText());

            // one tab per category in the edition's order; the first is open, its shortlist folded
            assertThat(texts(b, "[role='tab']")).isEqualTo(TABS);
            assertThat(b.find("#tab-video").getAttribute("aria-selected")).isEqualTo("true");
            assertThat(b.find("#category-article").isDisplayed()).isFalse();
            assertThat(b.find("#shortlist-list-video").getAttribute("open")).isNull();
            assertThat(visibleRows(b, "#winners-video")).isEqualTo(20);
            b.click("#show-all-video");
            assertThat(visibleRows(b, "#winners-video")).isEqualTo(22);

            // numbers right-aligned with two decimals, as the published list has them
            JsonNode first = winners.get("categories").get("video").get(0);
            List<WebElement> cells = b.all("#winners-video tbody tr:first-child td");
            assertThat(cells.get(1).getText()).isEqualTo(first.get("title").asText());
            assertThat(cells.get(2).getText()).isEqualTo(twoDecimals(first.get("finalScore")));
            for (WebElement cell : b.all("#winners-video td.num, #shortlist-video td.num")) {
                assertThat(cell.getCssValue("text-align")).isEqualTo("right");
            }
            for (WebElement cell : b.all("#winners-video td:nth-child(3), #winners-video td:nth-child(4)")) {
                assertThat(cell.getText()).matches("\\d+\\.\\d\\d");
            }
            b.script("document.getElementById('categories').scrollIntoView()");
            b.screenshot("site-results");

            // a search looks through the winners and the folded shortlist alike
            b.type("#search-video", E + "-v07");
            b.until(d -> b.text("#search-status-video").equals("找到2件作品。"));
            assertThat(b.find("#shortlist-list-video").getAttribute("open")).isNotNull();
            assertThat(visibleRows(b, "#winners-video")).isEqualTo(1);
            assertThat(visibleRows(b, "#shortlist-video")).isEqualTo(1);

            // another tab: remembered in the address; a title opens the work's page
            b.click("#tab-article");
            assertThat(b.find("#category-article").isDisplayed()).isTrue();
            assertThat(b.find("#category-video").isDisplayed()).isFalse();
            assertThat(b.driver().getCurrentUrl()).endsWith("#c=article");
            b.find("#winners-article a.work-link").click();
            b.until(d -> d.getCurrentUrl().endsWith("/results/" + E + "/works/" + E + "-a1"));
            b.find("#main[data-ready]");
            JsonNode a1 = winners.get("categories").get("article").get(0);
            assertThat(b.text("#work-title")).isEqualTo(LONG_TITLE);
            assertThat(b.text("#work-where")).isEqualTo("article · 文字报道 · 新华社");
            assertThat(b.text("#work-outcome")).isEqualTo("获选，本类别第1名。");
            assertThat(b.text("#work-final-score")).isEqualTo(twoDecimals(a1.get("finalScore")));
            assertThat(b.text("#work-valid-votes")).isEqualTo(a1.get("validVotes").asText());
            assertThat(b.text("#work-summary")).containsPattern("\\p{IsHan}");
            assertThat(b.all("#work-explanation li[data-code='VOTES']")).hasSize(1);
            assertThat(b.text("#main")).doesNotContain(REVIEWER);
            b.screenshot("site-work");

            // English: the site's words change, the categories keep the names the edition gives them
            b.click("#lang");
            b.until(d -> b.text("#work-facts h2").equals("Place and scores"));
            b.find("#main[data-ready]");
            assertThat(b.text("#work-outcome")).isEqualTo("A winner: rank 1 in its category.");
            assertThat(b.text("#work-summary")).doesNotContainPattern("\\p{IsHan}").isEqualTo("Winner 1 of 2 in article.");
            b.screenshot("site-work-en");
            b.click("#back-to-results");
            b.find("#main[data-ready] #categories");
            assertThat(b.find("#tab-article").getAttribute("aria-selected")).isEqualTo("true");
            assertThat(texts(b, "[role='tab']")).isEqualTo(TABS);
            assertThat(b.text("#summary-votes dt")).isEqualTo("Valid votes counted");
            assertThat(b.text("#category-article h3")).isEqualTo("Winners (2)");
            b.screenshot("site-results-en");

            // a shortlisted work that did not win has its page too; one off the lists has none
            b.open("/results/" + E + "/works/" + E + "-a3");
            b.find("#main[data-ready]");
            assertThat(b.text("#work-outcome")).isEqualTo("Shortlisted, not a winner: rank 3 in the final ranking.");
            b.open("/results/" + E + "/works/" + E + "-x");
            b.find("#main[data-ready]");
            assertThat(b.text("#main .problem-code")).isEqualTo("NOT_FOUND");
            assertThat(b.errors("/works/" + E + "-x")).isEmpty();
        }

        try (Browser phone = new Browser(port, 390, 844)) {
            for (String language : List.of("zh", "en")) {
                phone.open("/results/" + E);
                phone.find("#main[data-ready]");
                if (!language.equals(phone.script("return document.documentElement.lang.substring(0, 2)"))) {
                    phone.click("#lang");
                    phone.until(d -> language.equals(phone.script("return document.documentElement.lang.substring(0, 2)")));
                    phone.find("#main[data-ready]"); // the page drawn anew in that language
                }
                assertFitsThePhone(phone, "results " + language);
                // the winners as cards: one a row, its last number inside the screen
                assertThat(phone.script("return getComputedStyle(document.querySelector('#winners-video tbody tr')).display"))
                        .isEqualTo("grid");
                assertThat(((Number) phone.script("const c = document.querySelector('#winners-video tbody tr td:last-child');"
                        + " return c.getBoundingClientRect().right")).doubleValue()).isLessThanOrEqualTo(390);
                phone.script("document.getElementById('categories').scrollIntoView()");
                phone.screenshot("site-results-phone-" + language);

                phone.open("/results/" + E + "/works/" + E + "-a1");
                phone.find("#main[data-ready]");
                assertFitsThePhone(phone, "work " + language);
                phone.screenshot("site-work-phone-" + language);

                phone.open("/");
                phone.find("#editions[data-ready]");
                assertFitsThePhone(phone, "index " + language);
            }
            assertThat(phone.errors()).isEmpty();
        }
    }

    private static void assertFitsThePhone(Browser phone, String page) {
        assertThat(((Number) phone.script("return document.documentElement.scrollWidth")).longValue())
                .as(page).isLessThanOrEqualTo(390);
    }

    private static List<String> texts(Browser b, String css) {
        List<String> texts = new ArrayList<>();
        b.all(css).forEach(e -> texts.add(e.getText()));
        return texts;
    }

    private static long visibleRows(Browser b, String table) {
        return b.all(table + " tbody tr").stream().filter(WebElement::isDisplayed).count();
    }

    private static String twoDecimals(JsonNode n) {
        return n.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * Over the API: video (24 works, shortlist 24, 22 winners) before article (3 works, shortlist 3,
     * 2 winners), one reviewer, five votes; scores with one and two decimals.
     */
    private void publishResults() {
        String api = "/api/editions/" + E;
        ObjectNode edition = edition(E, 1, 1, "x");
        ArrayNode categories = edition.putArray("categories");
        categories.addObject().put("code", "video").put("name", "短视频").put("shortlistQuota", 24).put("finalQuota", 22);
        categories.addObject().put("code", "article").put("name", "文字报道").put("shortlistQuota", 3).put("finalQuota", 2);
        edition.putObject("review").put("minScores", 1);
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        assertThat(post("organiser", api + "/reviewers", reviewer(REVIEWER, "Jury", "video", "article")).status())
                .isEqualTo(201);
        advance(api, "COLLECTING");
        List<String> works = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            String id = E + "-v" + (i < 10 ? "0" : "") + i;
            works.add(id);
            assertThat(post("organiser", api + "/works", work(id, "video", "Unit")).status()).isEqualTo(201);
        }
        for (int i = 1; i <= 3; i++) {
            ObjectNode w = work(E + "-a" + i, "article", "新华社");
            if (i == 1) {
                w.put("title", LONG_TITLE);
            }
            works.add(E + "-a" + i);
            assertThat(post("organiser", api + "/works", w).status()).isEqualTo(201);
        }
        advance(api, "PRELIMINARY_REVIEW");
        for (int i = 0; i < works.size(); i++) {
            Response r = post(reviewerLogin(REVIEWER), api + "/works/" + works.get(i) + "/preliminary-scores",
                    score(Math.round((99.9 - 1.1 * (i % 24)) * 100) / 100.0));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
        advance(api, "SHORTLIST_PUBLISHED", "VOTING");
        String[][] votes = {{"1", E + "-v01"}, {"2", E + "-v01"}, {"3", E + "-a1"}, {"4", E + "-a1"}, {"5", E + "-a2"}};
        for (String[] v : votes) {
            Response r = post("gateway", api + "/votes", vote(E + "-" + v[0], E + "-voter" + v[0], v[1],
                    "2024-02-27T02:00:00Z"));
            assertThat(r.body().path("decision").asText()).as(r.raw()).isEqualTo("ACCEPTED");
        }
        advance(api, "FINAL_REVIEW");
        for (int i = 0; i < works.size(); i++) {
            Response r = post(reviewerLogin(REVIEWER), api + "/works/" + works.get(i) + "/final-scores",
                    score(Math.round((92.42 - 0.77 * (i % 24)) * 100) / 100.0));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
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
