package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily limits and the closing of the vote hold when many callers race. */
class VoteConcurrencyTest extends ApiTestBase {

    @Test
    void one_voter_racing_from_sixteen_threads_gets_exactly_the_daily_limit() throws Exception {
        VotingEditionSetup.open(http(), "race");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String work = VotingEditionSetup.SHORTLISTED.get(i % 3); // A1, A2, A3
            String body = VotingEditionSetup.vote("race" + i, "eager", work, VotingEditionSetup.castAt(2));
            answers.add(pool.submit(() -> post("gateway", "/api/editions/race/votes", body).body()
                    .get("decision").asText()));
        }
        int accepted = 0;
        for (Future<String> answer : answers) {
            accepted += answer.get().equals("ACCEPTED") ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(3); // one per work per day, three works
        JsonNode refused = get("auditor", "/api/editions/race/tallies").body().get("refusedVotes");
        assertThat(refused.get("DAILY_WORK_LIMIT").asLong()).isEqualTo(157);
    }

    @Test
    void votes_racing_the_close_of_the_vote_are_either_counted_in_the_certified_tallies_or_refused()
            throws Exception {
        VotingEditionSetup.open(http(), "close");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean closed = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refusedAfterClose = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<Integer>> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            senders.add(pool.submit(() -> {
                int accepted = 0;
                for (int i = 0; i < 200 && !(closed.get() && i % 50 == 49); i++) {
                    String body = VotingEditionSetup.vote("c" + thread + "-" + i, "v" + thread + "-" + i, "A1",
                            VotingEditionSetup.castAt(3));
                    JsonNode answer = post("gateway", "/api/editions/close/votes", body).body();
                    answered.incrementAndGet();
                    if ("ACCEPTED".equals(answer.get("decision").asText())) {
                        accepted++;
                    } else {
                        assertThat(answer.get("reason").asText()).isEqualTo("OUTSIDE_VOTING_WINDOW");
                        refusedAfterClose.incrementAndGet();
                    }
                }
                return accepted;
            }));
        }
        // close while the senders are well under way (a condition, not a sleep)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> answered.get() >= 80);
        VotingEditionSetup.transition(http(), "/api/editions/close", "FINAL_REVIEW");
        closed.set(true);
        int accepted = 0;
        for (Future<Integer> sender : senders) {
            accepted += sender.get();
        }
        pool.shutdown();
        assertThat(accepted).isPositive();
        assertThat(refusedAfterClose.get()).as("votes sent after the close are refused for the window").isPositive();
        JsonNode events = get("auditor", "/api/editions/close/works/A1/history").body().get("events");
        long certified = -1;
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("TalliesCertified")) {
                certified = e.get("data").get("validVotes").asLong();
            }
        }
        assertThat(certified).isEqualTo(accepted);
        assertThat(VotingEditionSetup.validVotes(http(), "close").get(0)).isEqualTo(accepted);
    }
}
