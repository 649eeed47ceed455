package io.selection.recount;

import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.Weights;
import io.selection.events.EditionEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.VoteDecision;
import io.selection.work.UrlNormaliser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.DURING_VOTING;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.PUBLISHED_ON;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.accepted;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.place;
import static io.selection.TestEditions.urlOf;
import static io.selection.TestEditions.vote;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.FINAL_REVIEW;
import static io.selection.edition.Stage.PRELIMINARY_REVIEW;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recount: every list computed again from the events alone, with ties at every level of the
 * rules (docs/rules.md, "Ties": the shortlist by preliminary score, then submission, then work id;
 * the winners by final score, then jury score, then valid votes, then submission, then work id),
 * on exact values, and disqualifications that free a place on the shortlist and among the winners.
 */
class RecountTest {

    /** The events folded into a fresh recount, numbered from 1 as in the log. */
    private static Recount fold(History history) {
        Recount recount = new Recount();
        List<Object> events = history.build();
        for (int i = 0; i < events.size(); i++) {
            recount.apply(i + 1, (EditionEvent) events.get(i));
        }
        return recount;
    }

    /** Publishes the shortlist that the rules give for the history so far. */
    private static History withShortlist(History history) {
        return history.to(SHORTLIST_PUBLISHED).shortlist(fold(history).shortlistByRules());
    }

    /** A work submitted with a given submission number (a hand-made log can repeat one). */
    private static WorkSubmittedEvent submitted(String workId, String category, long submissionNo) {
        return new WorkSubmittedEvent(ID, workId, "Title of " + workId, urlOf(workId),
                UrlNormaliser.normalise(urlOf(workId)), category, PUBLISHED_ON, "Unit of " + workId, submissionNo, AT,
                ORGANISER);
    }

