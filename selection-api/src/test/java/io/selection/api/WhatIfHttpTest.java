package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.audit.format.LogLine;
import io.selection.audit.verifier.Verifier;
import io.selection.recount.WhatIf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /what-if over the edition of {@link PublishedEditionSupport} (final quota 2 of a shortlist
 * of 3): the edition's own rules change nothing, a larger final quota lets the third work in, and
 * the answer is the one the verifier's {@code what-if --json} computes from the export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfHttpTest extends PublishedEditionSupport {

    private static final String ID = "wi";
    private static final String E = "/api/editions/" + ID;

    @BeforeAll
    void publish() {
        runToResults(ID, stage -> { });
    }

    @Test
    void under_the_editions_own_rules_nothing_enters_or_leaves() {
        Response r = post(ORG, E + "/what-if", Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("categories").path("A").path("winners").toString())
                .isEqualTo("[\"wi-a1\",\"wi-a2\"]");
        assertThat(r.body().path("categories").path("B").path("winners").toString())
                .isEqualTo("[\"wi-b2\",\"wi-b1\"]");
        r.body().path("categories").forEach(c -> {
            assertThat(c.path("entered")).isEmpty();
            assertThat(c.path("left")).isEmpty();
            assertThat(c.path("moves").isArray()).isTrue();
            assertThat(c.path("moves")).isEmpty();
        });
    }

    @Test
    void a_larger_final_quota_lets_the_third_work_in_as_the_verifier_computes_it_from_the_export() throws Exception {
        Response r = post(AUD, E + "/what-if", Map.of("finalQuotas", Map.of("A", 3), "weights",
                Map.of("jury", 60, "vote", 40)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("categories").path("A").path("entered").toString()).isEqualTo("[\"wi-a3\"]");
        // why: a3 was third under 70/30 (36 + 0) and stays third under 60/40 (a1 48 + 40, a2 42 + 20, a3
        // 36 + 0); the third place is now a winner's
        assertThat(r.body().path("categories").path("A").path("moves").toString()).isEqualTo(
                "[{\"workId\":\"wi-a3\",\"publishedRank\":3,\"rank\":3,"
                        + "\"why\":\"rank 3 → rank 3 under weights 60/40, final quota A=3\"}]");
        assertThat(r.body().path("categories").path("A").path("left").toString()).isEqualTo("[]");
        assertThat(r.body().path("categories").path("B").path("moves").toString()).isEqualTo("[]");

        WhatIf own = new WhatIf(WhatIf.Changes.NONE);
        WhatIf changed = new WhatIf(new WhatIf.Changes(new io.selection.edition.Weights(60, 40), null, null, null,
                null, null, Map.of("A", 3), false));
        for (String text : AuditTrail.lines(get(AUD, E + "/events").raw())) {
            Map<String, Object> json = AuditTrail.parse(text);
            if (json.containsKey("head")) {
                continue;
            }
            LogLine line = LogLine.fromJson(json);
            Verifier.Prepared p = Verifier.prepare(line);
            own.apply(line.seq(), p.event());
            changed.apply(line.seq(), p.event());
        }
        JsonNode offline = JSON.valueToTree(WhatIf.toJson(WhatIf.compare(own, changed)));
        assertThat(r.body()).isEqualTo(offline);
    }

    @Test
    void refuses_rules_that_do_not_hang_together() {
        Response r = post(ORG, E + "/what-if", Map.of("finalQuotas", Map.of("Z", 1)));
        assertThat(r.code()).as(r.raw()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(post(ORG, E + "/what-if", Map.of("weights", Map.of("jury", 60, "vote", 60))).code())
                .isEqualTo("VALIDATION");
        assertThat(post(ORG, "/api/editions/none/what-if", Map.of()).code()).isEqualTo("NOT_FOUND");
    }
}
