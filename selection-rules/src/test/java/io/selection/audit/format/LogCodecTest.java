package io.selection.audit.format;

import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.Exports;
import io.selection.audit.verifier.Verifier;

import io.selection.sample.SampleEdition;

import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.ListedWork;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export codec: every event of the sealed family survives encode then decode unchanged
 * (optional fields null or set, the {@link Published} digests absent or present), and a line's
 * hash does not depend on who parsed it: the same line read back by Jackson hashes the same.
 */
class LogCodecTest {

    private static final String ID = "ed-2023";
    private static final String BY = "organiser";
    private static final Instant AT = Instant.parse("2024-01-10T02:00:00Z");
    private static final Instant PRECISE = Instant.parse("2024-02-28T02:00:00.123456789Z");
    private static final String DIGEST = "5c11bcac0eeb122ce0b9d61bc3befe62f931f04d9ec89bc0cb679cda97276d90";
    private static final String LIST = "a4dd8b189e1bf2a49778fcec4531b35749d35608b16e2fad4600a6b88ea0b0ba";
    private static final Published PUBLISHED = new Published(73L, DIGEST, LIST);

    static EditionRules rules(String theme) {
        return new EditionRules("China Positive Energy 2023", theme, LocalDate.parse("2023-01-01"),
                LocalDate.parse("2023-12-31"), "Asia/Shanghai",
                List.of(new Category("TEXT", "Texts", 220, 110), new Category("PIC", "图片", 2, 1)),
                new VotingRules(Instant.parse("2024-02-26T16:00:00Z"), Instant.parse("2024-03-04T16:00:00Z"), 1, 10,
                        300),
                ReviewRules.DEFAULT, Weights.DEFAULT);
    }

    static VoteDecision accepted(String voteId, String workId) {
        return new VoteDecision(voteId, "alice", workId, "TEXT", PRECISE, PRECISE.plusSeconds(2),
                LocalDate.parse("2024-02-28"), Decision.ACCEPTED, null, "2001:db8::1", "device-1");
    }

