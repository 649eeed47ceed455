package io.selection.demo;

import io.selection.demo.Demo.Score;
import io.selection.demo.Demo.Vote;
import io.selection.demo.Demo.Work;
import io.selection.demo.Recompute.Category;
import io.selection.demo.Recompute.Fraction;
import io.selection.demo.Recompute.Ranked;
import io.selection.demo.Recompute.Rules;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle on data small enough to check by hand. */
class RecomputeTest {

    private static final Instant OPENS = Instant.parse("2024-02-26T16:00:00Z"); // 27 Feb 00:00 in Beijing
    private static final Instant CLOSES = Instant.parse("2024-03-04T16:00:00Z");

    private static Rules rules(int shortlistQuota, int finalQuota) {
        return new Rules(List.of(new Category("TEXT", shortlistQuota, finalQuota),
                new Category("VIDEO", shortlistQuota, finalQuota)), 5, OPENS, CLOSES, ZoneId.of("Asia/Shanghai"),
                1, 10, 70, 30);
    }

    private static Work work(String id, String category, int submissionNo) {
        return new Work(id, "title of " + id, "https://www.news.cn/" + id, category, "2023-06-01", "Some unit",
                submissionNo);
    }

    private static List<Score> scores(String work, double... values) {
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            scores.add(new Score(work, "r" + i, BigDecimal.valueOf(values[i]), 1));
        }
        return scores;
    }

    private static Vote vote(int n, String voter, String work, String castAt) {
        return new Vote("v" + n, voter, work, Instant.parse(castAt));
    }

    @Test
    void a_preliminary_score_drops_the_highest_and_lowest_of_five_scores_but_averages_all_of_four() {
        List<Score> sent = new ArrayList<>();
        sent.addAll(scores("A", 10, 60, 70, 80, 100)); // trimmed: (60+70+80)/3 = 70
        sent.addAll(scores("B", 10, 60, 70, 80));      // plain: 220/4 = 55
        Recompute r = new Recompute(rules(2, 1), List.of(work("A", "TEXT", 1), work("B", "TEXT", 2)), sent,
                List.of(), List.of(), null, 0);

        assertThat(r.preliminaryScore("A")).isEqualByComparingTo(Fraction.of(70));
        assertThat(r.preliminaryScore("B")).isEqualByComparingTo(Fraction.of(55));
    }

    @Test
    void a_preliminary_score_is_exact_and_shown_half_up_to_two_decimals() {
        Recompute r = new Recompute(rules(2, 1), List.of(work("A", "TEXT", 1)),
                scores("A", 70, 70.5, 71.5), List.of(), List.of(), null, 0);

        assertThat(r.preliminaryScore("A")).isEqualByComparingTo(
                Fraction.of(2120).dividedBy(Fraction.of(30)));
        assertThat(Recompute.shown(r.preliminaryScore("A"))).isEqualByComparingTo("70.67");
    }

    @Test
    void a_reviewers_later_score_replaces_the_earlier() {
        List<Score> sent = new ArrayList<>(scores("A", 50, 60, 70));
        sent.add(new Score("A", "r0", BigDecimal.valueOf(80), 2));
        Recompute r = new Recompute(rules(2, 1), List.of(work("A", "TEXT", 1)), sent, List.of(), List.of(),
                null, 0);

        assertThat(r.preliminaryScore("A")).isEqualByComparingTo(Fraction.of(70));
    }

    @Test
    void the_shortlist_breaks_a_tie_by_earlier_submission() {
        List<Work> works = List.of(work("W3", "TEXT", 1), work("W1", "TEXT", 2), work("W2", "TEXT", 3),
                work("W0", "TEXT", 4));
        List<Score> sent = new ArrayList<>();
        sent.addAll(scores("W3", 70, 70, 70));
        sent.addAll(scores("W1", 70, 70, 70));
        sent.addAll(scores("W2", 70, 70, 70));
        sent.addAll(scores("W0", 90, 90, 90));
        Recompute r = new Recompute(rules(3, 1), works, sent, List.of(), List.of(), null, 0);

        assertThat(r.shortlist().get("TEXT")).containsExactly("W0", "W3", "W1");
    }

    @Test
    void the_shortlist_breaks_a_tie_of_equal_submission_order_by_smaller_id() {
        List<Work> works = List.of(work("B", "TEXT", 7), work("A", "TEXT", 7));
        List<Score> sent = new ArrayList<>();
        sent.addAll(scores("B", 70, 70, 70));
        sent.addAll(scores("A", 70, 70, 70));
        Recompute r = new Recompute(rules(1, 1), works, sent, List.of(), List.of(), null, 0);

        assertThat(r.shortlist().get("TEXT")).containsExactly("A");
    }

    @Test
    void the_shortlist_replaces_a_disqualified_work_by_the_next_one_in_rank() {
        List<Work> works = List.of(work("A", "TEXT", 1), work("B", "TEXT", 2), work("C", "TEXT", 3));
        List<Score> sent = new ArrayList<>();
        sent.addAll(scores("A", 90, 90, 90));
        sent.addAll(scores("B", 80, 80, 80));
        sent.addAll(scores("C", 70, 70, 70));
        Recompute r = new Recompute(rules(2, 1), works, sent, List.of(), List.of(), "A", 0);

        assertThat(r.shortlistAtPublication().get("TEXT")).containsExactly("A", "B");
        assertThat(r.shortlist().get("TEXT")).containsExactly("B", "C");
    }

    // Twelve TEXT works shortlisted (quota 12), one VIDEO work, and OUT ranked 13th of TEXT.
    private final List<Work> voteWorks = new ArrayList<>();
    private final List<Score> votePrelim = new ArrayList<>();

    {
        for (int i = 0; i < 12; i++) {
            String id = "T" + i;
            voteWorks.add(work(id, "TEXT", i + 1));
            votePrelim.addAll(scores(id, 90 - i, 90 - i, 90 - i));
        }
        voteWorks.add(work("V0", "VIDEO", 13));
        votePrelim.addAll(scores("V0", 80, 80, 80));
        voteWorks.add(work("OUT", "TEXT", 14)); // ranked 13th of TEXT: not shortlisted with a quota of 12
        votePrelim.addAll(scores("OUT", 10, 10, 10));
    }

    @Test
    void refuses_an_eleventh_distinct_work_in_a_category_on_one_beijing_day_but_not_the_next_day() {
        List<Vote> sent = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sent.add(vote(i, "u1", "T" + i, "2024-02-27T01:00:" + (10 + i) + "Z"));
        }
        sent.add(vote(11, "u1", "V0", "2024-02-27T02:00:00Z"));             // another category: fine
        sent.add(vote(12, "u1", "T11", "2024-02-27T15:59:59Z"));            // 23:59:59 Beijing, same day
        sent.add(vote(13, "u1", "T11", "2024-02-27T16:00:00Z"));            // 00:00 next Beijing day
        sent.add(vote(14, "u1", "T0", "2024-02-27T03:00:00Z"));             // same work, same day
        Recompute r = new Recompute(rules(12, 6), voteWorks, votePrelim, List.of(), sent, null, 0);

        assertThat(r.decisions().subList(0, 10)).containsOnly(Recompute.ACCEPTED);
        assertThat(r.decisions().subList(10, 15)).containsExactly("DAILY_CATEGORY_LIMIT", Recompute.ACCEPTED,
                "DAILY_CATEGORY_LIMIT", Recompute.ACCEPTED, "DAILY_WORK_LIMIT");
        assertThat(r.validVotes("T10")).isZero();
        assertThat(r.validVotes("T11")).isEqualTo(1);
        assertThat(r.refusedByReason()).containsEntry("DAILY_CATEGORY_LIMIT", 2L)
                .containsEntry("DAILY_WORK_LIMIT", 1L);
    }

    @Test
    void only_accepted_votes_count_towards_the_daily_limits() {
        List<Vote> sent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sent.add(vote(i, "u1", "T" + i, "2024-02-28T01:00:" + (10 + i) + "Z"));
        }
        sent.add(vote(9, "u1", "OUT", "2024-02-28T01:01:00Z"));   // refused: not shortlisted
        sent.add(vote(10, "u1", "T0", "2024-02-28T01:02:00Z"));   // refused: same work again
        sent.add(vote(11, "u1", "T9", "2024-02-28T01:03:00Z"));   // the 10th accepted distinct work
        sent.add(vote(12, "u1", "T10", "2024-02-28T01:04:00Z"));  // the 11th
        Recompute r = new Recompute(rules(12, 6), voteWorks, votePrelim, List.of(), sent, null, 0);

        assertThat(r.decisions().subList(9, 13)).containsExactly("NOT_SHORTLISTED", "DAILY_WORK_LIMIT",
                Recompute.ACCEPTED, "DAILY_CATEGORY_LIMIT");
        assertThat(r.accepted()).isEqualTo(10);
    }

    @Test
    void judges_the_voting_window_half_open_and_before_any_other_reason() {
        List<Vote> sent = List.of(
                vote(0, "u1", "T0", OPENS.toString()),
                vote(1, "u2", "T0", OPENS.minusSeconds(1).toString()),
                vote(2, "u3", "OUT", CLOSES.toString()),
                vote(3, "u4", "T0", CLOSES.minusSeconds(1).toString()));
        Recompute r = new Recompute(rules(12, 6), voteWorks, votePrelim, List.of(), sent, null, 0);

        assertThat(r.decisions()).containsExactly(Recompute.ACCEPTED, "OUTSIDE_VOTING_WINDOW",
                "OUTSIDE_VOTING_WINDOW", Recompute.ACCEPTED);
    }

    @Test
    void keeps_votes_accepted_before_a_disqualification_and_lets_the_next_work_in() {
        List<Vote> sent = List.of(
                vote(0, "u1", "T0", "2024-02-27T01:00:00Z"),
                vote(1, "u2", "OUT", "2024-02-27T01:00:00Z"),
                vote(2, "u3", "T0", "2024-02-27T02:00:00Z"),   // after T0's disqualification
                vote(3, "u4", "OUT", "2024-02-27T02:00:00Z"));
        Recompute r = new Recompute(rules(12, 6), voteWorks, votePrelim, List.of(), sent, "T0", 2);

        assertThat(r.decisions()).containsExactly(Recompute.ACCEPTED, "NOT_SHORTLISTED", "DISQUALIFIED",
                Recompute.ACCEPTED);
        assertThat(r.validVotes("T0")).isEqualTo(1);
        assertThat(r.shortlist().get("TEXT")).doesNotContain("T0").contains("OUT");
        assertThat(r.finalRanking().get("TEXT")).extracting(Ranked::workId).doesNotContain("T0");
    }

    @Test
    void the_final_score_is_seventy_percent_jury_and_thirty_percent_votes_relative_to_the_best_in_the_category() {
        List<Work> works = List.of(work("A", "TEXT", 1), work("B", "TEXT", 2));
        List<Score> prelim = new ArrayList<>();
        prelim.addAll(scores("A", 80, 80, 80));
        prelim.addAll(scores("B", 70, 70, 70));
        List<Score> jury = new ArrayList<>();
        jury.addAll(scores("A", 80, 80, 80));
        jury.addAll(scores("B", 90, 90, 90));
        List<Vote> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(vote(i, "u" + i, "A", "2024-02-28T01:00:00Z"));
        }
        sent.add(vote(9, "u9", "B", "2024-02-28T01:00:00Z"));
        Recompute r = new Recompute(rules(2, 2), works, prelim, jury, sent, null, 0);

        // A: 0.7 × 80 + 0.3 × 100 = 86; B: 0.7 × 90 + 0.3 × 25 = 70.5
        assertThat(r.winners().get("TEXT")).extracting(Ranked::workId).containsExactly("A", "B");
        assertThat(r.winners().get("TEXT").get(0).finalScore()).isEqualByComparingTo(Fraction.of(86));
        assertThat(Recompute.shown(r.winners().get("TEXT").get(1).finalScore())).isEqualByComparingTo("70.50");
        assertThat(r.winners().get("TEXT").get(1).voteScore()).isEqualByComparingTo(Fraction.of(25));
    }

    @Test
    void the_final_ranking_breaks_a_full_tie_by_earlier_submission() {
        // No votes at all: vote scores are 0, so final = 0.7 × jury.
        List<Work> works = List.of(work("Z", "TEXT", 1), work("Y", "TEXT", 2), work("X", "TEXT", 3));
        List<Score> prelim = new ArrayList<>();
        List<Score> jury = new ArrayList<>();
        for (Work w : works) {
            prelim.addAll(scores(w.id(), 70, 70, 70));
            jury.addAll(scores(w.id(), 75, 75, 75));
        }
        Recompute r = new Recompute(rules(3, 2), works, prelim, jury, List.of(), null, 0);

        assertThat(r.finalRanking().get("TEXT")).extracting(Ranked::workId).containsExactly("Z", "Y", "X");
        assertThat(r.winners().get("TEXT")).extracting(Ranked::workId).containsExactly("Z", "Y");
    }

    @Test
    void the_final_ranking_puts_the_higher_jury_score_first_when_final_scores_are_equal() {
        // A: 0.7 × 70 + 0.3 × 100 = 79; B: 0.7 × 100 + 0.3 × 30 = 79, jury 100 > 70.
        List<Work> works = List.of(work("A", "TEXT", 1), work("B", "TEXT", 2));
        List<Score> prelim = new ArrayList<>();
        prelim.addAll(scores("A", 70, 70, 70));
        prelim.addAll(scores("B", 70, 70, 70));
        List<Score> jury = new ArrayList<>();
        jury.addAll(scores("A", 70, 70, 70));
        jury.addAll(scores("B", 100, 100, 100));
        List<Vote> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(vote(i, "u" + i, "A", "2024-02-28T01:00:00Z"));
        }
        for (int i = 0; i < 3; i++) {
            sent.add(vote(10 + i, "u" + i, "B", "2024-02-28T02:00:00Z"));
        }
        Recompute r = new Recompute(rules(2, 2), works, prelim, jury, sent, null, 0);

        assertThat(r.finalRanking().get("TEXT").get(0).finalScore())
                .isEqualByComparingTo(r.finalRanking().get("TEXT").get(1).finalScore());
        assertThat(r.finalRanking().get("TEXT")).extracting(Ranked::workId).containsExactly("B", "A");
    }
}
