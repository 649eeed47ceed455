package io.selection.work;

import io.selection.TestEditions;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.edition.EditionRules;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EligibilityPolicyTest {

    private static final EditionRules RULES = TestEditions.rules();
    private static final String URL = "https://news.example.cn/a/b";
    private static final LocalDate IN_WINDOW = LocalDate.parse("2023-06-01");

    private static DomainException refusal(String category, LocalDate publishedOn, String url, Set<String> soFar) {
        DomainException e = catchThrowableOfType(DomainException.class,
                () -> EligibilityPolicy.check(RULES, category, publishedOn, url, soFar));
        assertThat(e).as("a refusal").isNotNull();
        return e;
    }

    @Nested
    class Eligibility_window {

        @Test
        void accepts_a_work_published_on_the_first_day() {
            assertThat(EligibilityPolicy.check(RULES, TEXT, LocalDate.parse("2023-01-01"), URL, Set.of())).isEqualTo(URL);
        }

        @Test
        void accepts_a_work_published_on_the_last_day() {
            assertThat(EligibilityPolicy.check(RULES, TEXT, LocalDate.parse("2023-12-31"), URL, Set.of())).isEqualTo(URL);
        }

        @Test
        void refuses_a_work_published_the_day_before_the_window() {
            DomainException e = refusal(TEXT, LocalDate.parse("2022-12-31"), URL, Set.of());
            assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_ELIGIBILITY_WINDOW);
            assertThat(e.field()).isEqualTo("publishedOn");
        }

        @Test
        void refuses_a_work_published_the_day_after_the_window() {
            assertThat(refusal(TEXT, LocalDate.parse("2024-01-01"), URL, Set.of()).code())
                    .isEqualTo(ErrorCode.OUT_OF_ELIGIBILITY_WINDOW);
        }
    }

    @Test
    void refuses_a_category_the_edition_does_not_have() {
        DomainException e = refusal("VIDEO", IN_WINDOW, URL, Set.of());
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CATEGORY);
        assertThat(e.field()).isEqualTo("category");
        assertThat(e.items()).containsExactly("VIDEO");
    }

    @Test
    void category_codes_are_matched_exactly() {
        assertThat(refusal("text", IN_WINDOW, URL, Set.of()).code()).isEqualTo(ErrorCode.UNKNOWN_CATEGORY);
    }

    @Test
    void refuses_a_missing_category_as_a_domain_error_not_a_crash() {
        DomainException e = refusal(null, IN_WINDOW, URL, Set.of());
        assertThat(e.code()).isIn(ErrorCode.UNKNOWN_CATEGORY, ErrorCode.VALIDATION);
        assertThat(e.field()).isEqualTo("category");
    }

    @Test
    void refuses_a_url_equivalent_to_one_already_submitted() {
        DomainException e = refusal(PIC, IN_WINDOW, "HTTPS://News.Example.cn:443/a/b/#top", Set.of(URL));
        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_URL);
        assertThat(e.field()).isEqualTo("url");
        assertThat(e.items()).containsExactly(URL);
    }

    @Test
    void returns_the_normalised_url_of_an_eligible_work() {
        assertThat(EligibilityPolicy.check(RULES, PIC, IN_WINDOW, "HTTPS://News.Example.cn:443/a/b/#top",
                Set.of("https://news.example.cn/other"))).isEqualTo(URL);
    }

    @Nested
    class Order_of_checks {

        @Test
        void an_invalid_url_is_reported_before_anything_else() {
            DomainException e = refusal("VIDEO", LocalDate.parse("2020-01-01"), "not a url", Set.of());
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).isEqualTo("url");
        }

        @Test
        void the_window_is_checked_before_the_category_and_the_url() {
            assertThat(refusal("VIDEO", LocalDate.parse("2020-01-01"), URL, Set.of(URL)).code())
                    .isEqualTo(ErrorCode.OUT_OF_ELIGIBILITY_WINDOW);
        }

        @Test
        void the_category_is_checked_before_the_duplicate_url() {
            assertThat(refusal("VIDEO", IN_WINDOW, URL, Set.of(URL)).code()).isEqualTo(ErrorCode.UNKNOWN_CATEGORY);
        }
    }
}
