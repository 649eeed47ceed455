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
}
