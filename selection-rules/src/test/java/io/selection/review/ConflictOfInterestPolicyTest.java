package io.selection.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictOfInterestPolicyTest {

    @Test
    void a_reviewer_of_the_works_organisation_conflicts() {
        assertThat(ConflictOfInterestPolicy.conflicts("People's Daily", "People's Daily")).isTrue();
    }

    @Test
    void organisations_are_compared_trimmed_and_ignoring_case() {
        assertThat(ConflictOfInterestPolicy.conflicts("  XINHUA News Agency ", "xinhua news agency")).isTrue();
    }

    @Test
    void different_organisations_do_not_conflict() {
        assertThat(ConflictOfInterestPolicy.conflicts("Xinhua News Agency", "Xinhua News")).isFalse();
    }

    @Test
    void an_unknown_organisation_on_either_side_does_not_conflict() {
        assertThat(ConflictOfInterestPolicy.conflicts(null, "Xinhua")).isFalse();
        assertThat(ConflictOfInterestPolicy.conflicts("Xinhua", null)).isFalse();
        assertThat(ConflictOfInterestPolicy.conflicts(null, null)).isFalse();
    }

    @Test
    void two_blank_organisations_do_not_conflict() {
        assertThat(ConflictOfInterestPolicy.conflicts("  ", "")).isFalse();
    }
}