    /** One or more of every event type: with optional fields null and set, digests absent and present. */
    static List<EditionEvent> events() {
        Map<String, List<ListedWork>> shortlist = new TreeMap<>(Map.of(
                "TEXT", List.of(new ListedWork(1, "t2", new BigDecimal("90.00")),
                        new ListedWork(2, "t1", new BigDecimal("85.43"))),
                "PIC", List.of(new ListedWork(1, "p1", new BigDecimal("60.50")))));
        Map<String, List<Winner>> winners = new TreeMap<>(Map.of(
                "TEXT", List.of(new Winner(1, "t2", new BigDecimal("88.20"), 3, new BigDecimal("100.00"),
                        new BigDecimal("91.74"))),
                "PIC", List.of()));
        Map<String, Map<String, Long>> valid = new TreeMap<>(Map.of("TEXT", new TreeMap<>(Map.of("t1", 3L, "t2", 0L)),
                "PIC", new TreeMap<>(Map.of("p1", 12_345_678_901L))));
        Map<String, Long> refused = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason.name(), (long) reason.ordinal() * 7);
        }
        VoteDecision refusedVote = new VoteDecision("v2", "bob", "t3", "TEXT", PRECISE, PRECISE,
                LocalDate.parse("2024-02-28"), Decision.REFUSED, RefusalReason.NOT_SHORTLISTED, "10.0.0.2", null);
        // decided by a lane as it was: an unknown work, no calendar day, no address or device
        VoteDecision timeless = new VoteDecision("v3", "carol", "nope", null, Instant.MIN, PRECISE, null,
                Decision.REFUSED, RefusalReason.OUTSIDE_VOTING_WINDOW, null, null);
        return List.of(
                new EditionCreatedEvent(ID, rules("Gathering the Power"), AT, BY),
                new EditionCreatedEvent(ID, rules(null), AT, null),
                new StageChangedEvent(ID, Stage.DRAFT, Stage.COLLECTING, AT, BY),
                new StageChangedEvent(ID, Stage.FINAL_REVIEW, Stage.RESULTS_PUBLISHED, PRECISE, BY),
                new WorkSubmittedEvent(ID, "t1", "正能量 \"quoted\" \\ line\nbreak",
                        "HTTPS://News.Example.cn:443/a/b/#top", "https://news.example.cn/a/b", "TEXT",
                        LocalDate.parse("2023-06-01"), "Unit 1", 1, AT, BY),
                new WorkSubmittedEvent(ID, "t2", "Title", "https://news.example.cn/t2", "https://news.example.cn/t2",
                        "TEXT", LocalDate.parse("2023-12-31"), null, 9_007_199_254_740_991L, AT, BY),
                new WorkDisqualifiedEvent(ID, "t1", "plagiarism", AT, BY),
                new WorkDisqualifiedEvent(ID, "t1", null, AT, null),
                new ReviewerRegisteredEvent(ID, "r1", "Reviewer 1", "Review panel 1", List.of("PIC", "TEXT"), AT, BY),
                new ReviewerRegisteredEvent(ID, "r2", "Reviewer 2", null, null, AT, BY),
                new WorkScoredEvent(ID, "t1", "r1", Round.PRELIMINARY, new BigDecimal("85.5"), AT),
                new WorkScoredEvent(ID, "t1", "r2", Round.FINAL, new BigDecimal("100"), PRECISE),
                new WorkScoredEvent(ID, "t1", "r3", Round.FINAL, new BigDecimal("0.25"), PRECISE),
                new ShortlistPublishedEvent(ID, shortlist, AT),
                new ShortlistPublishedEvent(ID, shortlist, AT, PUBLISHED),
                new ShortlistPublishedEvent(ID, Map.of(), AT, PUBLISHED),
                new ShortlistAmendedEvent(ID, "TEXT", "t1", "t3", new BigDecimal("74.73"), AT),
                new ShortlistAmendedEvent(ID, "TEXT", "t1", "t3", new BigDecimal("74.73"), AT, PUBLISHED),
                new ShortlistAmendedEvent(ID, "PIC", "p1", null, null, AT, PUBLISHED),
                new VotesDecidedEvent(ID, "vote-lane-local-0", null, List.of(accepted("v1", "t1"))),
                new VotesDecidedEvent(ID, "vote-lane-kafka-votes-3", null,
                        List.of(accepted("v1", "t1"), refusedVote, timeless, accepted("v4", "t2"))),
                new VotesInvalidatedEvent(ID, "ip-203.0.113.7", "ip-burst", "a bot farm", List.of("v1", "v4"),
                        new TreeMap<>(Map.of("t1", 1L, "t2", 1L)), AT, BY),
                new VotesInvalidatedEvent(ID, "ip-203.0.113.7", "ip-burst", "a bot farm", List.of("v1", "v4"),
                        new TreeMap<>(Map.of("t1", 1L, "t2", 1L)), AT, BY, PUBLISHED),
                // an invalidation made without the tallies at hand names the log but no list
                new VotesInvalidatedEvent(ID, "device-x", null, "a bot farm", List.of(), Map.of(), AT, BY,
                        new Published(12L, DIGEST, null)),
                new TalliesCertifiedEvent(ID, valid, refused, AT),
                new TalliesCertifiedEvent(ID, valid, refused, AT, PUBLISHED),
                new ResultsPublishedEvent(ID, winners, AT),
                new ResultsPublishedEvent(ID, winners, AT, PUBLISHED));
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_event_survives_encode_then_decode_unchanged(EditionEvent event) {
        LogLine line = LogCodec.encode(42, event);

        assertThat(LogCodec.decode(line)).isEqualTo(event);
        assertThat(line.seq()).isEqualTo(42);
        assertThat(line.v()).isEqualTo(LogLine.RAW);
        assertThat(line.type()).isEqualTo(event.getClass().getSimpleName().replaceFirst("Event$", ""));
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_event_survives_the_trip_through_the_file_and_a_jackson_parse(EditionEvent event) throws Exception {
        LogWriter writer = new LogWriter();
        LogLine written = writer.next(event);

        LogLine read = LogLine.fromJson(Exports.JSON.readValue(Canonical.string(written.toJson()), Map.class));

        assertThat(LogCodec.decode(read)).isEqualTo(event);
        assertThat(read).isNotSameAs(written);
        assertThat(LineHashes.hash(read)).isEqualTo(LineHashes.hash(written));
        assertThat(read.hash()).isEqualTo(Hex.of(LineHashes.hash(written)));
    }

    @Test
    void the_samples_cover_every_type_of_the_sealed_family() {
        Set<Class<?>> covered = events().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(EditionEvent.class.getPermittedSubclasses()));
    }

    @Nested
    class Published_digests {

        @Test
        void an_event_without_them_has_a_null_published_field_in_its_line() {
            LogLine line = LogCodec.encode(1, new ShortlistPublishedEvent(ID, Map.of(), AT));

            assertThat(line.data()).containsEntry("published", null);
            assertThat(((ShortlistPublishedEvent) LogCodec.decode(line)).published()).isNull();
        }

        @Test
        void an_event_with_them_names_size_log_digest_and_list_digest() {
            LogLine line = LogCodec.encode(1, new ShortlistPublishedEvent(ID, Map.of(), AT, PUBLISHED));

            assertThat(line.data().get("published")).isEqualTo(Map.of("logSize", 73L, "logDigest", DIGEST,
                    "listDigest", LIST));
            assertThat(((ShortlistPublishedEvent) LogCodec.decode(line)).published()).isEqualTo(PUBLISHED);
        }
    }

    @Nested
    class Vote_groups {

        @Test
        void are_columnar_one_array_per_vote_field_in_canonical_order() {
            LogLine line = LogCodec.encode(1, new VotesDecidedEvent(ID, "lane", null,
                    List.of(accepted("v1", "t1"), accepted("v2", "t2"))));

            @SuppressWarnings("unchecked")
            Map<String, List<String>> columns = (Map<String, List<String>>) line.data().get("votes");
            assertThat(columns.keySet()).containsExactlyElementsOf(LogCodec.VOTE_FIELDS);
            assertThat(columns.get("voteId")).containsExactly("v1", "v2");
            assertThat(columns.get("reason")).containsExactly(null, null);
        }

        @Test
        void take_the_latest_receipt_time_of_their_votes_as_the_line_time() {
            VoteDecision early = accepted("v1", "t1");
            VoteDecision late = new VoteDecision("v2", "bob", "t1", "TEXT", PRECISE, PRECISE.plusSeconds(60),
                    LocalDate.parse("2024-02-28"), Decision.ACCEPTED, null, null, null);

            assertThat(LogCodec.encode(1, new VotesDecidedEvent(ID, "lane", null, List.of(late, early))).at())
                    .isEqualTo(PRECISE.plusSeconds(60).toString());
        }

        @Test
        void leave_the_kafka_offset_out_of_the_line_it_is_where_the_lane_stood_not_a_fact_of_the_edition() {
            VotesDecidedEvent event = new VotesDecidedEvent(ID, "vote-lane-kafka-votes-0", 1234L,
                    List.of(accepted("v1", "t1")));

            LogLine line = LogCodec.encode(1, event);

            assertThat(line.data()).doesNotContainKey("nextOffset");
            assertThat(LogCodec.decode(line)).isEqualTo(new VotesDecidedEvent(ID, "vote-lane-kafka-votes-0", null,
                    event.decisions()));
            assertThat(LineHashes.hash(line)).isEqualTo(LineHashes.hash(LogCodec.encode(1,
                    new VotesDecidedEvent(ID, "vote-lane-kafka-votes-0", null, event.decisions()))));
        }

        @Test
        void hash_as_the_tree_node_over_their_header_and_their_votes() {
            LogLine line = LogCodec.encode(7, new VotesDecidedEvent(ID, "lane", null,
                    List.of(accepted("v1", "t1"), accepted("v2", "t2"), accepted("v3", "t1"))));
            @SuppressWarnings("unchecked")
            List<String[]> rows = LogCodec.voteRows((Map<String, Object>) line.data().get("votes"), LogLine.RAW);

            assertThat(LineHashes.hash(line)).isEqualTo(Merkle.nodeHash(LineHashes.headerLeaf(line, 3),
                    Merkle.root(LineHashes.voteLeaves(rows, LogLine.RAW))));
        }
    }

    @Nested
    class Hashes_do_not_depend_on_the_reader {

        @Test
        void every_line_of_a_sample_edition_hashes_the_same_after_a_jackson_parse() throws Exception {
            List<LogLine> written = new ArrayList<>();
            SampleEdition.write(SampleEdition.Params.small(), written::add);

            for (LogLine line : written) {
                LogLine read = LogLine.fromJson(Exports.JSON.readValue(Canonical.string(line.toJson()), Map.class));
                assertThat(Hex.of(LineHashes.hash(read))).as("line %d", line.seq()).isEqualTo(line.hash());
            }
        }

        @Test
        void key_order_and_whitespace_of_the_file_do_not_change_a_hash() throws Exception {
            LogLine line = new LogWriter().next(new WorkScoredEvent(ID, "t1", "r1", Round.PRELIMINARY,
                    new BigDecimal("85.5"), AT));
            String reordered = "{ \"v\": 1, \"type\": \"WorkScored\", \"seq\": 1,\n  \"hash\": \"" + line.hash()
                    + "\", \"data\": {\"workId\": \"t1\", \"score\": \"85.5\", \"round\": \"PRELIMINARY\","
                    + " \"reviewerId\": \"r1\", \"editionId\": \"" + ID + "\"}, \"chain\": \"" + line.chain()
                    + "\", \"at\": \"" + AT + "\" }";

            LogLine read = LogLine.fromJson(Exports.JSON.readValue(reordered, Map.class));

            assertThat(Hex.of(LineHashes.hash(read))).isEqualTo(line.hash());
        }

        @Test
        void a_changed_value_changes_the_hash() throws Exception {
            LogLine line = new LogWriter().next(new WorkScoredEvent(ID, "t1", "r1", Round.PRELIMINARY,
                    new BigDecimal("85.5"), AT));
            @SuppressWarnings("unchecked")
            Map<String, Object> json = Exports.JSON.readValue(Canonical.string(line.toJson()), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) json.get("data");
            data.put("score", "85.50");

            assertThat(Hex.of(LineHashes.hash(LogLine.fromJson(json)))).isNotEqualTo(line.hash());
        }
    }

    @Nested
    class Malformed_lines {

        @Test
        void an_unknown_type_is_refused() {
            LogLine line = new LogLine(1, 1, "SomethingElse", AT.toString(), Map.of("editionId", ID), null, null);

            assertThatThrownBy(() -> LogCodec.decode(line)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SomethingElse");
        }

        @Test
        void a_field_of_the_wrong_kind_is_refused_naming_the_field() {
            Map<String, Object> data = new TreeMap<>(LogCodec.encode(1, new WorkSubmittedEvent(ID, "t1", "T", "u",
                    "u", "TEXT", LocalDate.parse("2023-06-01"), "o", 1, AT, BY)).data());
            data.put("submissionNo", "1");

            assertThatThrownBy(() -> LogCodec.decode(new LogLine(1, 1, "WorkSubmitted", AT.toString(), data, null,
                    null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("submissionNo");
        }

        @Test
        void vote_columns_of_different_lengths_are_refused() {
            LogLine line = LogCodec.encode(1, new VotesDecidedEvent(ID, "lane", null,
                    List.of(accepted("v1", "t1"), accepted("v2", "t2"))));
            @SuppressWarnings("unchecked")
            Map<String, Object> columns = new TreeMap<>((Map<String, Object>) line.data().get("votes"));
            columns.put("workId", List.of("t1"));

            assertThatThrownBy(() -> LogCodec.voteRows(columns, LogLine.RAW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("workId");
        }
    }

    @Test
    void the_time_of_a_line_is_read_off_its_event_as_the_encoded_line_shows_it() {
        List<String[]> seen = new java.util.ArrayList<>();
        SampleEdition.write(new SampleEdition.Params("at-of-lines", 2, 6, 400, 40, 50, 7L), line -> {
            EditionEvent event = Verifier.prepare(line).event();
            seen.add(new String[] {line.type(), line.at(), IsoTimes.format(LogCodec.at(event))});
        });
        assertThat(seen).isNotEmpty().allSatisfy(x -> assertThat(x[2]).as(x[0]).isEqualTo(x[1]));
        assertThat(seen).extracting(x -> x[0]).contains("VotesDecided", "WorkScored", "ResultsPublished");
    }
}
