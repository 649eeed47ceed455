package io.selection.voting;

import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.VotingRules;
import io.selection.results.ListedWork;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.selection.TestEditions.BEIJING;
import static io.selection.TestEditions.CLOSES_AT;
import static io.selection.TestEditions.DURING_VOTING;
import static io.selection.TestEditions.OPENS_AT;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.accepted;
import static io.selection.TestEditions.decision;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.place;
import static io.selection.TestEditions.vote;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.FINAL_REVIEW;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voter book of one lane and edition: the decision of each vote against the voter's day, the
 * first outcome of a vote id on any later day, every day of a voter kept, and replay from the log.
 * The standard edition is voting on TEXT [t2, t1] and PIC [p1]; t3 is a text off the shortlist.
 */
class VoterBookTest {

    private final VoterBook book = new VoterBook();
    private EditionVotingState edition = standardEdition(TestEditions.rules()).votingState();

    // ---- editions ----

    private static History standardEdition(EditionRules rules) {
        return history().created(rules).to(COLLECTING)
                .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("p1", PIC)
                .to(SHORTLIST_PUBLISHED)
                .shortlist(Map.of(TEXT, List.of(place(1, "t2", "90.00"), place(2, "t1", "80.00")),
                        PIC, List.of(place(1, "p1", "60.00"))))
                .to(VOTING);
    }

