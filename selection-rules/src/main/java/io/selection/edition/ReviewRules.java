package io.selection.edition;

/** How many scores a work needs, and from how many scores on the extremes are trimmed. */
public record ReviewRules(int minScores, int trimFrom) {

    public static final ReviewRules DEFAULT = new ReviewRules(3, 5);
}
