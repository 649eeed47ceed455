package io.selection.edition;

import io.selection.TestEditions;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.selection.TestEditions.CLOSES_AT;
import static io.selection.TestEditions.OPENS_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EditionRulesTest {

    private static final EditionRules BASE = TestEditions.rules();

    private static EditionRules with(List<Category> categories) {
        return TestEditions.rules(categories);
    }

    private static EditionRules copy(String title, LocalDate from, LocalDate to, String zone, VotingRules voting,
                                     ReviewRules review, Weights weights) {
        return new EditionRules(title, BASE.theme(), from, to, zone, BASE.categories(), voting, review, weights);
    }

    private static DomainException refusal(EditionRules rules) {
        DomainException e = catchThrowableOfType(DomainException.class, rules::check);
        assertThat(e).as("a refusal").isNotNull();
        return e;
    }

    private static void assertValidation(EditionRules rules, String field) {
        DomainException e = refusal(rules);
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void the_test_edition_is_consistent() {
        assertThatCode(BASE::check).doesNotThrowAnyException();
        assertThat(BASE.zone()).isEqualTo(TestEditions.BEIJING);
    }

    @Test
    void finds_categories_by_code() {
        assertThat(BASE.category("PIC")).map(Category::name).contains("Pictures");
        assertThat(BASE.category("VIDEO")).isEmpty();
    }

    @Test
    void the_categories_list_cannot_be_changed_afterwards() {
        List<Category> categories = new java.util.ArrayList<>(BASE.categories());
        EditionRules rules = with(categories);
        categories.clear();
        assertThat(rules.categories()).hasSize(2);
    }

    @Nested
    class Quotas {

        @Test
        void a_shortlist_smaller_than_the_final_list_is_a_quota_mismatch() {
            DomainException e = refusal(with(List.of(new Category("TEXT", "Texts", 109, 110))));
            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_MISMATCH);
            assertThat(e.field()).isEqualTo("categories");
            assertThat(e.items()).containsExactly("TEXT");
        }

        @Test
        void a_final_quota_of_zero_is_a_quota_mismatch() {
            DomainException e = refusal(with(List.of(new Category("TEXT", "Texts", 0, 0))));
            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_MISMATCH);
            assertThat(e.items()).containsExactly("TEXT");
        }

        @Test
        void names_the_category_at_fault() {
            DomainException e = refusal(with(List.of(new Category("TEXT", "Texts", 220, 110),
                    new Category("PIC", "Pictures", 100, 110))));
            assertThat(e.items()).containsExactly("PIC");
        }

        @Test
        void a_shortlist_as_long_as_the_final_list_is_allowed() {
            assertThatCode(() -> with(List.of(new Category("TEXT", "Texts", 110, 110))).check())
                    .doesNotThrowAnyException();
        }

        @Test
        void the_2023_quotas_are_allowed() {
            List<Category> categories = List.of(new Category("TEXT", "Texts", 220, 110),
                    new Category("PIC", "Pictures", 220, 110), new Category("AV", "Audio and video", 220, 110),
                    new Category("COL", "Special columns", 220, 110), new Category("ACT", "Theme activities", 220, 110));
            assertThatCode(() -> with(categories).check()).doesNotThrowAnyException();
        }

        @Test
        void a_category_code_may_appear_only_once() {
            assertValidation(with(List.of(new Category("TEXT", "Texts", 2, 1), new Category("TEXT", "Again", 2, 1))),
                    "categories");
        }

        @Test
        void at_least_one_category_is_required() {
            assertValidation(with(List.of()), "categories");
        }
    }

    @Nested
    class Weights_of_the_final_score {

        @Test
        void weights_not_adding_up_to_100_are_refused() {
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), BASE.timeZone(), BASE.voting(),
                    BASE.review(), new Weights(70, 20)), "weights");
        }

        @Test
        void a_negative_weight_is_refused_even_when_the_sum_is_100() {
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), BASE.timeZone(), BASE.voting(),
                    BASE.review(), new Weights(110, -10)), "weights");
        }

        @Test
        void an_all_jury_weighting_is_allowed() {
            assertThatCode(() -> TestEditions.withWeights(new Weights(100, 0)).check()).doesNotThrowAnyException();
        }
    }

    @Nested
    class Other_settings {

        @Test
        void a_title_is_required() {
            assertValidation(copy("  ", BASE.eligibleFrom(), BASE.eligibleTo(), BASE.timeZone(), BASE.voting(),
                    BASE.review(), BASE.weights()), "title");
        }

        @Test
        void the_eligibility_window_may_not_end_before_it_starts() {
            assertValidation(copy(BASE.title(), LocalDate.parse("2023-12-31"), LocalDate.parse("2023-01-01"),
                    BASE.timeZone(), BASE.voting(), BASE.review(), BASE.weights()), "eligibleTo");
        }

        @Test
        void a_one_day_eligibility_window_is_allowed() {
            assertThatCode(() -> copy(BASE.title(), LocalDate.parse("2023-05-01"), LocalDate.parse("2023-05-01"),
                    BASE.timeZone(), BASE.voting(), BASE.review(), BASE.weights()).check()).doesNotThrowAnyException();
        }

        @Test
        void an_unknown_time_zone_is_refused() {
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), "Asia/Beijing", BASE.voting(),
                    BASE.review(), BASE.weights()), "timeZone");
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), null, BASE.voting(),
                    BASE.review(), BASE.weights()), "timeZone");
        }

        @Test
        void voting_must_close_after_it_opens() {
            assertValidation(TestEditions.withVoting(new VotingRules(OPENS_AT, OPENS_AT, 1, 10, 300)), "voting.closesAt");
            assertValidation(TestEditions.withVoting(new VotingRules(CLOSES_AT, OPENS_AT, 1, 10, 300)), "voting.closesAt");
        }

        @Test
        void voting_limits_must_be_positive() {
            assertValidation(TestEditions.withVoting(new VotingRules(OPENS_AT, CLOSES_AT, 0, 10, 300)),
                    "voting.perWorkPerDay");
            assertValidation(TestEditions.withVoting(new VotingRules(OPENS_AT, CLOSES_AT, 1, 0, 300)),
                    "voting.perCategoryPerDay");
            assertValidation(TestEditions.withVoting(new VotingRules(OPENS_AT, CLOSES_AT, 1, 10, -1)),
                    "voting.maxClockSkewSeconds");
        }

        @Test
        void review_needs_at_least_one_score_and_trims_from_three_on() {
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), BASE.timeZone(), BASE.voting(),
                    new ReviewRules(0, 5), BASE.weights()), "review.minScores");
            assertValidation(copy(BASE.title(), BASE.eligibleFrom(), BASE.eligibleTo(), BASE.timeZone(), BASE.voting(),
                    new ReviewRules(3, 2), BASE.weights()), "review.trimFrom");
        }
    }
}
