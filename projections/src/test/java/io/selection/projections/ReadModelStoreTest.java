package io.selection.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.selection.edition.Category;
import io.selection.events.EditionCreatedEvent;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.events.StageChangedEvent;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.query.ReadModelQueries;
import io.selection.results.ListedWork;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.review.Round;
import io.selection.events.WorkScoredEvent;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
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

class ReadModelStoreTest {

    private static final Instant T = Instant.parse("2024-01-10T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static List<Object> log() {
        List<Object> events = new ArrayList<>();
        EditionRules rules = new EditionRules("t", "theme", LocalDate.parse("2023-01-01"),
                LocalDate.parse("2023-12-31"), "Asia/Shanghai", List.of(new Category("A", "A", 2, 1)),
                new VotingRules(Instant.parse("2024-02-26T16:00:00Z"), Instant.parse("2024-03-04T16:00:00Z"), 1, 10,
                        300), ReviewRules.DEFAULT, Weights.DEFAULT);
        events.add(new EditionCreatedEvent("e", rules, T, "organiser"));
        for (int i = 1; i <= 4; i++) {
            events.add(new WorkSubmittedEvent("e", "w" + i, "Work " + i, "https://x.cn/" + i, "https://x.cn/" + i,
                    "A", LocalDate.parse("2023-05-01"), "Org", i, T, "organiser"));
        }
        for (int i = 1; i <= 4; i++) {
            for (String r : List.of("r1", "r2", "r3")) {
                events.add(new WorkScoredEvent("e", "w" + i, r, Round.PRELIMINARY, BigDecimal.valueOf(100 - 10L * i), T));
            }
        }
        events.add(new StageChangedEvent("e", Stage.PRELIMINARY_REVIEW, Stage.SHORTLIST_PUBLISHED, T, "organiser"));
        events.add(new ShortlistPublishedEvent("e", Map.of("A", List.of(
                new ListedWork(1, "w1", new BigDecimal("90.00")), new ListedWork(2, "w2", new BigDecimal("80.00")))), T));
        events.add(new StageChangedEvent("e", Stage.SHORTLIST_PUBLISHED, Stage.VOTING, T, "organiser"));
        events.add(new VotesDecidedEvent("e", "local-0", null, List.of(
                decision("v1", "w1", null), decision("v2", "w2", null), decision("v3", "w4",
                        RefusalReason.NOT_SHORTLISTED))));
        events.add(new WorkDisqualifiedEvent("e", "w1", "plagiarism", T, "organiser"));
        events.add(new ShortlistAmendedEvent("e", "A", "w1", "w3", new BigDecimal("70.00"), T));
        return events;
    }

    private static VoteDecision decision(String id, String work, RefusalReason reason) {
        return new VoteDecision(id, "voter", work, "A", Instant.parse("2024-02-27T02:00:00Z"),
                Instant.parse("2024-02-27T02:00:01Z"), LocalDate.parse("2024-02-27"),
                reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, null, null);
    }

