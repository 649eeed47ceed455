package io.selection.edition;

import io.selection.events.EditionCreatedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.TestCommands;
import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.results.CertifiedTallies;
import io.selection.results.ListedWork;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.results.Winner;
import io.selection.review.RegisterReviewerCommand;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.review.ScoreWorkCommand;
import io.selection.events.WorkScoredEvent;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.RefusalReason;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.work.DisqualifyWorkCommand;
import io.selection.work.SubmitWorkCommand;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.noRefusals;
import static io.selection.TestEditions.place;
import static io.selection.TestCommands.refusal;
import static io.selection.TestEditions.stageChanged;
import static io.selection.TestEditions.refusals;
import static io.selection.TestCommands.submit;
import static io.selection.TestEditions.tallies;
import static io.selection.TestCommands.transition;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.DRAFT;
import static io.selection.edition.Stage.FINAL_REVIEW;
import static io.selection.edition.Stage.PRELIMINARY_REVIEW;
import static io.selection.edition.Stage.RESULTS_PUBLISHED;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;
import static io.selection.review.Round.FINAL;
import static io.selection.review.Round.PRELIMINARY;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.instanceOf;

/**
 * The Edition aggregate, command by command, against event histories built as the aggregate writes
 * them. The standard edition: texts t1 (80), t2 (90), t3 (70) and picture p1 (60) by preliminary
 * score, reviewers r1..r5, and a shortlist of TEXT [t2, t1] and PIC [p1]. Votes are decided by
 * the vote lanes (VoterBookTest); the edition only certifies their tallies and invalidates sets.
 */
class EditionAggregateTest {

    private FixtureConfiguration<Edition> fixture;

    @BeforeEach
    void newFixture() {
        fixture = TestCommands.fixture();
    }

    /** A refusal: a DomainException matching {@code matcher}, and nothing recorded. */
    private static void refused(ResultValidator<Edition> result, Matcher<DomainException> matcher) {
        result.expectException(DomainException.class).expectException(matcher).expectNoEvents();
    }

    private static void refused(ResultValidator<Edition> result, ErrorCode code) {
        refused(result, refusal(code));
    }

    // ---- standard histories ----

    private static History collecting() {
        return history().created().to(COLLECTING);
    }

    /** In PRELIMINARY_REVIEW, every work scored three times. */
    private static History reviewed() {
        return collecting().reviewers()
                .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("p1", PIC)
                .to(PRELIMINARY_REVIEW)
                .scores(PRELIMINARY, "t1", "80", "80", "80")
                .scores(PRELIMINARY, "t2", "90", "90", "90")
                .scores(PRELIMINARY, "t3", "70", "70", "70")
                .scores(PRELIMINARY, "p1", "60", "60", "60");
    }

    private static Map<String, List<ListedWork>> standardShortlist() {
        return Map.of(TEXT, List.of(place(1, "t2", "90.00"), place(2, "t1", "80.00")),
                PIC, List.of(place(1, "p1", "60.00")));
    }

    private static History shortlisted() {
        return reviewed().to(SHORTLIST_PUBLISHED).shortlist(standardShortlist());
    }

    private static History voting() {
        return shortlisted().to(VOTING);
    }

    private static io.selection.voting.VoteSet set(String setId) {
        return new io.selection.voting.VoteSet(setId, "ip-burst", "ip", "10.0.0.1", AT.minusSeconds(600), AT);
    }

    private static InvalidateVotesCommand invalidate(String setId, String reason, Map<String, Long> perWork) {
        return new InvalidateVotesCommand(ID, set(setId), reason, List.of(setId + "-v1", setId + "-v2"),
                perWork, AT, ORGANISER);
    }

    private static VotesInvalidatedEvent invalidated(String setId, String reason, Map<String, Long> perWork) {
        return new VotesInvalidatedEvent(ID, set(setId), reason, List.of(setId + "-v1", setId + "-v2"),
                perWork, AT, ORGANISER, null);
    }

    // =====================================================================================

    @Nested
    class Creating_an_edition {

        @Test
        void records_the_rules_as_given() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEditionCommand(ID, TestEditions.rules(), AT, ORGANISER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
        }

