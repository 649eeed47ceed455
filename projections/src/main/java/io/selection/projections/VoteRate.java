package io.selection.projections;

import io.selection.projections.Views.RatePoint;
import io.selection.projections.Views.VoteRateView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decided votes per minute of the log's own time (each vote's {@code receivedAt}), so the live page
 * draws the whole voting so far from the log instead of differencing its own polls. Only first
 * decisions count, as in the tallies; an invalidation later does not take a vote out of the minute
 * it was decided in.
 */
final class VoteRate {

    /** At most this many points: a long vote is drawn with wider points, not with more of them. */
    static final int MAX_POINTS = 480;
    /** Point widths in minutes that divide an hour evenly; beyond them whole hours. */
    private static final int[] WIDTHS = {1, 2, 5, 10, 15, 30, 60};

    /** Per epoch minute: {accepted, refused}. */
    private final TreeMap<Long, long[]> minutes = new TreeMap<>();
    /** The minute last added to: a group's votes mostly share it, so most votes skip the map. */
    private long lastMinute = Long.MIN_VALUE;
    private long[] last;

    void add(Instant receivedAt, boolean accepted) {
        long minute = Math.floorDiv(receivedAt.getEpochSecond(), 60L);
        if (minute != lastMinute) {
            last = minutes.computeIfAbsent(minute, m -> new long[2]);
            lastMinute = minute;
        }
        last[accepted ? 0 : 1]++;
    }

    /**
     * Every point from the first decision's to the last's, none left out where no vote came, each
     * {@code minutes} wide and starting at a multiple of its width since the epoch.
     */
    VoteRateView view() {
        if (minutes.isEmpty()) {
            return new VoteRateView(1, List.of());
        }
        long first = minutes.firstKey();
        long lastKey = minutes.lastKey();
        int width = width(first, lastKey);
        long start = Math.floorDiv(first, width);
        long[][] sums = new long[(int) (Math.floorDiv(lastKey, width) - start + 1)][2];
        for (Map.Entry<Long, long[]> minute : minutes.entrySet()) {
            long[] sum = sums[(int) (Math.floorDiv(minute.getKey(), width) - start)];
            sum[0] += minute.getValue()[0];
            sum[1] += minute.getValue()[1];
        }
        List<RatePoint> points = new ArrayList<>(sums.length);
        for (int i = 0; i < sums.length; i++) {
            points.add(new RatePoint(Instant.ofEpochSecond((start + i) * width * 60L), sums[i][0], sums[i][1]));
        }
        return new VoteRateView(width, points);
    }

    /** The narrowest width that draws the span in at most {@link #MAX_POINTS} points. */
    static int width(long firstMinute, long lastMinute) {
        for (int width : WIDTHS) {
            if (points(firstMinute, lastMinute, width) <= MAX_POINTS) {
                return width;
            }
        }
        int width = 120;
        while (points(firstMinute, lastMinute, width) > MAX_POINTS) {
            width += 60;
        }
        return width;
    }

    private static long points(long firstMinute, long lastMinute, int width) {
        return Math.floorDiv(lastMinute, width) - Math.floorDiv(firstMinute, width) + 1;
    }
}
