package io.selection.voting;

/** Why a vote was refused; where several apply, the first in this order is given. */
public enum RefusalReason {
    CLOCK_SKEW,
    OUTSIDE_VOTING_WINDOW,
    DISQUALIFIED,
    NOT_SHORTLISTED,
    DAILY_WORK_LIMIT,
    DAILY_CATEGORY_LIMIT
}
