package io.selection.audit.verifier;

import io.selection.audit.Exports;

import io.selection.audit.format.Hex;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.ListDigests;
import io.selection.audit.proofs.Merkle;

import io.selection.sample.SampleEdition;

import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.review.Round;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.selection.audit.Exports.column;
import static io.selection.audit.Exports.data;
import static io.selection.audit.Exports.indexOf;
import static io.selection.audit.Exports.seq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline verifier on a sample edition's export: the untouched file passes every check, and
 * each kind of tampering is caught at the right line ({@link Report#firstBadSeq()}). Where a
 * tampered line is re-hashed (and the rest of the file re-chained, later published log digests
 * and the closing line recomputed, as a forger who rewrites the whole tail would), only the rule
 * the tampering breaks can catch it, and the test says which check does.
 */
class VerifierTest {

    private static final String SAMPLE = Exports.text(SampleEdition.Params.small());

    /** A fresh, mutable copy of the sample's lines (the closing line last). */
    private static List<Map<String, Object>> sample() {
        return Exports.parse(SAMPLE);
    }

    private static List<String> failing(Report report) {
        return report.checks().stream().filter(c -> !c.ok()).map(Report.Check::name).toList();
    }

    @Nested
    class An_untouched_export {

        @Test
        void passes_every_check_each_with_something_checked() {
            Report report = Exports.verify(SAMPLE);

            assertThat(report.ok()).as(report.toText()).isTrue();
            assertThat(report.firstBadSeq()).isNull();
            for (Report.Check check : report.checks()) {
                assertThat(check.ok()).as(check.name()).isTrue();
                if (!check.name().equals("checkpoints")) { // a sample is signed by no log: it carries none
                    assertThat(check.items).as("items checked by " + check.name()).isPositive();
                }
                assertThat(check.firstBadSeq()).isNull();
            }
            assertThat(report.check("checkpoints").items).isZero();
            assertThat(report.check("vote decisions").items).isEqualTo(30);
            // each of the two invalidations: its members recomputed from its set, and what each work loses
            assertThat(report.check("invalidations").items).isEqualTo(4);
            assertThat(report.summary().get("stage")).isEqualTo("RESULTS_PUBLISHED");
        }

        @Test
        void reports_the_votes_the_tallies_and_every_published_digest() {
            Report report = Exports.verify(SAMPLE);

            @SuppressWarnings("unchecked")
            Map<String, Object> votes = (Map<String, Object>) report.summary().get("votes");
            assertThat(votes).containsEntry("decisions", 30L).containsEntry("distinctIds", 30L)
                    .containsEntry("duplicateIds", 0L);
            assertThat(report.published).extracting(p -> p.get("type")).containsExactly("ShortlistPublished",
                    "ShortlistAmended", "VotesInvalidated", "VotesInvalidated", "TalliesCertified",
                    "ResultsPublished");
            @SuppressWarnings("unchecked")
            Map<String, Object> refused = (Map<String, Object>) votes.get("refused");
            // the sample has refusals of each kind it can have with two places per category (ten
            // works a day in one category cannot be reached)
            assertThat(refused).hasEntrySatisfying("CLOCK_SKEW", n -> assertThat((Long) n).isPositive())
                    .hasEntrySatisfying("OUTSIDE_VOTING_WINDOW", n -> assertThat((Long) n).isPositive())
                    .hasEntrySatisfying("DISQUALIFIED", n -> assertThat((Long) n).isPositive())
                    .hasEntrySatisfying("NOT_SHORTLISTED", n -> assertThat((Long) n).isPositive())
                    .hasEntrySatisfying("DAILY_WORK_LIMIT", n -> assertThat((Long) n).isPositive())
                    .containsEntry("DAILY_CATEGORY_LIMIT", 0L);
        }

        @Test
        void an_empty_file_is_no_verified_log() {
            Report report = Exports.verify("");
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadSeq()).isEqualTo(1);
        }

        @Test
        void reads_the_same_from_the_file_as_from_its_parsed_lines() {
            assertThat(Exports.verify(sample()).toJson()).isEqualTo(Exports.verify(SAMPLE).toJson());
        }

        static List<SampleEdition.Params> params() {
            return List.of(
                    new SampleEdition.Params("one-work", 1, 1, 0, 1, 1, 1),
                    new SampleEdition.Params("one-voter", 1, 1, 12, 1, 1, 2),
                    new SampleEdition.Params("many-categories", 7, 3, 200, 3, 7, 3),
                    new SampleEdition.Params("few-voters", 2, 30, 2_000, 20, 64, 4),
                    SampleEdition.Params.defaults(5_000).withSeed(5));
        }

        @ParameterizedTest
        @MethodSource("params")
        void of_any_sample_edition_verifies_ok(SampleEdition.Params params) {
            Report report = Exports.verify(Exports.text(params));

            assertThat(report.ok()).as(report.toText()).isTrue();
            assertThat(report.check("vote decisions").items).isEqualTo(params.votes());
        }

        @Test
        void at_the_default_shape_has_every_refusal_reason() {
            Report report = Exports.verify(Exports.text(SampleEdition.Params.defaults(5_000)));

            @SuppressWarnings("unchecked")
            Map<String, Long> refused = (Map<String, Long>) ((Map<String, Object>) report.summary().get("votes"))
                    .get("refused");
            assertThat(report.ok()).as(report.toText()).isTrue();
            assertThat(refused.values()).allSatisfy(n -> assertThat(n).isPositive());
        }
    }

    @Nested
    class Changed_content_without_new_hashes {

        @Test
        void a_changed_work_title_is_caught_at_its_line_by_the_line_hash() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "WorkSubmitted", 5);
            data(lines.get(i)).put("title", "A forged title");

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("line hashes").firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("hash chain").firstBadSeq()).isEqualTo(seq(lines.get(i)));
            // every digest over the true content differs from the one stated: the head, and each
            // published log digest that rests on the line; the rules themselves still hold
            assertThat(failing(report)).containsExactly("line hashes", "hash chain", "log head",
                    "published digests", "digest consistency");
            assertThat(report.check("published digests").firstBadSeq()).isGreaterThan(seq(lines.get(i)));
        }

        @Test
        void one_changed_vote_decision_in_a_group_is_caught_at_its_group() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "VotesDecided", 0);
            int vote = column(lines.get(i), "decision").indexOf("ACCEPTED");
            column(lines.get(i), "decision").set(vote, "REFUSED");
            column(lines.get(i), "reason").set(vote, "DAILY_WORK_LIMIT");

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("line hashes").firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("vote decisions").firstBadSeq()).isEqualTo(seq(lines.get(i)));
        }
    }

    @Nested
    class Lines_out_of_place {

        @Test
        void a_deleted_line_is_caught_where_it_was() {
            List<Map<String, Object>> lines = sample();
            long deleted = seq(lines.remove(20));

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(deleted);
            assertThat(report.check("format").firstBadSeq()).isEqualTo(deleted);
        }

        @Test
        void an_inserted_line_is_caught_where_it_stands_even_with_its_own_hash_and_chain() {
            List<Map<String, Object>> lines = sample();
            int at = indexOf(lines, "ShortlistPublished") - 1; // before the shortlist: a score nobody gave
            Map<String, Object> previous = lines.get(at - 1);
            LogLine forged = LogCodec.encode(seq(previous) + 1, new WorkScoredEvent("sample-2023-small", "w00004",
                    "r5", Round.PRELIMINARY, new BigDecimal("100"), Instant.parse("2024-02-02T03:00:00Z")));
            byte[] hash = LineHashes.hash(forged);
            byte[] chain = LineHashes.chain(Hex.parse((String) previous.get("chain")), hash);
            lines.add(at, new TreeMap<>(forged.withHashes(Hex.of(hash), Hex.of(chain)).toJson()));

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(seq(previous) + 1);
            assertThat(report.check("line hashes").ok()).isTrue();
        }

        @Test
        void two_swapped_lines_are_caught_at_the_first_of_them() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "VotesDecided");
            Collections.swap(lines, i, i + 1);

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(i + 1L);
        }
    }

    @Nested
    class A_truncated_file {

        @Test
        void cut_at_a_line_boundary_is_caught_after_its_last_line() {
            List<Map<String, Object>> lines = new ArrayList<>(sample().subList(0, 50));

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(51);
            assertThat(failing(report)).containsExactly("log head");
        }

        @Test
        void without_only_its_closing_line_is_caught_after_its_last_line() {
            List<Map<String, Object>> lines = sample();
            lines.remove(lines.size() - 1);

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(lines.size() + 1L);
            assertThat(failing(report)).containsExactly("log head");
        }

        @Test
        void cut_in_the_middle_of_a_line_is_caught_at_that_line_which_is_unreadable() {
            byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
            int lineStart = 0;
            for (int newlines = 0; newlines < 59; lineStart++) {
                if (bytes[lineStart] == '\n') {
                    newlines++;
                }
            }
            String cut = new String(bytes, 0, lineStart + 40, StandardCharsets.UTF_8); // into line 60

            Report report = Exports.verify(cut);

            assertThat(report.firstBadSeq()).isEqualTo(60);
            assertThat(report.check("format").firstBadSeq()).isEqualTo(60);
            assertThat(report.check("format").details()).anySatisfy(d -> assertThat(d).contains("not a line"));
        }
    }

    @Nested
    class Forged_and_rehashed {

        @Test
        void a_changed_published_log_digest_is_caught_by_the_digest_check_alone_at_its_line() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "ShortlistPublished");
            @SuppressWarnings("unchecked")
            Map<String, Object> published = (Map<String, Object>) data(lines.get(i)).get("published");
            long size = ((Number) published.get("logSize")).longValue();
            // off by one: the digest of the log with the StageChanged line that opened the command
            published.put("logDigest", Hex.of(Merkle.root(hashes(lines).subList(0, (int) size + 1))));
            Exports.reforge(lines, i);

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("published digests").firstBadSeq()).isEqualTo(seq(lines.get(i)));
            // the next published digest no longer extends it: caught there too, never earlier
            assertThat(failing(report)).containsExactly("published digests", "digest consistency");
            assertThat(report.check("digest consistency").firstBadSeq()).isGreaterThan(seq(lines.get(i)));
        }

        @Test
        void a_wrong_certified_tally_is_caught_by_the_tallies_check_alone() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "TalliesCertified");
            Map<String, Object> data = data(lines.get(i));
            @SuppressWarnings("unchecked")
            Map<String, Object> text = (Map<String, Object>) ((Map<String, Object>) data.get("validVotes")).get("TEXT");
            String work = text.keySet().iterator().next();
            text.put(work, ((Number) text.get(work)).longValue() + 1);
            TalliesCertifiedEvent forged = (TalliesCertifiedEvent) LogCodec.decode(LogLine.fromJson(lines.get(i)));
            // a careful forger names the digest of the forged list
            @SuppressWarnings("unchecked")
            Map<String, Object> published = (Map<String, Object>) data.get("published");
            published.put("listDigest", ListDigests.tallies(forged.validVotes(), forged.refusedVotes()));
            Exports.reforge(lines, i);

            Report report = Exports.verify(lines);

            assertThat(failing(report)).containsExactly("certified tallies");
            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
        }

        @Test
        void a_vote_decision_the_rules_do_not_give_is_caught_by_the_decisions_check_alone() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "VotesDecided");
            // swap the reasons of two refused votes: every count stays the same, two decisions are wrong
            List<Object> reasons = column(lines.get(i), "reason");
            int first = -1;
            int second = -1;
            for (int v = 0; v < reasons.size() && second < 0; v++) {
                if (reasons.get(v) != null && first < 0) {
                    first = v;
                } else if (reasons.get(v) != null && !reasons.get(v).equals(reasons.get(first))) {
                    second = v;
                }
            }
            Collections.swap(reasons, first, second);
            Exports.reforge(lines, i);

            Report report = Exports.verify(lines);

            assertThat(failing(report)).containsExactly("vote decisions");
            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("vote decisions").details()).hasSize(2);
        }

        @Test
        void a_wrong_backfill_is_caught_by_the_backfill_check_at_its_line() {
            List<Map<String, Object>> lines = sample();
            int i = indexOf(lines, "ShortlistAmended");
            Map<String, Object> data = data(lines.get(i));
            String category = (String) data.get("category");
            ShortlistPublishedEvent shortlist = (ShortlistPublishedEvent) LogCodec.decode(LogLine.fromJson(
                    lines.get(indexOf(lines, "ShortlistPublished"))));
            List<String> onList = shortlist.categories().get(category).stream().map(ListedWork::workId).toList();
            String other = lines.stream().filter(l -> "WorkSubmitted".equals(l.get("type")))
                    .map(Exports::data).filter(d -> category.equals(d.get("category")))
                    .map(d -> (String) d.get("workId"))
                    .filter(w -> !onList.contains(w) && !w.equals(data.get("addedWorkId")))
                    .findFirst().orElseThrow();
            data.put("addedWorkId", other);
            Map<String, List<ListedWork>> amended = new TreeMap<>(shortlist.categories());
            amended.put(category, ShortlistRanking.amend(amended.get(category), (String) data.get("removedWorkId"),
                    other, new BigDecimal((String) data.get("addedPreliminaryScore"))));
            @SuppressWarnings("unchecked")
            Map<String, Object> published = (Map<String, Object>) data.get("published");
            published.put("listDigest", ListDigests.shortlist(amended));
            Exports.reforge(lines, i);

            Report report = Exports.verify(lines);

            assertThat(report.firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("shortlist backfills").firstBadSeq()).isEqualTo(seq(lines.get(i)));
            assertThat(report.check("line hashes").ok()).isTrue();
            assertThat(report.check("hash chain").ok()).isTrue();
            // later, the lists that rest on the wrong shortlist no longer match what was published
            assertThat(report.check("certified tallies").firstBadSeq()).isGreaterThan(seq(lines.get(i)));
        }

        @Test
        void re_forging_an_untouched_file_changes_nothing() {
            List<Map<String, Object>> lines = sample();
            Exports.reforge(lines, 0);

            assertThat(Exports.toNdjson(lines)).isEqualTo(SAMPLE);
        }

        private static List<byte[]> hashes(List<Map<String, Object>> lines) {
            return Exports.events(lines).stream().map(l -> LineHashes.hash(LogLine.fromJson(l))).toList();
        }
    }
}
