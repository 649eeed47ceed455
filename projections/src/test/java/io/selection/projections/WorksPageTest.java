package io.selection.projections;

import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.projections.Views.WorkView;
import io.selection.projections.Views.WorksPageView;
import io.selection.query.ReadModelQueries.FindEditionsQuery;
import io.selection.query.ReadModelQueries.FindReviewerQuery;
import io.selection.query.ReadModelQueries.FindWorksQuery;
import io.selection.results.ListedWork;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The works list over 2,000 works: odd numbers in category A, even in B; every fifth work from
 * Xinhua; w7 has a Chinese title. Shortlist: 500 a category (the lowest numbers); w1 disqualified.
 * Reviewer rx, of " XINHUA ", judges A only.
 */
class WorksPageTest {

    private static final Instant T = Instant.parse("2024-01-10T00:00:00Z");
    private static final int WORKS = 2_000;
    private static final ReadModelQueryHandlers Q = new ReadModelQueryHandlers(fold());

    private static ReadModelStore fold() {
        List<Object> events = new ArrayList<>();
        EditionRules rules = new EditionRules("t", "theme", LocalDate.parse("2023-01-01"),
                LocalDate.parse("2023-12-31"), "Asia/Shanghai",
                List.of(new Category("A", "A", 500, 100), new Category("B", "B", 500, 100)),
                new VotingRules(Instant.parse("2024-02-26T16:00:00Z"), Instant.parse("2024-03-04T16:00:00Z"), 1, 10,
                        300), ReviewRules.DEFAULT, Weights.DEFAULT);
        events.add(new EditionCreatedEvent("e", rules, T, "organiser"));
        events.add(new EditionCreatedEvent("d", rules, T, "organiser"));
        events.add(new ReviewerRegisteredEvent("e", "rx", "Rx", " XINHUA ", List.of("A"), T, "organiser"));
        for (int i = 1; i <= WORKS; i++) {
            events.add(new WorkSubmittedEvent("e", "w" + i, i == 7 ? "春天的故事" : "Work " + i, "https://x.cn/" + i,
                    "https://x.cn/" + i, i % 2 == 1 ? "A" : "B", LocalDate.parse("2023-05-01"),
                    i % 5 == 0 ? "Xinhua" : "Unit", i, T, "organiser"));
        }
        events.add(new StageChangedEvent("e", Stage.PRELIMINARY_REVIEW, Stage.SHORTLIST_PUBLISHED, T, "organiser"));
        List<ListedWork> a = new ArrayList<>();
        List<ListedWork> b = new ArrayList<>();
        for (int rank = 1; rank <= 500; rank++) {
            a.add(new ListedWork(rank, "w" + (2 * rank - 1), BigDecimal.TEN));
            b.add(new ListedWork(rank, "w" + (2 * rank), BigDecimal.TEN));
        }
        events.add(new ShortlistPublishedEvent("e", Map.of("A", a, "B", b), T));
        events.add(new WorkDisqualifiedEvent("e", "w1", "plagiarism", T, "organiser"));
        ReadModelStore store = new ReadModelStore();
        for (int i = 0; i < events.size(); i++) {
            store.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        return store;
    }

    private static WorksPageView page(String category, String status, String text, String reviewer, int offset,
                                      int limit) {
        return Q.works(new FindWorksQuery("e", category, status, text, reviewer, offset, limit));
    }

    private static List<String> ids(WorksPageView page) {
        return page.works().stream().map(WorkView::id).toList();
    }

    @Test
    void without_filters_every_work_is_counted_and_the_first_page_is_in_submission_order() {
        WorksPageView all = page(null, null, null, null, 0, 3);
        assertThat(all.total()).isEqualTo(WORKS);
        assertThat(ids(all)).containsExactly("w1", "w2", "w3");
        assertThat(all.counts()).containsExactly(Map.entry("SUBMITTED", 0L), Map.entry("SHORTLISTED", 999L),
                Map.entry("NOT_SHORTLISTED", 1000L), Map.entry("NOT_SELECTED", 0L), Map.entry("WINNER", 0L),
                Map.entry("DISQUALIFIED", 1L));
    }

    @Test
    void the_status_filter_pages_but_the_counts_are_taken_before_it() {
        WorksPageView page = page("A", "NOT_SHORTLISTED", null, null, 10, 5);
        assertThat(page.total()).isEqualTo(500);
        // A's works off the shortlist are w1001, w1003, ...; the eleventh is w1021
        assertThat(ids(page)).containsExactly("w1021", "w1023", "w1025", "w1027", "w1029");
        assertThat(page.works()).allSatisfy(w -> assertThat(w.status()).isEqualTo("NOT_SHORTLISTED"));
        assertThat(page.counts()).containsEntry("SHORTLISTED", 499L).containsEntry("DISQUALIFIED", 1L)
                .containsEntry("NOT_SHORTLISTED", 500L);
        assertThat(page.offset()).isEqualTo(10);
        assertThat(page.limit()).isEqualTo(5);
    }

    @Test
    void a_page_past_the_end_is_empty_and_still_gives_the_total() {
        WorksPageView page = page("B", null, null, null, 1_000, 50);
        assertThat(page.total()).isEqualTo(1_000);
        assertThat(page.works()).isEmpty();
    }

    @Test
    void text_is_found_in_the_id_title_or_organisation_ignoring_case() {
        assertThat(ids(page(null, null, "春天", null, 0, 50))).containsExactly("w7");
        assertThat(page(null, null, "xINHUA", null, 0, 50).total()).isEqualTo(WORKS / 5);
        // w12, w120..w129, w1200..w1299
        assertThat(page(null, null, "W12", null, 0, 500).total()).isEqualTo(111);
    }

    @Test
    void a_reviewer_sees_the_works_of_their_categories_less_their_own_organisations() {
        WorksPageView page = page(null, null, null, "rx", 0, 500);
        // A has 1,000 works, 200 of them (w5, w15, ...) from Xinhua
        assertThat(page.total()).isEqualTo(800);
        assertThat(page.works()).allSatisfy(w -> {
            assertThat(w.category()).isEqualTo("A");
            assertThat(w.organisation()).isEqualTo("Unit");
        });
        assertThat(page.counts()).containsEntry("DISQUALIFIED", 1L).containsEntry("SHORTLISTED", 400L - 1);
        assertThat(page(null, null, null, "nobody", 0, 50)).isNull();
        assertThat(Q.reviewer(new FindReviewerQuery("e", "rx")).categories()).containsExactly("A");
        assertThat(Q.reviewer(new FindReviewerQuery("e", "nobody"))).isNull();
    }

    @Test
    void a_hundred_full_pages_over_two_thousand_works_take_well_under_two_seconds() {
        page(null, null, null, null, 0, 500); // warm up
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(page(null, i % 2 == 0 ? "SHORTLISTED" : null, null, i % 3 == 0 ? "rx" : null, i, 500)
                    .works()).isNotEmpty();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void the_editions_are_listed_in_id_order() {
        assertThat(Q.editions(new FindEditionsQuery())).extracting(Views.EditionView::id).containsExactly("d", "e");
    }
}