    /** {@code n} accepted votes for the work, ids {@code <workId>-1..n}, each from its own voter. */
    private static VotesDecidedEvent votes(String workId, String category, int n) {
        List<VoteDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            decisions.add(accepted(vote(workId + "-" + i, "voter-" + workId + "-" + i, workId, DURING_VOTING),
                    category));
        }
        return new VotesDecidedEvent(ID, "vote-lane-local-0", null, decisions);
    }

    private static VotesInvalidatedEvent invalidated(String setId, List<String> voteIds) {
        return new VotesInvalidatedEvent(ID, setId, "ip-burst", "a bot farm", voteIds, Map.of(), AT, ORGANISER);
    }

    private static List<String> ids(List<ListedWork> places) {
        return places.stream().map(ListedWork::workId).toList();
    }

    @Nested
    class The_shortlist {

        /**
         * TEXT, 4 places: a 90; f 80.0033 (shown 80.00); c and b exactly 80, c submitted first; d
         * and e exactly 70 with the same submission number, so d by its id; g 70 from five scores
         * with the extremes trimmed, submitted last. PIC, 2 places: p1 alone.
         */
        private History scored() {
            EditionRules rules = TestEditions.rules(List.of(new Category(TEXT, "Texts", 4, 2),
                    new Category(PIC, "Pictures", 2, 1)));
            return history().created(rules).to(COLLECTING)
                    .work("c", TEXT).work("b", TEXT).work("a", TEXT).work("f", TEXT).work("d", TEXT)
                    .event(submitted("e", TEXT, 5)).work("g", TEXT).work("p1", PIC)
                    .reviewers().to(PRELIMINARY_REVIEW)
                    .scores(Round.PRELIMINARY, "a", "90", "90", "90")
                    .scores(Round.PRELIMINARY, "b", "80", "80", "80")
                    .scores(Round.PRELIMINARY, "c", "79", "80", "81")
                    .scores(Round.PRELIMINARY, "f", "80", "80", "80.01")
                    .scores(Round.PRELIMINARY, "d", "70", "70", "70")
                    .scores(Round.PRELIMINARY, "e", "70.00", "70", "70")
                    .scores(Round.PRELIMINARY, "g", "100", "70", "70", "70", "0")
                    .scores(Round.PRELIMINARY, "p1", "60", "60", "60");
        }

        @Test
        void ranks_equal_preliminary_scores_by_earlier_submission_then_smaller_id() {
            Recount recount = fold(scored());

            assertThat(ShortlistRanking.rank(recount.shortlistCandidates(TEXT)))
                    .extracting(r -> r.candidate().workId()).containsExactly("a", "f", "c", "b", "d", "e", "g");
        }

        @Test
        void ranks_on_exact_scores_and_shows_them_rounded_to_two_decimals() {
            Recount recount = fold(scored());

            assertThat(recount.shortlistByRules()).isEqualTo(Map.of(
                    TEXT, List.of(place(1, "a", "90.00"), place(2, "f", "80.00"), place(3, "c", "80.00"),
                            place(4, "b", "80.00")),
                    PIC, List.of(place(1, "p1", "60.00"))));
        }

        @Test
        void a_later_score_of_the_same_reviewer_replaces_the_earlier_one() {
            Recount recount = fold(scored().score(Round.PRELIMINARY, "b", "r1", "95"));

            // b: 95, 80, 80 = 85, now second
            assertThat(ids(recount.shortlistByRules().get(TEXT))).containsExactly("a", "b", "f", "c");
        }

        @Test
        void a_disqualified_shortlisted_work_is_replaced_by_the_next_ranked_and_then_that_one_by_the_next() {
            History history = withShortlist(scored()).to(VOTING).event(votes("f", TEXT, 3)).disqualified("f");
            Recount recount = fold(history);

            ListedWork next = recount.nextOnShortlist(TEXT);
            assertThat(next.workId()).isEqualTo("d");
            assertThat(next.preliminaryScore()).isEqualByComparingTo("70");

            history.amended(TEXT, "f", "d", "70.00").disqualified("d");
            recount = fold(history);
            assertThat(ids(recount.shortlist().get(TEXT))).containsExactly("a", "c", "b", "d");
            // d gone too: e, tied with d, is next; g, tied on score but submitted later, is not
            assertThat(recount.nextOnShortlist(TEXT).workId()).isEqualTo("e");

            recount = fold(history.amended(TEXT, "d", "e", "70.00").event(votes("e", TEXT, 2)));
            assertThat(recount.shortlist().get(TEXT)).containsExactly(place(1, "a", "90.00"),
                    place(2, "c", "80.00"), place(3, "b", "80.00"), place(4, "e", "70.00"));
            // the logged list is the one the rules give from scratch without the disqualified works
            assertThat(recount.shortlistByRules()).isEqualTo(recount.shortlist());
            // and the tallies follow the list as it stands: f's votes are out, e's are in
            assertThat(recount.shortlistTallies().get(TEXT)).containsExactly(Map.entry("a", 0L),
                    Map.entry("b", 0L), Map.entry("c", 0L), Map.entry("e", 2L));
        }

        @Test
        void a_category_with_no_work_left_to_take_the_place_has_no_backfill() {
            Recount recount = fold(withShortlist(scored()).to(VOTING).disqualified("p1"));

            assertThat(recount.nextOnShortlist(PIC)).isNull();
        }
    }

    @Nested
    class The_winners {

        /**
         * TEXT, 6 shortlist and 5 final places, the most votes 10 (y): x jury 90 with 3 votes and y
         * jury 60 with 10 votes both score exactly 72, x first by its jury score; w, z, u, v all
         * jury 70 with 5 votes (64): w before z by submission, u before v (same submission number)
         * by id, and v is sixth. spare is off the shortlist.
         */
        private History voted() {
            EditionRules rules = TestEditions.rules(List.of(new Category(TEXT, "Texts", 6, 5),
                    new Category(PIC, "Pictures", 2, 1)));
            History history = history().created(rules).to(COLLECTING)
                    .work("x", TEXT).work("y", TEXT).work("w", TEXT).work("z", TEXT).work("u", TEXT)
                    .event(submitted("v", TEXT, 5)).work("spare", TEXT).work("p1", PIC)
                    .reviewers().to(PRELIMINARY_REVIEW)
                    .scores(Round.PRELIMINARY, "x", "90", "90", "90")
                    .scores(Round.PRELIMINARY, "y", "89", "89", "89")
                    .scores(Round.PRELIMINARY, "w", "88", "88", "88")
                    .scores(Round.PRELIMINARY, "z", "87", "87", "87")
                    .scores(Round.PRELIMINARY, "u", "86", "86", "86")
                    .scores(Round.PRELIMINARY, "v", "85", "85", "85")
                    .scores(Round.PRELIMINARY, "spare", "50", "50", "50")
                    .scores(Round.PRELIMINARY, "p1", "60", "60", "60");
            return withShortlist(history).to(VOTING)
                    .event(votes("x", TEXT, 3)).event(votes("y", TEXT, 10)).event(votes("w", TEXT, 5))
                    .event(votes("z", TEXT, 5)).event(votes("u", TEXT, 5)).event(votes("v", TEXT, 5))
                    .event(votes("p1", PIC, 1))
                    .to(FINAL_REVIEW)
                    .scores(Round.FINAL, "x", "90", "90", "90")
                    .scores(Round.FINAL, "y", "60", "60", "60")
                    .scores(Round.FINAL, "w", "70", "70", "70")
                    .scores(Round.FINAL, "z", "70", "70", "70")
                    .scores(Round.FINAL, "u", "70", "70", "70")
                    .scores(Round.FINAL, "v", "70", "70", "70")
                    .scores(Round.FINAL, "p1", "50", "50", "50");
        }

        @Test
        void rank_equal_final_scores_by_jury_score_then_submission_then_id() {
            Recount recount = fold(voted());

            assertThat(recount.winnersByRules().get(TEXT)).containsExactly(
                    winner(1, "x", "90.00", 3, "30.00", "72.00"),
                    winner(2, "y", "60.00", 10, "100.00", "72.00"),
                    winner(3, "w", "70.00", 5, "50.00", "64.00"),
                    winner(4, "z", "70.00", 5, "50.00", "64.00"),
                    winner(5, "u", "70.00", 5, "50.00", "64.00"));
            assertThat(recount.winnersByRules().get(PIC)).containsExactly(
                    winner(1, "p1", "50.00", 1, "100.00", "65.00"));
        }

        @Test
        void rank_equal_final_and_jury_scores_by_more_valid_votes() {
            // with no weight on the vote, equal jury scores are equal final scores
            EditionRules rules = TestEditions.withWeights(new Weights(100, 0));
            History history = history().created(rules).to(COLLECTING)
                    .work("m", TEXT).work("n", TEXT).work("p1", PIC).reviewers().to(PRELIMINARY_REVIEW)
                    .scores(Round.PRELIMINARY, "m", "80", "80", "80")
                    .scores(Round.PRELIMINARY, "n", "70", "70", "70")
                    .scores(Round.PRELIMINARY, "p1", "60", "60", "60");
            history = withShortlist(history).to(VOTING)
                    .event(votes("m", TEXT, 2)).event(votes("n", TEXT, 5))
                    .to(FINAL_REVIEW)
                    .scores(Round.FINAL, "m", "80", "80", "80")
                    .scores(Round.FINAL, "n", "80", "80", "80");

            Recount recount = fold(history);

            assertThat(recount.winnersByRules().get(TEXT)).containsExactly(
                    winner(1, "n", "80.00", 5, "100.00", "80.00"));
        }

        @Test
        void a_disqualified_would_be_winner_leaves_and_the_next_ranked_takes_its_place() {
            History history = voted().disqualified("x");
            Recount recount = fold(history);
            ListedWork backfill = recount.nextOnShortlist(TEXT);
            assertThat(backfill.workId()).isEqualTo("spare");

            recount = fold(history.amended(TEXT, "x", "spare", "50.00")
                    .scores(Round.FINAL, "spare", "40", "40", "40"));

            assertThat(recount.winnersByRules().get(TEXT)).containsExactly(
                    winner(1, "y", "60.00", 10, "100.00", "72.00"),
                    winner(2, "w", "70.00", 5, "50.00", "64.00"),
                    winner(3, "z", "70.00", 5, "50.00", "64.00"),
                    winner(4, "u", "70.00", 5, "50.00", "64.00"),
                    winner(5, "v", "70.00", 5, "50.00", "64.00"));
            assertThat(recount.finalCandidates(TEXT)).extracting(c -> c.workId())
                    .containsExactlyInAnyOrder("y", "w", "z", "u", "v", "spare");
        }

        @Test
        void count_only_valid_votes_an_invalidated_vote_once_however_many_sets_hold_it() {
            History history = voted()
                    .event(invalidated("ip-1", List.of("y-1", "y-2", "y-3")))
                    .event(invalidated("device-1", List.of("y-3", "y-4", "y-5")));

            Recount recount = fold(history);

            assertThat(recount.shortlistTallies().get(TEXT)).containsEntry("y", 5L);
            assertThat(recount.votes().invalidated("y")).isEqualTo(5);
            // y is down to as many valid votes as w, z, u and v, the most now: x 63 + 18 = 81,
            // w, z, u, v 49 + 30 = 79, and y 42 + 30 = 72 drops out
            assertThat(recount.winnersByRules().get(TEXT)).extracting(Winner::workId)
                    .containsExactly("x", "w", "z", "u", "v");
        }

        private static Winner winner(int rank, String workId, String jury, long votes, String voteScore,
                                     String finalScore) {
            return new Winner(rank, workId, new BigDecimal(jury), votes, new BigDecimal(voteScore),
                    new BigDecimal(finalScore));
        }
    }
}
