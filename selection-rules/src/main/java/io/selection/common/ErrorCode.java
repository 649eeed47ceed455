package io.selection.common;

/** Stable, machine-readable refusal codes: the HTTP layer maps each to one status. */
public enum ErrorCode {
    VALIDATION,
    NOT_FOUND,
    FORBIDDEN,
    NOT_SHORTLISTED,
    STAGE_MISMATCH,
    ALREADY_EXISTS,
    INCOMPLETE_REVIEW,
    OUT_OF_ELIGIBILITY_WINDOW,
    UNKNOWN_CATEGORY,
    DUPLICATE_URL,
    CONFLICT_OF_INTEREST,
    NOT_ASSIGNED,
    DISQUALIFIED,
    QUOTA_MISMATCH,
    /** A witness's cosignature of a checkpoint the log never signed, or of another root for its size: 409. */
    CHECKPOINT_MISMATCH
}
