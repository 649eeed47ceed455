package io.selection.edition;

import java.time.Instant;

/**
 * The public vote's window [opensAt, closesAt) and per-voter limits. {@code maxClockSkewSeconds}
 * bounds how far a front-end's castAt may run ahead of the server's receipt time.
 */
public record VotingRules(Instant opensAt, Instant closesAt, int perWorkPerDay, int perCategoryPerDay,
                          int maxClockSkewSeconds) {

    public static final int DEFAULT_PER_WORK_PER_DAY = 1;
    public static final int DEFAULT_PER_CATEGORY_PER_DAY = 10;
    public static final int DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;
}
