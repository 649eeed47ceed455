package io.selection.voting;

import io.selection.TestEditions;
import io.selection.events.EditionCreatedEvent;
import io.selection.edition.Stage;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.BEIJING;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.PUBLISHED_ON;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.place;
import static io.selection.TestEditions.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;

/** The edition as a vote decision sees it, folded event by event from the edition's own log. */
class EditionVotingStateTest {

    private final EditionVotingState state = new EditionVotingState();

    private static WorkSubmittedEvent submitted(String workId, String category, long submissionNo) {
        return new WorkSubmittedEvent(ID, workId, "Title of " + workId, TestEditions.urlOf(workId),
                TestEditions.urlOf(workId), category, PUBLISHED_ON, "Unit of " + workId, submissionNo, AT, ORGANISER);
    }

    /** Created, t1 t2 t3 (TEXT) and p1 (PIC) submitted, shortlist TEXT [t2, t1] and PIC [p1], voting. */
    private static TestEditions.History voting() {
        return history().created().to(Stage.COLLECTING)
                .work("t1", TEXT).work("t2", TEXT).work("t3", TEXT).work("p1", PIC)
                .to(Stage.SHORTLIST_PUBLISHED)
                .shortlist(Map.of(TEXT, List.of(place(1, "t2", "90.00"), place(2, "t1", "80.00")),
                        PIC, List.of(place(1, "p1", "60.00"))))
                .to(Stage.VOTING);
    }

    @Test
    void knows_nothing_before_the_first_event() {
        assertThat(state.version()).isEqualTo(-1);
        assertThat(state.stage()).isNull();
        assertThat(state.votingStageOpen()).isFalse();
        assertThat(state.categoryOf("t1")).isNull();
        assertThat(state.workCode("t1")).isZero();
        assertThat(state.shortlisted("t1")).isFalse();
        assertThat(state.disqualified("t1")).isFalse();
        assertThat(state.shortlist()).isEmpty();
    }

    @Nested
    class Folding_each_kind_of_event {

