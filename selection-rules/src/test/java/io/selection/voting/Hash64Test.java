package io.selection.voting;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The stable hashes every lane and the recount key vote ids and voter ids by. */
class Hash64Test {

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

    @Test
    void the_second_hash_is_stable_and_independent_of_the_first() {
        assertThat(Hash64.second(new String("vote-1"))).isEqualTo(Hash64.second("vote-1"));
        assertThat(Hash64.second("ab")).isNotEqualTo(Hash64.second("ba"));
        assertThat(Hash64.second("v1")).isNotEqualTo(Hash64.of("v1"));
        // 16 bits of the first hash alone take at most 65,536 values among 100,000 ids; with 16
        // independent bits of the second beside them, nearly every id has a pair of its own
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            pairs.add((Hash64.of("0190f7a2-" + i) >>> 48) << 16 | (Hash64.second("0190f7a2-" + i) >>> 48));
        }
        assertThat(pairs).hasSizeGreaterThan(99_000);
    }

    // computed outside Java from the documented algorithm (FNV-1a 64 over UTF-16 code units, then
    // h ^= h >>> 33; h *= 0xff51afd7ed558ccd; h ^= h >>> 33)
    private static final long PINNED_EMPTY = -1388729422223754158L;
    private static final long PINNED_V1 = 8138696577472080474L;
    private static final long PINNED_CJK = -1517868900093739883L;
}