        @Test
        void refuses_an_id_with_characters_outside_the_allowed_set() {
            refused(fixture.givenNoPriorActivity()
                            .when(new CreateEditionCommand("ed 2023/1", TestEditions.rules(), AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "id", List.of()));
        }

        @Test
        void refuses_a_shortlist_quota_smaller_than_the_final_quota() {
            refused(fixture.givenNoPriorActivity().when(new CreateEditionCommand(ID,
                            TestEditions.rules(List.of(new Category(TEXT, "Texts", 100, 110))), AT, ORGANISER)),
                    refusal(ErrorCode.QUOTA_MISMATCH, "categories", List.of(TEXT)));
        }

        @Test
        void refuses_weights_that_do_not_add_up_to_100() {
            refused(fixture.givenNoPriorActivity().when(new CreateEditionCommand(ID,
                            TestEditions.withWeights(new Weights(70, 40)), AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "weights", List.of()));
        }
    }

    // =====================================================================================

    @Nested
    class Moving_between_stages {

        @Test
        void opens_collection_from_draft() {
            fixture.given(history().created().build())
                    .when(transition(COLLECTING))
                    .expectEvents(stageChanged(DRAFT, COLLECTING));
        }

        @Test
        void closes_collection_for_preliminary_review() {
            fixture.given(collecting().work("t1", TEXT).build())
                    .when(transition(PRELIMINARY_REVIEW))
                    .expectEvents(stageChanged(COLLECTING, PRELIMINARY_REVIEW));
        }

        @Test
        void opens_voting_after_the_shortlist() {
            fixture.given(shortlisted().build())
                    .when(transition(VOTING))
                    .expectEvents(stageChanged(SHORTLIST_PUBLISHED, VOTING));
        }

        @Test
        void refuses_to_skip_a_stage_and_says_which_stage_may_follow() {
            fixture.given(history().created().build())
                    .when(transition(PRELIMINARY_REVIEW))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("edition ed-2023 is in stage DRAFT; only COLLECTING may follow it")
                    .expectException(refusal(ErrorCode.STAGE_MISMATCH, "to", List.of("DRAFT")))
                    .expectNoEvents();
        }

        @Test
        void refuses_to_go_back() {
            refused(fixture.given(collecting().build()).when(transition(DRAFT)),
                    refusal(ErrorCode.STAGE_MISMATCH, "to", List.of("COLLECTING")));
        }

        @Test
        void refuses_to_stay() {
            refused(fixture.given(collecting().build()).when(transition(COLLECTING)), ErrorCode.STAGE_MISMATCH);
        }

        @Test
        void nothing_follows_published_results() {
            fixture.given(history().created().to(RESULTS_PUBLISHED).build())
                    .when(transition(RESULTS_PUBLISHED))
                    .expectException(refusal(ErrorCode.STAGE_MISMATCH, "to", List.of("RESULTS_PUBLISHED")))
                    .expectExceptionMessage("edition ed-2023 is in stage RESULTS_PUBLISHED; only no further stage may follow it")
                    .expectNoEvents();
        }

        @Test
        void refuses_a_transition_without_a_target() {
            refused(fixture.given(collecting().build()).when(transition(null)),
                    refusal(ErrorCode.VALIDATION, "to", List.of()));
        }

        static Stream<Arguments> every_wrong_move() {
            List<Arguments> moves = new ArrayList<>();
            for (Stage from : Stage.values()) {
                for (Stage to : Stage.values()) {
                    if (!from.hasNext() || to != from.next()) {
                        moves.add(Arguments.of(from, to));
                    }
                }
            }
            return moves.stream();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("every_wrong_move")
        void refuses_every_move_but_the_next_stage(Stage from, Stage to) {
            refused(fixture.given(history().created().to(from).build()).when(transition(to)),
                    refusal(ErrorCode.STAGE_MISMATCH, "to", List.of(from.name())));
        }

        @Test
        void an_empty_edition_walks_through_every_stage() {
            Map<Stage, List<Object>> expected = Map.of(
                    SHORTLIST_PUBLISHED, List.of(new ShortlistPublishedEvent(ID, Map.of(TEXT, List.of(), PIC, List.of()), AT)),
                    FINAL_REVIEW, List.of(new TalliesCertifiedEvent(ID, Map.of(), noRefusals(), AT)),
                    RESULTS_PUBLISHED, List.of(new ResultsPublishedEvent(ID, Map.of(TEXT, List.of(), PIC, List.of()), AT)));
            for (Stage from : Stage.values()) {
                if (!from.hasNext()) {
                    continue;
                }
                List<Object> events = new ArrayList<>();
                events.add(stageChanged(from, from.next()));
                events.addAll(expected.getOrDefault(from.next(), List.of()));
                TestCommands.fixture()
                        .given(history().created().to(from).build())
                        .when(transition(from.next(), new CertifiedTallies(Map.of(), Map.of())))
                        .expectEvents(events.toArray());
            }
        }

        @Nested
        class Publishing_the_shortlist {

            @Test
            void lists_the_top_works_of_each_category_up_to_its_quota() {
                fixture.given(reviewed().build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectEvents(stageChanged(PRELIMINARY_REVIEW, SHORTLIST_PUBLISHED),
                                new ShortlistPublishedEvent(ID, standardShortlist(), AT));
            }

            @Test
            void shows_trimmed_exact_means_rounded_to_two_decimals() {
                // t1: 100 and 0 trimmed, (80 + 80 + 81) / 3 = 80.333...; t2: (90 + 90 + 91) / 3 = 90.333...
                History given = collecting().reviewers().work("t1", TEXT).work("t2", TEXT).to(PRELIMINARY_REVIEW)
                        .scores(PRELIMINARY, "t1", "100", "80", "80", "81", "0")
                        .scores(PRELIMINARY, "t2", "90", "90", "90.5");
                fixture.given(given.build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectEvents(stageChanged(PRELIMINARY_REVIEW, SHORTLIST_PUBLISHED),
                                new ShortlistPublishedEvent(ID, Map.of(
                                        TEXT, List.of(place(1, "t2", "90.17"), place(2, "t1", "80.33")),
                                        PIC, List.of()), AT));
            }

            @Test
            void breaks_equal_scores_by_earlier_submission() {
                History given = collecting().reviewers().work("t9", TEXT).work("t1", TEXT).work("t5", TEXT)
                        .to(PRELIMINARY_REVIEW)
                        .scores(PRELIMINARY, "t9", "80", "80", "80")
                        .scores(PRELIMINARY, "t1", "80", "80", "80")
                        .scores(PRELIMINARY, "t5", "80", "80", "80");
                fixture.given(given.build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectEvents(stageChanged(PRELIMINARY_REVIEW, SHORTLIST_PUBLISHED),
                                new ShortlistPublishedEvent(ID, Map.of(
                                        TEXT, List.of(place(1, "t9", "80.00"), place(2, "t1", "80.00")),
                                        PIC, List.of()), AT));
            }

            @Test
            void uses_a_reviewers_latest_score_for_a_work() {
                // r1 first gave t3 a 10, then a 100: t3 is (100 + 100 + 100) / 3, ahead of t2
                History given = reviewed()
                        .score(PRELIMINARY, "t3", "r1", "10")
                        .score(PRELIMINARY, "t3", "r1", "100")
                        .score(PRELIMINARY, "t3", "r2", "100")
                        .score(PRELIMINARY, "t3", "r3", "100");
                fixture.given(given.build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectEvents(stageChanged(PRELIMINARY_REVIEW, SHORTLIST_PUBLISHED),
                                new ShortlistPublishedEvent(ID, Map.of(
                                        TEXT, List.of(place(1, "t3", "100.00"), place(2, "t2", "90.00")),
                                        PIC, List.of(place(1, "p1", "60.00"))), AT));
            }

            @Test
            void leaves_out_disqualified_works_which_need_no_scores() {
                History given = reviewed().work("t4", TEXT).work("p2", PIC)
                        .scores(PRELIMINARY, "t4", "100", "100", "100")
                        .disqualified("t4").disqualified("p2");
                fixture.given(given.build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectEvents(stageChanged(PRELIMINARY_REVIEW, SHORTLIST_PUBLISHED),
                                new ShortlistPublishedEvent(ID, standardShortlist(), AT));
            }

            @Test
            void is_refused_while_works_are_short_of_scores_naming_them() {
                History given = collecting().reviewers()
                        .work("t1", TEXT).work("t3", TEXT).work("p1", PIC).to(PRELIMINARY_REVIEW)
                        .scores(PRELIMINARY, "t1", "80", "80", "80")
                        .scores(PRELIMINARY, "t3", "70", "70");
                fixture.given(given.build())
                        .when(transition(SHORTLIST_PUBLISHED))
                        .expectException(DomainException.class)
                        .expectExceptionMessage("2 work(s) have fewer than 3 preliminary scores")
                        .expectException(refusal(ErrorCode.INCOMPLETE_REVIEW, List.of("p1", "t3")))
                        .expectNoEvents();
            }

            @Test
            void counts_a_reviewer_once_however_often_they_scored() {
                History given = collecting().reviewers().work("t1", TEXT).to(PRELIMINARY_REVIEW)
                        .score(PRELIMINARY, "t1", "r1", "80")
                        .score(PRELIMINARY, "t1", "r1", "85")
                        .score(PRELIMINARY, "t1", "r2", "80");
                refused(fixture.given(given.build()).when(transition(SHORTLIST_PUBLISHED)),
                        refusal(ErrorCode.INCOMPLETE_REVIEW, List.of("t1")));
            }
        }

        @Nested
        class Closing_the_vote {

            @Test
            void is_refused_without_certified_tallies() {
                fixture.given(voting().build())
                        .when(transition(FINAL_REVIEW))
                        .expectException(DomainException.class)
                        .expectException(refusal(ErrorCode.VALIDATION, "tallies", List.of()))
                        .expectExceptionMessage("closing the vote needs the certified tallies")
                        .expectNoEvents();
            }

            @Test
            void checks_the_stage_before_the_tallies() {
                refused(fixture.given(shortlisted().build()).when(transition(FINAL_REVIEW)),
                        refusal(ErrorCode.STAGE_MISMATCH, "to", List.of("SHORTLIST_PUBLISHED")));
            }

            @Test
            void certifies_valid_votes_per_shortlisted_work_by_category_and_refusals_for_every_reason() {
                // t3 is off the shortlist and "nope" unknown: their tallies are not certified; p1 has none: 0
                CertifiedTallies tallies = new CertifiedTallies(
                        Map.of("t1", 3L, "t2", 1L, "t3", 5L, "nope", 2L),
                        Map.of("NOT_SHORTLISTED", 7L, "OUTSIDE_VOTING_WINDOW", 1L));

                fixture.given(voting().build())
                        .when(transition(FINAL_REVIEW, tallies))
                        .expectEvents(stageChanged(VOTING, FINAL_REVIEW), new TalliesCertifiedEvent(ID,
                                Map.of(TEXT, Map.of("t1", 3L, "t2", 1L), PIC, Map.of("p1", 0L)),
                                refusals(Map.of(RefusalReason.NOT_SHORTLISTED, 7L,
                                        RefusalReason.OUTSIDE_VOTING_WINDOW, 1L)), AT));
            }

            @Test
            void lists_a_count_for_every_refusal_reason_in_order() {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (RefusalReason reason : RefusalReason.values()) {
                    counts.put(reason.name(), 0L);
                }
                counts.put("DAILY_CATEGORY_LIMIT", 4L);

                fixture.given(voting().build())
                        .when(transition(FINAL_REVIEW, new CertifiedTallies(Map.of(),
                                Map.of("DAILY_CATEGORY_LIMIT", 4L))))
                        .expectEvents(stageChanged(VOTING, FINAL_REVIEW), new TalliesCertifiedEvent(ID,
                                Map.of(TEXT, Map.of("t1", 0L, "t2", 0L), PIC, Map.of("p1", 0L)), counts, AT))
                        .expectEventsMatching(payloadsMatching(exactSequenceOf(
                                instanceOf(StageChangedEvent.class), refusalKeysInEnumOrder(), andNoMore())));
            }

            @Test
            void certifies_the_amended_shortlist() {
                History given = voting().disqualified("t2").amended(TEXT, "t2", "t3", "70.00");
                fixture.given(given.build())
                        .when(transition(FINAL_REVIEW, tallies("t2", 9L, "t3", 1L)))
                        .expectEvents(stageChanged(VOTING, FINAL_REVIEW), new TalliesCertifiedEvent(ID,
                                Map.of(TEXT, Map.of("t1", 0L, "t3", 1L), PIC, Map.of("p1", 0L)), noRefusals(), AT));
            }

            @Test
            void other_transitions_ignore_tallies() {
                fixture.given(shortlisted().build())
                        .when(transition(VOTING, tallies("t1", 5L)))
                        .expectEvents(stageChanged(SHORTLIST_PUBLISHED, VOTING));
            }

            private Matcher<Object> refusalKeysInEnumOrder() {
                List<String> order = Arrays.stream(RefusalReason.values()).map(Enum::name).toList();
                return new TypeSafeMatcher<>(Object.class) {
                    @Override
                    protected boolean matchesSafely(Object event) {
                        return event instanceof TalliesCertifiedEvent t
                                && List.copyOf(t.refusedVotes().keySet()).equals(order);
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("TalliesCertifiedEvent with refusals keyed ").appendValue(order);
                    }
                };
            }
        }

        @Nested
        class Publishing_the_results {

            /** Voting with two final places in TEXT, on the standard shortlist. */
            private History votingForTwoTextPlaces() {
                return history().created(TestEditions.rules(List.of(new Category(TEXT, "Texts", 2, 2),
                                new Category(PIC, "Pictures", 2, 1))))
                        .to(COLLECTING).reviewers()
                        .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("p1", PIC)
                        .to(PRELIMINARY_REVIEW)
                        .scores(PRELIMINARY, "t1", "80", "80", "80")
                        .scores(PRELIMINARY, "t2", "90", "90", "90")
                        .scores(PRELIMINARY, "t3", "70", "70", "70")
                        .scores(PRELIMINARY, "p1", "60", "60", "60")
                        .to(SHORTLIST_PUBLISHED).shortlist(standardShortlist())
                        .to(VOTING);
            }

            /** The vote closed with certified votes t1: 3, t2: 1, p1: 0. */
            private History closed(History voting) {
                return voting.to(FINAL_REVIEW)
                        .certified(Map.of(TEXT, Map.of("t1", 3L, "t2", 1L), PIC, Map.of("p1", 0L)));
            }

            /** Two final places in TEXT; certified votes t1: 3, t2: 1; in FINAL_REVIEW, not yet scored. */
            private History finalReviewed() {
                return closed(votingForTwoTextPlaces());
            }

            /** Jury t1 80, t2 85, p1 50. */
            private History juryScored(History h) {
                return h.scores(FINAL, "t1", "80", "80", "80")
                        .scores(FINAL, "t2", "85", "85", "85")
                        .scores(FINAL, "p1", "50", "50", "50");
            }

            private ResultsPublishedEvent results(List<Winner> texts) {
                return new ResultsPublishedEvent(ID, Map.of(TEXT, texts,
                        PIC, List.of(winner(1, "p1", "50.00", 0, "0.00", "35.00"))), AT);
            }

            @Test
            void rank_on_the_valid_votes_recounted_from_the_log() {
                // t1: 0.7 * 80 + 0.3 * 25 = 63.5; t2: 0.7 * 85 + 0.3 * 100 = 89.5
                History given = juryScored(votingForTwoTextPlaces().to(FINAL_REVIEW)
                        .certified(Map.of(TEXT, Map.of("t1", 1L, "t2", 4L), PIC, Map.of("p1", 0L))));
                fixture.given(given.build())
                        .when(transition(RESULTS_PUBLISHED, tallies("t1", 1L, "t2", 4L, "p1", 0L)))
                        .expectEvents(stageChanged(FINAL_REVIEW, RESULTS_PUBLISHED), results(List.of(
                                winner(1, "t2", "85.00", 4, "100.00", "89.50"),
                                winner(2, "t1", "80.00", 1, "25.00", "63.50"))));
            }

            @Test
            void winners_reflect_an_invalidation_in_final_review() {
                // t1 loses its 3 votes: 0.7 * 80 = 56; t2 now has the most: 0.7 * 85 + 0.3 * 100 = 89.5
                History given = juryScored(finalReviewed()).invalidated("set-1", Map.of("t1", 3L));
                fixture.given(given.build())
                        .when(transition(RESULTS_PUBLISHED, tallies("t1", 0L, "t2", 1L, "p1", 0L)))
                        .expectEvents(stageChanged(FINAL_REVIEW, RESULTS_PUBLISHED), results(List.of(
                                winner(1, "t2", "85.00", 1, "100.00", "89.50"),
                                winner(2, "t1", "80.00", 0, "0.00", "56.00"))));
            }

            @Test
            void is_refused_without_the_recounted_tallies() {
                History given = juryScored(finalReviewed());
                refused(fixture.given(given.build()).when(transition(RESULTS_PUBLISHED)),
                        refusal(ErrorCode.VALIDATION, "tallies", List.of()));
            }

            @Test
            void ranks_the_shortlisted_works_by_final_score_up_to_the_final_quota() {
                // t1: 0.7 * 80 + 0.3 * 100 = 86; t2: 0.7 * 85 + 0.3 * 100/3 = 69.5; p1: 0.7 * 50 + 0 = 35
                History given = finalReviewed()
                        .scores(FINAL, "t1", "80", "80", "80")
                        .scores(FINAL, "t2", "85", "85", "85")
                        .scores(FINAL, "p1", "50", "50", "50");
                fixture.given(given.build())
                        .when(transition(RESULTS_PUBLISHED, tallies("t1", 3L, "t2", 1L, "p1", 0L)))
                        .expectEvents(stageChanged(FINAL_REVIEW, RESULTS_PUBLISHED), new ResultsPublishedEvent(ID, Map.of(
                                TEXT, List.of(winner(1, "t1", "80.00", 3, "100.00", "86.00"),
                                        winner(2, "t2", "85.00", 1, "33.33", "69.50")),
                                PIC, List.of(winner(1, "p1", "50.00", 0, "0.00", "35.00"))), AT));
            }

            @Test
            void leaves_out_a_disqualified_work_and_ranks_the_work_that_took_its_place() {
                History given = finalReviewed()
                        .scores(FINAL, "t1", "80", "80", "80")
                        .scores(FINAL, "t2", "85", "85", "85")
                        .scores(FINAL, "p1", "50", "50", "50")
                        .disqualified("t1").amended(TEXT, "t1", "t3", "70.00")
                        .scores(FINAL, "t3", "95", "95", "95");
                // t3: 0.7 * 95 + 0 = 66.5 (no votes: it was not on the shortlist while voting);
                // t2 now has the most votes: 0.7 * 85 + 0.3 * 100 = 89.5
                fixture.given(given.build())
                        .when(transition(RESULTS_PUBLISHED, tallies("t1", 3L, "t2", 1L, "p1", 0L)))
                        .expectEvents(stageChanged(FINAL_REVIEW, RESULTS_PUBLISHED), new ResultsPublishedEvent(ID, Map.of(
                                TEXT, List.of(winner(1, "t2", "85.00", 1, "100.00", "89.50"),
                                        winner(2, "t3", "95.00", 0, "0.00", "66.50")),
                                PIC, List.of(winner(1, "p1", "50.00", 0, "0.00", "35.00"))), AT));
            }

            @Test
            void is_refused_while_shortlisted_works_are_short_of_jury_scores_naming_them() {
                // t3 is not on the shortlist and needs no jury scores
                History given = finalReviewed()
                        .scores(FINAL, "t1", "80", "80", "80")
                        .scores(FINAL, "t2", "85", "85");
                refused(fixture.given(given.build()).when(transition(RESULTS_PUBLISHED)),
                        refusal(ErrorCode.INCOMPLETE_REVIEW, List.of("p1", "t2")));
            }
        }
    }

    private static Winner winner(int rank, String workId, String jury, long votes, String voteScore, String finalScore) {
        return new Winner(rank, workId, new BigDecimal(jury), votes, new BigDecimal(voteScore), new BigDecimal(finalScore));
    }

    // =====================================================================================

    @Nested
    class Submitting_a_work {

        @Test
        void records_the_work_with_its_normalised_url_and_first_submission_number() {
            fixture.given(collecting().build())
                    .when(new SubmitWorkCommand(ID, "w1", "A bright day", "HTTPS://News.Example.cn:443/a/b/#top", TEXT,
                            LocalDate.parse("2023-06-01"), "People's Daily", AT, "unit-1"))
                    .expectEvents(new WorkSubmittedEvent(ID, "w1", "A bright day", "HTTPS://News.Example.cn:443/a/b/#top",
                            "https://news.example.cn/a/b", TEXT, LocalDate.parse("2023-06-01"), "People's Daily", 1, AT,
                            "unit-1"));
        }

        @Test
        void numbers_submissions_in_order() {
            SubmitWorkCommand third = submit("t3", PIC);
            fixture.given(collecting().work("t1", TEXT).work("t2", TEXT).build())
                    .when(third)
                    .expectEvents(new WorkSubmittedEvent(ID, "t3", third.title(), third.url(), third.url(), PIC,
                            third.publishedOn(), third.organisation(), 3, AT, ORGANISER));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = "COLLECTING", mode = EnumSource.Mode.EXCLUDE)
        void is_refused_outside_collection(Stage stage) {
            refused(fixture.given(history().created().to(stage).build()).when(submit("t1", TEXT)),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of(stage.name())));
        }

        @Test
        void refuses_a_work_published_outside_the_eligibility_window() {
            SubmitWorkCommand c = submit("t1", TEXT);
            refused(fixture.given(collecting().build()).when(new SubmitWorkCommand(ID, "t1", c.title(), c.url(), TEXT,
                    LocalDate.parse("2024-01-01"), c.organisation(), AT, ORGANISER)), ErrorCode.OUT_OF_ELIGIBILITY_WINDOW);
        }

        @Test
        void refuses_an_unknown_category() {
            refused(fixture.given(collecting().build()).when(submit("t1", "VIDEO")),
                    refusal(ErrorCode.UNKNOWN_CATEGORY, "category", List.of("VIDEO")));
        }

        @Test
        void refuses_a_url_already_submitted_in_another_spelling() {
            SubmitWorkCommand c = submit("t9", PIC);
            refused(fixture.given(collecting().work("t1", TEXT).build()).when(new SubmitWorkCommand(ID, "t9", c.title(),
                            "HTTPS://NEWS.example.cn:443/works/t1/#comments", PIC, c.publishedOn(), c.organisation(), AT,
                            ORGANISER)),
                    refusal(ErrorCode.DUPLICATE_URL, "url", List.of("https://news.example.cn/works/t1")));
        }

        @Test
        void refuses_a_work_id_already_used() {
            SubmitWorkCommand c = submit("t1", TEXT);
            refused(fixture.given(collecting().work("t1", TEXT).build()).when(new SubmitWorkCommand(ID, "t1", c.title(),
                            "https://other.example.cn/x", TEXT, c.publishedOn(), c.organisation(), AT, ORGANISER)),
                    refusal(ErrorCode.ALREADY_EXISTS, "id", List.of("t1")));
        }

        @Test
        void refuses_missing_title_bad_id_missing_date_and_bad_url() {
            SubmitWorkCommand c = submit("t1", TEXT);
            refused(fixture.given(collecting().build()).when(new SubmitWorkCommand(ID, "t1", " ", c.url(), TEXT,
                    c.publishedOn(), c.organisation(), AT, ORGANISER)), refusal(ErrorCode.VALIDATION, "title", null));
            refused(fixture.given(collecting().build()).when(new SubmitWorkCommand(ID, "t 1", c.title(), c.url(), TEXT,
                    c.publishedOn(), c.organisation(), AT, ORGANISER)), refusal(ErrorCode.VALIDATION, "id", null));
            refused(fixture.given(collecting().build()).when(new SubmitWorkCommand(ID, "t1", c.title(), c.url(), TEXT,
                    null, c.organisation(), AT, ORGANISER)), refusal(ErrorCode.VALIDATION, "publishedOn", null));
            refused(fixture.given(collecting().build()).when(new SubmitWorkCommand(ID, "t1", c.title(), "ftp://x.cn/a",
                    TEXT, c.publishedOn(), c.organisation(), AT, ORGANISER)), refusal(ErrorCode.VALIDATION, "url", null));
        }

        @Test
        void refuses_a_work_without_a_category() {
            refused(fixture.given(collecting().build()).when(submit("t1", null)),
                    refusal(ErrorCode.UNKNOWN_CATEGORY, "category", null));
        }
    }

    // =====================================================================================

    @Nested
    class Registering_a_reviewer {

        @Test
        void records_the_reviewer_with_sorted_distinct_categories() {
            fixture.given(history().created().build())
                    .when(new RegisterReviewerCommand(ID, "r1", "Li Wei", "Xinhua", List.of(TEXT, PIC, TEXT), AT, ORGANISER))
                    .expectEvents(new ReviewerRegisteredEvent(ID, "r1", "Li Wei", "Xinhua", List.of(PIC, TEXT), AT,
                            ORGANISER));
        }

        @Test
        void is_still_possible_during_final_review() {
            fixture.given(history().created().to(FINAL_REVIEW).build())
                    .when(new RegisterReviewerCommand(ID, "r9", "Late Juror", null, List.of(PIC), AT, ORGANISER))
                    .expectEvents(new ReviewerRegisteredEvent(ID, "r9", "Late Juror", null, List.of(PIC), AT, ORGANISER));
        }

        @Test
        void is_refused_once_results_are_published() {
            refused(fixture.given(history().created().to(RESULTS_PUBLISHED).build())
                            .when(new RegisterReviewerCommand(ID, "r9", "Too Late", null, List.of(PIC), AT, ORGANISER)),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of("RESULTS_PUBLISHED")));
        }

        @Test
        void refuses_an_unknown_category() {
            refused(fixture.given(history().created().build())
                            .when(new RegisterReviewerCommand(ID, "r1", "Li Wei", "Xinhua", List.of(TEXT, "VIDEO"), AT,
                                    ORGANISER)),
                    refusal(ErrorCode.UNKNOWN_CATEGORY, "categories", List.of("VIDEO")));
        }

        @Test
        void refuses_a_reviewer_without_categories() {
            refused(fixture.given(history().created().build())
                            .when(new RegisterReviewerCommand(ID, "r1", "Li Wei", "Xinhua", List.of(), AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "categories", null));
        }

        @Test
        void refuses_a_second_registration_of_the_same_id() {
            refused(fixture.given(history().created().reviewer("r1", "Xinhua", TEXT).build())
                            .when(new RegisterReviewerCommand(ID, "r1", "Other", "CCTV", List.of(PIC), AT, ORGANISER)),
                    refusal(ErrorCode.ALREADY_EXISTS, "id", List.of("r1")));
        }

        @Test
        void refuses_a_reviewer_without_a_name() {
            refused(fixture.given(history().created().build())
                            .when(new RegisterReviewerCommand(ID, "r1", "", "Xinhua", List.of(PIC), AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "name", null));
        }
    }

    // =====================================================================================

    @Nested
    class Scoring_a_work {

        private ScoreWorkCommand score(String workId, String reviewerId, Round round, String score) {
            return new ScoreWorkCommand(ID, workId, reviewerId, round, score == null ? null : new BigDecimal(score), AT);
        }

        @Test
        void records_a_preliminary_score() {
            fixture.given(reviewed().build())
                    .when(score("t1", "r4", PRELIMINARY, "87.5"))
                    .expectEvents(new WorkScoredEvent(ID, "t1", "r4", PRELIMINARY, new BigDecimal("87.5"), AT));
        }

        @Test
        void records_a_replacing_score_as_a_new_event() {
            fixture.given(reviewed().build())
                    .when(score("t1", "r1", PRELIMINARY, "95"))
                    .expectEvents(new WorkScoredEvent(ID, "t1", "r1", PRELIMINARY, new BigDecimal("95"), AT));
        }

        @Test
        void accepts_the_bounds_and_two_decimals() {
            for (String value : List.of("0", "100", "99.99", "100.000")) {
                TestCommands.fixture().given(reviewed().build())
                        .when(score("t1", "r4", PRELIMINARY, value))
                        .expectEvents(new WorkScoredEvent(ID, "t1", "r4", PRELIMINARY, new BigDecimal(value), AT));
            }
        }

        @Test
        void refuses_scores_outside_0_to_100_or_with_more_than_two_decimals() {
            for (String value : new String[]{"100.01", "-0.01", "85.555", null}) {
                refused(TestCommands.fixture().given(reviewed().build())
                        .when(score("t1", "r4", PRELIMINARY, value)), refusal(ErrorCode.VALIDATION, "score", null));
            }
        }

        @Test
        void records_a_final_score_for_a_shortlisted_work_in_final_review() {
            fixture.given(voting().to(FINAL_REVIEW).build())
                    .when(score("t2", "r1", FINAL, "91"))
                    .expectEvents(new WorkScoredEvent(ID, "t2", "r1", FINAL, new BigDecimal("91"), AT));
        }

        @Test
        void records_a_final_score_for_a_work_that_joined_the_shortlist_late() {
            fixture.given(voting().to(FINAL_REVIEW).disqualified("t2").amended(TEXT, "t2", "t3", "70.00").build())
                    .when(score("t3", "r1", FINAL, "75"))
                    .expectEvents(new WorkScoredEvent(ID, "t3", "r1", FINAL, new BigDecimal("75"), AT));
        }

        @Test
        void refuses_preliminary_scores_outside_preliminary_review() {
            refused(fixture.given(shortlisted().build()).when(score("t1", "r1", PRELIMINARY, "80")),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of("SHORTLIST_PUBLISHED")));
        }

        @Test
        void refuses_final_scores_outside_final_review() {
            refused(fixture.given(reviewed().build()).when(score("t1", "r1", FINAL, "80")),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of("PRELIMINARY_REVIEW")));
        }

        @Test
        void refuses_a_reviewer_from_the_works_own_organisation() {
            History given = reviewed().reviewer("rx", "  UNIT OF T1 ", TEXT);
            refused(fixture.given(given.build()).when(score("t1", "rx", PRELIMINARY, "99")),
                    refusal(ErrorCode.CONFLICT_OF_INTEREST, List.of("t1")));
        }

        @Test
        void refuses_a_reviewer_not_assigned_to_the_works_category() {
            History given = reviewed().reviewer("rp", "Photo Society", PIC);
            refused(fixture.given(given.build()).when(score("t1", "rp", PRELIMINARY, "80")),
                    refusal(ErrorCode.NOT_ASSIGNED, List.of(TEXT)));
        }

        @Test
        void refuses_to_score_a_disqualified_work() {
            refused(fixture.given(reviewed().disqualified("t1").build()).when(score("t1", "r4", PRELIMINARY, "80")),
                    refusal(ErrorCode.DISQUALIFIED, List.of("t1")));
        }

        @Test
        void refuses_a_final_score_for_a_work_not_on_the_shortlist() {
            refused(fixture.given(voting().to(FINAL_REVIEW).build()).when(score("t3", "r1", FINAL, "80")),
                    refusal(ErrorCode.NOT_SHORTLISTED, List.of("t3")));
        }

        @Test
        void refuses_an_unknown_work_and_an_unknown_reviewer() {
            refused(fixture.given(reviewed().build()).when(score("nope", "r1", PRELIMINARY, "80")),
                    refusal(ErrorCode.NOT_FOUND, List.of("nope")));
            refused(TestCommands.fixture().given(reviewed().build())
                    .when(score("t1", "stranger", PRELIMINARY, "80")), ErrorCode.FORBIDDEN);
        }

        @Test
        void refuses_a_score_without_a_round() {
            refused(fixture.given(voting().to(FINAL_REVIEW).build()).when(score("t3", "r1", null, "80")),
                    refusal(ErrorCode.VALIDATION, "round", null));
        }
    }

    // =====================================================================================

    @Nested
    class Disqualifying_a_work {

        private DisqualifyWorkCommand disqualify(String workId) {
            return new DisqualifyWorkCommand(ID, workId, "copied from another outlet", AT, ORGANISER);
        }

        /** Voting, with t4 (75, disqualified early) and t5 (70, submitted after t3) off the shortlist. */
        private History votingWithReserves() {
            return collecting().reviewers()
                    .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("p1", PIC).work("t4", TEXT).work("t5", TEXT)
                    .to(PRELIMINARY_REVIEW)
                    .scores(PRELIMINARY, "t1", "80", "80", "80")
                    .scores(PRELIMINARY, "t2", "90", "90", "90")
                    .scores(PRELIMINARY, "t3", "70", "70", "70")
                    .scores(PRELIMINARY, "p1", "60", "60", "60")
                    .scores(PRELIMINARY, "t4", "75", "75", "75")
                    .scores(PRELIMINARY, "t5", "70", "70", "70")
                    .disqualified("t4")
                    .to(SHORTLIST_PUBLISHED).shortlist(standardShortlist())
                    .to(VOTING);
        }

        @Test
        void records_the_disqualification_of_a_work_not_on_a_list() {
            fixture.given(collecting().work("t1", TEXT).build())
                    .when(disqualify("t1"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "t1", "copied from another outlet", AT, ORGANISER));
        }

        @Test
        void gives_a_shortlisted_works_place_to_the_next_ranked_work_during_voting() {
            // t4 ranks next but is disqualified; t3 and t5 tie at 70 and t3 was submitted first
            fixture.given(votingWithReserves().build())
                    .when(disqualify("t2"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "t2", "copied from another outlet", AT, ORGANISER),
                            new ShortlistAmendedEvent(ID, TEXT, "t2", "t3", new BigDecimal("70.00"), AT));
        }

        @Test
        void a_second_disqualification_skips_the_work_that_already_took_a_place() {
            fixture.given(votingWithReserves().disqualified("t2").amended(TEXT, "t2", "t3", "70.00").build())
                    .when(disqualify("t1"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "t1", "copied from another outlet", AT, ORGANISER),
                            new ShortlistAmendedEvent(ID, TEXT, "t1", "t5", new BigDecimal("70.00"), AT));
        }

        @Test
        void leaves_the_place_empty_when_no_work_is_left_to_take_it() {
            fixture.given(votingWithReserves().build())
                    .when(disqualify("p1"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "p1", "copied from another outlet", AT, ORGANISER),
                            new ShortlistAmendedEvent(ID, PIC, "p1", null, null, AT));
        }

        @Test
        void does_not_amend_the_shortlist_for_a_work_not_on_it() {
            fixture.given(votingWithReserves().build())
                    .when(disqualify("t3"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "t3", "copied from another outlet", AT, ORGANISER));
        }

        @Test
        void is_still_possible_in_final_review() {
            fixture.given(votingWithReserves().to(FINAL_REVIEW).build())
                    .when(disqualify("t1"))
                    .expectEvents(new WorkDisqualifiedEvent(ID, "t1", "copied from another outlet", AT, ORGANISER),
                            new ShortlistAmendedEvent(ID, TEXT, "t1", "t3", new BigDecimal("70.00"), AT));
        }

        @Test
        void is_refused_once_results_are_published() {
            refused(fixture.given(votingWithReserves().to(RESULTS_PUBLISHED).build()).when(disqualify("t1")),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of("RESULTS_PUBLISHED")));
        }

        @Test
        void refuses_to_disqualify_a_work_twice() {
            refused(fixture.given(votingWithReserves().build()).when(disqualify("t4")),
                    refusal(ErrorCode.DISQUALIFIED, List.of("t4")));
        }

        @Test
        void refuses_an_unknown_work() {
            refused(fixture.given(votingWithReserves().build()).when(disqualify("nope")),
                    refusal(ErrorCode.NOT_FOUND, List.of("nope")));
        }

        @Test
        void requires_a_reason() {
            refused(fixture.given(votingWithReserves().build())
                            .when(new DisqualifyWorkCommand(ID, "t1", "  ", AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "reason", null));
        }
    }

    // =====================================================================================

    @Nested
    class Invalidating_votes {

        private static final Map<String, Long> PER_WORK = Map.of("t1", 2L, "p1", 1L);

        @Test
        void records_the_set_during_voting() {
            fixture.given(voting().build())
                    .when(invalidate("set-1", "500 votes from one address in an hour", PER_WORK))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(invalidated("set-1", "500 votes from one address in an hour", PER_WORK));
        }

        @Test
        void records_the_set_in_final_review() {
            fixture.given(voting().to(FINAL_REVIEW)
                            .certified(Map.of(TEXT, Map.of("t1", 3L, "t2", 1L), PIC, Map.of("p1", 1L))).build())
                    .when(invalidate("set-1", "a phone farm", PER_WORK))
                    .expectEvents(invalidated("set-1", "a phone farm", PER_WORK));
        }

        @Test
        void records_a_set_that_no_longer_holds_accepted_votes() {
            fixture.given(voting().build())
                    .when(invalidate("set-1", "refused anyway", Map.of()))
                    .expectEvents(invalidated("set-1", "refused anyway", Map.of()));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"VOTING", "FINAL_REVIEW"}, mode = EnumSource.Mode.EXCLUDE)
        void is_refused_outside_voting_and_final_review(Stage stage) {
            refused(fixture.given(history().created().to(stage).build())
                            .when(invalidate("set-1", "a bot farm", PER_WORK)),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of(stage.name())));
        }

        @Test
        void refuses_a_set_already_invalidated_during_voting_or_in_final_review() {
            refused(fixture.given(voting().invalidated("set-1", Map.of("t1", 1L)).build())
                            .when(invalidate("set-1", "again", PER_WORK)),
                    refusal(ErrorCode.ALREADY_EXISTS, "setId", List.of("set-1")));
            refused(TestCommands.fixture().given(voting().invalidated("set-1", Map.of("t1", 1L)).to(FINAL_REVIEW)
                            .certified(Map.of(TEXT, Map.of("t1", 3L, "t2", 1L), PIC, Map.of("p1", 0L))).build())
                            .when(invalidate("set-1", "again", PER_WORK)),
                    refusal(ErrorCode.ALREADY_EXISTS, "setId", List.of("set-1")));
        }

        @Test
        void another_set_may_follow() {
            fixture.given(voting().invalidated("set-1", Map.of("t1", 1L)).build())
                    .when(invalidate("set-2", "a second farm", PER_WORK))
                    .expectEvents(invalidated("set-2", "a second farm", PER_WORK));
        }

        @Test
        void requires_a_reason() {
            refused(fixture.given(voting().build()).when(invalidate("set-1", null, PER_WORK)),
                    refusal(ErrorCode.VALIDATION, "reason", List.of()));
            refused(TestCommands.fixture().given(voting().build()).when(invalidate("set-1", "  ", PER_WORK)),
                    refusal(ErrorCode.VALIDATION, "reason", List.of()));
        }

        @Test
        void requires_the_sets_rule_key_and_window_so_its_members_can_be_recomputed() {
            refused(fixture.given(voting().build()).when(new InvalidateVotesCommand(ID, null, "a bot farm",
                            List.of("v1"), PER_WORK, AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "setId", List.of()));
            refused(TestCommands.fixture().given(voting().build()).when(new InvalidateVotesCommand(ID,
                            new io.selection.voting.VoteSet("s", "ip-burst", "ip", "10.0.0.1", AT, AT), "a bot farm",
                            List.of("v1"), PER_WORK, AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "setId", List.of()));
            refused(TestCommands.fixture().given(voting().build()).when(new InvalidateVotesCommand(ID,
                            new io.selection.voting.VoteSet("s", "ip-burst", "planet", "10.0.0.1", AT.minusSeconds(1), AT),
                            "a bot farm", List.of("v1"), PER_WORK, AT, ORGANISER)),
                    refusal(ErrorCode.VALIDATION, "setId", List.of()));
        }

        @Test
        void checks_the_stage_before_the_reason() {
            refused(fixture.given(shortlisted().build()).when(invalidate("set-1", " ", PER_WORK)),
                    refusal(ErrorCode.STAGE_MISMATCH, List.of("SHORTLIST_PUBLISHED")));
        }
    }
}
