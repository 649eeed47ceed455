package io.selection.api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vote intake's counters and timers are on the Prometheus page, and reading it needs an
 * account. (Spring Boot turns metrics export off in tests unless asked, hence the annotation.)
 */
@AutoConfigureObservability
class MetricsHttpTest extends ApiTestBase {

    @Test
    void vote_decisions_group_sizes_and_commit_times_are_published_for_prometheus() {
        VotingEditionSetup.open(http(), "metrics");
        post("gateway", "/api/editions/metrics/votes", VotingEditionSetup.vote("m1", "mv", "A1",
                VotingEditionSetup.castAt(0)));
        post("gateway", "/api/editions/metrics/votes", VotingEditionSetup.vote("m2", "mv", "A1",
                VotingEditionSetup.castAt(0)));

        assertThat(get(null, "/actuator/prometheus").status()).isEqualTo(401);
        Response page = get("auditor", "/actuator/prometheus");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw())
                .contains("selection_votes_decided_total{decision=\"ACCEPTED\",reason=\"none\"")
                .contains("selection_votes_decided_total{decision=\"REFUSED\",reason=\"DAILY_WORK_LIMIT\"")
                .contains("selection_votes_commit_seconds")
                .contains("selection_votes_group_size")
                .containsPattern("selection_readmodels_lag(\\{[^}]*})? [0-9.]+");
        assertThat(get("auditor", "/api/editions/metrics/tallies/live").body().get("lag").asLong())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void the_signer_tells_the_metrics_when_it_last_signed_and_how_often_it_failed() throws Exception {
        VotingEditionSetup.open(http(), "metrics-cp");
        long deadline = System.nanoTime() + 30_000_000_000L;
        String page = get("auditor", "/actuator/prometheus").raw();
        // the first pass runs when the service is ready; it is over once the age is a number
        while (page.contains("selection_checkpoints_pass_age_seconds NaN") && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            page = get("auditor", "/actuator/prometheus").raw();
        }
        assertThat(page).contains("selection_checkpoints_failures_total 0.0");
        assertThat(page).containsPattern("selection_checkpoints_pass_age_seconds [0-9]");
    }

}
