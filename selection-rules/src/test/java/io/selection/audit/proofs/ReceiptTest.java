package io.selection.audit.proofs;

import io.selection.audit.format.Canonical;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;
import io.selection.audit.Exports;

import io.selection.sample.SampleEdition;

import io.selection.events.Published;
import io.selection.events.ResultsPublishedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A voter's receipt: the vote's entry with an inclusion proof into its group and one of the group's
 * line into the log, checked offline against a log digest the edition published. It holds for
 * every vote of every group, fails when the entry or a proof is changed, and stays a few KB
 * however large the log.
 */
class ReceiptTest {

    private static final List<LogLine> lines = new ArrayList<>();
    private static LogWriter writer;
    private static Published results;

    @BeforeAll
    static void writeTheSample() {
        writer = SampleEdition.write(SampleEdition.Params.small(), lines::add);
        results = ((ResultsPublishedEvent) LogCodec.decode(lines.get(lines.size() - 1))).published();
    }

    private static List<LogLine> groups() {
        return lines.stream().filter(l -> LogCodec.VOTES_DECIDED.equals(l.type())).toList();
    }

    private static int votesIn(LogLine group) {
        return Exports.column(group.toJson(), "voteId").size();
    }

    /** A receipt against the log digest that the results were published on, as its JSON is read back. */
    private static Map<String, Object> receipt(LogLine group, int vote) {
        Map<String, Object> built = Receipt.build(group, vote, writer.hashes(), results.logSize());
        return Exports.parseLine(Canonical.string(built));
    }

    @Nested
    class A_true_receipt {

        @Test
        void checks_ok_for_every_vote_of_every_group_against_the_published_log_digest() {
            assertThat(groups()).hasSizeGreaterThan(2);
            for (LogLine group : groups()) {
                List<Object> ids = Exports.column(group.toJson(), "voteId");
                for (int v = 0; v < ids.size(); v++) {
                    Receipt.Checked checked = Receipt.check(receipt(group, v));

                    assertThat(checked.ok()).as("vote %d of line %d: %s", v, group.seq(), checked.detail()).isTrue();
                    assertThat(checked.voteId()).isEqualTo(ids.get(v));
                    assertThat(checked.digest()).isEqualTo(results.logDigest());
                    assertThat(checked.logSize()).isEqualTo(results.logSize());
                    assertThat(checked.workId()).isEqualTo(Exports.column(group.toJson(), "workId").get(v));
                    assertThat(checked.decision()).isEqualTo(Exports.column(group.toJson(), "decision").get(v));
                }
            }
        }

        @Test
        void checks_ok_against_the_digest_of_the_whole_log_in_the_closing_line() {
            LogLine group = groups().get(1);

            Map<String, Object> receipt = Receipt.build(group, 0, writer.hashes(), writer.size());

            assertThat(Receipt.check(receipt).ok()).isTrue();
            assertThat(receipt.get("logDigest")).isEqualTo(writer.closingLine().get("head") instanceof Map<?, ?> h
                    ? h.get("digest") : null);
        }

        @Test
        void names_the_vote_entry_exactly_as_the_group_line_holds_it() {
            LogLine group = groups().get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) receipt(group, 2).get("entry");

