package io.selection.voting;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The key table answers as a map would, through growth and removals (which shift entries back). */
class KeyTableTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void answers_as_a_map_would(long seed) {
        Random random = new Random(seed);
        KeyTable table = new KeyTable();
        Map<String, Integer> map = new HashMap<>();
        for (int op = 0; op < 50_000; op++) {
            // few distinct keys, so that removals land inside runs of probes
            String key = "10.0." + random.nextInt(40) + "." + random.nextInt(100);
            if (random.nextInt(3) == 0) {
                table.remove(key);
                map.remove(key);
            } else {
                int value = op;
                assertThat(table.getOrPut(key, value)).isEqualTo(map.computeIfAbsent(key, k -> value));
            }
            assertThat(table.size()).isEqualTo(map.size());
        }
        map.forEach((key, value) -> assertThat(table.get(key)).isEqualTo(value));
        assertThat(table.get("absent")).isEqualTo(-1);
    }
}
