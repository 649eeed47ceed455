package io.selection.bench;

import java.time.Instant;

/**
 * ISO-8601 UTC instants with milliseconds ({@code 2024-02-27T09:30:00.123Z}) written and read
 * without {@code java.time} formatters: at hundreds of thousands of votes a second the formatter
 * alone would cost a visible share of a core. Anything else is left to {@link Instant#parse}.
 */
final class IsoMillis {

    private IsoMillis() {
    }

    static void append(StringBuilder s, long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        // civil-from-days (Howard Hinnant's algorithm)
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        s.append(y).append('-');
        two(s, m);
        s.append('-');
        two(s, d);
        s.append('T');
        two(s, millisOfDay / 3_600_000);
        s.append(':');
        two(s, millisOfDay / 60_000 % 60);
        s.append(':');
        two(s, millisOfDay / 1000 % 60);
        s.append('.');
        int ms = millisOfDay % 1000;
        s.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        s.append('Z');
    }

    private static void two(StringBuilder s, int n) {
        s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** Epoch milliseconds of an instant in the form written above, or by {@link Instant#parse} otherwise. */
    static long parse(String s) {
        if (s.length() == 24 && s.charAt(4) == '-' && s.charAt(10) == 'T' && s.charAt(19) == '.' && s.charAt(23) == 'Z') {
            int y = num(s, 0, 4);
            int m = num(s, 5, 2);
            int d = num(s, 8, 2);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                long days = daysFromCivil(y, m, d);
                int hh = num(s, 11, 2);
                int mm = num(s, 14, 2);
                int ss = num(s, 17, 2);
                int ms = num(s, 20, 3);
                if (hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 60 && ms >= 0) {
                    return days * 86_400_000L + hh * 3_600_000L + mm * 60_000L + ss * 1000L + ms;
                }
            }
        }
        return Instant.parse(s).toEpochMilli();
    }

    private static int num(String s, int from, int len) {
        int n = 0;
        for (int i = from; i < from + len; i++) {
            int c = s.charAt(i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            n = n * 10 + c;
        }
        return n;
    }

    private static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
