package io.selection.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoTimesTest {

    @Test
    void reads_every_instant_as_the_jdk_does() {
        SplittableRandom random = new SplittableRandom(20240227);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(IsoTimes.instant(t.toString())).isEqualTo(t);
            LocalDate d = LocalDate.ofEpochDay(random.nextLong(-719_162, 2_932_896));
            assertThat(IsoTimes.date(d.toString())).isEqualTo(d);
        }
        assertThat(IsoTimes.instant("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void writes_every_instant_as_the_jdk_does() {
        SplittableRandom random = new SplittableRandom(20241201);
        for (int i = 0; i < 300_000; i++) {
            int nanos = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(10) * 100_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_300_000_000L, 253_500_000_000L), nanos);
            assertThat(IsoTimes.format(t)).isEqualTo(t.toString());
        }
        for (Instant t : new Instant[]{Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.ofEpochSecond(-1, 1)}) {
            assertThat(IsoTimes.format(t)).isEqualTo(t.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-02-27T02:0x:00Z", "2024-02-27T02:00:00.1234567890Z", "2024-02-27 02:00:00Z",
            "2024-02-27T02:00:00", "not a time"})
    void refuses_what_the_jdk_refuses(String text) {
        assertThatThrownBy(() -> IsoTimes.instant(text)).isInstanceOf(DateTimeException.class);
    }
}
