package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.audit.Exports;
import io.selection.audit.format.Pseudonyms;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;
import io.selection.audit.verifier.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public log over HTTP with no sign-in: nothing before the shortlist; then the export up to the
 * line of the latest published list (a vote after it is not shown early), of format 2 with no raw
 * voter id, address or device anywhere, verifying with every check and the log's key alone, a
 * flagged burst recomputed from its pseudonyms; the auditor's export is the same lines and goes on;
 * after the results, all of it. The raw values stay in the store for the per-vote look-up.
 */
class PublicLogHttpTest extends ApiTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void anyone_downloads_the_log_up_to_the_latest_published_list_without_personal_data_and_verifies_it() {
        String id = "plog1";
        String e = "/api/editions/" + id;
        String pub = "/api/public/editions/" + id;
        VotingEditionSetup.open(http(), id);
        VotingEditionSetup.burstAndCalmVotes(http(), e); // 60 votes from 10.9.9.9 (voters nat0..nat59, devices dev0..)
        VotingEditionSetup.invalidateTheBurst(http(), e); // publishes the tallies after it
        // a vote after the latest publication: in the store, not yet in the public log
        assertThat(postNdjson("gateway", e + "/votes:batch",
                VotingEditionSetup.vote("late-1", "late-voter", "A1", VotingEditionSetup.castAt(2)) + "\n").status())
                .isEqualTo(200);

        NoteKey key = NoteKey.parse(get(null, pub + "/log-key").body().get("logKey").asText());
        Response open = get(null, pub + "/events");
        assertThat(open.status()).as(open.raw()).isEqualTo(200);
        List<String> lines = AuditTrail.lines(open.raw());
        List<String> full = AuditTrail.lines(get("auditor", e + "/events").raw());
        int publicLines = lines.size() - 1;
        assertThat(publicLines).isLessThan(full.size() - 1);
        // the public lines are the auditor's, byte for byte, and end at the invalidation
        assertThat(lines.subList(0, publicLines)).isEqualTo(full.subList(0, publicLines));
        assertThat(AuditTrail.parse(lines.get(publicLines - 1)).get("type")).isEqualTo("VotesInvalidated");
        assertThat(open.raw()).doesNotContain("late-1");

        // no raw value where a person shows
        assertThat(open.raw()).doesNotContain("10.9.9.9").doesNotContain("\"nat0\"").doesNotContain("\"dev0\"")
                .doesNotContain("voterId");
        for (String line : lines) {
            assertThat(AuditTrail.parse(line).get("v")).isEqualTo(2);
        }
        // every check passes, with the log's key; the burst's set is recomputed from the pseudonyms
        Report report = Exports.verifyText(lines, List.of(key));
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.check("invalidations").items()).isPositive();
        assertThat(report.check("invalidations").ok()).isTrue();
        Map<String, Object> closing = AuditTrail.parse(lines.get(publicLines));
        List<String> carried = (List<String>) ((Map<String, Object>) closing.get("head")).get("checkpoints");
        assertThat(Checkpoint.of(SignedNote.open(carried.get(carried.size() - 1), List.of(key))).size())
                .isEqualTo(publicLines);
        Map<String, Object> invalidation = (Map<String, Object>) AuditTrail.parse(lines.get(publicLines - 1)).get("data");
        assertThat(invalidation.get("kind")).isEqualTo("ip");
        assertThat(Pseudonyms.looksLikeOne((String) invalidation.get("key"))).isTrue();
        List<String> addresses = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> json = AuditTrail.parse(line);
            if ("VotesDecided".equals(json.get("type"))) {
                Map<String, Object> votes = (Map<String, Object>) ((Map<String, Object>) json.get("data")).get("votes");
                assertThat(votes).containsKeys("voter", "ip", "device").doesNotContainKey("voterId");
                ((List<String>) votes.get("ip")).stream().filter(java.util.Objects::nonNull).forEach(addresses::add);
                for (String field : List.of("voter", "ip", "device")) {
                    assertThat((List<String>) votes.get(field)).allSatisfy(v -> assertThat(v == null
                            || Pseudonyms.looksLikeOne(v)).as(field + " " + v).isTrue());
                }
            }
        }
        assertThat(addresses.stream().filter(invalidation.get("key")::equals)).hasSize(60);

        // resuming part way gives the same tail
        List<String> tail = AuditTrail.lines(get(null, pub + "/events?from=" + (publicLines - 1)).raw());
        assertThat(tail.subList(0, 2)).isEqualTo(lines.subList(publicLines - 2, publicLines));

        // the raw values stay in the store, for those allowed the per-vote look-up
        JsonNode vote = get("gateway", e + "/votes/burst0").body();
        assertThat(vote.get("voterId").asText()).isEqualTo("nat0");

        // after the results, all of it
        VotingEditionSetup.disqualifyA3(http(), e);
        VotingEditionSetup.transition(http(), e, "FINAL_REVIEW");
        VotingEditionSetup.juryScores(http(), id);
        VotingEditionSetup.transition(http(), e, "RESULTS_PUBLISHED");
        List<String> after = AuditTrail.lines(get(null, pub + "/events").raw());
        List<String> whole = AuditTrail.lines(get("auditor", e + "/events").raw());
        assertThat(after.subList(0, after.size() - 1)).isEqualTo(whole.subList(0, whole.size() - 1));
        assertThat(after.get(after.size() - 2)).contains("\"type\":\"ResultsPublished\"");
        assertThat(String.join("\n", after)).contains("late-1").doesNotContain("late-voter");
        Report last = Exports.verifyText(after, List.of(key));
        assertThat(last.ok()).as(last.toText()).isTrue();
    }

    @Test
    void before_the_shortlist_the_public_log_is_not_there_and_bad_input_names_the_field() {
        assertThat(post("organiser", "/api/editions", edition("plog-draft", 3, 1, "A")).status()).isEqualTo(201);
        assertThat(get(null, "/api/public/editions/plog-draft/events").status()).isEqualTo(404);
        assertThat(get(null, "/api/public/editions/plog-nowhere/events").status()).isEqualTo(404);
        VotingEditionSetup.open(http(), "plog2");
        Response bad = get(null, "/api/public/editions/plog2/events?from=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("from");
        assertThat(get(null, "/api/public/editions/plog2/events?from=x").status()).isEqualTo(400);
    }
}
