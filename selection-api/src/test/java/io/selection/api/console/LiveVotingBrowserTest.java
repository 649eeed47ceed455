package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import io.selection.api.voting.intake.VoteLane;
import io.selection.events.VotesDecidedEvent;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live voting page as an organiser reads it, at 1280 px and on a 390 px phone, in Chinese and
 * in English: a steady vote read by someone arriving late draws the whole curve of votes per minute
 * (every point above zero), the leading works of each category in one column with their counts on
 * their own line and on the bars, refusals by reason in words, times in the edition's own zone (New
 * York here, so Beijing time would show); before voting, words instead of empty charts.
 */
@EnabledIf(value = "io.selection.api.console.Browser#available",
        disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
@Tag("slow")
class LiveVotingBrowserTest extends ApiTestBase {

    private static final String ZONE = "America/New_York";
    private static final List<String> CODES = Arrays.stream(RefusalReason.values()).map(Enum::name).toList();
    private static final String LONG_ZH = "全面建设社会主义现代化国家新征程上的正能量网络精品内容征集展示活动优秀原创作品推荐之深度报道系列第一篇";
    private static final String LONG_EN = "Supercalifragilisticexpialidociousnewsreportingfromthevillages of the long river";
    private static final int[][] SIZES = {{1280, 1000}, {390, 844}};

    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void before_voting_the_page_says_why_there_is_nothing_to_draw() {
        String e = "live-early";
        ObjectNode edition = edition(e, 2, 1, "A");
        edition.put("timeZone", ZONE);
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        for (int[] size : SIZES) {
            try (Browser b = new Browser(port, size[0], size[1])) {
                b.signIn("organiser", "organiser");
                for (String lang : List.of("zh", "en")) {
                    show(b, e, lang);
                    assertThat(b.find("#live-notice").getAttribute("data-state")).isEqualTo("before");
                    assertThat(b.text("#live-notice")).isNotBlank();
                    assertThat(b.present("#view canvas")).as("no empty charts").isFalse();
                    // the window in the edition's zone: 2024-02-26T16:00Z is 11:00 in New York, midnight in Beijing
                    assertThat(b.text("#live-window")).contains("11:00:00").doesNotContain("北京", "Beijing");
                    assertNoCode(b);
                    fitsTheScreen(b, size[0]);
                    b.screenshot("live-before-" + size[0] + "-" + lang);
                }
                assertThat(b.errors()).isEmpty();
            }
        }
    }

    @Test
    void a_steady_vote_read_late_shows_the_whole_curve_and_the_leaders_with_their_counts() {
        String e = "live-steady";
        String api = "/api/editions/" + e;
        openVoting(e);

        // votes through the door: one of each refusal the rules give here, and three accepted
        Instant day2 = Instant.parse("2024-02-28T15:00:00Z"); // 10:00 in New York
        String batch = String.join("\n",
                vote("h-ok1", "h-1", "B2", day2.toString()).toString(),
                vote("h-ok2", "h-2", "B2", day2.toString()).toString(),
                vote("h-ok3", "h-3", "B2", day2.toString()).toString(),
                vote("h-again", "h-1", "B2", day2.plusSeconds(5).toString()).toString(),
                vote("h-late", "h-4", "A1", "2024-03-05T15:00:00Z").toString(),
                vote("h-out", "h-5", "A13", day2.toString()).toString(),
                vote("h-ahead", "h-6", "A1", Instant.now().plus(1, ChronoUnit.HOURS).toString()).toString()) + "\n";
        Response sent = postNdjson("gateway", api + "/votes:batch", batch);
        assertThat(sent.body().get("accepted").asInt()).as(sent.raw()).isEqualTo(3);
        // the twelve minutes before this one, as another instance's lane logged them: 28 accepted and
        // 4 refused a minute
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(12, ChronoUnit.MINUTES);
        logSteadyVote(e, from, 12, day2);

        JsonNode logged = get("organiser", api + "/tallies").body(); // waits for the read models
        assertThat(logged.get("refusedVotes").get("DAILY_WORK_LIMIT").asLong()).isEqualTo(1 + 12 * 4);

        boolean first = true;
        for (int[] size : SIZES) {
            try (Browser b = new Browser(port, size[0], size[1])) {
                b.signIn("organiser", "organiser");
                for (String lang : List.of("zh", "en")) {
                    // what the reader arriving now is shown (one vote more after the first look)
                    JsonNode live = get("organiser", api + "/tallies/live").body();
                    JsonNode rate = live.get("voteRate");
                    assertThat(rate.get("minutes").asInt()).isEqualTo(1);
                    assertThat(rate.get("points").size()).isGreaterThanOrEqualTo(12);
                    show(b, e, lang);
                    assertThat(b.find("#live-notice").getAttribute("data-state")).isEqualTo("open");
                    assertTheWholeCurve(b, rate);
                    assertLeaders(b, live.get("tallies").get("categories"));
                    assertReasons(b, live.get("tallies").get("refusedVotes"), lang);
                    assertNoCode(b);
                    fitsTheScreen(b, size[0]);
                    assertThat(b.text("#live-zone")).doesNotContain("北京", "Beijing");
                    assertThat(b.find("#live-zone").getAttribute("data-zone")).isEqualTo(ZONE);
                    b.script("window.scrollTo(0, 0)");
                    b.screenshot("live-" + size[0] + "-" + lang);
                    b.script("document.getElementById('category-A').scrollIntoView()");
                    b.screenshot("live-" + size[0] + "-" + lang + "-top");
                    if (first) {
                        // the page keeps up: a vote for B3 shows on its bar and in this minute's point
                        first = false;
                        long before = lastAccepted(b);
                        assertThat(postNdjson("gateway", api + "/votes:batch",
                                vote("h-new", "h-7", "B3", day2.toString()) + "\n").body().get("accepted").asInt())
                                .isEqualTo(1);
                        b.until(d -> votesOn(b, "B", "B3") == 1);
                        b.until(d -> lastAccepted(b) >= before + 1 || pointCount(b) > rate.get("points").size());
                    }
                }
                assertThat(b.errors()).isEmpty();
            }
        }
    }

    // ---- what the page must show ----

    /** Every point of the log's curve, each above zero, labelled in the edition's zone. */
    private void assertTheWholeCurve(Browser b, JsonNode rate) {
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> drawn = (Map<String, List<Object>>) b.script(
                "const c = Chart.getChart(document.getElementById('rate-chart'));"
                        + " return { labels: c.data.labels, accepted: c.data.datasets[0].data,"
                        + " refused: c.data.datasets[1].data };");
        JsonNode points = rate.get("points");
        // the page may have polled once more since: it shows at least the curve the test read
        assertThat(drawn.get("accepted").size()).isGreaterThanOrEqualTo(points.size());
        assertThat(drawn.get("accepted")).allSatisfy(v -> assertThat(((Number) v).doubleValue()).isPositive());
        for (int i = 0; i < points.size() - 1; i++) { // the last may have grown since
            assertThat(((Number) drawn.get("accepted").get(i)).longValue()).isEqualTo(points.get(i).get("accepted").asLong());
            assertThat(((Number) drawn.get("refused").get(i)).longValue()).isEqualTo(points.get(i).get("refused").asLong());
        }
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of(ZONE));
        assertThat((String) drawn.get("labels").get(0))
                .endsWith(hhmm.format(Instant.parse(points.get(0).get("from").asText())));
        assertThat(b.find("#rate-empty").isDisplayed()).isFalse();
    }

    /** Per category the top ten, in one column, each count on its title's first line, and on its bar. */
    private void assertLeaders(Browser b, JsonNode categories) {
        for (var it = categories.fields(); it.hasNext(); ) {
            var category = it.next();
            String code = category.getKey();
            List<String> expected = new ArrayList<>();
            category.getValue().forEach(w -> expected.add(w.get("workId").asText()));
            List<String> shown = b.all("#top-" + code + " li").stream().map(li -> li.getAttribute("data-work")).toList();
            assertThat(shown).hasSize(Math.min(10, expected.size()));
            assertThat(shown.get(0)).isEqualTo(expected.get(0));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) b.script(
                    "const list = document.getElementById('top-' + arguments[0]); const box = list.getBoundingClientRect();"
                            + " return [...list.children].map(li => { const r = li.getBoundingClientRect();"
                            + " const t = li.querySelector('.title').getBoundingClientRect();"
                            + " const v = li.querySelector('.votes').getBoundingClientRect();"
                            + " return { left: r.left - box.left, top: r.top, sameLine: Math.abs(v.top - t.top) < 6,"
                            + " after: v.left >= t.right - 1, inside: v.right <= r.right + 0.5 && t.right <= r.right + 0.5,"
                            + " votes: li.querySelector('.votes').textContent }; });", code);
            double previousTop = Double.NEGATIVE_INFINITY;
            for (Map<String, Object> row : rows) {
                assertThat(((Number) row.get("left")).doubleValue()).as("one column").isLessThan(1);
                assertThat(((Number) row.get("top")).doubleValue()).as("one under the other").isGreaterThan(previousTop);
                previousTop = ((Number) row.get("top")).doubleValue();
                assertThat(row.get("sameLine")).as("the count on the title's line: %s", row).isEqualTo(true);
                assertThat(row.get("after")).as("the count after the title: %s", row).isEqualTo(true);
                assertThat(row.get("inside")).as("nothing past the card: %s", row).isEqualTo(true);
            }
            for (int i = 0; i < rows.size(); i++) {
                assertThat(((String) rows.get(i).get("votes")).replaceAll("\\D", ""))
                        .isEqualTo(category.getValue().get(i).get("validVotes").asText());
            }
            assertThat(valuesOnBars(b, code)).as("a value drawn at the end of every bar of %s", code)
                    .hasSize(rows.size()).allSatisfy(dark -> assertThat(dark).isPositive());
        }
    }

    /** The refusals in words, with the counts the log gives. */
    private void assertReasons(Browser b, JsonNode refused, String lang) {
        assertThat(b.all("#reasons-table tbody tr")).hasSize(refused.size());
        for (var it = refused.fields(); it.hasNext(); ) {
            var reason = it.next();
            String row = b.text("#reasons-table tr[data-reason='" + reason.getKey() + "']");
            assertThat(row.replaceAll("[^0-9]", "")).isEqualTo(reason.getValue().asText());
            assertThat(row).doesNotContain(reason.getKey());
        }
        assertThat(b.text("#reasons-table tr[data-reason='CLOCK_SKEW']"))
                .contains(lang.equals("zh") ? "投票时间超前于服务器时间" : "Cast time ahead of the server’s clock");
    }

    private void assertNoCode(Browser b) {
        String text = b.text("#view");
        assertThat(CODES).allSatisfy(code -> assertThat(text).doesNotContain(code));
    }

    private static void fitsTheScreen(Browser b, int width) {
        assertThat(((Number) b.script("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(width);
        @SuppressWarnings("unchecked")
        List<Boolean> cards = (List<Boolean>) b.script("return [...document.querySelectorAll('.category-chart, .card')]"
                + ".map(c => c.scrollWidth <= c.clientWidth)");
        assertThat(cards).as("no card wider than itself").doesNotContain(false);
    }

    /** Per bar, the dark pixels just past its end: the value written there (bars and axes are not dark). */
    @SuppressWarnings("unchecked")
    private static List<Long> valuesOnBars(Browser b, String code) {
        return ((List<Object>) b.script("const ch = Chart.getChart(document.getElementById('bars-' + arguments[0]));"
                + " const r = ch.currentDevicePixelRatio;"
                + " return ch.getDatasetMeta(0).data.map(bar => {"
                + " const img = ch.ctx.getImageData(Math.round((bar.x + 3) * r), Math.round((bar.y - 7) * r),"
                + " Math.round(40 * r), Math.round(14 * r)).data; let dark = 0;"
                + " for (let k = 0; k < img.length; k += 4) {"
                + " if (img[k + 3] > 200 && img[k] < 90 && img[k + 1] < 90 && img[k + 2] < 90) dark++; }"
                + " return dark; });", code)).stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static long lastAccepted(Browser b) {
        return ((Number) b.script("const d = Chart.getChart(document.getElementById('rate-chart')).data.datasets[0].data;"
                + " return d.length ? d[d.length - 1] : 0;")).longValue();
    }

    private static long pointCount(Browser b) {
        return ((Number) b.script("return Chart.getChart(document.getElementById('rate-chart')).data.labels.length;"))
                .longValue();
    }

    private static long votesOn(Browser b, String category, String work) {
        String text = b.text("#top-" + category + " li[data-work='" + work + "'] .votes");
        return text == null || text.isBlank() ? -1 : Long.parseLong(text.replaceAll("\\D", ""));
    }

    // ---- steps ----

    /** Opens the live page of the edition in the language, as a reader who picks both would. */
    private static void show(Browser b, String editionId, String lang) {
        b.script("localStorage.setItem('selection.edition', arguments[0]); localStorage.setItem('selection.lang', arguments[1]);",
                editionId, lang);
        b.driver().get(b.base + "/console/#/live");
        b.driver().navigate().refresh();
        b.view("live");
        assertThat(b.text("#view h1")).startsWith("Test edition " + editionId);
    }

    /**
     * An edition in New York time in VOTING: category A with a long name and thirteen works (twelve
     * shortlisted; two with long titles, Chinese and English), B with three.
     */
    private void openVoting(String e) {
        String api = "/api/editions/" + e;
        ObjectNode edition = edition(e, 12, 1, "A", "B");
        edition.put("timeZone", ZONE);
        ((ObjectNode) edition.get("categories").get(0)).put("name", "文字类作品（含评论、报道、专栏文章等各种体裁的优秀原创网络内容）");
        assertThat(post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        for (String r : List.of("r1", "r2", "r3")) {
            assertThat(post("organiser", api + "/reviewers", reviewer(e + "-" + r, "Uni " + r, "A", "B")).status())
                    .isEqualTo(201);
        }
        assertThat(post("organiser", api + "/transitions", to("COLLECTING")).status()).isEqualTo(200);
        List<String> works = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            works.add("A" + i);
        }
        works.addAll(List.of("B1", "B2", "B3"));
        for (String w : works) {
            ObjectNode work = work(w, w.substring(0, 1), "Unit");
            if (w.equals("A1")) {
                work.put("title", LONG_ZH);
            } else if (w.equals("A2")) {
                work.put("title", LONG_EN);
            }
            assertThat(post("organiser", api + "/works", work).status()).isEqualTo(201);
        }
        assertThat(post("organiser", api + "/transitions", to("PRELIMINARY_REVIEW")).status()).isEqualTo(200);
        for (String w : works) {
            for (String r : List.of("r1", "r2", "r3")) {
                int n = Integer.parseInt(w.substring(1));
                assertThat(post(reviewerLogin(e + "-" + r), api + "/works/" + w + "/preliminary-scores",
                        score(100 - n)).status()).isEqualTo(201);
            }
        }
        for (String stage : List.of("SHORTLIST_PUBLISHED", "VOTING")) {
            Response moved = post("organiser", api + "/transitions", to(stage));
            assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        }
    }

    /**
     * Logs {@code minutes} minutes of votes from {@code from} on, as another instance's lane commits
     * them: a group every 15 s of 7 accepted votes (A1 three, A2 two, one of A3 to A12, B1) and one
     * refused (the first voter's second vote for A1 that day).
     */
    private void logSteadyVote(String editionId, Instant from, int minutes, Instant castAt) {
        String lane = "steady-" + editionId;
        LocalDate day = castAt.atZone(ZoneId.of(ZONE)).toLocalDate();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int g = 0; g < minutes * 4; g++) {
            Instant received = from.plusSeconds(15L * g);
            List<String> works = List.of("A1", "A1", "A1", "A2", "A2", "A" + (3 + g % 10), "B1");
            List<VoteDecision> decisions = new ArrayList<>();
            for (int i = 0; i < works.size(); i++) {
                String w = works.get(i);
                decisions.add(new VoteDecision("s" + g + "-" + i, "s" + g + "-voter" + i, w, w.substring(0, 1),
                        castAt, received.plusMillis(100L * i), day, Decision.ACCEPTED, null, null, null));
            }
            decisions.add(new VoteDecision("s" + g + "-again", "s" + g + "-voter0", "A1", "A", castAt,
                    received.plusSeconds(2), day, Decision.REFUSED, RefusalReason.DAILY_WORK_LIMIT, null, null));
            long sequence = g;
            tx.executeWithoutResult(s -> eventStore.publish(new GenericDomainEventMessage<>("VoteLane",
                    VoteLane.STREAM_PREFIX + lane, sequence, new VotesDecidedEvent(editionId, lane, null, decisions))));
        }
    }
}
