package io.selection.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.projections.Views.RatePoint;
import io.selection.projections.Views.VoteRateView;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live page's vote rate: decided votes per minute of the time the service received them. */
class VoteRateTest {

    private static final Instant T = Instant.parse("2024-02-27T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private int ids;

    private static EditionCreatedEvent edition() {
        EditionRules rules = new EditionRules("t", "theme", LocalDate.parse("2023-01-01"),
                LocalDate.parse("2023-12-31"), "Europe/London", List.of(new Category("A", "A", 2, 1)),
                new VotingRules(Instant.parse("2024-02-26T16:00:00Z"), Instant.parse("2024-03-04T16:00:00Z"), 1, 10,
                        300), ReviewRules.DEFAULT, Weights.DEFAULT);
        return new EditionCreatedEvent("e", rules, T, "organiser");
    }

    /** A group of {@code n} votes received one second apart from {@code from}; every {@code refuseEvery}-th refused. */
    private VotesDecidedEvent group(Instant from, int n, int refuseEvery) {
        List<VoteDecision> decisions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean refused = refuseEvery > 0 && i % refuseEvery == 0;
            decisions.add(decision("v" + ids++, from.plusSeconds(i), refused));
        }
        return new VotesDecidedEvent("e", "local-0", null, decisions);
    }

    private static VoteDecision decision(String id, Instant receivedAt, boolean refused) {
        return new VoteDecision(id, "voter-" + id, "w1", "A", receivedAt, receivedAt, LocalDate.parse("2024-02-27"),
                refused ? Decision.REFUSED : Decision.ACCEPTED, refused ? RefusalReason.DAILY_WORK_LIMIT : null,
                null, null);
    }

    private static ReadModelStore fold(List<Object> events) {
        ReadModelStore store = new ReadModelStore();
        for (int i = 0; i < events.size(); i++) {
            // the store's own time of each line is left the same on purpose: the rate is read from receivedAt
            store.apply(GapAwareTrackingToken.newInstance(i, Collections.emptySet()), T, events.get(i));
        }
        return store;
    }

    private static VoteRateView rate(List<Object> events) {
        return new ReadModelQueryHandlers(fold(events)).live("e").voteRate();
    }

    @Test
    void a_steady_vote_gives_one_point_a_minute_each_with_that_minutes_decisions() {
        List<Object> log = new ArrayList<>(List.of(edition()));
        // ten minutes, a group every 20 s of 20 votes received over 20 s, one in five refused
        for (int s = 0; s < 600; s += 20) {
            log.add(group(T.plusSeconds(s), 20, 5));
        }
        VoteRateView rate = rate(log);
        assertThat(rate.minutes()).isEqualTo(1);
        assertThat(rate.points()).hasSize(10);
        assertThat(rate.points()).extracting(RatePoint::from)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(m -> T.plusSeconds(60L * m)).toList());
        assertThat(rate.points()).allSatisfy(p -> {
            assertThat(p.accepted()).isEqualTo(48);
            assertThat(p.refused()).isEqualTo(12);
        });
    }

    @Test
    void a_minute_without_votes_is_a_point_of_zero_and_no_votes_is_no_point() {
        assertThat(rate(List.of(edition())).points()).isEmpty();
        VoteRateView rate = rate(List.of(edition(), group(T, 3, 0), group(T.plusSeconds(180), 2, 0)));
        assertThat(rate.points()).extracting(RatePoint::accepted).containsExactly(3L, 0L, 0L, 2L);
    }

    @Test
    void the_log_s_time_of_reception_places_a_vote_whatever_group_it_came_in() {
        // one group carrying votes received in two minutes (a lane's lot spanning a minute's end)
        VoteRateView rate = rate(List.of(edition(), group(T.plusSeconds(50), 20, 0)));
        assertThat(rate.points()).extracting(RatePoint::from).containsExactly(T, T.plusSeconds(60));
        assertThat(rate.points()).extracting(RatePoint::accepted).containsExactly(10L, 10L);
    }

    @Test
    void a_vote_decided_again_under_its_id_counts_nowhere() {
        VoteDecision first = decision("same", T, false);
        VoteDecision again = decision("same", T.plusSeconds(70), false);
        VoteRateView rate = rate(List.of(edition(), new VotesDecidedEvent("e", "local-0", null, List.of(first)),
                new VotesDecidedEvent("e", "local-1", null, List.of(again))));
        assertThat(rate.points()).extracting(RatePoint::accepted).containsExactly(1L);
    }

    @Test
    void a_week_of_voting_is_drawn_in_wider_points_aligned_to_their_width() {
        List<Object> log = new ArrayList<>(List.of(edition()));
        Instant start = T.plusSeconds(7 * 60); // 02:07
        for (long hour = 0; hour < 7 * 24; hour++) {
            log.add(group(start.plus(Duration.ofHours(hour)), 4, 0));
        }
        VoteRateView rate = rate(log);
        assertThat(rate.minutes()).isEqualTo(30);
        assertThat(rate.points().size()).isLessThanOrEqualTo(VoteRate.MAX_POINTS);
        assertThat(rate.points().get(0).from()).isEqualTo(T);
        assertThat(rate.points()).extracting(RatePoint::accepted).containsOnly(0L, 4L);
        assertThat(rate.points().stream().mapToLong(RatePoint::accepted).sum()).isEqualTo(4L * 7 * 24);
        assertThat(VoteRate.width(0, 60L * 24 * 30)).as("a month").isEqualTo(120);
    }

    @Test
    void folding_the_same_log_twice_gives_the_same_json() throws Exception {
        List<Object> log = new ArrayList<>(List.of(edition()));
        for (int s = 0; s < 300; s += 30) {
            log.add(group(T.plusSeconds(s), 30, 7));
        }
        assertThat(JSON.writeValueAsString(rate(log))).isEqualTo(JSON.writeValueAsString(rate(log)))
                .contains("\"minutes\":1").contains("\"from\":\"2024-02-27T02:00:00Z\"");
    }
}
