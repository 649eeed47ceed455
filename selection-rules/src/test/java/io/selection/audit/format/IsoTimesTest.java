package io.selection.audit.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

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

    /**
     * Random texts, most of them near what the fast path reads (month ends and leap days of leap
     * and non-leap centuries, first and last seconds, fractions of 0 to 10 digits, fields one out
     * of range) and the rest single-character mutations of a valid time: each read exactly as
     * {@code Instant.parse} reads it, refused where it refuses, and, when in the fast path's form,
     * read without it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20240229L, 20000229L, 21000228L, 19000301L, 99991231L})
    void reads_random_texts_exactly_as_instant_parse_does_and_the_fast_form_without_it(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int fast = 0;
        for (int i = 0; i < 25_000; i++) {
            String text = random.nextInt(3) == 0 ? mutated(random) : nearlyValid(random);
            if (checkAgainstTheJdk(text)) {
                fast++;
            }
        }
        assertThat(fast).as("texts read by the fast path").isGreaterThan(6_000);
    }

    /** Days 27 to 32 of every month of a century, at the first and last instant of the day. */
    @ParameterizedTest(name = "years {0} to {0}+99")
    @ValueSource(ints = {0, 1900, 2000, 2100, 2400, 9900})
    void every_month_end_of_a_century_is_read_as_instant_parse_reads_it(int century) {
        for (int year = century; year < century + 100; year++) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 27; day <= 32; day++) {
                    for (String time : new String[]{"00:00:00", "23:59:59.999999999"}) {
                        checkAgainstTheJdk("%04d-%02d-%02dT%sZ".formatted(year, month, day, time));
                    }
                    String date = "%04d-%02d-%02d".formatted(year, month, day);
                    LocalDate expected = parsedOrNull(date, LocalDate::parse);
                    if (expected == null) {
                        assertThatThrownBy(() -> IsoTimes.date(date)).as(date).isInstanceOf(DateTimeParseException.class);
                    } else {
                        assertThat(IsoTimes.date(date)).as(date).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** The form the fast path reads itself: {@code Instant.toString}'s, with 1 to 9 fraction digits. */
    private static final Pattern FAST_FORM = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

    /**
     * Checks one text; true when the fast path read it. Plain comparisons, with an assertion only on
     * a mismatch: a million assertions would cost more than the parsing they check.
     */
    private static boolean checkAgainstTheJdk(String text) {
        Instant expected = parsedOrNull(text, Instant::parse);
        boolean inFastForm = FAST_FORM.matcher(text).matches();
        Instant fast = IsoTimes.fastInstant(text);
        if (!Objects.equals(fast, inFastForm ? expected : null)) {
            assertThat(fast).as("fast path on %s (Instant.parse: %s)", text, expected)
                    .isEqualTo(inFastForm ? expected : null);
        }
        Instant read;
        try {
            read = IsoTimes.instant(text);
        } catch (DateTimeParseException e) {
            read = null;
        }
        if (!Objects.equals(read, expected)) {
            assertThat(read).as("%s (null: refused)", text).isEqualTo(expected);
        }
        return fast != null;
    }

    private static <T> T parsedOrNull(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final int[] YEARS = {0, 1, 4, 100, 400, 1582, 1600, 1700, 1800, 1900, 1970, 1996, 2000, 2023, 2024,
            2025, 2100, 2200, 2300, 2400, 2800, 9996, 9999};

    /** Fields drawn mostly at their edges, now and then one step outside. */
    private static String nearlyValid(SplittableRandom random) {
        int year = random.nextBoolean() ? YEARS[random.nextInt(YEARS.length)] : random.nextInt(10_000);
        int month = random.nextInt(20) == 0 ? pick(random, 0, 13, 99) : random.nextInt(1, 13);
        int length = month >= 1 && month <= 12 ? LocalDate.of(year, month, 1).lengthOfMonth() : 31;
        int day = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(1, 29);
            case 1 -> pick(random, 0, 1, 32, 99);
            default -> length - 1 + random.nextInt(3); // the last two days, or the day after
        };
        int hour = random.nextInt(4) == 0 ? pick(random, 0, 23, 24, 25) : random.nextInt(24);
        int minute = random.nextInt(4) == 0 ? pick(random, 0, 59, 60) : random.nextInt(60);
        int second = random.nextInt(4) == 0 ? pick(random, 0, 59, 60) : random.nextInt(60);
        StringBuilder text = new StringBuilder("%04d-%02d-%02d%s%02d:%02d:%02d".formatted(year, month, day,
                random.nextInt(50) == 0 ? pick(random, "t", " ") : "T", hour, minute, second));
        int digits = switch (random.nextInt(8)) {
            case 0, 1, 2 -> -1; // no fraction
            case 3 -> 3;
            case 4 -> random.nextInt(20) == 0 ? pick(random, 0, 10) : 9;
            default -> random.nextInt(1, 10);
        };
        if (digits >= 0) {
            text.append('.');
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        text.append(random.nextInt(50) == 0 ? pick(random, "z", "", "+00:00", "+08:00", "ZZ") : "Z");
        return text.toString();
    }

    /** A valid time's text with one character replaced, dropped or added. */
    private static String mutated(SplittableRandom random) {
        Instant t = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
        StringBuilder text = new StringBuilder(t.toString());
        int at = random.nextInt(text.length());
        String alphabet = "0123456789012345678901234567890123456789-:.TZtz +/a\u0660\uff11";
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
            case 0 -> text.setCharAt(at, c);
            case 1 -> text.deleteCharAt(at);
            default -> text.insert(at, c);
        }
        return text.toString();
    }

    private static int pick(SplittableRandom random, int... values) {
        return values[random.nextInt(values.length)];
    }

    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-02-27T02:0x:00Z", "2024-02-27T02:00:00.1234567890Z", "2024-02-27 02:00:00Z",
            "2024-02-27T02:00:00", "not a time"})
    void refuses_what_the_jdk_refuses(String text) {
        assertThatThrownBy(() -> IsoTimes.instant(text)).isInstanceOf(DateTimeException.class);
    }
}
