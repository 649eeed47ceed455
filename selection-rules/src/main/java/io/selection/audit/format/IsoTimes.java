package io.selection.audit.format;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the times and dates of the export format fast: a 10-million-vote log holds 20 million
 * instants, and {@link Instant#parse} costs about a microsecond each. The service reads the
 * instants of its JSON (votes' times among them) here too, so there is one such parser.
 *
 * <p>The fast path reads exactly the form {@link Instant#toString} writes for years 0000 to 9999,
 * with a fraction of any length from 1 to 9 digits:
 * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, every field in range (months of 28 to 31 days as the
 * proleptic Gregorian calendar has them, hours 00 to 23, seconds 00 to 59). Every text in that
 * form names a time {@code Instant.parse} reads the same, and is read without it. Anything else
 * (another form, an offset, {@code 24:00:00}, a leap second, an impossible date) goes to
 * {@code Instant.parse}, which decides: it reads what it reads and refuses, with a
 * {@link java.time.format.DateTimeParseException}, what it refuses.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** {@link Instant#parse}, fast for the form {@link Instant#toString} writes. */
    public static Instant instant(String s) {
        Instant fast = fastInstant(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** The fast path alone: the instant, or null where the text is not in its form or names no time. */
    static Instant fastInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
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
            if (s.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(s, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            nanos *= POW10[9 - fraction];
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second,
                nanos);
    }

    /** {@link LocalDate#parse}, fast for {@code yyyy-MM-dd} with years 0000 to 9999. */
    static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return LocalDate.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)) {
            return LocalDate.parse(s);
        }
        return LocalDate.of(year, month, day);
    }

    /** Days in the month of the proleptic Gregorian calendar (as {@link LocalDate#lengthOfMonth}). */
    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The digits of s[from, from + count) as an int, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days from 1970-01-01 of a proleptic Gregorian date (as LocalDate.toEpochDay). */
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

    /**
     * Exactly {@link Instant#toString()}, fast for years 0 to 9999 (the general formatter was most
     * of the cost of rendering a vote group): seconds always, and a fraction in groups of three
     * digits only as long as needed.
     */
    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        if (day < -719_528L || day > 2_932_896L) { // outside 0000-01-01 .. 9999-12-31
            return t.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = t.getNano();
        char[] out = new char[nanos == 0 ? 20 : nanos % 1_000_000 == 0 ? 24 : nanos % 1000 == 0 ? 27 : 30];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (nanos != 0) {
            out[19] = '.';
            int digits = out.length - 21;
            put(out, 20, nanos / POW10[9 - digits], digits);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
