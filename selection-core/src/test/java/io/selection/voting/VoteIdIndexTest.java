package io.selection.voting;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The vote id index (64-bit hash to first outcome) and the stable hash it is keyed by. */
class VoteIdIndexTest {

    private final VoteIdIndex index = new VoteIdIndex();

    @Test
    void an_empty_index_knows_no_key() {
        assertThat(index.get(Hash64.of("v1"))).isEqualTo(-1);
        assertThat(index.get(0)).isEqualTo(-1);
        assertThat(index.get(1)).isEqualTo(-1);
        assertThat(index.get(-1)).isEqualTo(-1);
        assertThat(index.size()).isZero();
    }

    @Test
    void returns_the_outcome_recorded_for_a_key_and_minus_one_for_unknown_keys() {
        index.putIfAbsent(Hash64.of("v1"), 0);
        index.putIfAbsent(Hash64.of("v2"), 4);

        assertThat(index.get(Hash64.of("v1"))).isZero();
        assertThat(index.get(Hash64.of("v2"))).isEqualTo(4);
        assertThat(index.get(Hash64.of("v3"))).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void keeps_the_first_outcome_of_a_key() {
        index.putIfAbsent(Hash64.of("v1"), 3);
        index.putIfAbsent(Hash64.of("v1"), 0);

        assertThat(index.get(Hash64.of("v1"))).isEqualTo(3);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void stores_the_hash_zero_although_zero_marks_an_empty_slot() {
        index.putIfAbsent(0, 5);

        assertThat(index.get(0)).isEqualTo(5);
        assertThat(index.size()).isEqualTo(1);
        index.putIfAbsent(0, 2);
        assertThat(index.get(0)).isEqualTo(5);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void stores_the_extreme_keys() {
        index.putIfAbsent(Long.MIN_VALUE, 1);
        index.putIfAbsent(Long.MAX_VALUE, 2);
        index.putIfAbsent(-1, 6);

        assertThat(index.get(Long.MIN_VALUE)).isEqualTo(1);
        assertThat(index.get(Long.MAX_VALUE)).isEqualTo(2);
        assertThat(index.get(-1)).isEqualTo(6);
    }

    @Nested
    class Growing {

        private static final int MANY = 300_000;

        @Test
        void keeps_every_key_and_outcome_through_many_doublings() {
            for (int i = 0; i < MANY; i++) {
                index.putIfAbsent(Hash64.of("vote-" + i), i % 7);
            }

            assertThat(index.size()).isEqualTo(MANY);
            for (int i = 0; i < MANY; i++) {
                assertThat(index.get(Hash64.of("vote-" + i))).as("vote-" + i).isEqualTo(i % 7);
            }
            for (int i = 0; i < 10_000; i++) {
                assertThat(index.get(Hash64.of("other-" + i))).as("other-" + i).isEqualTo(-1);
            }
        }

        @Test
        void keeps_the_first_outcome_across_growth() {
            for (int i = 0; i < 50_000; i++) {
                index.putIfAbsent(Hash64.of("vote-" + i), 1);
            }
            for (int i = 0; i < 50_000; i++) {
                index.putIfAbsent(Hash64.of("vote-" + i), 2);
            }

            assertThat(index.size()).isEqualTo(50_000);
            assertThat(index.get(Hash64.of("vote-0"))).isEqualTo(1);
            assertThat(index.get(Hash64.of("vote-49999"))).isEqualTo(1);
        }

        @Test
        void copes_with_keys_that_differ_only_in_their_high_bits_or_are_consecutive() {
            for (long i = 1; i <= 20_000; i++) {
                index.putIfAbsent(i << 40, 3);
                index.putIfAbsent(i, 4);
            }

            assertThat(index.size()).isEqualTo(40_000);
            for (long i = 1; i <= 20_000; i++) {
                assertThat(index.get(i << 40)).isEqualTo(3);
                assertThat(index.get(i)).isEqualTo(4);
            }
            assertThat(index.get(20_001L << 40)).isEqualTo(-1);
            assertThat(index.get(20_001L)).isEqualTo(-1);
        }

        @Test
        void keeps_the_hash_zero_through_growth() {
            index.putIfAbsent(0, 6);
            for (int i = 0; i < 10_000; i++) {
                index.putIfAbsent(Hash64.of("vote-" + i), 0);
            }

            assertThat(index.get(0)).isEqualTo(6);
            assertThat(index.size()).isEqualTo(10_001);
        }
    }

    @Nested
    class Outcome_codes {

        private VoteDecision decided(Decision decision, RefusalReason reason) {
            return new VoteDecision("v1", "alice", "t1", "TEXT", Instant.EPOCH, Instant.EPOCH,
                    LocalDate.EPOCH, decision, reason, null, null);
        }

        @Test
        void an_accepted_vote_is_zero_and_comes_back_as_an_accepted_repeat() {
            int code = VoteIdIndex.encode(decided(Decision.ACCEPTED, null));

            assertThat(code).isZero();
            assertThat(VoteIdIndex.decode("v1", code)).isEqualTo(new VoteOutcome("v1", Decision.ACCEPTED, null, true));
        }

        @ParameterizedTest
        @EnumSource(RefusalReason.class)
        void each_refusal_has_its_own_code_that_fits_in_a_byte_and_comes_back_as_a_repeat(RefusalReason reason) {
            int code = VoteIdIndex.encode(decided(Decision.REFUSED, reason));

            assertThat(code).isBetween(1, 127);
            index.putIfAbsent(42, code);
            assertThat(VoteIdIndex.decode("v9", index.get(42)))
                    .isEqualTo(new VoteOutcome("v9", Decision.REFUSED, reason, true));
        }

        @Test
        void the_codes_are_distinct() {
            Set<Integer> codes = new HashSet<>();
            codes.add(VoteIdIndex.encode(decided(Decision.ACCEPTED, null)));
            for (RefusalReason reason : RefusalReason.values()) {
                codes.add(VoteIdIndex.encode(decided(Decision.REFUSED, reason)));
            }
            assertThat(codes).hasSize(RefusalReason.values().length + 1);
        }
    }

    @Nested
    class The_hash {

        @Test
        void is_the_same_for_equal_strings_and_differs_for_near_ones() {
            assertThat(Hash64.of(new String("vote-1"))).isEqualTo(Hash64.of("vote-1"));
            assertThat(Hash64.of("ab")).isNotEqualTo(Hash64.of("ba"));
            assertThat(Hash64.of("v1")).isNotEqualTo(Hash64.of("v2"));
            assertThat(Hash64.of("")).isNotEqualTo(Hash64.of("\0"));
        }

        @Test
        void gives_the_pinned_values_of_its_documented_algorithm() {
            // FNV-1a over UTF-16 units, then mixed: these values must never change, as every lane of
            // every JVM must recognise the same vote ids
            assertThat(Hash64.of("")).isEqualTo(PINNED_EMPTY);
            assertThat(Hash64.of("v1")).isEqualTo(PINNED_V1);
            assertThat(Hash64.of("投票-1")).isEqualTo(PINNED_CJK);
        }

        @Test
        void gives_no_collisions_on_a_few_hundred_thousand_ids() {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 300_000; i++) {
                assertThat(seen.add(Hash64.of("0190f7a2-" + i))).as("id %d", i).isTrue();
            }
        }
    }

    // computed outside Java from the documented algorithm (FNV-1a 64 over UTF-16 code units, then
    // h ^= h >>> 33; h *= 0xff51afd7ed558ccd; h ^= h >>> 33)
    private static final long PINNED_EMPTY = -1388729422223754158L;
    private static final long PINNED_V1 = 8138696577472080474L;
    private static final long PINNED_CJK = -1517868900093739883L;
}
