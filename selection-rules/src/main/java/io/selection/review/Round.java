package io.selection.review;

/** The two scoring rounds: preliminary (all works) and final (shortlisted works). */
public enum Round {
    PRELIMINARY,
    FINAL
}
