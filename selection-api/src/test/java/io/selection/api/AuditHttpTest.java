package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.audit.proofs.Receipt;
import io.selection.audit.verifier.Report;
import io.selection.voting.Hash64;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit section of docs/api.md against a real server: an edition run to its results (refusals,
 * a duplicate vote id, a disqualification with backfill, overlapping invalidations), exported,
 * verified by the same core verifier an auditor runs offline, digest for digest, with a voter's
 * receipt and a payload changed in the store afterwards.
 */
class AuditHttpTest extends ApiTestBase {

    private static final String ID = "aud";
    private static final String E = "/api/editions/" + ID;

    @Test
    void an_edition_run_to_its_results_is_verified_from_its_export_alone() {
        runToResults();

        Response export = get("auditor", E + "/events");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> lines = AuditTrail.lines(export.raw());
        Report report = AuditTrail.verify(lines);
        assertThat(report.ok()).as(report.toText()).isTrue();

        // every published list names the digests the verifier recomputed from the lines
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> published = (List<Map<String, Object>>) report.toJson().get("published");
        JsonNode shortlist = get("auditor", E + "/shortlist").body();
        JsonNode tallies = get("auditor", E + "/tallies").body();
        JsonNode winners = get("auditor", E + "/winners").body();
        assertThat(published).extracting(p -> p.get("type")).contains("ShortlistPublished", "ShortlistAmended",
                "TalliesCertified", "VotesInvalidated", "ResultsPublished");
        Map<String, Object> lastShortlist = last(published, "ShortlistAmended");
        assertThat(shortlist.get("listDigest").asText()).isEqualTo(lastShortlist.get("listDigest"));
        assertThat(shortlist.get("logDigest").asText()).isEqualTo(lastShortlist.get("logDigest"));
        Map<String, Object> results = last(published, "ResultsPublished");
        assertThat(winners.get("logDigest").asText()).isEqualTo(results.get("logDigest"));
        assertThat(winners.get("logSize").asLong()).isEqualTo(((Number) results.get("logSize")).longValue());
        assertThat(winners.get("listDigest").asText()).isEqualTo(results.get("listDigest"));
        assertThat(tallies.get("listDigest").asText()).isEqualTo(last(published, "TalliesCertified").get("listDigest"));

        // the server's own check is the same report
        JsonNode audit = get("auditor", E + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.get("head").get("digest").asText())
                .isEqualTo(((Map<?, ?>) report.toJson().get("head")).get("digest"));

        // a resumed export gives the same lines from there on
        List<String> tail = AuditTrail.lines(get("auditor", E + "/events?from=10").raw());
        assertThat(tail).isEqualTo(lines.subList(9, lines.size()));

        // a voter's receipt checks offline against the digest on the winners list
        Response receipt = get("gateway", E + "/votes/v-A1-0/receipt");
        assertThat(receipt.status()).as(receipt.raw()).isEqualTo(200);
        assertThat(receipt.raw().getBytes(StandardCharsets.UTF_8).length).isLessThan(8_000);
        Receipt.Checked checked = Receipt.check(AuditTrail.parse(receipt.raw()));
        assertThat(checked.ok()).as(checked.detail()).isTrue();
        assertThat(checked.digest()).isEqualTo(winners.get("logDigest").asText());
        assertThat(receipt.body().get("provenAgainst").asText()).isEqualTo("ResultsPublished");
        ObjectNode changed = (ObjectNode) receipt.body().deepCopy();
        ((ObjectNode) changed.get("entry")).put("workId", "A2");
        assertThat(Receipt.check(AuditTrail.parse(changed.toString())).ok()).isFalse();
        assertThat(get("organiser", E + "/votes/v-A1-0/receipt").status()).isEqualTo(403);
        assertThat(get("gateway", E + "/votes/nope/receipt").code()).isEqualTo("NOT_FOUND");

        // a payload changed in the store after it was sealed is named at its own line
        long seq = seqOf(lines, "WorkSubmitted", "A4");
        String eventId = jdbc.queryForObject("SELECT event_identifier FROM edition_log WHERE edition_id = ? AND seq = ?",
                String.class, ID, seq);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, eventId);
        String original = new String(payload, StandardCharsets.UTF_8);
        assertThat(original).contains("Work A4");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?",
                original.replace("Work A4", "Work A9").getBytes(StandardCharsets.UTF_8), eventId);
        try {
            JsonNode tampered = get("auditor", E + "/audit").body();
            assertThat(tampered.get("ok").asBoolean()).isFalse();
            assertThat(tampered.get("firstBadSeq").asLong()).isEqualTo(seq);
            Report offline = AuditTrail.verify(AuditTrail.lines(get("auditor", E + "/events").raw()));
            assertThat(offline.ok()).isFalse();
            assertThat(offline.firstBadSeq()).isEqualTo(seq);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", payload, eventId);
        }
        assertThat(get("auditor", E + "/audit").body().get("ok").asBoolean()).isTrue();

        // so is a vote group changed in the store while this instance still holds it as committed
        // (decision 23): exports and audits read every payload from the store itself
        assertThat(committedPayloads.hitsAndMisses()[0]).as("groups handed on as committed").isPositive();
        String groupId = null;
        long groupSeq = 0;
        for (String line : lines) {
            Map<String, Object> json = AuditTrail.parse(line);
            if ("VotesDecided".equals(json.get("type")) && line.contains("v-A1-0")) {
                groupSeq = ((Number) json.get("seq")).longValue();
                groupId = jdbc.queryForObject("SELECT event_identifier FROM edition_log WHERE edition_id = ? "
                        + "AND seq = ?", String.class, ID, groupSeq);
            }
        }
        assertThat(groupId).as("the line of vote v-A1-0").isNotNull();
        // held as committed, as by an instance whose read models have not taken it yet (then it leaves)
        io.selection.events.EditionEvent[] stored = new io.selection.events.EditionEvent[1];
        editionLogs.forEach(ID, groupSeq, groupSeq, line -> stored[0] = line.event());
        committedPayloads.hold(List.of(new org.axonframework.eventhandling.GenericDomainEventMessage<>("VoteLane",
                "vote-lane-held", 0, stored[0], Map.of(), groupId, java.time.Instant.EPOCH)));
        assertThat(committedPayloads.votesHeld()).as("still held as committed").isPositive();
        byte[] group = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, groupId);
        String groupText = new String(group, StandardCharsets.UTF_8);
        assertThat(groupText).contains("\"v-A1-0\"");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?",
                groupText.replace("\"v-A1-0\"", "\"v-A1-Z\"").getBytes(StandardCharsets.UTF_8), groupId);
        try {
            String changedExport = get("auditor", E + "/events").raw();
            assertThat(changedExport).contains("v-A1-Z");
            Report changedReport = AuditTrail.verify(AuditTrail.lines(changedExport));
            assertThat(changedReport.ok()).isFalse();
            assertThat(changedReport.firstBadSeq()).isEqualTo(groupSeq);
            JsonNode changedAudit = get("auditor", E + "/audit").body();
            assertThat(changedAudit.get("ok").asBoolean()).isFalse();
            assertThat(changedAudit.get("firstBadSeq").asLong()).isEqualTo(groupSeq);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", group, groupId);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.selection.api.config.CommittedPayloads committedPayloads;

    @org.springframework.beans.factory.annotation.Autowired
    io.selection.api.log.EditionLogs editionLogs;

    @Test
    void export_and_receipts_answer_clear_problems() {
        assertThat(get("auditor", "/api/editions/none/events").code()).isEqualTo("NOT_FOUND");
        assertThat(get("organiser", "/api/editions/2023/events").status()).isEqualTo(403);
        assertThat(get("auditor", "/api/editions/2023/events?from=0").code()).isEqualTo("VALIDATION");
        assertThat(get("auditor", "/api/editions/2023/events?from=x").status()).isEqualTo(400);
        Report fresh = AuditTrail.verify(AuditTrail.lines(get("auditor", "/api/editions/2023/events").raw()));
        assertThat(fresh.ok()).as(fresh.toText()).isTrue();
    }

    private void runToResults() {
        VotingEditionSetup.open(http(), ID);
        StringBuilder batch = new StringBuilder();
        // three voters a day for A1, two for B1, one for A2; refusals: not shortlisted, outside the window
        for (int day = 0; day < 3; day++) {
            for (int v = 0; v < 3; v++) {
                batch.append(VotingEditionSetup.vote("v-A1-" + (day * 3 + v), "voter" + v, "A1",
                        VotingEditionSetup.castAt(day))).append('\n');
            }
            batch.append(VotingEditionSetup.vote("v-B1-" + day, "voter" + day, "B1", VotingEditionSetup.castAt(day)))
                    .append('\n');
        }
        batch.append(VotingEditionSetup.vote("v-A2-0", "voter9", "A2", VotingEditionSetup.castAt(1))).append('\n');
        batch.append(VotingEditionSetup.vote("v-A4-0", "voter9", "A4", VotingEditionSetup.castAt(1))).append('\n');
        batch.append(VotingEditionSetup.vote("v-late", "voter9", "A1", Instant.parse("2024-03-05T00:00:00Z")))
                .append('\n');
        // the same day again for the same work: refused by the daily limit
        batch.append(VotingEditionSetup.vote("v-again", "voter0", "A1", VotingEditionSetup.castAt(0))).append('\n');
        assertThat(postNdjson("gateway", E + "/votes:batch", batch.toString()).status()).isEqualTo(200);
        // a burst behind one address and one device: flagged twice, by both rules, over the same votes
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            ObjectNode vote = JSON.createObjectNode().put("id", "burst" + i).put("voterId", "bot" + i)
                    .put("workId", "B2").put("castAt", VotingEditionSetup.castAt(2).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.9.9.9").put("device", "farm-phone");
            burst.append(vote).append('\n');
        }
        assertThat(postNdjson("gateway", E + "/votes:batch", burst.toString()).status()).isEqualTo(200);
        for (JsonNode set : get("organiser", E + "/suspicious-vote-sets").body()) {
            assertThat(post("organiser", E + "/vote-invalidations", JSON.createObjectNode()
                    .put("setId", set.get("id").asText()).put("reason", "a farm")).status()).isEqualTo(200);
        }
        // A3 leaves the shortlist; A4, next in rank, takes its place
        assertThat(post("organiser", E + "/works/A3/disqualification",
                JSON.createObjectNode().put("reason", "copied")).status()).isEqualTo(200);
        // out of cast order, over several lanes: later days first; and the remaining refusals
        StringBuilder late = new StringBuilder();
        for (int day = 6; day >= 3; day--) {
            for (int v = 0; v < 4; v++) {
                late.append(VotingEditionSetup.vote("v-late-" + day + "-" + v, "late" + v, v % 2 == 0 ? "A4" : "B3",
                        VotingEditionSetup.castAt(day))).append('\n');
            }
        }
        late.append(VotingEditionSetup.vote("v-dq", "voter9", "A3", VotingEditionSetup.castAt(4))).append('\n');
        late.append(VotingEditionSetup.vote("v-skew", "voter9", "A1", Instant.now().plusSeconds(3_600))).append('\n');
        JsonNode answered = postNdjson("gateway", E + "/votes:batch", late.toString()).body();
        assertThat(answered.get("accepted").asInt()).isEqualTo(16);
        assertThat(get("gateway", E + "/votes/v-dq").body().get("reason").asText()).isEqualTo("DISQUALIFIED");
        assertThat(get("gateway", E + "/votes/v-skew").body().get("reason").asText()).isEqualTo("CLOCK_SKEW");
        VotingEditionSetup.transition(http(), E, "FINAL_REVIEW");
        for (String w : List.of("A1", "A2", "A4", "B1", "B2", "B3")) {
            for (String r : List.of("r1", "r2", "r3")) {
                assertThat(post(ID + "-" + r + ":password-" + r, E + "/works/" + w + "/final-scores",
                        JSON.createObjectNode().put("score", w.startsWith("A") ? 80 : 70)).status()).isEqualTo(201);
            }
        }
        VotingEditionSetup.transition(http(), E, "RESULTS_PUBLISHED");
    }

    private static Map<String, Object> last(List<Map<String, Object>> published, String type) {
        Map<String, Object> found = null;
        for (Map<String, Object> p : published) {
            if (type.equals(p.get("type"))) {
                found = p;
            }
        }
        assertThat(found).as(type).isNotNull();
        return found;
    }

    private static long seqOf(List<String> lines, String type, String workId) {
        for (String line : lines) {
            Map<String, Object> json = AuditTrail.parse(line);
            if (type.equals(json.get("type")) && json.get("data") instanceof Map<?, ?> data
                    && workId.equals(data.get("workId"))) {
                return ((Number) json.get("seq")).longValue();
            }
        }
        throw new AssertionError("no " + type + " line for " + workId);
    }

    /** Two voter ids that the local intake's four lanes give to different lanes. */
    static String[] votersInTwoLanes() {
        String first = "lane-voter-0";
        for (int i = 1; ; i++) {
            String other = "lane-voter-" + i;
            if (Math.floorMod(Hash64.of(other), 4L) != Math.floorMod(Hash64.of(first), 4L)) {
                return new String[]{first, other};
            }
        }
    }
}