    /**
     * Voting on eleven shortlisted texts w1..w11 and the picture p1, under these voting rules; x1 is
     * a text off the shortlist and d1 a disqualified one.
     */
    private static EditionVotingState elevenTexts(VotingRules voting) {
        History h = history().created(TestEditions.rules(List.of(new Category(TEXT, "Texts", 20, 10),
                new Category(PIC, "Pictures", 2, 1)), voting)).to(COLLECTING);
        List<ListedWork> places = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            h.work("w" + i, TEXT);
            places.add(place(i, "w" + i, "80.00"));
        }
        h.work("p1", PIC).work("x1", TEXT).work("d1", TEXT).disqualified("d1");
        return h.to(SHORTLIST_PUBLISHED)
                .shortlist(Map.of(TEXT, places, PIC, List.of(place(1, "p1", "60.00"))))
                .to(VOTING)
                .votingState();
    }

    private static VotingRules limits(int perWorkPerDay, int perCategoryPerDay) {
        return new VotingRules(OPENS_AT, CLOSES_AT, perWorkPerDay, perCategoryPerDay,
                VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS);
    }

    // ---- votes and outcomes ----

    /** A local time in Beijing, e.g. "2024-02-28T10:00". */
    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
    }

    /** A vote cast at {@code castAt} but received at {@code receivedAt} (for late and skewed votes). */
    private static Vote received(String voteId, String voterId, String workId, Instant castAt, Instant receivedAt) {
        return new Vote(voteId, voterId, workId, castAt, receivedAt, "10.0.0.1", "device-" + voterId);
    }

    private VoteOutcome cast(Vote vote) {
        return book.decide(vote, edition).outcome();
    }

    private static VoteOutcome acceptedOutcome(String voteId) {
        return new VoteOutcome(voteId, Decision.ACCEPTED, null, false);
    }

    private static VoteOutcome refusedOutcome(String voteId, RefusalReason reason) {
        return new VoteOutcome(voteId, Decision.REFUSED, reason, false);
    }

    private static VoteOutcome repeatOf(VoteOutcome first) {
        return new VoteOutcome(first.voteId(), first.decision(), first.reason(), true);
    }

    // =====================================================================================

    @Nested
    class Deciding_a_vote {

        @Test
        void accepts_a_vote_and_returns_the_decision_to_record() {
            Vote v1 = vote("v1", "alice", "t1", DURING_VOTING);

            VoterBook.Decided decided = book.decide(v1, edition);

            assertThat(decided.outcome()).isEqualTo(acceptedOutcome("v1"));
            assertThat(decided.decision()).isEqualTo(accepted(v1, TEXT));
            assertThat(decided.decision().day()).isEqualTo(LocalDate.parse("2024-02-28"));
            assertThat(book.voters()).isEqualTo(1);
        }

        @Test
        void records_refusals_with_the_works_category_or_null_for_an_unknown_work() {
            Vote offList = vote("v1", "alice", "t3", DURING_VOTING);
            Vote unknown = vote("v2", "bob", "nope", DURING_VOTING);
            Vote skewed = received("v3", "carol", "t2", DURING_VOTING.plusSeconds(301), DURING_VOTING);

            assertThat(book.decide(offList, edition).decision())
                    .isEqualTo(decision(offList, TEXT, RefusalReason.NOT_SHORTLISTED));
            assertThat(book.decide(unknown, edition).decision())
                    .isEqualTo(decision(unknown, null, RefusalReason.NOT_SHORTLISTED));
            VoterBook.Decided decided = book.decide(skewed, edition);
            assertThat(decided.decision()).isEqualTo(decision(skewed, TEXT, RefusalReason.CLOCK_SKEW));
            assertThat(decided.outcome()).isEqualTo(refusedOutcome("v3", RefusalReason.CLOCK_SKEW));
        }

        @Test
        void refuses_votes_outside_the_window_while_voting() {
            assertThat(cast(vote("v1", "alice", "t1", OPENS_AT.minusSeconds(1))))
                    .isEqualTo(refusedOutcome("v1", RefusalReason.OUTSIDE_VOTING_WINDOW));
            assertThat(cast(vote("v2", "bob", "t1", OPENS_AT))).isEqualTo(acceptedOutcome("v2"));
            assertThat(cast(vote("v3", "carol", "t1", CLOSES_AT)))
                    .isEqualTo(refusedOutcome("v3", RefusalReason.OUTSIDE_VOTING_WINDOW));
        }

        @Test
        void refuses_every_vote_before_the_voting_stage_and_after_it_closes() {
            EditionVotingState notYet = history().created().to(COLLECTING).work("t1", TEXT)
                    .to(SHORTLIST_PUBLISHED).shortlist(Map.of(TEXT, List.of(place(1, "t1", "80.00")))).votingState();
            EditionVotingState closed = standardEdition(TestEditions.rules()).to(FINAL_REVIEW).votingState();

            assertThat(book.decide(vote("v1", "alice", "t1", DURING_VOTING), notYet).outcome())
                    .isEqualTo(refusedOutcome("v1", RefusalReason.OUTSIDE_VOTING_WINDOW));
            assertThat(book.decide(vote("v2", "alice", "t1", DURING_VOTING), closed).outcome())
                    .isEqualTo(refusedOutcome("v2", RefusalReason.OUTSIDE_VOTING_WINDOW));
        }

        @Test
        void after_an_amendment_votes_go_to_the_new_work_and_not_to_the_removed_one() {
            edition = standardEdition(TestEditions.rules()).disqualified("t2").amended(TEXT, "t2", "t3", "70.00")
                    .votingState();

            assertThat(cast(vote("v1", "alice", "t3", DURING_VOTING))).isEqualTo(acceptedOutcome("v1"));
            assertThat(cast(vote("v2", "alice", "t2", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("v2", RefusalReason.DISQUALIFIED));
        }

        @Test
        void a_cast_time_without_a_calendar_day_is_refused_with_no_day_and_keeps_no_voter() {
            Vote timeless = received("v1", "alice", "t1", Instant.MIN, DURING_VOTING);

            VoterBook.Decided decided = book.decide(timeless, edition);

            assertThat(decided.decision()).isEqualTo(new VoteDecision("v1", "alice", "t1", TEXT, Instant.MIN,
                    DURING_VOTING, null, Decision.REFUSED, RefusalReason.OUTSIDE_VOTING_WINDOW, "10.0.0.1",
                    "device-alice"));
            assertThat(book.voters()).isZero();
            assertThat(cast(timeless)).isEqualTo(repeatOf(decided.outcome()));
        }
    }

    // =====================================================================================

    @Nested
    class Daily_work_limit {

        @Test
        void refuses_a_second_vote_for_the_same_work_on_the_same_day() {
            assertThat(cast(vote("v1", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v1"));
            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING.plusSeconds(3600))))
                    .isEqualTo(refusedOutcome("v2", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void limits_neither_another_work_nor_another_voter() {
            cast(vote("v1", "alice", "t1", DURING_VOTING));

            assertThat(cast(vote("v2", "alice", "t2", DURING_VOTING))).isEqualTo(acceptedOutcome("v2"));
            assertThat(cast(vote("v3", "alice", "p1", DURING_VOTING))).isEqualTo(acceptedOutcome("v3"));
            assertThat(cast(vote("v4", "bob", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v4"));
            assertThat(book.voters()).isEqualTo(2);
        }

        @Test
        void starts_afresh_the_next_day() {
            cast(vote("v1", "alice", "t1", DURING_VOTING));
            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING.plus(Duration.ofDays(1)))))
                    .isEqualTo(acceptedOutcome("v2"));
        }

        @Test
        void follows_a_higher_configured_limit() {
            edition = standardEdition(TestEditions.withVoting(limits(2, 10))).votingState();

            assertThat(cast(vote("v1", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v1"));
            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v2"));
            assertThat(cast(vote("v3", "alice", "t1", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("v3", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void counts_the_votes_of_earlier_groups_replayed_from_the_log() {
            book.replay(accepted(vote("v1", "alice", "t1", DURING_VOTING), TEXT), edition);

            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING.plusSeconds(3600))))
                    .isEqualTo(refusedOutcome("v2", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("v3", "alice", "t2", DURING_VOTING))).isEqualTo(acceptedOutcome("v3"));
        }

        @Test
        void refused_votes_do_not_use_up_the_limit() {
            Vote skewed = received("v1", "alice", "t1", DURING_VOTING.plusSeconds(400), DURING_VOTING);
            Vote offList = vote("v2", "alice", "t3", DURING_VOTING);
            assertThat(cast(skewed)).isEqualTo(refusedOutcome("v1", RefusalReason.CLOCK_SKEW));
            assertThat(cast(offList)).isEqualTo(refusedOutcome("v2", RefusalReason.NOT_SHORTLISTED));

            assertThat(cast(vote("v3", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v3"));
        }

        @Test
        void refused_votes_replayed_from_the_log_do_not_use_up_the_limit() {
            Vote skewed = received("v1", "alice", "t1", DURING_VOTING.plusSeconds(400), DURING_VOTING);
            book.replay(decision(skewed, TEXT, RefusalReason.CLOCK_SKEW), edition);
            book.replay(decision(vote("v2", "alice", "t1", DURING_VOTING), TEXT, RefusalReason.DAILY_WORK_LIMIT),
                    edition);

            assertThat(cast(vote("v3", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v3"));
        }
    }

    // =====================================================================================

    @Nested
    class Daily_category_limit {

        private void votedForTexts(String voterId, int count) {
            for (int i = 1; i <= count; i++) {
                assertThat(cast(vote(voterId + "-e" + i, voterId, "w" + i, DURING_VOTING)))
                        .isEqualTo(acceptedOutcome(voterId + "-e" + i));
            }
        }

        @Test
        void accepts_ten_distinct_works_and_refuses_the_eleventh() {
            edition = elevenTexts(TestEditions.votingRules());
            votedForTexts("alice", 10);

            assertThat(cast(vote("n1", "alice", "w11", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("n1", RefusalReason.DAILY_CATEGORY_LIMIT));
        }

        @Test
        void a_repeat_vote_for_a_work_hits_the_work_limit_and_other_voters_and_categories_are_free() {
            edition = elevenTexts(TestEditions.votingRules());
            votedForTexts("alice", 10);

            assertThat(cast(vote("n2", "alice", "w3", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("n2", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("n3", "bob", "w11", DURING_VOTING))).isEqualTo(acceptedOutcome("n3"));
            assertThat(cast(vote("n4", "alice", "p1", DURING_VOTING))).isEqualTo(acceptedOutcome("n4"));
            assertThat(cast(vote("n5", "alice", "w11", DURING_VOTING.plus(Duration.ofDays(1)))))
                    .isEqualTo(acceptedOutcome("n5"));
        }

        @Test
        void counts_distinct_works_not_votes() {
            edition = elevenTexts(limits(3, 2));
            for (int i = 1; i <= 3; i++) {
                assertThat(cast(vote("a" + i, "alice", "w1", DURING_VOTING))).isEqualTo(acceptedOutcome("a" + i));
            }
            assertThat(cast(vote("b1", "alice", "w2", DURING_VOTING))).isEqualTo(acceptedOutcome("b1"));
            assertThat(cast(vote("b2", "alice", "w2", DURING_VOTING))).isEqualTo(acceptedOutcome("b2"));

            assertThat(cast(vote("c1", "alice", "w3", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("c1", RefusalReason.DAILY_CATEGORY_LIMIT));
            assertThat(cast(vote("a4", "alice", "w1", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("a4", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void counts_works_of_earlier_groups_replayed_from_the_log() {
            edition = elevenTexts(TestEditions.votingRules());
            for (int i = 1; i <= 10; i++) {
                book.replay(accepted(vote("e" + i, "alice", "w" + i, DURING_VOTING), TEXT), edition);
            }

            assertThat(cast(vote("n1", "alice", "w11", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("n1", RefusalReason.DAILY_CATEGORY_LIMIT));
            assertThat(cast(vote("n2", "bob", "w11", DURING_VOTING))).isEqualTo(acceptedOutcome("n2"));
        }

        @Test
        void refused_votes_do_not_fill_the_category() {
            edition = elevenTexts(TestEditions.votingRules());
            votedForTexts("alice", 9);
            assertThat(cast(vote("x", "alice", "x1", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("x", RefusalReason.NOT_SHORTLISTED));
            assertThat(cast(vote("y", "alice", "w1", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("y", RefusalReason.DAILY_WORK_LIMIT));

            assertThat(cast(vote("n1", "alice", "w10", DURING_VOTING))).isEqualTo(acceptedOutcome("n1"));
            assertThat(cast(vote("n2", "alice", "w11", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("n2", RefusalReason.DAILY_CATEGORY_LIMIT));
        }
    }

    // =====================================================================================

    @Nested
    class Repeated_vote_ids {

        @Test
        void a_repeat_gets_the_first_outcome_marked_repeated_and_no_decision_to_record() {
            Vote v1 = vote("v1", "alice", "t1", DURING_VOTING);
            cast(v1);

            VoterBook.Decided again = book.decide(v1, edition);

            assertThat(again.outcome()).isEqualTo(repeatOf(acceptedOutcome("v1")));
            assertThat(again.decision()).isNull();
        }

        @Test
        void a_repeated_refusal_keeps_its_refusal() {
            Vote v1 = vote("v1", "alice", "t3", DURING_VOTING);
            cast(v1);

            assertThat(cast(v1)).isEqualTo(repeatOf(refusedOutcome("v1", RefusalReason.NOT_SHORTLISTED)));
        }

        @Test
        void a_repeat_is_known_by_its_id_alone_and_uses_up_nothing() {
            cast(vote("v1", "alice", "t1", DURING_VOTING));

            // the same id for another work: still the first decision, and t2 stays free
            assertThat(cast(vote("v1", "alice", "t2", DURING_VOTING))).isEqualTo(repeatOf(acceptedOutcome("v1")));
            assertThat(cast(vote("v2", "alice", "t2", DURING_VOTING))).isEqualTo(acceptedOutcome("v2"));
        }

        @Test
        void a_repeat_days_later_gets_the_first_outcome_though_its_day_is_no_longer_kept() {
            Vote early = vote("v1", "alice", "t1", beijing("2024-02-27T09:00"));
            Vote refused = vote("v2", "alice", "t3", beijing("2024-02-27T09:05"));
            cast(early);
            cast(refused);
            for (String day : List.of("2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02")) {
                assertThat(cast(vote("later-" + day, "alice", "t1", beijing(day + "T09:00")))).extracting(
                        VoteOutcome::decision).isEqualTo(Decision.ACCEPTED);
            }
            Instant fiveDaysOn = beijing("2024-03-03T12:00");

            assertThat(cast(received("v1", "alice", "t1", early.castAt(), fiveDaysOn)))
                    .isEqualTo(repeatOf(acceptedOutcome("v1")));
            assertThat(cast(received("v2", "alice", "t3", refused.castAt(), fiveDaysOn)))
                    .isEqualTo(repeatOf(refusedOutcome("v2", RefusalReason.NOT_SHORTLISTED)));
        }

        @Test
        void a_vote_id_replayed_from_the_log_is_a_repeat() {
            book.replay(decision(vote("v1", "alice", "t1", DURING_VOTING), TEXT, RefusalReason.DAILY_WORK_LIMIT),
                    edition);

            assertThat(cast(vote("v1", "alice", "t1", DURING_VOTING)))
                    .isEqualTo(repeatOf(refusedOutcome("v1", RefusalReason.DAILY_WORK_LIMIT)));
        }
    }

    // =====================================================================================

    @Nested
    class Calendar_days_in_Beijing_time {

        @Test
        void a_new_day_starts_at_Beijing_midnight_which_is_16_00_UTC() {
            Vote lateOn27th = vote("v1", "alice", "t1", Instant.parse("2024-02-27T15:59:59Z"));
            Vote earlyOn28th = vote("v2", "alice", "t1", Instant.parse("2024-02-27T16:00:00Z"));
            Vote alsoOn27th = vote("v3", "alice", "t1", Instant.parse("2024-02-27T10:00:00Z"));

            VoteDecision first = book.decide(lateOn27th, edition).decision();
            VoteDecision second = book.decide(earlyOn28th, edition).decision();
            VoteDecision third = book.decide(alsoOn27th, edition).decision();

            assertThat(first).isEqualTo(accepted(lateOn27th, TEXT));
            assertThat(first.day()).isEqualTo(LocalDate.parse("2024-02-27"));
            assertThat(second).isEqualTo(accepted(earlyOn28th, TEXT));
            assertThat(second.day()).isEqualTo(LocalDate.parse("2024-02-28"));
            assertThat(third).isEqualTo(decision(alsoOn27th, TEXT, RefusalReason.DAILY_WORK_LIMIT));
        }
    }

    // =====================================================================================

    /** Every day of a voter is kept: votes may arrive in any order and each is judged against its own day. */
    @Nested
    class The_days_of_a_voter {

        @Test
        void the_limits_are_exact_on_both_kept_days() {
            cast(vote("a", "alice", "t1", beijing("2024-02-28T23:50")));
            cast(vote("b", "alice", "t1", beijing("2024-02-29T00:10")));

            // sent late from the 28th (one day out of order), then again on the 29th
            assertThat(cast(received("c", "alice", "t1", beijing("2024-02-28T23:55"), beijing("2024-02-29T00:20"))))
                    .isEqualTo(refusedOutcome("c", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("d", "alice", "t1", beijing("2024-02-29T08:00"))))
                    .isEqualTo(refusedOutcome("d", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(received("e", "alice", "t2", beijing("2024-02-28T23:56"), beijing("2024-02-29T00:20"))))
                    .isEqualTo(acceptedOutcome("e"));
            assertThat(cast(received("f", "alice", "t2", beijing("2024-02-28T23:57"), beijing("2024-02-29T00:20"))))
                    .isEqualTo(refusedOutcome("f", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void a_vote_for_an_older_day_is_judged_against_that_day() {
            cast(vote("a", "alice", "t1", beijing("2024-02-27T10:00")));
            cast(vote("b", "alice", "t1", beijing("2024-02-28T10:00")));
            cast(vote("c", "alice", "t1", beijing("2024-02-29T10:00")));

            // two days late, from concurrent senders: still the 27th's limit
            assertThat(cast(vote("d", "alice", "t1", beijing("2024-02-27T11:00"))))
                    .isEqualTo(refusedOutcome("d", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("e", "alice", "t2", beijing("2024-02-27T12:00")))).isEqualTo(acceptedOutcome("e"));
            assertThat(cast(vote("f", "alice", "t1", beijing("2024-02-28T11:00"))))
                    .isEqualTo(refusedOutcome("f", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("g", "alice", "t1", beijing("2024-02-29T11:00"))))
                    .isEqualTo(refusedOutcome("g", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void a_day_between_two_others_has_its_own_limit() {
            cast(vote("a", "alice", "t1", beijing("2024-02-27T10:00")));
            cast(vote("b", "alice", "t1", beijing("2024-02-29T10:00")));

            assertThat(cast(vote("c", "alice", "t1", beijing("2024-02-28T10:00")))).isEqualTo(acceptedOutcome("c"));
            assertThat(cast(vote("d", "alice", "t1", beijing("2024-02-28T11:00"))))
                    .isEqualTo(refusedOutcome("d", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("e", "alice", "t1", beijing("2024-02-29T11:00"))))
                    .isEqualTo(refusedOutcome("e", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("f", "alice", "t1", beijing("2024-02-27T11:00"))))
                    .isEqualTo(refusedOutcome("f", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void an_earlier_day_is_kept_when_only_one_day_is() {
            cast(vote("a", "alice", "t1", beijing("2024-02-29T10:00")));
            cast(vote("b", "alice", "t1", beijing("2024-02-27T10:00")));

            assertThat(cast(vote("c", "alice", "t1", beijing("2024-02-27T11:00"))))
                    .isEqualTo(refusedOutcome("c", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("d", "alice", "t1", beijing("2024-02-29T11:00"))))
                    .isEqualTo(refusedOutcome("d", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void each_voter_has_days_of_their_own() {
            cast(vote("a1", "alice", "t1", beijing("2024-02-27T10:00")));
            cast(vote("b1", "bob", "t1", beijing("2024-02-27T10:00")));
            cast(vote("a2", "alice", "t1", beijing("2024-02-28T10:00")));
            cast(vote("a3", "alice", "t1", beijing("2024-02-29T10:00")));

            // alice's 27th is kept beside her later days, and bob's is his own
            assertThat(cast(vote("a4", "alice", "t1", beijing("2024-02-27T11:00"))))
                    .isEqualTo(refusedOutcome("a4", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(cast(vote("b2", "bob", "t1", beijing("2024-02-27T11:00"))))
                    .isEqualTo(refusedOutcome("b2", RefusalReason.DAILY_WORK_LIMIT));
            assertThat(book.voters()).isEqualTo(2);
        }

        @Test
        void refused_votes_dated_days_ahead_leave_the_voters_real_day_alone() {
            assertThat(cast(vote("v1", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v1"));
            assertThat(cast(received("s1", "alice", "t2", beijing("2024-03-02T10:00"), DURING_VOTING)))
                    .isEqualTo(refusedOutcome("s1", RefusalReason.CLOCK_SKEW));
            assertThat(cast(received("s2", "alice", "t2", beijing("2024-03-03T10:00"), DURING_VOTING)))
                    .isEqualTo(refusedOutcome("s2", RefusalReason.CLOCK_SKEW));

            // the same voter, the same day, the same work: the two refused votes must change nothing
            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING.plusSeconds(60))))
                    .isEqualTo(refusedOutcome("v2", RefusalReason.DAILY_WORK_LIMIT));
        }
    }

    // =====================================================================================

    @Nested
    class Replaying_the_log {

        /**
         * A mixed stream: four voters from before the window opens to its last days, on fourteen works,
         * with resent ids, votes a day or three late, skewed clocks and a cast time with no day.
         */
        private List<Vote> mixedVotes(long seed, int count) {
            Random random = new Random(seed);
            String[] voters = {"alice", "bob", "carol", "dave"};
            String[] works = {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "p1", "x1", "d1"};
            List<Vote> votes = new ArrayList<>();
            Instant start = OPENS_AT.minus(Duration.ofHours(6));
            for (int i = 0; i < count; i++) {
                if (!votes.isEmpty() && random.nextInt(10) == 0) {
                    Vote earlier = votes.get(random.nextInt(votes.size()));
                    votes.add(earlier);
                    continue;
                }
                Instant receivedAt = start.plus(Duration.ofMinutes(15L * i));
                Instant castAt = receivedAt.minusSeconds(random.nextInt(600));
                int kind = random.nextInt(40);
                if (kind < 4) {
                    castAt = castAt.minus(Duration.ofDays(1));
                } else if (kind < 6) {
                    castAt = castAt.minus(Duration.ofDays(3));
                } else if (kind < 8) {
                    castAt = receivedAt.plus(Duration.ofDays(1 + random.nextInt(3)));
                } else if (kind == 8) {
                    castAt = Instant.MIN;
                }
                votes.add(received("m" + i, voters[random.nextInt(voters.length)],
                        works[random.nextInt(works.length)], castAt, receivedAt));
            }
            return votes;
        }

        @Test
        void decisions_after_a_replay_equal_the_decisions_without_one() {
            edition = elevenTexts(limits(2, 3));
            List<Vote> votes = mixedVotes(20240227L, 600);
            List<Vote> before = votes.subList(0, 300);
            List<Vote> after = votes.subList(300, votes.size());

            List<VoteDecision> log = new ArrayList<>();
            for (Vote vote : before) {
                VoterBook.Decided decided = book.decide(vote, edition);
                if (decided.decision() != null) {
                    log.add(decided.decision());
                }
            }
            VoterBook rebuilt = new VoterBook();
            log.forEach(decision -> rebuilt.replay(decision, edition));
            assertThat(rebuilt.voters()).isEqualTo(book.voters());

            List<VoterBook.Decided> withoutReplay = new ArrayList<>();
            List<VoterBook.Decided> afterReplay = new ArrayList<>();
            for (Vote vote : after) {
                withoutReplay.add(book.decide(vote, edition));
                afterReplay.add(rebuilt.decide(vote, edition));
            }

            assertThat(afterReplay).isEqualTo(withoutReplay);
            // the comparison is not vacuous: the second half meets every kind of answer
            Set<RefusalReason> reasons = withoutReplay.stream().map(d -> d.outcome().reason())
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            assertThat(reasons).containsAll(EnumSet.allOf(RefusalReason.class));
            assertThat(withoutReplay).anyMatch(d -> d.outcome().decision() == Decision.ACCEPTED)
                    .anyMatch(d -> d.outcome().repeated())
                    .anyMatch(d -> d.outcome().repeated() && before.stream()
                            .anyMatch(v -> v.voteId().equals(d.outcome().voteId())));
        }

        @Test
        void replaying_a_decision_twice_counts_it_once() {
            edition = standardEdition(TestEditions.withVoting(limits(2, 10))).votingState();
            VoteDecision first = accepted(vote("v1", "alice", "t1", DURING_VOTING), TEXT);
            book.replay(first, edition);
            book.replay(first, edition);

            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v2"));
            assertThat(cast(vote("v3", "alice", "t1", DURING_VOTING)))
                    .isEqualTo(refusedOutcome("v3", RefusalReason.DAILY_WORK_LIMIT));
        }

        @Test
        void replays_a_decision_without_a_day() {
            VoteDecision timeless = new VoteDecision("v1", "alice", "t1", TEXT, Instant.MIN, DURING_VOTING, null,
                    Decision.REFUSED, RefusalReason.OUTSIDE_VOTING_WINDOW, null, null);
            book.replay(timeless, edition);

            assertThat(book.voters()).isZero();
            assertThat(cast(vote("v1", "alice", "t1", DURING_VOTING)))
                    .isEqualTo(repeatOf(refusedOutcome("v1", RefusalReason.OUTSIDE_VOTING_WINDOW)));
            assertThat(cast(vote("v2", "alice", "t1", DURING_VOTING))).isEqualTo(acceptedOutcome("v2"));
        }
    }

    // =====================================================================================

    /** How a vote id's first outcome is kept: a small code, given back as a repeat. */
    @Nested
    class Outcome_codes {

        @Test
        void an_accepted_vote_is_zero_and_comes_back_as_an_accepted_repeat() {
            int code = VoterBook.encode(null);

            assertThat(code).isZero();
            assertThat(VoterBook.decode("v1", code)).isEqualTo(new VoteOutcome("v1", Decision.ACCEPTED, null, true));
        }

        @ParameterizedTest
        @EnumSource(RefusalReason.class)
        void each_refusal_has_its_own_code_that_fits_in_a_byte_and_comes_back_as_a_repeat(RefusalReason reason) {
            int code = VoterBook.encode(reason);

            assertThat(code).isBetween(1, 127);
            IdTable ids = new IdTable();
            ids.putIfAbsent("v9", code);
            assertThat(VoterBook.decode("v9", ids.get("v9")))
                    .isEqualTo(new VoteOutcome("v9", Decision.REFUSED, reason, true));
        }

        @Test
        void the_codes_are_distinct() {
            Set<Integer> codes = new HashSet<>();
            codes.add(VoterBook.encode(null));
            for (RefusalReason reason : RefusalReason.values()) {
                codes.add(VoterBook.encode(reason));
            }
            assertThat(codes).hasSize(RefusalReason.values().length + 1);
        }
    }
}
