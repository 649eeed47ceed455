package io.selection.recount;

import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.Weights;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.recount.Explanation.Change;
import io.selection.recount.Explanation.Outcome;
import io.selection.recount.Explanation.Score;
import io.selection.recount.Explanation.Statement;
import io.selection.recount.Explanation.Tie;
import io.selection.review.Round;
import io.selection.voting.VoteDecision;
import io.selection.work.UrlNormaliser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.DURING_VOTING;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.accepted;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.vote;
import static io.selection.TestEditions.withWeights;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.FINAL_REVIEW;
import static io.selection.edition.Stage.PRELIMINARY_REVIEW;
import static io.selection.edition.Stage.RESULTS_PUBLISHED;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Explanations against cases computed by hand (the comments give the arithmetic): a work trimmed
 * at five scores, one that lost a tie on its submission number at the cut, one that entered the
 * shortlist by backfill, one disqualified, and the final score's parts with an invalidation.
 */
class ExplanationsTest {

    /**
     * TEXT (2 shortlist places, 1 winner), submitted t1..t4 in that order:
     * t1 scores 90 50 70 60 80 (five: 90 by r1 and 50 by r2 dropped, mean of 70 60 80 = 70);
     * t2 80 80 80 = 80; t3 70 70 70 = 70, tied with t1 and submitted later, so third;
     * t4 60 60 60 = 60, r1's first score 40 replaced by 60.
     * Ranking: t2 80, t1 70, t3 70, t4 60; shortlist t2, t1.
     * Votes: t1 four, t3 two, t2 one; a flagged set takes one of t1's. Then t2 is disqualified
     * and t3 takes the freed place. Jury: t1 80 80 80, t3 90 90 90.
     * Final (70/30): t1 0.7 × 80 + 0.3 × (100 × 3/3) = 56 + 30 = 86;
     * t3 0.7 × 90 + 0.3 × (100 × 2/3) = 63 + 20 = 83. One winner: t1; t3 is 3 below.
     */
    private static History edition() {
        EditionRules rules = TestEditions.rules(List.of(new Category(TEXT, "Texts", 2, 1),
                new Category(PIC, "Pictures", 2, 1)));
        History h = history().created(rules).to(COLLECTING)
                .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("t4", TEXT).work("p1", PIC)
                .reviewers().to(PRELIMINARY_REVIEW)
                .scores(Round.PRELIMINARY, "t1", "90", "50", "70", "60", "80")
                .scores(Round.PRELIMINARY, "t2", "80", "80", "80")
                .scores(Round.PRELIMINARY, "t3", "70", "70", "70")
                .score(Round.PRELIMINARY, "t4", "r1", "40")
                .scores(Round.PRELIMINARY, "t4", "60", "60", "60")
                .scores(Round.PRELIMINARY, "p1", "50", "50", "50")
                .to(SHORTLIST_PUBLISHED)
                .shortlist(Map.of(TEXT, List.of(TestEditions.place(1, "t2", "80.00"),
                        TestEditions.place(2, "t1", "70.00")), PIC, List.of(TestEditions.place(1, "p1", "50.00"))))
                .to(VOTING)
                .event(votes(TEXT, "t1", 4)).event(votes(TEXT, "t2", 1))
                .event(new VotesInvalidatedEvent(ID, "set-1", "ip-burst", "one address, one second",
                        List.of("t1-1", "t1-1", "no-such-vote"), Map.of("t1", 1L), AT, ORGANISER))
                .event(new WorkDisqualifiedEvent(ID, "t2", "plagiarism", AT, ORGANISER))
                .amended(TEXT, "t2", "t3", "70.00")
                .event(votes(TEXT, "t3", 2));
        return h;
    }

    private static History finished() {
        return edition().to(FINAL_REVIEW)
                .certified(Map.of(TEXT, Map.of("t1", 3L, "t3", 2L), PIC, Map.of("p1", 0L)))
                .scores(Round.FINAL, "t1", "80", "80", "80")
                .scores(Round.FINAL, "t3", "90", "90", "90")
                .scores(Round.FINAL, "p1", "70", "70", "70")
                .to(RESULTS_PUBLISHED)
                .event(new ResultsPublishedEvent(ID, Map.of(TEXT, List.of(new io.selection.results.Winner(1, "t1",
                        new BigDecimal("80.00"), 3, new BigDecimal("100.00"), new BigDecimal("86.00"))),
                        PIC, List.of(new io.selection.results.Winner(1, "p1", new BigDecimal("70.00"), 0,
                                new BigDecimal("0.00"), new BigDecimal("49.00")))), AT));
    }