    private static ReadModelStore fold(List<Object> events) {
        ReadModelStore store = new ReadModelStore();
        for (int i = 0; i < events.size(); i++) {
            store.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        return store;
    }

    private static String everything(ReadModelStore store) throws Exception {
        ReadModelQueryHandlers q = new ReadModelQueryHandlers(store);
        return JSON.writeValueAsString(List.of(
                q.edition(new ReadModelQueries.FindEditionQuery("e")),
                q.shortlist(new ReadModelQueries.FindShortlistQuery("e")),
                q.tallies(new ReadModelQueries.FindTalliesQuery("e")),
                q.finalRanking(new ReadModelQueries.FindFinalRankingQuery("e")),
                q.preliminaryRanking(new ReadModelQueries.FindPreliminaryRankingQuery("e", "A")),
                q.history(new ReadModelQueries.FindWorkHistoryQuery("e", "w1")),
                q.work(new ReadModelQueries.FindWorkQuery("e", "w3"))));
    }

    @Test
    void folding_the_same_log_twice_gives_the_same_json() throws Exception {
        assertThat(everything(fold(log()))).isEqualTo(everything(fold(log())));
    }

    @Test
    void an_event_delivered_again_changes_nothing() throws Exception {
        ReadModelStore store = fold(log());
        String before = everything(store);
        List<Object> events = log();
        boolean applied = store.apply(GapAwareTrackingToken.newInstance(events.size() - 3, Collections.emptySet()), T,
                events.get(events.size() - 3));
        assertThat(applied).isFalse();
        assertThat(everything(store)).isEqualTo(before);
    }

    @Test
    void a_backfilled_shortlist_keeps_the_rank_order_and_the_disqualified_work_leaves_it() {
        ReadModelQueryHandlers q = new ReadModelQueryHandlers(fold(log()));
        var shortlist = q.shortlist(new ReadModelQueries.FindShortlistQuery("e")).categories().get("A");
        assertThat(shortlist).extracting(Views.ShortlistEntry::workId).containsExactly("w2", "w3");
        assertThat(shortlist).extracting(Views.ShortlistEntry::rank).containsExactly(1, 2);
        assertThat(q.work(new ReadModelQueries.FindWorkQuery("e", "w1")).status()).isEqualTo("DISQUALIFIED");
        assertThat(q.work(new ReadModelQueries.FindWorkQuery("e", "w3")).status()).isEqualTo("SHORTLISTED");
    }

    @Test
    void tallies_count_accepted_votes_per_work_and_refusals_per_reason() {
        var tallies = new ReadModelQueryHandlers(fold(log())).tallies(new ReadModelQueries.FindTalliesQuery("e"));
        assertThat(tallies.categories().get("A")).extracting(Views.TallyEntry::workId, Views.TallyEntry::validVotes)
                .contains(org.assertj.core.groups.Tuple.tuple("w1", 1L), org.assertj.core.groups.Tuple.tuple("w2", 1L));
        assertThat(tallies.categories().get("A")).extracting(Views.TallyEntry::title).contains("Work 1", "Work 2");
        assertThat(tallies.refusedVotes()).containsEntry("NOT_SHORTLISTED", 1L).containsEntry("CLOCK_SKEW", 0L);
        assertThat(tallies.acceptedVotes()).isEqualTo(2);
    }

    @Test
    void a_work_history_lists_its_events_in_log_order() {
        var history = new ReadModelQueryHandlers(fold(log())).history(new ReadModelQueries.FindWorkHistoryQuery("e", "w1"));
        assertThat(history.events()).extracting(Views.HistoryEntry::type).containsExactly("WorkSubmitted",
                "WorkScored", "WorkScored", "WorkScored", "Shortlisted", "VotesDecided", "WorkDisqualified",
                "ShortlistAmended");
        assertThat(history.events()).extracting(Views.HistoryEntry::seq).isSorted();
    }

    @Test
    void a_cleared_store_answers_nothing_until_the_log_is_folded_again() throws Exception {
        ReadModelStore store = fold(log());
        String before = everything(store);
        store.clear();
        assertThat(store.position()).isEqualTo(-1);
        assertThat(new ReadModelQueryHandlers(store).edition(new ReadModelQueries.FindEditionQuery("e"))).isNull();
        List<Object> events = log();
        for (int i = 0; i < events.size(); i++) {
            store.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        assertThat(everything(store)).isEqualTo(before);
    }

    @Test
    void a_vote_is_found_at_the_line_of_its_decision_in_its_editions_log() {
        ReadModelQueryHandlers q = new ReadModelQueryHandlers(fold(log()));
        int votesAt = log().size() - 3 + 1; // lines are numbered from 1
        assertThat(q.vote(new ReadModelQueries.FindVoteQuery("e", "v2")).seq()).isEqualTo(votesAt);
        assertThat(q.vote(new ReadModelQueries.FindVoteQuery("e", "nope"))).isNull();
    }

    @Test
    void a_burst_of_accepted_votes_from_one_address_is_flagged_once_it_passes_the_limit() {
        List<Object> events = log();
        List<VoteDecision> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(new VoteDecision("b" + i, "voter" + i, "w2", "A", Instant.parse("2024-02-27T02:00:00Z")
                    .plusSeconds(i), Instant.parse("2024-02-27T02:00:01Z"), LocalDate.parse("2024-02-27"),
                    Decision.ACCEPTED, null, "10.0.0.1", null));
        }
        events.add(new VotesDecidedEvent("e", "local-1", null, burst));
        ReadModelStore store = new ReadModelStore(new SuspicionRules(3, 100, 10, 10));
        for (int i = 0; i < events.size(); i++) {
            store.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        var sets = new ReadModelQueryHandlers(store).suspiciousSets(
                new ReadModelQueries.FindSuspiciousVoteSetsQuery("e")).sets();
        assertThat(sets).singleElement().satisfies(set -> {
            assertThat(set.rule()).isEqualTo("ip-burst");
            assertThat(set.key()).isEqualTo("10.0.0.1");
            assertThat(set.votes()).isEqualTo(4);
            assertThat(set.sample()).containsExactly("b0", "b1", "b2", "b3");
        });
        ReadModelStore calm = new ReadModelStore(new SuspicionRules(4, 100, 10, 10));
        for (int i = 0; i < events.size(); i++) {
            calm.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        assertThat(new ReadModelQueryHandlers(calm).suspiciousSets(
                new ReadModelQueries.FindSuspiciousVoteSetsQuery("e")).sets()).isEmpty();
    }
}
