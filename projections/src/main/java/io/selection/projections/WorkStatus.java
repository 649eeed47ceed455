package io.selection.projections;

/** Where a work stands, as its view and the works list show it; the order is the order of the list's counts. */
public enum WorkStatus {
    SUBMITTED,
    SHORTLISTED,
    NOT_SHORTLISTED,
    NOT_SELECTED,
    WINNER,
    DISQUALIFIED
}
