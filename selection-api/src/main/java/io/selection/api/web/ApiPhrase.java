package io.selection.api.web;

import io.selection.common.Phrase;

/**
 * The service's own sentences for refusals (the rules' are {@link io.selection.common.Refusal}), in
 * English: each is said in the reader's language by its key ({@code api.NAME}) from the bundles,
 * see {@link Words}.
 */
public enum ApiPhrase implements Phrase {

    // ---- what is asked for does not exist ----
    WORK_NOT_FOUND("work {0} not found"),
    REVIEWER_NOT_FOUND("reviewer {0} not found"),
    VOTE_NOT_FOUND("vote {0} not found"),
    NO_SUCH_EDITION("no such edition"),
    NO_SUCH_VOTE("edition {0} has no vote {1}"),
    NO_FLAGGED_SET("no flagged set {0}"),
    NO_RESOURCE("no such resource: /{0}"),

    // ---- the request ----
    INVALID_REQUEST("invalid request"),
    /** {0}: the field, {1}: what is wrong with it (the validator's words, in the same language). */
    FIELD_INVALID("{0}: {1}"),
    /** Between the fields' sentences of one refusal. */
    FIELD_SEPARATOR("; "),
    WRONG_TYPE_OR_FORMAT("{0} has the wrong type or format"),
    UNREADABLE_FIELD("{0} cannot be read"),
    WRONG_TYPE("{0} has the wrong type"),
    BODY_MISSING("the request body is missing"),
    BODY_NOT_JSON("the request body is not valid JSON"),
    PARAMETER_REQUIRED("query parameter {0} is required"),
    MEDIA_TYPE("content type {0} is not supported here; use {1}"),
    LINE_NOT_JSON("not valid JSON"),
    LINE_NOT_AN_OBJECT("not a JSON object of the expected shape"),
    LINE_NULL("null is not a record"),
    /** {0}: the field. */
    AT_LEAST_ZERO("{0} must be 0 or more"),
    LIMIT_RANGE("limit must be from 1 to {0}"),
    /** {0}: the category asked for, {1}: the edition's. */
    UNKNOWN_CATEGORY_OF("unknown category: {0}; the edition has {1}"),
    UNKNOWN_STATUS("unknown status: {0}; one of {1}"),
    PASSWORD_BYTES("password must be at most 72 bytes in UTF-8"),
    ACCOUNT_EXISTS("an account named {0} already exists"),

    // ---- points of the log ----
    /** {0}: the field. */
    LINE_NUMBER("{0} is a line number, 1 or more"),
    NO_LINE_BEFORE("edition {0} has no line at or before {1}"),
    /** {0}: the field, {1}: the log's size, {2}: what was sent. */
    AS_OF_RANGE("{0} must be a seq from 1 to {1} (the edition''s log size) or an ISO-8601 instant; got {2}"),
    AS_OF_FORMAT("{0} must be a seq of the edition''s log or an ISO-8601 instant such as 2024-05-01T18:00:00Z; "
            + "got {1}"),
    DIFF_ORDER("to must name a later point of the log than from; from is line {0}, to is line {1}"),
    SHORTLIST_NOT_YET("as of line {0} the stage has changed but the shortlist is not yet published: that is the line "
            + "after it"),
    RESULTS_NOT_YET("as of line {0} the stage has changed but the results are not yet published: that is the line "
            + "after it"),
    /** {0}: the edition, {1}: its stage, {2}: the stage the list is published in. */
    LIST_FROM("edition {0} is in stage {1}; this list exists from {2} on"),
    NOTHING_TO_COMPARE("edition {0} has not published its winners: there is nothing to compare with yet"),

    // ---- sizes (413) ----
    BODY_BYTES("the request body is larger than {0} bytes (selection.limits.body-bytes)"),
    NDJSON_LINES("the body has more than {0} lines (selection.limits.ndjson-lines)"),
    NDJSON_LINE_BYTES("a line is longer than {0} bytes (selection.limits.ndjson-line-bytes)"),
    JSON_DEPTH("the JSON is nested deeper than {0} levels (selection.limits.json-depth)"),
    JSON_NUMBER_CHARS("a JSON number is longer than {0} characters (selection.limits.json-number-chars)"),
    JSON_STRING_CHARS("a JSON string is longer than {0} characters (selection.limits.json-string-chars)"),
    JSON_LIMIT("the JSON is over a limit of the parser"),

    // ---- who may ----
    AUTHENTICATION_REQUIRED("authentication is required"),
    BEARER_REQUIRED("a valid bearer token is required (Authorization: Bearer …)"),
    ROLE_FORBIDDEN("your role may not do this"),
    CSRF("a write from a console session or from another site needs the session''s CSRF token: reload the console "
            + "page"),
    CONSOLE_NOT_SERVED("the console is not served in the prod profile: it signs in with a password, and this profile "
            + "takes bearer tokens only"),

    // ---- the service ----
    CHANGED_MEANWHILE("it already exists or changed meanwhile"),
    INTERNAL("unexpected failure; nothing was changed"),
    /** {0}: the method asked with, {1}: the methods the address takes. */
    METHOD_NOT_ALLOWED("method {0} is not allowed here; use {1}"),
    /** {0}: the media types the address answers in. */
    NOT_ACCEPTABLE("none of the media types in Accept can be answered here; it answers in {0}"),

    // ---- not now: send again later (503) ----
    /** {0}: the read models' position, {1}: the log's head, {2}: how long was waited, in ms. */
    READ_MODELS_BEHIND("the read models are at log position {0}, behind the head {1} after {2} ms; ask again later"),
    /** {0}: how many events behind, {1}: the edition. */
    READ_MODELS_BEFORE_EDITION("the read models are {0} events behind the log and have not reached edition {1} yet; "
            + "ask again"),
    INTAKE_FULL("the vote intake is full; send again later");

    private final String english;

    ApiPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "api." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