        @Test
        void creation_brings_the_rules_the_zone_and_the_draft_stage() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));

            assertThat(state.editionRules()).isEqualTo(TestEditions.rules());
            assertThat(state.rules()).isEqualTo(TestEditions.votingRules());
            assertThat(state.zone()).isEqualTo(BEIJING);
            assertThat(state.stage()).isEqualTo(Stage.DRAFT);
            assertThat(state.votingStageOpen()).isFalse();
            assertThat(state.version()).isZero();
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void a_stage_change_sets_the_stage_and_only_VOTING_is_open(Stage to) {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
            state.apply(1, stageChanged(Stage.DRAFT, to));

            assertThat(state.stage()).isEqualTo(to);
            assertThat(state.votingStageOpen()).isEqualTo(to == Stage.VOTING);
        }

        @Test
        void a_submission_gives_the_works_category_and_its_number_as_code() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
            state.apply(1, submitted("t1", TEXT, 1));
            state.apply(2, submitted("p7", PIC, 7));

            assertThat(state.categoryOf("t1")).isEqualTo(TEXT);
            assertThat(state.categoryOf("p7")).isEqualTo(PIC);
            assertThat(state.categoryOf("nope")).isNull();
            assertThat(state.workCode("t1")).isEqualTo(1);
            assertThat(state.workCode("p7")).isEqualTo(7);
            assertThat(state.workCode("nope")).isZero();
            assertThat(state.shortlisted("t1")).isFalse();
        }

        @Test
        void a_disqualification_marks_the_work() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
            state.apply(1, submitted("t1", TEXT, 1));
            state.apply(2, submitted("t2", TEXT, 2));
            state.apply(3, new WorkDisqualifiedEvent(ID, "t1", "plagiarism", AT, ORGANISER));

            assertThat(state.disqualified("t1")).isTrue();
            assertThat(state.disqualified("t2")).isFalse();
            assertThat(state.categoryOf("t1")).isEqualTo(TEXT);
        }

        @Test
        void the_published_shortlist_lists_each_categorys_works_in_rank_order() {
            EditionVotingState voting = voting().votingState();

            assertThat(voting.shortlist(TEXT)).containsExactly("t2", "t1");
            assertThat(voting.shortlist(PIC)).containsExactly("p1");
            assertThat(voting.shortlist("VIDEO")).isEmpty();
            assertThat(voting.shortlist()).containsOnlyKeys(TEXT, PIC);
            assertThat(voting.shortlisted("t1")).isTrue();
            assertThat(voting.shortlisted("p1")).isTrue();
            assertThat(voting.shortlisted("t3")).isFalse();
            assertThat(voting.votingStageOpen()).isTrue();
        }

        @Test
        void an_empty_category_of_the_shortlist_is_listed_empty() {
            EditionVotingState empty = history().created().to(Stage.SHORTLIST_PUBLISHED)
                    .shortlist(Map.of(TEXT, List.of(), PIC, List.of())).votingState();

            assertThat(empty.shortlist()).containsOnlyKeys(TEXT, PIC);
            assertThat(empty.shortlist(TEXT)).isEmpty();
        }

        @Test
        void events_a_vote_decision_does_not_need_change_nothing_but_the_version() {
            EditionVotingState voting = voting().votingState();
            long before = voting.version();

            voting.apply(before + 1, new ReviewerRegisteredEvent(ID, "r1", "Li Wei", null, List.of(TEXT), AT,
                    ORGANISER));
            voting.apply(before + 2, new WorkScoredEvent(ID, "t3", "r1", Round.PRELIMINARY, BigDecimal.TEN, AT));

            assertThat(voting.version()).isEqualTo(before + 2);
            assertThat(voting.shortlist(TEXT)).containsExactly("t2", "t1");
            assertThat(voting.shortlisted("t3")).isFalse();
            assertThat(voting.stage()).isEqualTo(Stage.VOTING);
        }
    }

    @Nested
    class Amendments {

        @Test
        void the_work_that_takes_a_place_joins_the_end_of_the_list() {
            EditionVotingState amended = voting().disqualified("t2").amended(TEXT, "t2", "t3", "70.00").votingState();

            assertThat(amended.shortlist(TEXT)).containsExactly("t1", "t3");
            assertThat(amended.shortlisted("t3")).isTrue();
            assertThat(amended.shortlisted("t2")).isFalse();
            assertThat(amended.disqualified("t2")).isTrue();
        }

        @Test
        void a_place_nobody_can_take_is_left_empty() {
            EditionVotingState amended = voting().disqualified("p1").amended(PIC, "p1", null, null).votingState();

            assertThat(amended.shortlist(PIC)).isEmpty();
            assertThat(amended.shortlisted("p1")).isFalse();
            assertThat(amended.shortlist(TEXT)).containsExactly("t2", "t1");
        }

        @Test
        void a_second_amendment_builds_on_the_first() {
            EditionVotingState amended = voting()
                    .disqualified("t2").amended(TEXT, "t2", "t3", "70.00")
                    .disqualified("t1").amended(TEXT, "t1", null, null)
                    .votingState();

            assertThat(amended.shortlist(TEXT)).containsExactly("t3");
            assertThat(amended.shortlisted("t1")).isFalse();
            assertThat(amended.shortlisted("t3")).isTrue();
        }
    }

    @Nested
    class Version {

        @Test
        void is_the_sequence_number_of_the_last_event_folded_in() {
            TestEditions.History history = voting();
            EditionVotingState folded = history.votingState();

            assertThat(folded.version()).isEqualTo(history.build().size() - 1);
        }

        @Test
        void never_goes_back_when_an_older_event_is_folded_again() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
            state.apply(5, stageChanged(Stage.DRAFT, Stage.COLLECTING));
            state.apply(3, submitted("t1", TEXT, 1));

            assertThat(state.version()).isEqualTo(5);
        }

        @Test
        void follows_unknown_events_too_so_a_reader_can_go_on_from_version_plus_one() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));
            state.apply(1, "not an edition event");

            assertThat(state.version()).isEqualTo(1);
            assertThat(state.stage()).isEqualTo(Stage.DRAFT);
        }
    }

    @Nested
    class Category_index {

        @Test
        void is_the_position_of_the_category_in_the_rules_or_minus_one() {
            state.apply(0, new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER));

            assertThat(state.categoryIndex(TEXT)).isZero();
            assertThat(state.categoryIndex(PIC)).isEqualTo(1);
            assertThat(state.categoryIndex("VIDEO")).isEqualTo(-1);
            assertThat(state.categoryIndex(null)).isEqualTo(-1);
        }
    }

    @Test
    void reads_the_edition_as_the_aggregates_own_events_describe_it() {
        EditionVotingState folded = voting().disqualified("t3").votingState();

        assertThat(folded.stage()).isEqualTo(Stage.VOTING);
        assertThat(folded.categoryOf("t3")).isEqualTo(TEXT);
        assertThat(folded.workCode("t3")).isEqualTo(3);
        assertThat(folded.workCode("p1")).isEqualTo(4);
        assertThat(folded.disqualified("t3")).isTrue();
        assertThat(folded.shortlisted("t3")).isFalse();
    }
}
