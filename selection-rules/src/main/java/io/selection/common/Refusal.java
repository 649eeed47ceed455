package io.selection.common;

/**
 * Every sentence the rules refuse with, in English: the rulebook, the edition's rules, the
 * eligibility policy, the URL rule, the aggregate and the recount's what-if throw these (with
 * their values), so a server can say each again in the reader's language by its key
 * ({@code refusal.NAME}); the Chinese is in the server's bundle, beside its own sentences.
 */
public enum Refusal implements Phrase {

    // ---- the edition and its rules ----
    EDITION_NOT_FOUND("edition {0} not found"),
    EDITION_EXISTS("edition {0} already exists"),
    FOREIGN_LINE("a line of edition {0} in the log of {1}"),
    RULES_REQUIRED("an edition needs its rules"),
    /** {0}: the field. */
    REQUIRED("{0} is required"),
    /** {0}: the field. */
    ID("{0} must be 1 to 64 characters of [A-Za-z0-9._-]"),
    ELIGIBLE_ORDER("eligibleTo is before eligibleFrom"),
    TIME_ZONE("unknown time zone: {0}"),
    VOTING_REQUIRED("voting with opensAt and closesAt is required"),
    REVIEW_REQUIRED("review rules are required"),
    WEIGHTS_REQUIRED("weights are required"),
    CATEGORY_REQUIRED("at least one category is required"),
    CATEGORY_TWICE("category code appears twice: {0}"),
    FINAL_QUOTA("category {0}: finalQuota must be at least 1"),
    SHORTLIST_QUOTA("category {0}: shortlistQuota {1} is smaller than finalQuota {2}"),
    VOTING_ORDER("voting closes before it opens"),
    /** {0}: the field, {1}: its least value. */
    AT_LEAST("{0} must be at least {1}"),
    /** {0}: the field. */
    NOT_NEGATIVE("{0} must not be negative"),
    WEIGHTS("weights must be non-negative and add up to 100"),
    UNKNOWN_CATEGORY("unknown category: {0}"),
    NO_CATEGORY("the edition has no category {0}"),

    // ---- stages ----
    TARGET_STAGE_REQUIRED("the target stage is required"),
    /** {0}: the edition, {1}: its stage, {2}: the one stage that may follow. */
    STAGE_ORDER("edition {0} is in stage {1}; only {2} may follow it"),
    STAGE_LAST("edition {0} is in stage {1}; only no further stage may follow it"),
    /** {0}: the edition, {1}: its stage, {2}: the stage the command needs. */
    STAGE_NEEDED("edition {0} is in stage {1}; this needs {2}"),
    STAGE_BEFORE("edition {0} is in stage {1}; this is possible only before {2}"),
    /** {0}: how many works, {1}: how many scores each needs. */
    SHORT_OF_PRELIMINARY_SCORES("{0} work(s) have fewer than {1} preliminary scores"),
    SHORT_OF_FINAL_SCORES("{0} work(s) have fewer than {1} final scores"),
    TALLIES_NEEDED("closing the vote needs the certified tallies"),
    RECOUNT_NEEDED("publishing the results needs the recounted tallies"),

    // ---- works ----
    WORK_EXISTS("work {0} already exists"),
    NO_SUCH_WORK("edition {0} has no work {1}"),
    NORMALISED_URL("normalised URL {0}, the URL gives {1}"),
    SUBMISSION_NO("submission number {0}, the next is {1}"),
    /** {0}: the date, {1} and {2}: the window's first and last days. */
    OUTSIDE_WINDOW("published on {0}, outside the eligibility window {1} to {2}"),
    DUPLICATE_URL("a work with this URL is already submitted: {0}"),
    /** {0}: why java.net.URI could not read it (in English). */
    URL_INVALID("url is not a valid URI: {0}"),
    URL_NO_HOST("url needs a scheme and a host: {0}"),
    URL_SCHEME("url must be http or https: {0}"),
    URL_HOST("url has an invalid host: {0}"),
    ALREADY_DISQUALIFIED("work {0} is already disqualified"),
    WORK_DISQUALIFIED("work {0} is disqualified"),

    // ---- reviewers and scores ----
    REVIEWER_EXISTS("reviewer {0} is already registered"),
    REVIEWER_CATEGORIES("a reviewer needs at least one category"),
    ROUND_REQUIRED("the scoring round is required"),
    SCORE("score must be a number from 0 to 100 with at most two decimals"),
    NOT_A_REVIEWER("{0} is not a reviewer of edition {1}"),
    NOT_ASSIGNED("reviewer {0} is not assigned to category {1}"),
    CONFLICT_OF_INTEREST("reviewer {0} belongs to the work''s organisation"),

    // ---- lists and votes ----
    NOT_ON_SHORTLIST("work {0} is not on the shortlist"),
    NOT_A_DISQUALIFIED_PLACE("work {0} is not a disqualified work on the shortlist of {1}"),
    SHORTLIST_PUBLISHED("the shortlist is already published"),
    INVALIDATION_STAGE("edition {0} is in stage {1}; votes can be invalidated only in VOTING or FINAL_REVIEW"),
    INVALIDATION_INCOMPLETE("an invalidation names its set, its votes and their counts"),
    INVALIDATION_SET("an invalidation defines its set: a kind (ip, device or voter), a key and a window from before "
            + "to, so that its members can be recomputed"),
    SET_INVALIDATED("set {0} is already invalidated"),
    TALLIES_CERTIFIED("the tallies are already certified"),
    RESULTS_PUBLISHED("the results are already published");

    private final String english;

    Refusal(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "refusal." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
