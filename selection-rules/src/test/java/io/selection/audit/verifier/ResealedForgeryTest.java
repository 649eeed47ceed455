package io.selection.audit.verifier;

import io.selection.audit.Exports;

import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;

import io.selection.sample.SampleEdition;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selection.audit.Exports.data;
import static io.selection.audit.Exports.indexOf;
import static io.selection.audit.Exports.seq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forgeries that keep every hash, the chain, the closing head and each published digest
 * consistent (resealed by {@link Exports#reforge}, from the rules of docs/audit.md alone), so only
 * a rule can catch them: each fails verification at the edited line, naming the rule. Before the
 * verifier passed every line through the rulebook, all five verified OK.
 */
class ResealedForgeryTest {

    private static final String SAMPLE = Exports.text(SampleEdition.Params.small());

    private static List<Map<String, Object>> sample() {
        return Exports.parse(SAMPLE);
    }

    private static Report resealAndVerify(List<Map<String, Object>> lines, int from) {
        Exports.reforge(lines, from);
        return Exports.verify(lines);
    }

    /** The first failing check names the rule, at the edited line. */
    private static void failsAt(Report report, long seq, String check, String rule) {
        assertThat(report.ok()).as(report.toText()).isFalse();
        assertThat(report.firstBadSeq()).as(report.toText()).isEqualTo(seq);
        Report.Check failed = report.check(check);
        assertThat(failed.firstBadSeq()).as(report.toText()).isEqualTo(seq);
        assertThat(failed.details().get(0)).contains(rule);
    }

    @Test
    void a_jury_score_by_someone_who_is_not_a_registered_reviewer() {
        List<Map<String, Object>> lines = sample();
        int i = indexOfScore(lines, "FINAL");
        data(lines.get(i)).put("reviewerId", "r-nobody");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "rules", "FORBIDDEN");
    }

    @Test
    void a_jury_score_by_a_reviewer_of_the_works_own_organisation() {
        List<Map<String, Object>> lines = sample();
        int score = indexOfScore(lines, "FINAL");
        String reviewer = (String) data(lines.get(score)).get("reviewerId");
        String work = (String) data(lines.get(score)).get("workId");
        String organisation = (String) data(lines.get(submission(lines, work))).get("organisation");
        int registration = -1;
        for (int k = 0; k < lines.size(); k++) {
            if ("ReviewerRegistered".equals(lines.get(k).get("type"))
                    && reviewer.equals(data(lines.get(k)).get("reviewerId"))) {
                registration = k;
            }
        }
        data(lines.get(registration)).put("organisation", organisation);
        Report report = resealAndVerify(lines, registration);

        // the first score the reviewer gave a work of that organisation is the first line no rule allows
        int first = -1;
        for (int k = registration; k < lines.size() && first < 0; k++) {
            Map<String, Object> d = data(lines.get(k));
            if ("WorkScored".equals(lines.get(k).get("type")) && reviewer.equals(d.get("reviewerId"))
                    && organisation.equals(data(lines.get(submission(lines, (String) d.get("workId"))))
                    .get("organisation"))) {
                first = k;
            }
        }
        assertThat(first).isBetween(registration + 1, score);
        failsAt(report, seq(lines.get(first)), "rules", "CONFLICT_OF_INTEREST");
    }

    @Test
    void a_work_published_outside_the_eligibility_window() {
        List<Map<String, Object>> lines = sample();
        int i = indexOf(lines, "WorkSubmitted");
        data(lines.get(i)).put("publishedOn", "2019-06-01");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "rules", "OUT_OF_ELIGIBILITY_WINDOW");
    }

    @Test
    void two_works_with_the_same_submission_number() {
        List<Map<String, Object>> lines = sample();
        int first = indexOf(lines, "WorkSubmitted");
        int second = indexOf(lines, "WorkSubmitted", first + 1);
        data(lines.get(second)).put("submissionNo", data(lines.get(first)).get("submissionNo"));

        failsAt(resealAndVerify(lines, second), seq(lines.get(second)), "rules", "submission number");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_vote_entry_appended_under_an_id_already_decided_with_a_decision_no_rule_gives() {
        List<Map<String, Object>> lines = sample();
        int group = indexOf(lines, "VotesDecided");
        Map<String, Object> votes = (Map<String, Object>) data(lines.get(group)).get("votes");
        String decided = (String) ((List<Object>) votes.get("voteId")).get(0);
        for (Map.Entry<String, Object> column : votes.entrySet()) {
            List<Object> values = new ArrayList<>((List<Object>) column.getValue());
            Object value = switch (column.getKey()) {
                case "voteId" -> decided;
                case "category" -> "nonsense";
                case "decision" -> "ACCEPTED";
                case "reason" -> "CLOCK_SKEW";
                default -> values.get(0);
            };
            values.add(value);
            column.setValue(values);
        }

        failsAt(resealAndVerify(lines, group), seq(lines.get(group)), "vote decisions", decided);
    }

    @Test
    void a_line_dated_years_ahead() {
        List<Map<String, Object>> lines = sample();
        int i = indexOf(lines, "WorkSubmitted", indexOf(lines, "WorkSubmitted", 0) + 1);
        lines.get(i).put("at", "2031-01-02T01:00:00Z");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "times", "after line");
    }

    @Test
    void a_line_dated_years_back() {
        List<Map<String, Object>> lines = sample();
        int i = indexOf(lines, "WorkSubmitted", indexOf(lines, "WorkSubmitted", 0) + 1);
        lines.get(i).put("at", "2019-01-02T01:00:00Z");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "times", "before line");
    }

    @Test
    void a_vote_group_dated_ahead_of_its_votes() {
        List<Map<String, Object>> lines = sample();
        int group = indexOf(lines, "VotesDecided");
        lines.get(group).put("at", "2031-01-02T01:00:00Z");

        failsAt(resealAndVerify(lines, group), seq(lines.get(group)), "times", "latest receivedAt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_vote_received_after_the_time_of_its_line() {
        List<Map<String, Object>> lines = sample();
        int group = indexOf(lines, "VotesDecided");
        Map<String, Object> votes = (Map<String, Object>) data(lines.get(group)).get("votes");
        List<Object> received = new ArrayList<>((List<Object>) votes.get("receivedAt"));
        received.set(0, java.time.Instant.parse((String) lines.get(group).get("at")).plusSeconds(3_600).toString());
        votes.put("receivedAt", received);

        failsAt(resealAndVerify(lines, group), seq(lines.get(group)), "times", "latest receivedAt");
    }

    @Test
    void every_final_score_of_a_work_relabelled_preliminary() {
        List<Map<String, Object>> lines = sample();
        int i = indexOfScore(lines, "FINAL");
        data(lines.get(i)).put("round", "PRELIMINARY");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "rules", "STAGE_MISMATCH");
    }

    @Test
    void a_score_out_of_range_with_three_decimals() {
        List<Map<String, Object>> lines = sample();
        int i = indexOfScore(lines, "PRELIMINARY");
        data(lines.get(i)).put("score", "150.125");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "rules", "at most two decimals");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_invalidation_rewritten_to_take_honest_votes_of_the_leading_work() {
        List<Map<String, Object>> lines = sample();
        int i = indexOf(lines, "VotesInvalidated");
        Map<String, Object> data = data(lines.get(i));
        List<Object> taken = new ArrayList<>((List<Object>) data.get("voteIds"));
        String honest = firstAcceptedVoteOutside(lines, i, taken);
        taken.set(0, honest);
        data.put("voteIds", taken);
        // the forger recomputes what each work loses, so only the set's rule can catch it
        Map<String, Object> lost = new java.util.TreeMap<>();
        io.selection.voting.VoteCount count = new io.selection.voting.VoteCount();
        for (int k = 0; k < i; k++) {
            if ("VotesDecided".equals(lines.get(k).get("type"))) {
                ((io.selection.events.VotesDecidedEvent) LogCodec.decode(LogLine.fromJson(lines.get(k))))
                        .decisions().forEach(count::decided);
            }
        }
        count.effectOf(taken.stream().map(String::valueOf).toList()).forEach(lost::put);
        data.put("acceptedVotesPerWork", lost);

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "invalidations", "the set's rule");
    }

    @Test
    void an_invalidation_that_widens_its_window_without_taking_the_new_members() {
        List<Map<String, Object>> lines = sample();
        int i = indexOf(lines, "VotesInvalidated");
        data(lines.get(i)).put("from", "2020-01-01T00:00:00Z");
        data(lines.get(i)).put("key", "10.0.0.1");

        failsAt(resealAndVerify(lines, i), seq(lines.get(i)), "invalidations", "the set's rule");
    }

    @Test
    void an_invalidation_of_a_set_no_rule_defines_or_without_its_votes_fails_at_its_line_and_stops_nothing() {
        List<Map<String, Object>> planet = sample();
        int i = indexOf(planet, "VotesInvalidated");
        data(planet.get(i)).put("kind", "planet");

        Report report = resealAndVerify(planet, i);
        failsAt(report, seq(planet.get(i)), "rules", "defines its set");
        assertThat(report.check("invalidations").details().get(0)).contains("no kind, key and window the rules know");

        List<Map<String, Object>> bare = sample();
        int k = indexOf(bare, "VotesInvalidated");
        data(bare.get(k)).remove("voteIds");
        Report without = resealAndVerify(bare, k);
        assertThat(without.ok()).isFalse();
        assertThat(without.firstBadSeq()).as(without.toText()).isEqualTo(seq(bare.get(k)));
    }

    /** One seeded mutation of an honest export: a vote entry's decision turned over, the file resealed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void a_turned_over_decision_fails_at_its_line(long seed) {
        java.util.Random rng = new java.util.Random(seed);
        List<Map<String, Object>> lines = sample();
        List<Integer> groups = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            if ("VotesDecided".equals(lines.get(k).get("type"))) {
                groups.add(k);
            }
        }
        int i = groups.get(rng.nextInt(groups.size()));
        Exports.turnOver(lines.get(i), rng.nextInt(Exports.votes(lines.get(i))));

        Report report = resealAndVerify(lines, i);

        assertThat(report.firstBadSeq()).as("seed " + seed + ": " + report.toText()).isEqualTo(seq(lines.get(i)));
        assertThat(report.check("vote decisions").firstBadSeq()).isEqualTo(seq(lines.get(i)));
    }

    @Test
    void the_untouched_sample_still_passes_every_rule() {
        Report report = Exports.verify(SAMPLE);

        assertThat(report.ok()).as(report.toText()).isTrue();
        long others = sample().stream().filter(l -> l.containsKey("type"))
                .filter(l -> !"VotesDecided".equals(l.get("type")) && !"StageChanged".equals(l.get("type"))).count();
        assertThat(report.check("rules").items).as("every line but the vote groups and stage changes")
                .isEqualTo(others);
    }

    private static int indexOfScore(List<Map<String, Object>> lines, String round) {
        for (int k = 0; k < lines.size(); k++) {
            if ("WorkScored".equals(lines.get(k).get("type")) && round.equals(data(lines.get(k)).get("round"))) {
                return k;
            }
        }
        throw new AssertionError("no " + round + " score in the sample");
    }

    @SuppressWarnings("unchecked")
    private static String firstAcceptedVoteOutside(List<Map<String, Object>> lines, int before, List<Object> taken) {
        for (int k = 0; k < before; k++) {
            if ("VotesDecided".equals(lines.get(k).get("type"))) {
                Map<String, Object> votes = (Map<String, Object>) data(lines.get(k)).get("votes");
                List<Object> ids = (List<Object>) votes.get("voteId");
                List<Object> decisions = (List<Object>) votes.get("decision");
                List<Object> works = (List<Object>) votes.get("workId");
                for (int v = 0; v < ids.size(); v++) {
                    if ("ACCEPTED".equals(decisions.get(v)) && !taken.contains(ids.get(v)) && works.get(v) != null) {
                        return (String) ids.get(v);
                    }
                }
            }
        }
        throw new AssertionError("no accepted vote outside the set");
    }

    private static int submission(List<Map<String, Object>> lines, String workId) {
        for (int k = 0; k < lines.size(); k++) {
            if ("WorkSubmitted".equals(lines.get(k).get("type")) && workId.equals(data(lines.get(k)).get("workId"))) {
                return k;
            }
        }
        throw new AssertionError("work " + workId + " was never submitted");
    }
}
