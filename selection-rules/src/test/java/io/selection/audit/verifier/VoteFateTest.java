package io.selection.audit.verifier;

import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Merkle;

import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VoteFateTest {

    private static final Instant AT = Instant.parse("2024-02-27T02:00:00Z");
    private static final byte[] HASH = new byte[32];

    private static VoteDecision vote(String id, String voter, Decision decision) {
        return new VoteDecision(id, voter, "w1", "TEXT", AT, AT, LocalDate.of(2024, 2, 27), decision,
                decision == Decision.ACCEPTED ? null : RefusalReason.DAILY_WORK_LIMIT, "10.0.0.1", "d1");
    }

    private static VotesDecidedEvent group(VoteDecision... votes) {
        return new VotesDecidedEvent("e", "lane-0", null, List.of(votes));
    }

    @Test
    void a_later_entry_under_a_decided_id_is_named_as_a_duplicate_with_the_line_of_the_first() {
        VoteFate fate = new VoteFate("v1", 2);
        fate.accept(1, HASH, group(vote("v0", "a", Decision.ACCEPTED), vote("v1", "a", Decision.ACCEPTED)));
        fate.accept(2, HASH, group(vote("v1", "c", Decision.ACCEPTED)));

        assertThat(fate.counted(1, 1)).isTrue();
        assertThat(fate.counted(2, 0)).isFalse();
        assertThat(fate.describe(2, 0)).startsWith("not counted: vote id v1 was first decided at line 1 (entry 1")
                .contains("counts nowhere");
    }

    @Test
    void an_invalidation_within_the_size_takes_the_vote_and_one_after_it_is_named_as_later() {
        VotesInvalidatedEvent invalidation = new VotesInvalidatedEvent("e", "set-1", "ip-burst", "a farm",
                List.of("v1"), Map.of("w1", 1L), AT, "organiser");
        VoteFate within = new VoteFate("v1", 2);
        VoteFate before = new VoteFate("v1", 1);
        for (VoteFate fate : List.of(within, before)) {
            fate.accept(1, HASH, group(vote("v1", "a", Decision.ACCEPTED)));
            fate.accept(2, HASH, invalidation);
        }

        assertThat(within.counted(1, 0)).isFalse();
        assertThat(within.describe(1, 0)).isEqualTo("not counted: invalidated at line 2 (set set-1), within the first 2 lines");
        assertThat(before.counted(1, 0)).isTrue();
        assertThat(before.describe(1, 0)).contains("invalidated later, at line 2");
    }

    @Test
    void a_refused_vote_counts_as_its_refusal_and_the_digest_is_of_the_first_lines_only() {
        VoteFate fate = new VoteFate("v1", 1);
        fate.accept(1, HASH, group(vote("v1", "a", Decision.REFUSED)));
        fate.accept(2, new byte[32], group(vote("v2", "a", Decision.ACCEPTED)));

        assertThat(fate.counted(1, 0)).isFalse();
        assertThat(fate.describe(1, 0)).startsWith("counted as a refusal (DAILY_WORK_LIMIT)");
        assertThat(fate.digest()).isEqualTo(Hex.of(Merkle.root(List.of(HASH))));
    }
}