            for (String field : LogCodec.VOTE_FIELDS) {
                assertThat(entry.get(field)).as(field).isEqualTo(Exports.column(group.toJson(), field).get(2));
            }
        }
    }

    @Nested
    class A_changed_receipt_fails {

        @Test
        void when_its_vote_is_for_another_work() {
            Map<String, Object> receipt = receipt(groups().get(0), 0);
            entry(receipt).put("workId", "w99999");

            assertThat(Receipt.check(receipt).ok()).isFalse();
        }

        @Test
        void when_its_decision_is_changed() {
            LogLine group = groups().get(0);
            int accepted = Exports.column(group.toJson(), "decision").indexOf("ACCEPTED");
            Map<String, Object> receipt = receipt(group, accepted);
            entry(receipt).put("decision", "REFUSED");
            entry(receipt).put("reason", "NOT_SHORTLISTED");

            assertThat(Receipt.check(receipt).ok()).isFalse();
        }

        @Test
        void when_a_hash_of_its_vote_path_is_changed() {
            Map<String, Object> receipt = receipt(groups().get(1), 3);
            path(receipt, "votePath").set(0, flip((String) path(receipt, "votePath").get(0)));

            assertThat(Receipt.check(receipt).ok()).isFalse();
        }

        @Test
        void when_a_hash_of_its_line_path_is_changed() {
            Map<String, Object> receipt = receipt(groups().get(1), 3);
            List<Object> linePath = path(receipt, "linePath");
            linePath.set(linePath.size() - 1, flip((String) linePath.get(linePath.size() - 1)));

            assertThat(Receipt.check(receipt).ok()).isFalse();
        }

        @Test
        void when_its_path_is_shortened() {
            Map<String, Object> receipt = receipt(groups().get(1), 3);
            path(receipt, "linePath").remove(0);

            Receipt.Checked checked = Receipt.check(receipt);

            assertThat(checked.ok()).isFalse();
            assertThat(checked.detail()).contains("not a valid receipt");
        }

        @Test
        void when_its_group_size_is_raised_by_one() {
            for (LogLine group : groups()) {
                for (int v = 0; v < votesIn(group); v++) {
                    Map<String, Object> receipt = receipt(group, v);
                    receipt.put("groupSize", ((Number) receipt.get("groupSize")).longValue() + 1);

                    assertThat(Receipt.check(receipt).ok()).as("vote %d of line %d", v, group.seq()).isFalse();
                }
            }
        }

        @Test
        void when_it_lacks_the_fields_that_bind_its_group_size() {
            Map<String, Object> receipt = receipt(groups().get(0), 0);
            receipt.remove("group");

            Receipt.Checked checked = Receipt.check(receipt);

            assertThat(checked.ok()).isFalse();
            assertThat(checked.detail()).contains("groupSize");
        }

        @Test
        void when_its_log_size_is_raised_by_one_once_held_to_the_published_digests() {
            String published = results.logSize() + ":" + results.logDigest();
            Map<String, Object> receipt = receipt(groups().get(0), 0);
            receipt.put("logSize", ((Number) receipt.get("logSize")).longValue() + 1);

            // the proof alone may still lead to the digest: a size is bound only by a published pair
            assertThat(Receipt.check(receipt).anchored(List.of(published)).ok()).isFalse();
            assertThat(Receipt.check(receipt(groups().get(0), 0)).anchored(List.of(published)).ok()).isTrue();
        }

        @Test
        void when_the_services_words_beside_the_proof_differ_from_its_entry() {
            LogLine group = groups().get(0);
            Map<String, Object> otherDecision = receipt(group, 0);
            Map<String, Object> claimed = new java.util.HashMap<>(entry(otherDecision));
            claimed.put("decision", "ACCEPTED".equals(claimed.get("decision")) ? "REFUSED" : "ACCEPTED");
            otherDecision.put("decision", claimed);
            Map<String, Object> otherId = receipt(group, 0);
            otherId.put("voteId", "someone-else");

            assertThat(Receipt.check(otherDecision).ok()).isFalse();
            assertThat(Receipt.check(otherId).ok()).isFalse();
        }

        @Test
        void when_it_claims_another_place_in_the_group_or_the_log() {
            Map<String, Object> atOtherIndex = receipt(groups().get(1), 3);
            atOtherIndex.put("voteIndex", 2);
            Map<String, Object> atOtherSeq = receipt(groups().get(1), 3);
            atOtherSeq.put("seq", groups().get(1).seq() + 1);

            assertThat(Receipt.check(atOtherIndex).ok()).isFalse();
            assertThat(Receipt.check(atOtherSeq).ok()).isFalse();
        }

        @Test
        void when_its_group_header_is_another_groups() {
            Map<String, Object> receipt = receipt(groups().get(1), 0);
            receipt.put("header", receipt(groups().get(2), 0).get("header"));

            assertThat(Receipt.check(receipt).ok()).isFalse();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> entry(Map<String, Object> receipt) {
            return (Map<String, Object>) receipt.get("entry");
        }

        @SuppressWarnings("unchecked")
        private static List<Object> path(Map<String, Object> receipt, String field) {
            return (List<Object>) receipt.get(field);
        }

        private static String flip(String hex) {
            return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
        }
    }

    @Test
    void stays_a_few_kilobytes_for_a_log_of_a_hundred_thousand_votes() {
        List<LogLine> kept = new ArrayList<>();
        LogWriter big = SampleEdition.write(SampleEdition.Params.defaults(100_000), line -> {
            if (LogCodec.VOTES_DECIDED.equals(line.type()) && (kept.isEmpty() || kept.size() < 2
                    && line.seq() > kept.get(0).seq() + 40)) {
                kept.add(line);
            }
        });
        LogLine group = kept.get(1);
        int last = votesIn(group) - 1;

        Map<String, Object> receipt = Receipt.build(group, last, big.hashes(), big.size());
        int bytes = Canonical.bytes(receipt).length;

        assertThat(Receipt.check(Exports.parseLine(Canonical.string(receipt))).ok()).isTrue();
        assertThat(votesIn(group)).isEqualTo(1000);
        assertThat(bytes).as("receipt bytes").isBetween(1_000, 4_096);
    }
}
