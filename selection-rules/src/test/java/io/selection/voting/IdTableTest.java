package io.selection.voting;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one id table: 128-bit keys to ints (and lines), in segments that double, then split, on their own. */
class IdTableTest {

    private final IdTable table = new IdTable();

    @Test
    void an_empty_table_knows_no_id() {
        assertThat(table.get("v1")).isEqualTo(IdTable.ABSENT);
        assertThat(table.get(0, 0)).isEqualTo(IdTable.ABSENT);
        assertThat(table.get(-1, Long.MIN_VALUE)).isEqualTo(IdTable.ABSENT);
        assertThat(table.line("v1")).isEqualTo(-1);
        assertThat(table.size()).isZero();
    }

    @Test
    void keeps_the_first_value_of_an_id_and_knows_no_other() {
        assertThat(table.putIfAbsent("v1", 3)).isTrue();
        assertThat(table.putIfAbsent("v2", -1)).isTrue();
        assertThat(table.putIfAbsent("v1", 0)).isFalse();

        assertThat(table.get("v1")).isEqualTo(3);
        assertThat(table.get("v2")).isEqualTo(-1);
        assertThat(table.get("v3")).isEqualTo(IdTable.ABSENT);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void an_id_is_the_same_by_its_string_and_by_its_two_hashes() {
        table.putIfAbsent(Hash64.of("v1"), Hash64.second("v1"), 7);

        assertThat(table.get("v1")).isEqualTo(7);
        assertThat(table.putIfAbsent("v1", 8)).isFalse();
    }

    @Test
    void ids_sharing_one_64_bit_hash_are_two_ids() {
        // a collision of the first hash alone, as two voter or vote ids might meet in 64 bits
        table.putIfAbsent(42, 1, 10);
        table.putIfAbsent(42, 2, 20);
        table.putIfAbsent(43, 1, 30);

        assertThat(table.get(42, 1)).isEqualTo(10);
        assertThat(table.get(42, 2)).isEqualTo(20);
        assertThat(table.get(43, 1)).isEqualTo(30);
        assertThat(table.get(42, 3)).isEqualTo(IdTable.ABSENT);
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void keeps_the_first_hash_zero_although_zero_marks_an_empty_slot() {
        table.putIfAbsent(0, 5, 6);

        assertThat(table.get(0, 5)).isEqualTo(6);
        assertThat(table.putIfAbsent(0, 5, 2)).isFalse();
        assertThat(table.get(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(IdTable.ABSENT);
        table.putIfAbsent(Long.MIN_VALUE, Long.MAX_VALUE, 1);
        table.putIfAbsent(-1, -1, 2);
        assertThat(table.get(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(table.get(-1, -1)).isEqualTo(2);
        assertThat(table.get(0, 5)).isEqualTo(6);
    }

    @Nested
    class Values_and_lines {

        private final IdTable withLines = new IdTable(true);

        @Test
        void keeps_the_line_of_the_first_decision_only_when_asked_to() {
            withLines.putIfAbsent(Hash64.of("v1"), Hash64.second("v1"), 4, 17);
            withLines.putIfAbsent(Hash64.of("v1"), Hash64.second("v1"), 5, 99);
            table.putIfAbsent(Hash64.of("v1"), Hash64.second("v1"), 4, 17);

            assertThat(withLines.line("v1")).isEqualTo(17);
            assertThat(withLines.get("v1")).isEqualTo(4);
            assertThat(withLines.line("v2")).isEqualTo(-1);
            assertThat(table.line("v1")).isEqualTo(-1);
        }

        @Test
        void replaces_the_value_of_a_known_id_keeping_its_line_and_ignores_unknown_ones() {
            withLines.putIfAbsent(Hash64.of("v1"), Hash64.second("v1"), 4, 17);

            withLines.replace("v1", 4 | 1 << 30);
            withLines.replace("v2", 9);

            assertThat(withLines.get("v1")).isEqualTo(4 | 1 << 30);
            assertThat(withLines.line("v1")).isEqualTo(17);
            assertThat(withLines.get("v2")).isEqualTo(IdTable.ABSENT);
            assertThat(withLines.size()).isEqualTo(1);
        }
    }

    @Nested
    class Small_values {

        private final IdTable small = IdTable.ofSmallValues(3);

        @Test
        void keeps_values_of_the_given_bits_in_the_key_and_refuses_wider_ones() {
            for (int v = 0; v < 8; v++) {
                small.putIfAbsent("v" + v, v);
            }
            small.replace("v7", 5);

            for (int v = 0; v < 7; v++) {
                assertThat(small.get("v" + v)).isEqualTo(v);
            }
            assertThat(small.get("v7")).isEqualTo(5);
            assertThat(small.get("v8")).isEqualTo(IdTable.ABSENT);
            assertThatThrownBy(() -> small.putIfAbsent("w", 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> small.putIfAbsent("w", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(small.size()).isEqualTo(8);
        }

        @Test
        void knows_an_id_by_the_other_125_bits_of_its_hashes() {
            small.putIfAbsent(42, 0b1000, 1);
            small.putIfAbsent(42, 0b10000, 2);

            assertThat(small.get(42, 0b1000)).isEqualTo(1);
            assertThat(small.get(42, 0b10000)).isEqualTo(2);
            // the last three bits of the second hash hold the value, so they tell no ids apart
            assertThat(small.get(42, 0b1111)).isEqualTo(1);
            assertThat(small.putIfAbsent(42, 0b1001, 3)).isFalse();
        }

        @ParameterizedTest(name = "seed {0}")
        @CsvSource({"11", "12"})
        void keeps_every_value_through_growth_and_splits(long seed) {
            IdTable t = new IdTable(3, false, 64);
            Random random = new Random(seed);
            int[] values = new int[50_000];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(8);
                assertThat(t.putIfAbsent("vote-" + i, values[i])).isTrue();
            }
            for (int i = 0; i < values.length; i++) {
                assertThat(t.get("vote-" + i)).as("vote-" + i).isEqualTo(values[i]);
            }
            assertThat(t.segments()).isGreaterThan(100);
        }
    }

    @Nested
    class Growing_by_segments {

        @Test
        void keeps_every_id_value_and_line_through_doublings_and_splits() {
            IdTable t = new IdTable(true);
            int many = 300_000;
            for (int i = 0; i < many; i++) {
                assertThat(t.putIfAbsent(Hash64.of("vote-" + i), Hash64.second("vote-" + i), i % 7, i)).isTrue();
            }

            assertThat(t.size()).isEqualTo(many);
            for (int i = 0; i < many; i++) {
                assertThat(t.get("vote-" + i)).as("vote-" + i).isEqualTo(i % 7);
                assertThat(t.line("vote-" + i)).as("line of vote-" + i).isEqualTo(i);
            }
            for (int i = 0; i < 10_000; i++) {
                assertThat(t.get("other-" + i)).as("other-" + i).isEqualTo(IdTable.ABSENT);
            }
            // grown by splitting segments of about MAX_SEGMENT slots, not by one array doubling whole
            assertThat(t.largestSegment()).isBetween(IdTable.MAX_SEGMENT / 2, IdTable.MAX_SEGMENT * 3 / 2);
            assertThat(t.segments()).isGreaterThan(many / IdTable.MAX_SEGMENT);
        }

        /**
         * A read ahead ({@link IdTable#touch}) changes nothing, and may run while another thread grows
         * the table (the lanes share their ids across threads, and read ahead without the stripe's
         * lock): it then reads a directory and a depth from two moments of the growth, and must not
         * fail for it.
         */
        @Test
        void a_read_ahead_changes_nothing_and_survives_a_table_growing_on_another_thread() throws Exception {
            IdTable t = new IdTable(0, true, 64);
            int many = 200_000;
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong touches = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = new Thread(() -> {
                Random random = new Random(5);
                long read = 0;
                try {
                    while (!done.get()) {
                        read += t.touch(random.nextLong(), random.nextLong());
                        touches.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
                touches.addAndGet(read & 1);
            });
            reader.start();
            for (int i = 0; i < many; i++) {
                t.putIfAbsent(Hash64.of("v" + i), Hash64.second("v" + i), i, i + 1);
                if (i % 1000 == 0) {
                    t.touch(Hash64.of("v" + i / 2), Hash64.second("v" + i / 2));
                }
            }
            done.set(true);
            reader.join();

            assertThat(failed.get()).isNull();
            assertThat(touches.get()).isPositive();
            assertThat(t.size()).isEqualTo(many);
            for (int i = 0; i < many; i++) {
                assertThat(t.get("v" + i)).isEqualTo(i);
                assertThat(t.line("v" + i)).isEqualTo(i + 1);
            }
        }

        @ParameterizedTest(name = "segments of at most {0} slots")
        @CsvSource({"256", "8192"})
        void stays_between_half_and_three_quarters_full_at_every_size(int maxSegment) {
            IdTable t = new IdTable(0, false, maxSegment);
            for (int i = 1; i <= 400_000; i++) {
                t.putIfAbsent(Hash64.of("v" + i), Hash64.second("v" + i), 0);
                if (i % 997 == 0 && i >= 1000) {
                    double load = (double) t.size() / t.slots();
                    assertThat(load).as("load at %d ids", i).isBetween(0.47, 0.75);
                }
            }
        }

        @Test
        void copes_with_keys_that_are_small_consecutive_numbers_or_differ_only_in_high_bits() {
            IdTable t = new IdTable(0, false, 64);
            for (long i = 1; i <= 20_000; i++) {
                t.putIfAbsent(i << 40, 0, 3);
                t.putIfAbsent(i, 0, 4);
                t.putIfAbsent(7, i, 5);
            }

            assertThat(t.size()).isEqualTo(60_000);
            for (long i = 1; i <= 20_000; i++) {
                assertThat(t.get(i << 40, 0)).isEqualTo(3);
                assertThat(t.get(i, 0)).isEqualTo(4);
                assertThat(t.get(7, i)).isEqualTo(5);
            }
            assertThat(t.get(20_001L << 40, 0)).isEqualTo(IdTable.ABSENT);
            assertThat(t.segments()).isGreaterThan(100);
        }

        @Test
        void a_segment_whose_keys_no_bit_parts_grows_past_the_largest_size_instead_of_splitting() {
            // keys built so that every one lands on the same spread: splitting could never part them
            IdTable t = new IdTable(0, false, 16);
            long x = 0x1234_5678_9ABC_DEF0L;
            for (long h2 = 1; h2 <= 1_000; h2++) {
                t.putIfAbsent(x ^ Long.rotateLeft(h2, 32), h2, (int) h2);
            }

            assertThat(t.size()).isEqualTo(1_000);
            assertThat(t.segments()).isEqualTo(1);
            assertThat(t.largestSegment()).isGreaterThanOrEqualTo(1_024);
            for (long h2 = 1; h2 <= 1_000; h2++) {
                assertThat(t.get(x ^ Long.rotateLeft(h2, 32), h2)).isEqualTo((int) h2);
            }
        }

        @Test
        void keeps_small_values_and_lines_together_as_it_grows() {
            IdTable t = IdTable.ofSmallValues(16, true);
            for (int i = 0; i < 50_000; i++) {
                assertThat(t.putIfAbsent(Hash64.of("id-" + i), Hash64.second("id-" + i), i & 0xFFFF, 7 * i)).isTrue();
            }
            for (int i = 0; i < 50_000; i += 2) {
                t.replace("id-" + i, (i & 0x7FFF) | 0x8000);
            }
            assertThat(t.size()).isEqualTo(50_000);
            for (int i = 0; i < 50_000; i++) {
                assertThat(t.get("id-" + i)).isEqualTo(i % 2 == 0 ? (i & 0x7FFF) | 0x8000 : i & 0xFFFF);
                assertThat(t.line("id-" + i)).isEqualTo(7 * i);
            }
            assertThat(t.get("id-50000")).isEqualTo(IdTable.ABSENT);
            assertThat(t.line("id-50000")).isEqualTo(-1);
            assertThatThrownBy(() -> t.putIfAbsent("x", 1 << 16)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuses_segments_too_small_to_probe_and_values_of_more_than_16_bits_in_the_key() {
            assertThatThrownBy(() -> new IdTable(0, false, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IdTable.ofSmallValues(17)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Seeded random puts, replaces and look-ups against a plain map, on segments of several sizes. */
    @ParameterizedTest(name = "seed {0}, segments of at most {1} slots")
    @CsvSource({"1, 4", "2, 16", "3, 64", "4, 1024", "5, 8192", "6, 100"})
    void answers_as_a_map_would(long seed, int maxSegment) {
        Random random = new Random(seed);
        IdTable t = new IdTable(0, true, maxSegment);
        Map<List<Long>, int[]> model = new HashMap<>();
        // few distinct first hashes, so that ids sharing one are common
        for (int op = 0; op < 60_000; op++) {
            long h1 = random.nextInt(3) == 0 ? random.nextInt(50) : random.nextLong();
            long h2 = random.nextInt(2000);
            List<Long> key = List.of(h1 == 0 ? 1 : h1, h2);
            int value = random.nextInt();
            int line = random.nextInt(1 << 20);
            boolean added = t.putIfAbsent(h1, h2, value, line);
            assertThat(added).isEqualTo(!model.containsKey(key));
            model.putIfAbsent(key, new int[] {value, line});
            long q1 = random.nextInt(50);
            long q2 = random.nextInt(2000);
            int[] expected = model.get(List.of(q1 == 0 ? 1 : q1, q2));
            assertThat(t.get(q1, q2)).isEqualTo(expected == null ? IdTable.ABSENT : expected[0]);
        }
        assertThat(t.size()).isEqualTo(model.size());
        model.forEach((key, v) -> assertThat(t.get(key.get(0), key.get(1))).isEqualTo(v[0]));
    }
}
