package io.selection.projections;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep reads only the slots made since the last one and the buckets of newest votes behind
 * the floor, yet frees exactly what a look at every slot would: each key with no vote kept at or
 * after the floor, and no other; with {@code all}, it also drops every vote before the floor.
 * Checked against a plain model of the keys over random votes, some in order, some late, some
 * dated before the floor, under a floor that moves by random steps.
 */
class BurstsSweepTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void a_sweep_frees_exactly_the_keys_with_no_vote_kept_from_the_floor_on(long seed) {
        Random random = new Random(seed);
        int window = 60 + random.nextInt(900);
        Bursts bursts = new Bursts("ip-burst", "ip", 3 + random.nextInt(20), window);
        // the model: per live key, the seconds of its votes kept (dated at or after the floor when they came)
        Map<String, java.util.List<Long>> live = new HashMap<>();
        long now = 1_700_000_000L;
        long floor = Long.MIN_VALUE;
        int keys = 5 + random.nextInt(3000);
        for (int group = 0; group < 400; group++) {
            if (group % 100 == 99) {
                keys = 5 + random.nextInt(3000); // many keys, then few: the arrays shrink back
            }
            Map<String, Integer> slots = new HashMap<>(); // a group resolves each key once, as the fold does
            for (int v = 0, n = 1 + random.nextInt(300); v < n; v++) {
                now += random.nextInt(3);
                long second = switch (random.nextInt(10)) {
                    case 0 -> now - random.nextInt(4 * window); // late, maybe before the floor
                    case 1 -> now + random.nextInt(60); // a little ahead
                    default -> now;
                };
                String key = "10.0." + random.nextInt(keys);
                int slot = slots.computeIfAbsent(key, bursts::slotOf);
                live.computeIfAbsent(key, k -> new java.util.ArrayList<>());
                bursts.add(slot, second, floor, "v" + group + "-" + v);
                if (second >= floor) {
                    live.get(key).add(second);
                }
            }
            if (random.nextInt(3) == 0) {
                long proposed = now - window - random.nextInt(2 * window);
                floor = Math.max(floor, proposed);
                boolean all = random.nextInt(8) == 0;
                bursts.sweep(floor, all);
                long f = floor;
                live.values().removeIf(seconds -> seconds.stream().noneMatch(s -> s >= f));
                if (all) {
                    live.values().forEach(seconds -> seconds.removeIf(s -> s < f));
                    assertThat(bursts.kept()).as("seed %d, group %d: votes kept after a full sweep", seed, group)
                            .isEqualTo(live.values().stream().mapToLong(java.util.List::size).sum());
                }
                assertThat(bursts.keys()).as("seed %d, group %d: keys after a sweep", seed, group)
                        .isEqualTo(live.size());
                assertThat(bursts.liveKeys()).as("seed %d, group %d: which keys", seed, group)
                        .isEqualTo(live.keySet());
            }
        }
    }

    /** Thousands of keys, then the floor passes them and a few keys go on: the arrays shrink, the right keys stay. */
    @org.junit.jupiter.api.Test
    void after_a_compaction_the_sweep_still_frees_exactly() {
        Bursts bursts = new Bursts("ip-burst", "ip", 10, 600);
        long t = 1_700_000_000L;
        for (int i = 0; i < 5000; i++) {
            bursts.add(bursts.slotOf("many-" + i), t + i / 10, Long.MIN_VALUE, "m" + i);
        }
        int grown = bursts.capacity();
        for (int i = 0; i < 3; i++) {
            bursts.add(bursts.slotOf("few-" + i), t + 2_000 + i, Long.MIN_VALUE, "f" + i);
        }
        bursts.sweep(t + 1_000, false);
        assertThat(bursts.capacity()).as("given back").isLessThan(grown / 8);
        assertThat(bursts.liveKeys()).containsExactlyInAnyOrder("few-0", "few-1", "few-2");
        // after the renumbering, the buckets still find every key when its time comes
        bursts.add(bursts.slotOf("few-0"), t + 5_000, t + 1_000, "f-late");
        bursts.sweep(t + 3_000, false);
        assertThat(bursts.liveKeys()).containsExactly("few-0");
        bursts.sweep(t + 6_000, false);
        assertThat(bursts.liveKeys()).isEmpty();
        assertThat(bursts.kept()).isZero();
    }
}