    /** 50/50: a jury 100, 1 of 2 votes: 50 + 25 = 75; b jury 50, 2 of 2 votes: 25 + 50 = 75. */
    private static History tiedOnTheFinalScore() {
        return history().created(withWeights(new Weights(50, 50))).to(COLLECTING).work("a", TEXT).work("b", TEXT)
                .reviewers().to(PRELIMINARY_REVIEW)
                .scores(Round.PRELIMINARY, "a", "60", "60", "60").scores(Round.PRELIMINARY, "b", "60", "60", "60")
                .to(SHORTLIST_PUBLISHED).shortlist(Map.of(TEXT, List.of(TestEditions.place(1, "a", "60.00"),
                        TestEditions.place(2, "b", "60.00")))).to(VOTING)
                .event(votes(TEXT, "a", 1)).event(votes(TEXT, "b", 2)).to(FINAL_REVIEW)
                .scores(Round.FINAL, "a", "100", "100", "100").scores(Round.FINAL, "b", "50", "50", "50");
    }

    /**
     * A crowd of equal scores, for the wordings the cases above do not reach: TEXT (6 shortlist
     * places, 2 winners, weights 100/0) w1..w8 and w9, submitted with w1's number, all scored 60;
     * w9 ranks behind w1 on the work id. w6..w8 are disqualified off the list, then w5 on it, with
     * no work left to take its place. Jury: 70 for all five left (five scores for w1, trimmed), so
     * the final scores tie and the valid votes (w1 2, w9 1) and then the submission order decide:
     * w1, w9 | w2, w3, w4.
     */
    private static History crowded() {
        EditionRules r = TestEditions.rules(List.of(new Category(TEXT, "Texts", 6, 2),
                new Category(PIC, "Pictures", 2, 1)));
        History h = history().created(new EditionRules(r.title(), r.theme(), r.eligibleFrom(), r.eligibleTo(),
                r.timeZone(), r.categories(), r.voting(), r.review(), new Weights(100, 0))).to(COLLECTING);
        for (int i = 1; i <= 8; i++) {
            h.work("w" + i, TEXT);
        }
        h.event(new WorkSubmittedEvent(ID, "w9", "Title of w9", TestEditions.urlOf("w9"),
                UrlNormaliser.normalise(TestEditions.urlOf("w9")), TEXT, TestEditions.PUBLISHED_ON, "Unit of w9", 1,
                AT, ORGANISER));
        h.reviewers().to(PRELIMINARY_REVIEW);
        for (int i = 1; i <= 9; i++) {
            h.scores(Round.PRELIMINARY, "w" + i, "60", "60", "60");
        }
        List<String> listed = List.of("w1", "w9", "w2", "w3", "w4", "w5");
        List<io.selection.results.ListedWork> places = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            places.add(TestEditions.place(i + 1, listed.get(i), "60.00"));
        }
        h.to(SHORTLIST_PUBLISHED).shortlist(Map.of(TEXT, places)).to(VOTING)
                .event(votes(TEXT, "w1", 2)).event(votes(TEXT, "w9", 1))
                .disqualified("w8").disqualified("w7").disqualified("w6")
                .disqualified("w5").amended(TEXT, "w5", null, null)
                .to(FINAL_REVIEW)
                .certified(Map.of(TEXT, Map.of("w1", 2L, "w9", 1L, "w2", 0L, "w3", 0L, "w4", 0L)))
                .scores(Round.FINAL, "w1", "70", "70", "70", "70", "70");
        for (String w : List.of("w9", "w2", "w3", "w4")) {
            h.scores(Round.FINAL, w, "70", "70", "70");
        }
        return h;
    }

    /** The fixtures, each a log to fold line by line. */
    private static List<History> fixtures() {
        return List.of(edition(), finished(), tiedOnTheFinalScore(), crowded());
    }

    private static Explanation english(Explanation x) {
        return Wording.render(x, Language.EN);
    }

    private static Explanation chinese(Explanation x) {
        return Wording.render(x, Language.ZH);
    }

    /** {@code n} accepted votes for the work (ids {@code work-1..n}), each from its own voter. */
    private static VotesDecidedEvent votes(String category, String workId, int n) {
        List<VoteDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = workId + "-" + i;
            decisions.add(accepted(vote(id, "voter-" + id, workId, DURING_VOTING), category));
        }
        return new VotesDecidedEvent(ID, "vote-lane-local-0", null, decisions);
    }

    private static Explanations fold(List<Object> events, long upTo) {
        Explanations x = new Explanations();
        for (int i = 0; i < upTo; i++) {
            x.apply(i + 1, (EditionEvent) events.get(i));
        }
        return x;
    }

    private static Explanations fold(History h) {
        List<Object> events = h.build();
        return fold(events, events.size());
    }

    /** The log folded up to the line before its (last) disqualification. */
    private static Explanations beforeTheDisqualification(History h) {
        return fold(h.build(), seqOf(h, e -> e instanceof WorkDisqualifiedEvent) - 1);
    }

    /** The seq of the last line matching. */
    private static long seqOf(History h, Predicate<Object> which) {
        List<Object> events = h.build();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (which.test(events.get(i))) {
                return i + 1;
            }
        }
        throw new AssertionError("no such line");
    }

    private static long scoreLine(History h, String workId, String reviewerId, Round round) {
        return seqOf(h, e -> e instanceof WorkScoredEvent s && s.workId().equals(workId)
                && s.reviewerId().equals(reviewerId) && s.round() == round);
    }

    private static Statement statement(Explanation x, String code) {
        return x.statements().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + x.statements()));
    }

    @Nested
    class Scores {

        @Test
        void five_scores_drop_the_highest_and_the_lowest_each_score_on_its_own_line() {
            History h = edition();
            Explanation t1 = english(fold(h).explain("t1", true));

            Explanation.Scores p = t1.preliminary();
            assertThat(p.count()).isEqualTo(5);
            assertThat(p.trimmed()).isTrue();
            assertThat(p.mean()).isEqualByComparingTo("70");
            assertThat(p.meanExact()).isEqualTo("70");
            assertThat(p.scores()).extracting(Score::reviewerId, s -> s.score().toPlainString(), Score::dropped)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("r1", "90", "HIGHEST"),
                            org.assertj.core.groups.Tuple.tuple("r2", "50", "LOWEST"),
                            org.assertj.core.groups.Tuple.tuple("r3", "70", null),
                            org.assertj.core.groups.Tuple.tuple("r4", "60", null),
                            org.assertj.core.groups.Tuple.tuple("r5", "80", null));
            for (Score s : p.scores()) {
                assertThat(s.seq()).isEqualTo(scoreLine(h, "t1", s.reviewerId(), Round.PRELIMINARY));
            }
            assertThat(p.seq()).isEqualTo(scoreLine(h, "t1", "r5", Round.PRELIMINARY));
            Statement mean = statement(t1, "PRELIMINARY_MEAN");
            assertThat(mean.seq()).isEqualTo(scoreLine(h, "t1", "r5", Round.PRELIMINARY));
            assertThat(mean.text()).isEqualTo("With 5 scores (5 or more), the highest, 90, and the lowest, 50,"
                    + " are dropped; the mean of the other 3 is 70.00.");
        }

        @Test
        void fewer_than_five_are_all_counted_and_a_replaced_score_names_its_line() {
            History h = edition();
            Explanation t4 = english(fold(h).explain("t4", true));

            assertThat(t4.preliminary().trimmed()).isFalse();
            assertThat(t4.preliminary().mean()).isEqualByComparingTo("60");
            Score r1 = t4.preliminary().scores().get(0);
            assertThat(r1.reviewerId()).isEqualTo("r1");
            assertThat(r1.replaced()).singleElement().satisfies(old -> {
                assertThat(old.score()).isEqualByComparingTo("40");
                assertThat(old.seq()).isEqualTo(seqOf(h, e -> e instanceof WorkScoredEvent s
                        && s.workId().equals("t4") && s.score().compareTo(new BigDecimal("40")) == 0));
                assertThat(old.seq()).isLessThan(r1.seq());
            });
            assertThat(statement(t4, "PRELIMINARY_MEAN").text())
                    .isEqualTo("With 3 scores (fewer than 5), none is dropped; the mean is 60.00.");
            assertThat(t4.statements()).filteredOn(s -> s.code().equals("PRELIMINARY_SCORE"))
                    .first().extracting(Statement::text).asString().contains("replacing 40 (line ");
        }
    }

    @Nested
    class The_cut {

        @Test
        void a_work_that_lost_a_tie_on_its_submission_number_is_the_first_work_out() {
            History h = edition();
            Explanation t3 = english(beforeTheDisqualification(h).explain("t3", true));

            assertThat(t3.outcome()).isEqualTo(Outcome.NOT_SHORTLISTED);
            Explanation.Ranking r = t3.preliminaryRanking();
            assertThat(r.rank()).isEqualTo(3);
            assertThat(r.of()).isEqualTo(4);
            assertThat(r.quota()).isEqualTo(2);
            assertThat(r.inside()).isFalse();
            assertThat(r.lastIn()).isEqualTo(new Explanation.Place("t1", 2, new BigDecimal("70.00")));
            assertThat(r.firstOut().workId()).isEqualTo("t3");
            assertThat(r.gap()).isEqualByComparingTo("0");
            assertThat(r.ties()).containsExactly(new Tie("t1", 2, "SUBMISSION_NO", 3L, 1L, false));
            assertThat(r.tiedWorks()).isEqualTo(1);
            Statement tie = statement(t3, "PRELIMINARY_TIE_AT_CUT");
            assertThat(tie.text()).isEqualTo("It ties with t1 (rank 2) on its preliminary score of 70.00; the earlier"
                    + " submission ranks first (no. 3 against no. 1), so it ranks behind and is the first work out.");
            // once published, the cut rests on the published list
            assertThat(tie.seq()).isEqualTo(seqOf(h, e -> e instanceof io.selection.events.ShortlistPublishedEvent));
            assertThat(statement(t3, "PRELIMINARY_CUT").text()).isEqualTo("The cut of the shortlist lies between"
                    + " t1 (rank 2, 70.00), the last work in, and t3 (rank 3, 70.00), the first work out. It is the"
                    + " first work out, 0.00 below the last work in.");
            assertThat(t3.summary()).isEqualTo("Not on the shortlist: rank 3 of 4 in TEXT, 0.00 below the last work"
                    + " in (t1, 70.00).");
            assertThat(statement(t3, "SUMMARY").seq()).isEqualTo(seqOf(h,
                    e -> e instanceof io.selection.events.ShortlistPublishedEvent));
            // the same tie seen from the winning side
            Explanation t1 = english(beforeTheDisqualification(h).explain("t1", true));
            assertThat(t1.preliminaryRanking().ties()).containsExactly(new Tie("t3", 3, "SUBMISSION_NO", 1L, 3L, true));
            assertThat(statement(t1, "PRELIMINARY_TIE_AT_CUT").text()).endsWith(
                    "so it ranks ahead and takes the last place in.");
        }

        @Test
        void before_the_shortlist_is_published_the_cut_is_the_quota_as_the_scores_stand() {
            History h = edition();
            long published = seqOf(h, e -> e instanceof io.selection.events.ShortlistPublishedEvent);
            Explanation t4 = english(fold(h.build(), published - 1).explain("t4", true));

            assertThat(t4.outcome()).isEqualTo(Outcome.BELOW_THE_CUT);
            assertThat(t4.shortlist()).isNull();
            assertThat(t4.preliminaryRanking().gap()).isEqualByComparingTo("10"); // 70 (t1) - 60
            assertThat(t4.summary()).isEqualTo("Ranks 4 of 4 in TEXT, outside the 2 places of the shortlist, as the"
                    + " scores stand; the shortlist is not published yet.");
            // before publication the ranking rests on the last line that changed the category's scores
            // (p1's scores, in the other category, come later and do not count)
            long lastTextScore = scoreLine(h, "t4", "r3", Round.PRELIMINARY);
            assertThat(lastTextScore).isLessThan(scoreLine(h, "p1", "r1", Round.PRELIMINARY));
            assertThat(statement(t4, "PRELIMINARY_RANK").seq()).isEqualTo(lastTextScore);
            assertThat(statement(t4, "SUMMARY").seq()).isEqualTo(lastTextScore);
        }
    }

    @Nested
    class Disqualification_and_backfill {

        @Test
        void the_work_that_took_the_freed_place_entered_by_backfill_on_the_amendments_line() {
            History h = edition();
            long amended = seqOf(h, e -> e instanceof ShortlistAmendedEvent);
            Explanation t3 = english(fold(h).explain("t3", true));

            assertThat(t3.outcome()).isEqualTo(Outcome.SHORTLISTED);
            assertThat(t3.shortlist().publishedRank()).isNull();
            assertThat(t3.shortlist().rank()).isEqualTo(2);
            assertThat(t3.shortlist().changes()).containsExactly(new Change(amended, "ENTERED", "t2", null, 2));
            Statement entered = statement(t3, "SHORTLIST_ENTERED");
            assertThat(entered.seq()).isEqualTo(amended);
            assertThat(entered.text()).isEqualTo("It entered the shortlist at rank 2 when t2 was disqualified: it was"
                    + " the best-ranked work not on the list.");
            assertThat(t3.summary()).startsWith("On the shortlist of TEXT at rank 2.");
            assertThat(t3.preliminaryRanking().rank()).isEqualTo(2);
            assertThat(t3.preliminaryRanking().firstOut().workId()).isEqualTo("t4");

            // the work now first out missed a cut the amendment drew: its answer rests on that line
            Explanation t4 = english(fold(h).explain("t4", true));
            assertThat(t4.preliminaryRanking().lastIn().workId()).isEqualTo("t3");
            assertThat(t4.preliminaryRanking().seq()).isEqualTo(amended);
            assertThat(statement(t4, "SUMMARY").seq()).isEqualTo(amended);
        }

        @Test
        void a_work_below_the_one_that_left_moved_up_one_place() {
            History h = edition();
            long amended = seqOf(h, e -> e instanceof ShortlistAmendedEvent);
            Explanation t1 = english(fold(h).explain("t1", true));

            assertThat(t1.shortlist().publishedRank()).isEqualTo(2);
            assertThat(t1.shortlist().rank()).isEqualTo(1);
            assertThat(t1.shortlist().changes()).containsExactly(new Change(amended, "MOVED_UP", "t2", 2, 1));
        }

        @Test
        void a_disqualified_work_says_why_where_it_stood_and_who_took_its_place() {
            History h = edition();
            long disqualified = seqOf(h, e -> e instanceof WorkDisqualifiedEvent);
            long amended = seqOf(h, e -> e instanceof ShortlistAmendedEvent);
            Explanation t2 = english(fold(h).explain("t2", true));

            assertThat(t2.outcome()).isEqualTo(Outcome.DISQUALIFIED);
            assertThat(t2.disqualification()).isEqualTo(new Explanation.Disqualification(disqualified, "plagiarism",
                    ORGANISER, 1, 1));
            assertThat(t2.preliminaryRanking()).isNull();
            assertThat(t2.finalRanking()).isNull();
            assertThat(t2.shortlist().changes()).containsExactly(new Change(amended, "LEFT", "t3", 1, null));
            assertThat(t2.shortlist().rank()).isNull();
            Statement why = statement(t2, "DISQUALIFIED");
            assertThat(why.seq()).isEqualTo(disqualified);
            assertThat(why.text()).isEqualTo("Disqualified by organiser: \"plagiarism\". It ranked 1 in the"
                    + " preliminary ranking just before, and held place 1 on the shortlist.");
            assertThat(statement(t2, "SUMMARY").seq()).isEqualTo(disqualified);
            assertThat(statement(t2, "SHORTLIST_LEFT").text()).isEqualTo(
                    "It left the shortlist on its disqualification; t3 took the last place.");
        }

        @Test
        void on_the_line_that_disqualifies_the_last_listed_work_the_cut_lies_above_it_until_the_amendment() {
            History h = crowded();
            long w5 = seqOf(h, e -> e instanceof WorkDisqualifiedEvent d && d.workId().equals("w5"));
            Explanations x = fold(h.build(), w5);

            Explanation w4 = english(x.explain("w4", true));
            assertThat(w4.preliminaryRanking().lastIn().workId()).isEqualTo("w4");
            assertThat(w4.preliminaryRanking().firstOut()).isNull();
            assertThat(w4.outcome()).isEqualTo(Outcome.SHORTLISTED);
            assertThat(english(x.explain("w5", true)).outcome()).isEqualTo(Outcome.DISQUALIFIED);
        }
    }

    @Nested
    class Votes_and_the_final_score {

        @Test
        void valid_votes_are_the_accepted_less_the_invalidated_each_invalidation_on_its_line() {
            History h = finished();
            long invalidation = seqOf(h, e -> e instanceof VotesInvalidatedEvent);
            Explanation t1 = english(fold(h).explain("t1", false));

            Explanation.Votes v = t1.votes();
            assertThat(v.accepted()).isEqualTo(4);
            assertThat(v.invalidated()).isEqualTo(1); // the set names t1-1 twice and an unknown id: one vote
            assertThat(v.valid()).isEqualTo(3);
            assertThat(v.seq()).isEqualTo(invalidation);
            assertThat(v.invalidations()).containsExactly(new Explanation.Invalidation(invalidation, "set-1",
                    "ip-burst", "one address, one second", 1));
            assertThat(v.certifiedValid()).isEqualTo(3);
            assertThat(statement(t1, "VOTES").text()).isEqualTo("It has 3 valid votes: 4 accepted, less 1 invalidated.");
        }

        @Test
        void the_final_score_is_seventy_percent_jury_and_thirty_percent_votes_against_the_most_voted() {
            History h = finished();
            long results = seqOf(h, e -> e instanceof ResultsPublishedEvent);
            Explanation t3 = english(fold(h).explain("t3", false));

            assertThat(t3.outcome()).isEqualTo(Outcome.NOT_A_WINNER);
            Explanation.Final f = t3.finalRanking();
            assertThat(f.jury().mean()).isEqualByComparingTo("90");
            assertThat(f.validVotes()).isEqualTo(2);
            assertThat(f.mostValidVotes()).isEqualTo(3);
            assertThat(f.mostVotedWork()).isEqualTo("t1");
            assertThat(f.voteScore()).isEqualByComparingTo("66.67");
            assertThat(f.juryPart()).isEqualByComparingTo("63");
            assertThat(f.votePart()).isEqualByComparingTo("20");
            assertThat(f.finalScore()).isEqualByComparingTo("83");
            assertThat(f.finalScoreExact()).isEqualTo("83");
            assertThat(f.weights()).isEqualTo(new Weights(70, 30));
            assertThat(f.ranking().rank()).isEqualTo(2);
            assertThat(f.ranking().lastIn().workId()).isEqualTo("t1");
            assertThat(f.ranking().gap()).isEqualByComparingTo("3");
            assertThat(f.resultsSeq()).isEqualTo(results);
            assertThat(f.winnerRank()).isNull();
            assertThat(statement(t3, "VOTE_SCORE").text()).isEqualTo("Its vote score is 66.67 = 100 × 2 / 3, the most"
                    + " valid votes of any shortlisted work in TEXT (t1).");
            assertThat(statement(t3, "FINAL_SCORE").text()).isEqualTo("Its final score is 83.00 = 70% × jury score"
                    + " 90.00 + 30% × vote score 66.67 = 63.00 + 20.00.");
            assertThat(t3.summary()).isEqualTo("On the shortlist, not among the 1 winners of TEXT: final rank 2,"
                    + " 3.00 below the last winner (t1).");
            assertThat(statement(t3, "SUMMARY").seq()).isEqualTo(results);

            Explanation t1 = english(fold(h).explain("t1", false));
            assertThat(t1.outcome()).isEqualTo(Outcome.WINNER);
            assertThat(t1.finalRanking().finalScore()).isEqualByComparingTo("86");
            assertThat(t1.finalRanking().winnerRank()).isEqualTo(1);
            assertThat(t1.summary()).isEqualTo("Winner 1 of 1 in TEXT.");
        }

        @Test
        void before_the_results_the_final_ranking_is_given_only_when_asked_for() {
            History h = edition().to(FINAL_REVIEW).scores(Round.FINAL, "t1", "80", "80", "80")
                    .scores(Round.FINAL, "t3", "90", "90", "90");
            Explanations x = fold(h);

            assertThat(english(x.explain("t3", false)).finalRanking()).isNull();
            Explanation organisers = english(x.explain("t3", true));
            assertThat(organisers.finalRanking().ranking().rank()).isEqualTo(2);
            assertThat(organisers.finalRanking().resultsSeq()).isNull();
            assertThat(organisers.outcome()).isEqualTo(Outcome.SHORTLISTED);
            assertThat(organisers.summary()).isEqualTo("On the shortlist of TEXT at rank 2. In the final ranking as"
                    + " it stands it ranks 2 of 2, outside the 1 places of the winners.");
        }

        @Test
        void equal_final_scores_are_separated_by_the_jury_score() {
            Explanation b = english(fold(tiedOnTheFinalScore()).explain("b", true));

            assertThat(b.finalRanking().finalScore()).isEqualByComparingTo("75");
            assertThat(b.finalRanking().ranking().ties()).containsExactly(
                    new Tie("a", 1, "JURY_SCORE", new BigDecimal("50.00"), new BigDecimal("100.00"), false));
            assertThat(statement(b, "FINAL_TIE_AT_CUT").text()).isEqualTo("It ties with a (rank 1) on its final score"
                    + " of 75.00; the higher jury score ranks first (50.00 against 100.00), so it ranks behind and is"
                    + " the first work out.");
        }
    }

    @Nested
    class In_log_order {

        @Test
        void the_summary_comes_first_then_every_statement_by_the_line_it_rests_on() {
            History h = finished();
            long published = seqOf(h, e -> e instanceof io.selection.events.ShortlistPublishedEvent);
            long amended = seqOf(h, e -> e instanceof ShortlistAmendedEvent);
            Explanation t1 = fold(h).explain("t1", false);

            assertThat(t1.statements().get(0).code()).isEqualTo("SUMMARY");
            List<Statement> rest = t1.statements().subList(1, t1.statements().size());
            assertThat(rest).extracting(Statement::seq).isSorted();
            // its rank rests on the amendment, after the publication that placed it; its votes before its jury
            List<String> codes = rest.stream().map(Statement::code).toList();
            assertThat(statement(t1, "SHORTLIST_PUBLISHED").seq()).isEqualTo(published);
            assertThat(statement(t1, "PRELIMINARY_RANK").seq()).isEqualTo(amended);
            assertThat(codes.indexOf("SHORTLIST_PUBLISHED")).isLessThan(codes.indexOf("PRELIMINARY_RANK"));
            assertThat(codes.indexOf("VOTES_INVALIDATED")).isLessThan(codes.indexOf("JURY_SCORE"));
            assertThat(codes.get(0)).isEqualTo("SUBMITTED");
        }

        @Test
        void statements_on_one_line_keep_the_order_they_are_told_in() {
            History h = edition();
            long published = seqOf(h, e -> e instanceof io.selection.events.ShortlistPublishedEvent);
            Explanation t3 = beforeTheDisqualification(h).explain("t3", true);

            assertThat(t3.statements().subList(1, t3.statements().size())).filteredOn(s -> s.seq() == published)
                    .extracting(Statement::code).containsExactly("PRELIMINARY_RANK", "PRELIMINARY_CUT",
                            "PRELIMINARY_TIE_AT_CUT", "SHORTLIST_PUBLISHED");
        }

        @Test
        void a_jury_score_not_given_yet_is_told_from_the_shortlist_on_not_from_the_submission() {
            History h = edition();
            long published = seqOf(h, e -> e instanceof io.selection.events.ShortlistPublishedEvent);
            Explanation t1 = fold(h).explain("t1", true);

            assertThat(statement(t1, "JURY_MEAN").variant()).isEqualTo("NONE");
            assertThat(statement(t1, "JURY_MEAN").seq()).isEqualTo(published);
            assertThat(statement(t1, "JURY_SHORT_OF_SCORES").seq()).isEqualTo(published);
            assertThat(statement(t1, "PRELIMINARY_MEAN").seq()).isGreaterThan(statement(t1, "SUBMITTED").seq());
        }

        @Test
        void scores_are_told_in_the_order_they_were_given_not_by_reviewer() {
            History h = history().created().to(COLLECTING).work("t1", TEXT).reviewers().to(PRELIMINARY_REVIEW)
                    .score(Round.PRELIMINARY, "t1", "r3", "70").score(Round.PRELIMINARY, "t1", "r1", "80")
                    .score(Round.PRELIMINARY, "t1", "r2", "60");
            Explanation t1 = fold(h).explain("t1", true);

            assertThat(t1.statements()).filteredOn(s -> s.code().equals("PRELIMINARY_SCORE"))
                    .extracting(s -> s.params().get("reviewerId")).containsExactly("r3", "r1", "r2");
            // the record of scores keeps its order by reviewer
            assertThat(t1.preliminary().scores()).extracting(Score::reviewerId).containsExactly("r1", "r2", "r3");
        }

        @Test
        void every_explanation_of_every_fixture_is_in_log_order_at_every_line() {
            eachExplanation(x -> assertThat(x.statements().subList(1, x.statements().size()))
                    .as(x.workId() + " as of " + x.logSize()).extracting(Statement::seq).isSorted());
        }
    }

    @Nested
    class In_two_languages {

        @Test
        void the_chinese_is_said_from_the_same_values_as_the_english() {
            History h = edition();
            Explanations x = beforeTheDisqualification(h);
            Explanation en = english(x.explain("t3", true));
            Explanation zh = chinese(x.explain("t3", true));

            assertThat(en.language()).isEqualTo("en");
            assertThat(zh.language()).isEqualTo("zh-CN");
            assertThat(zh.summary()).isEqualTo("未入围：在TEXT中排第3/4名，比最后入围作品（t1，70.00）低0.00分。");
            assertThat(statement(zh, "PRELIMINARY_TIE_AT_CUT").text()).isEqualTo("与t1（第2名）初评同分70.00；"
                    + "提交较早者在前（第3号对第1号），因此排在其后，成为首个未入围作品。");
            assertThat(statement(zh, "PRELIMINARY_CUT").text()).isEqualTo("入围名单的分界线在t1（第2名，70.00，最后入围）"
                    + "与t3（第3名，70.00，首个未入围）之间。它是首个未入围的作品，比最后入围作品低0.00分。");
            // the same statements, values and lines: only the text differs
            assertThat(zh.statements()).extracting(Statement::seq, Statement::code, Statement::variant,
                    Statement::params).containsExactlyElementsOf(en.statements().stream()
                    .map(s -> org.assertj.core.groups.Tuple.tuple(s.seq(), s.code(), s.variant(), s.params()))
                    .toList());
            Explanation t4 = chinese(fold(h).explain("t4", true));
            assertThat(statement(t4, "PRELIMINARY_SCORE").text()).startsWith("评审r1初评打分60，替换此前的40（第");
            Explanation t1 = chinese(fold(h).explain("t1", true));
            assertThat(statement(t1, "PRELIMINARY_MEAN").text()).isEqualTo("共5个评分（达到5个），去掉最高分90和最低分50，"
                    + "其余3个的平均分为70.00。");
            assertThat(t1.statements()).filteredOn(s -> s.code().equals("PRELIMINARY_SCORE")).extracting(
                    Statement::text).contains("评审r1初评打分90；作为最高分被去掉。", "评审r2初评打分50；作为最低分被去掉。");
        }

        @Test
        void every_statement_of_every_fixture_is_said_in_both_languages_every_value_filled_and_every_wording_reached() {
            java.util.Set<String> reached = new java.util.TreeSet<>();
            eachExplanation(x -> {
                for (Language language : Language.values()) {
                    Explanation said = Wording.render(x, language);
                    assertThat(said.summary()).isEqualTo(said.statements().get(0).text());
                    for (Statement s : said.statements()) {
                        assertThat(s.text()).as(s + " in " + language).isNotBlank().doesNotContain("{", "}", "null");
                        if (language == Language.ZH) {
                            assertThat(s.text()).as(s.toString()).containsPattern("\\p{IsHan}");
                        }
                    }
                }
                x.statements().forEach(s -> reached.addAll(Wording.keysSaid(s)));
            });
            assertThat(reached).containsExactlyInAnyOrderElementsOf(Wording.table().keySet());
        }

        @Test
        void a_statement_without_a_wording_or_short_of_a_value_is_refused_not_said_with_a_blank() {
            Statement unknown = new Statement(1, "NO_SUCH_CODE", null, null, Map.of());
            assertThatThrownBy(() -> Wording.text(unknown, Language.ZH)).hasMessageContaining("NO_SUCH_CODE");
            Statement noVariant = new Statement(1, "SHORTLIST_PUBLISHED", null, null, Map.of("seq", 3L));
            assertThatThrownBy(() -> Wording.text(noVariant, Language.EN)).hasMessageContaining("SHORTLIST_PUBLISHED");
            Statement shortOfAValue = new Statement(1, "SHORTLIST_PUBLISHED", "PLACED", null, Map.of("seq", 3L));
            assertThatThrownBy(() -> Wording.text(shortOfAValue, Language.ZH)).hasMessageContaining("{rank}");
            Map<String, Object> nullRank = new java.util.HashMap<>(Map.of("seq", 3L));
            nullRank.put("rank", null);
            assertThatThrownBy(() -> Wording.text(new Statement(1, "SHORTLIST_PUBLISHED", "PLACED", null, nullRank),
                    Language.EN)).hasMessageContaining("{rank}");
            Statement unknownRule = new Statement(1, "PRELIMINARY_TIE", null, null, Map.of("workId", "a", "rank", 1,
                    "score", "1", "decidedBy", "COIN_TOSS", "mine", 1, "theirs", 2, "ahead", true));
            assertThatThrownBy(() -> Wording.text(unknownRule, Language.EN)).hasMessageContaining("tieBreak.COIN_TOSS");
        }
    }

    /** Every explanation the fixtures give: each work, after each line, with and without the final ranking. */
    private static void eachExplanation(java.util.function.Consumer<Explanation> check) {
        for (History h : fixtures()) {
            List<Object> events = h.build();
            List<String> works = new ArrayList<>();
            Explanations x = new Explanations();
            for (int i = 0; i < events.size(); i++) {
                x.apply(i + 1, (EditionEvent) events.get(i));
                if (events.get(i) instanceof WorkSubmittedEvent e) {
                    works.add(e.workId());
                }
                for (String w : works) {
                    check.accept(x.explain(w, true));
                    check.accept(x.explain(w, false));
                }
            }
        }
    }

    @Test
    void every_statement_rests_on_a_line_of_the_log_and_an_unknown_work_has_no_explanation() {
        History h = finished();
        Explanations x = fold(h);
        for (String w : List.of("t1", "t2", "t3", "t4", "p1")) {
            Explanation e = english(x.explain(w, true));
            assertThat(e.logSize()).isEqualTo(h.build().size());
            assertThat(e.statements()).allSatisfy(s -> assertThat(s.seq()).isBetween(1L, (long) h.build().size()));
        }
        assertThat(x.explain("nope", true)).isNull();
        assertThat(x.knows("t1")).isTrue();
    }
}
