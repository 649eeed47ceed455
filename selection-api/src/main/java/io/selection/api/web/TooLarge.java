package io.selection.api.web;

import java.io.IOException;

/**
 * A body or NDJSON stream over one of the configured limits: answered 413 TOO_LARGE naming the
 * limit and its value. An {@link IOException} so that it passes unchanged through whatever reads
 * the request's input stream (Jackson, Spring's message converters) up to {@link ProblemHandler}.
 */
public class TooLarge extends IOException {

    private final String limit;
    private final long value;

    public TooLarge(String limit, long value, String detail) {
        super(detail, null);
        this.limit = limit;
        this.value = value;
    }

    /** The name of the limit, as under {@code selection.limits} (e.g. {@code bodyBytes}). */
    public String limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    /** Not a failure to trace: a client sent too much. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
