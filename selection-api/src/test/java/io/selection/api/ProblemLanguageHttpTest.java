package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal is said in the reader's language (docs/api.md, Conventions): its title and detail in
 * Chinese for {@code Accept-Language: zh-CN}, in English otherwise, named by {@code Content-Language};
 * its code, field and items are the same in both, since clients match on them.
 */
class ProblemLanguageHttpTest extends HttpRefusalSupport {

    private static final String ZH = "zh-CN,zh;q=0.9";

    private Response send(String user, String method, String path, String contentType, String body,
                          String acceptLanguage) {
        Map<String, String> headers = acceptLanguage == null ? Map.of() : Map.of("Accept-Language", acceptLanguage);
        return http().send(user, method, path, contentType, body, headers);
    }

    private Response post(String user, String path, Object body, String acceptLanguage) {
        return send(user, "POST", path, "application/json", body.toString(), acceptLanguage);
    }

    /** The same problem in both languages: status, code, field and items agree, the words do not. */
    private static void sameProblem(Response zh, Response en) {
        assertThat(zh.status()).isEqualTo(en.status());
        assertThat(zh.code()).isEqualTo(en.code());
        assertThat(zh.body().path("field")).isEqualTo(en.body().path("field"));
        assertThat(zh.body().path("works")).isEqualTo(en.body().path("works"));
        assertThat(zh.body().path("items")).isEqualTo(en.body().path("items"));
        assertThat(zh.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(zh.body().path("title").asText()).containsPattern("\\p{IsHan}");
        assertThat(zh.body().path("detail").asText()).containsPattern("\\p{IsHan}");
        assertThat(en.body().path("title").asText()).doesNotContainPattern("\\p{IsHan}");
        assertThat(en.body().path("detail").asText()).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void a_transition_refused_for_missing_scores_says_so_in_chinese_for_a_chinese_reader() {
        String e = "lang-review";
        String api = "/api/editions/" + e;
        create(editionBody(e, 3, "A"));
        advance(e, "COLLECTING");
        submit(e, work("W1", "A", "Org"));
        submit(e, work("W2", "A", "Org"));
        advance(e, "PRELIMINARY_REVIEW");

        long before = eventCount();
        Response zh = post(ORG, api + "/transitions", to("SHORTLIST_PUBLISHED"), ZH);
        Response en = post(ORG, api + "/transitions", to("SHORTLIST_PUBLISHED"), "en-GB");
        Response none = post(ORG, api + "/transitions", to("SHORTLIST_PUBLISHED"), null);

        assertProblem(zh, 409, "INCOMPLETE_REVIEW");
        sameProblem(zh, en);
        assertThat(zh.body().path("title").asText()).isEqualTo("冲突");
        assertThat(zh.body().path("detail").asText()).isEqualTo("2件作品的初评评分不足3个");
        assertThat(en.body().path("title").asText()).isEqualTo("Conflict");
        assertThat(en.body().path("detail").asText()).isEqualTo("2 work(s) have fewer than 3 preliminary scores");
        assertThat(none.body()).isEqualTo(en.body());
        assertThat(zh.body().path("works")).hasSize(2);
        assertThat(zh.headers().allValues("Vary")).anyMatch(v -> v.toLowerCase().contains("accept-language"));
        assertThat(eventCount()).as("a refusal changes nothing").isEqualTo(before);
    }

    @Test
    void a_stage_mismatch_names_the_stages_in_chinese_and_by_their_codes_in_english() {
        String e = "lang-stage";
        create(editionBody(e, 1, "A"));
        String api = "/api/editions/" + e;

        Response zh = post(ORG, api + "/transitions", to("PRELIMINARY_REVIEW"), ZH);
        Response en = post(ORG, api + "/transitions", to("PRELIMINARY_REVIEW"), "en");

        assertProblem(zh, 409, "STAGE_MISMATCH", "to");
        sameProblem(zh, en);
        assertThat(zh.body().path("detail").asText()).isEqualTo("届次lang-stage处于“草稿”阶段，下一阶段只能是“作品征集”");
        assertThat(en.body().path("detail").asText())
                .isEqualTo("edition lang-stage is in stage DRAFT; only COLLECTING may follow it");

        // a score while collecting: the reviewer meets the same words
        advance(e, "COLLECTING");
        submit(e, work("W1", "A", "Org"));
        register(e, reviewer("lang-stage-r", "Uni", "A"));
        Response score = post(reviewerLogin("lang-stage-r"), api + "/works/W1/preliminary-scores", score(80), ZH);
        assertProblem(score, 409, "STAGE_MISMATCH");
        assertThat(score.body().path("detail").asText()).isEqualTo("届次lang-stage处于“作品征集”阶段，此操作须在“初评”阶段进行");
    }

    @Test
    void a_field_at_fault_is_named_the_same_and_explained_in_the_readers_language() {
        String e = "lang-field";
        create(editionBody(e, 1, "A"));
        advance(e, "COLLECTING");
        String api = "/api/editions/" + e;
        var blank = work("W1", "A", "Org").put("title", " ");

        Response zh = post(ORG, api + "/works", blank, ZH);
        Response en = post(ORG, api + "/works", blank, "en");

        assertProblem(zh, 400, "VALIDATION", "title");
        sameProblem(zh, en);
        assertThat(zh.body().path("title").asText()).isEqualTo("请求无效");
        assertThat(zh.body().path("detail").asText()).isEqualTo("title：不能为空");
        assertThat(en.body().path("detail").asText()).isEqualTo("title: must not be blank");

        // the rules' own check of a field (the URL), and an id outside the id rule (the validator's words)
        Response url = post(ORG, api + "/works", work("W2", "A", "Org").put("url", "ftp://x.example/a"), ZH);
        assertProblem(url, 400, "VALIDATION", "url");
        assertThat(url.body().path("detail").asText()).isEqualTo("链接须以http或https开头：ftp://x.example/a");
        Response id = post(ORG, api + "/works", work("W 3", "A", "Org"), ZH);
        assertProblem(id, 400, "VALIDATION", "id");
        assertThat(id.body().path("detail").asText()).isEqualTo("id：须为1到64个字符，只能使用[A-Za-z0-9._-]");
        Response unknown = post(ORG, api + "/works", work("W4", "Z", "Org"), ZH);
        assertProblem(unknown, 422, "UNKNOWN_CATEGORY", "category");
        assertThat(unknown.body().path("detail").asText()).isEqualTo("未知类别：Z");
        assertThat(unknown.body().path("title").asText()).isEqualTo("无法处理");
    }

    @Test
    void the_lines_of_an_import_are_refused_in_the_readers_language_with_the_same_codes() {
        String e = "lang-import";
        create(editionBody(e, 1, "A"));
        advance(e, "COLLECTING");
        String lines = work("W1", "A", "Org") + "\n" + work("W2", "Z", "Org") + "\n{not json\n"
                + work("W3", "A", "Org").put("title", "") + "\n";
        String path = "/api/editions/" + e + "/works:import";

        JsonNode zh = send(ORG, "POST", path, "application/x-ndjson", lines, ZH).body();
        JsonNode en = send(ORG, "POST", "/api/editions/" + e + "/works:import", "application/x-ndjson",
                lines.replace("W1", "W5"), "en").body();

        assertThat(zh.path("accepted").asInt()).isEqualTo(1);
        assertThat(en.path("accepted").asInt()).isEqualTo(1);
        List<String> codes = zh.path("refused").findValuesAsText("code");
        assertThat(codes).containsExactly("UNKNOWN_CATEGORY", "VALIDATION", "VALIDATION")
                .isEqualTo(en.path("refused").findValuesAsText("code"));
        assertThat(zh.path("refused").findValuesAsText("detail"))
                .containsExactly("未知类别：Z", "不是有效的JSON", "title：不能为空");
        assertThat(en.path("refused").findValuesAsText("detail"))
                .containsExactly("unknown category: Z", "not valid JSON", "title: must not be blank");
    }

    @Test
    void signing_in_and_roles_are_refused_in_the_readers_language() {
        Response anonymous = send(null, "GET", "/api/editions", null, null, ZH);
        assertProblem(anonymous, 401, "UNAUTHENTICATED");
        assertThat(anonymous.body().path("title").asText()).isEqualTo("未登录");
        assertThat(anonymous.body().path("detail").asText()).isEqualTo("需要登录");
        assertThat(anonymous.headers().firstValue("Content-Language")).hasValue("zh-CN");

        Response gateway = send(GW, "GET", "/api/editions/2023/works", null, null, ZH);
        assertProblem(gateway, 403, "FORBIDDEN");
        assertThat(gateway.body().path("detail").asText()).isEqualTo("您的角色无权执行此操作");
        Response inEnglish = send(GW, "GET", "/api/editions/2023/works", null, null, "en, zh;q=0.5");
        assertThat(inEnglish.body().path("detail").asText()).isEqualTo("your role may not do this");
        assertThat(inEnglish.headers().firstValue("Content-Language")).hasValue("en");
    }

    @Test
    void an_invalidation_of_a_set_that_was_never_flagged_names_it_in_chinese() {
        String e = "lang-invalidate";
        create(editionBody(e, 1, "A"));
        var body = JSON.createObjectNode().put("setId", "ip:10.0.0.1:x").put("reason", "测试");

        Response zh = post(ORG, "/api/editions/" + e + "/vote-invalidations", body, ZH);
        Response en = post(ORG, "/api/editions/" + e + "/vote-invalidations", body, "en");

        assertProblem(zh, 404, "NOT_FOUND", "setId");
        sameProblem(zh, en);
        assertThat(zh.body().path("detail").asText()).isEqualTo("没有被标记的集合ip:10.0.0.1:x");
        assertThat(en.body().path("detail").asText()).isEqualTo("no flagged set ip:10.0.0.1:x");
    }

    @Test
    void a_method_or_a_media_type_the_address_does_not_take_is_refused_in_the_readers_language() {
        String e = "lang-method";
        create(editionBody(e, 1, "A"));
        String transitions = "/api/editions/" + e + "/transitions";

        Response zh = send(ORG, "PUT", transitions, "application/json", to("COLLECTING").toString(), ZH);
        Response en = send(ORG, "PUT", transitions, "application/json", to("COLLECTING").toString(), "en");
        assertProblem(zh, 405, "METHOD_NOT_ALLOWED");
        sameProblem(zh, en);
        assertThat(zh.body().path("title").asText()).isEqualTo("不允许的请求方法");
        assertThat(zh.body().path("detail").asText()).isEqualTo("此处不允许请求方法PUT，请使用[POST]");
        assertThat(en.body().path("detail").asText()).isEqualTo("method PUT is not allowed here; use [POST]");

        // the log's lines come as NDJSON or JSON, not as CSV
        String events = "/api/editions/" + e + "/events";
        Response csvZh = http().send(AUD, "GET", events, null, null, Map.of("Accept-Language", ZH, "Accept", "text/csv"));
        Response csvEn = http().send(AUD, "GET", events, null, null, Map.of("Accept-Language", "en", "Accept", "text/csv"));
        assertProblem(csvZh, 406, "NOT_ACCEPTABLE", "Accept");
        sameProblem(csvZh, csvEn);
        assertThat(csvZh.body().path("detail").asText()).startsWith("无法以Accept所列的任何格式作答")
                .contains("application/x-ndjson");
        assertThat(csvEn.body().path("detail").asText())
                .startsWith("none of the media types in Accept can be answered here").contains("application/x-ndjson");
    }

    @Test
    void what_does_not_exist_is_named_in_the_readers_language() {
        String e = "lang-missing";
        create(editionBody(e, 1, "A"));
        for (String path : List.of("/api/editions/" + e + "/works/NOPE", "/api/editions/" + e + "/works/NOPE/history",
                "/api/editions/no-such-edition")) {
            Response zh = send(ORG, "GET", path, null, null, ZH);
            Response en = send(ORG, "GET", path, null, null, "en");
            assertProblem(zh, 404, "NOT_FOUND");
            sameProblem(zh, en);
            assertThat(zh.body().path("title").asText()).isEqualTo("未找到");
        }
        assertThat(send(ORG, "GET", "/api/editions/" + e + "/works/NOPE", null, null, ZH).body().path("detail").asText())
                .contains("NOPE");
    }
}
