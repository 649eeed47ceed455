package io.selection.audit.format;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Not a test: prints what reading an instant costs, per parser and per mix of texts, side by side
 * in one run. "Before" are the two fast paths as they stood before {@link IsoTimes} read every
 * valid day itself (kept here verbatim as the baseline): the export's, which built a
 * {@code LocalDate} to check a day above 28, and the JSON doors' ({@code StrictJsonConfig}), which
 * left any day above 28 to {@code Instant.parse}.
 *
 * <pre>
 * ./mvnw -q -pl selection-core test-compile
 * java -cp selection-core/target/classes:selection-core/target/test-classes io.selection.audit.IsoTimesCost
 * </pre>
 */
public final class IsoTimesCost {

    private static final int TEXTS = 200_000;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 9;

    private IsoTimesCost() {
    }

    public static void main(String[] args) {
        List<Parser> parsers = List.of(new Parser("Instant.parse", Instant::parse),
                new Parser("before: export", IsoTimesCost::beforeExport),
                new Parser("before: JSON doors", IsoTimesCost::beforeDoors),
                new Parser("after: IsoTimes", IsoTimes::instant));
        SplittableRandom random = new SplittableRandom(20240229);
        List<Mix> mixes = List.of(
                new Mix("votes of the 2024 voting week, whole seconds (1 in 7 on 29 February)",
                        texts(random, () -> votingWeek(random, false))),
                new Mix("votes of the 2024 voting week, milliseconds (1 in 7 on 29 February)",
                        texts(random, () -> votingWeek(random, true))),
                new Mix("days 29 to 31 only (month ends and leap days, 1970 to 2100)",
                        texts(random, () -> monthEnd(random))),
                new Mix("days 1 to 28 only", texts(random, () -> early(random))));
        System.out.printf("%s, %d texts a mix, median of %d rounds after %d to warm up; ns a text%n",
                Runtime.version(), TEXTS, ROUNDS, WARM_UP_ROUNDS);
        StringBuilder header = new StringBuilder(String.format("%-72s", "mix"));
        for (Parser p : parsers) {
            header.append(String.format(" | %18s", p.name));
        }
        System.out.println(header.append(" | after ÷ export | after ÷ JSON doors"));
        for (Mix mix : mixes) {
            for (String text : mix.texts) { // all four read every text alike
                Instant expected = Instant.parse(text);
                for (Parser p : parsers) {
                    if (!p.parse.apply(text).equals(expected)) {
                        throw new AssertionError(p.name + " misreads " + text);
                    }
                }
            }
            double[][] perRound = new double[parsers.size()][ROUNDS];
            for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
                // interleaved, each round starting with another parser, so that load on the machine
                // and the order of the runs weigh on all alike
                for (int k = 0; k < parsers.size(); k++) {
                    int i = Math.floorMod(round + k, parsers.size());
                    double ns = time(parsers.get(i), mix.texts);
                    if (round >= 0) {
                        perRound[i][round] = ns;
                    }
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-72s", mix.name));
            double[] medians = new double[parsers.size()];
            for (int i = 0; i < parsers.size(); i++) {
                medians[i] = median(perRound[i]);
                line.append(String.format(" | %18.1f", medians[i]));
            }
            System.out.println(line.append(String.format(" | %14.2f | %18.2f", medians[3] / medians[1],
                    medians[3] / medians[2])));
        }
    }

    private record Parser(String name, Function<String, Instant> parse) {
    }

    private record Mix(String name, String[] texts) {
    }

    private static long sink;

    private static double time(Parser parser, String[] texts) {
        long start = System.nanoTime();
        long sum = 0;
        for (String text : texts) {
            sum += parser.parse.apply(text).getNano();
        }
        long ns = System.nanoTime() - start;
        sink += sum;
        return (double) ns / texts.length;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String[] texts(SplittableRandom random, java.util.function.Supplier<String> one) {
        List<String> out = new ArrayList<>(TEXTS);
        for (int i = 0; i < TEXTS; i++) {
            out.add(one.get());
        }
        return out.toArray(String[]::new);
    }

    /** A time in the 2023 edition's voting week (Beijing 2024-02-27 to 2024-03-04), as a front-end sends it. */
    private static String votingWeek(SplittableRandom random, boolean millis) {
        long from = Instant.parse("2024-02-26T16:00:00Z").getEpochSecond();
        Instant t = Instant.ofEpochSecond(random.nextLong(from, from + 7 * 86_400),
                millis ? random.nextInt(1000) * 1_000_000 : 0);
        return t.toString();
    }

    private static String monthEnd(SplittableRandom random) {
        LocalDate month;
        do {
            month = LocalDate.of(random.nextInt(1970, 2101), random.nextInt(1, 13), 1);
        } while (month.lengthOfMonth() < 29); // a February of 28 days has no day 29
        int day = random.nextInt(29, month.lengthOfMonth() + 1);
        return withTime(random, month.withDayOfMonth(day));
    }

    private static String early(SplittableRandom random) {
        return withTime(random, LocalDate.of(random.nextInt(1970, 2101), random.nextInt(1, 13),
                random.nextInt(1, 29)));
    }

    private static String withTime(SplittableRandom random, LocalDate day) {
        return day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                .plusSeconds(random.nextInt(86_400)).plusMillis(random.nextBoolean() ? random.nextInt(1000) : 0)
                .toString();
    }

    // ---- the baseline: the two fast paths as they were, verbatim ----

    /** IsoTimes.instant before: a {@code LocalDate} built for every day above 28. */
    static Instant beforeExport(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Instant.parse(s);
            }
            nanos = digits(s, 20, fraction);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || nanos < 0) {
            return Instant.parse(s);
        }
        long days = epochDay(year, month, day);
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** StrictJsonConfig.parseIso before: {@code Instant.parse} for every day above 28. */
    static Instant beforeDoors(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z') {
            int year = digitsTo(text, 0, 4);
            int month = digitsTo(text, 5, 7);
            int day = digitsTo(text, 8, 10);
            int hour = digitsTo(text, 11, 13);
            int minute = digitsTo(text, 14, 16);
            int second = digitsTo(text, 17, 19);
            int nanos = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = text.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                int value = ok ? digitsTo(text, 20, n - 1) : -1;
                ok = ok && value >= 0;
                if (ok) {
                    nanos = value;
                    for (int i = fraction; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            } else if (ok) {
                ok = n == 20;
            }
            if (ok) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(text);
    }

    private static int digits(String s, int from, int count) {
        return digitsTo(s, from, from + count);
    }

    private static int digitsTo(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528;
    }
}
