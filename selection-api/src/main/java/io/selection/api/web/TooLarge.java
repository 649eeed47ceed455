package io.selection.api.web;


import java.io.IOException;
import io.selection.common.Phrase;
import io.selection.recount.Language;

/**
 * A body or NDJSON stream over one of the configured limits: answered 413 TOO_LARGE naming the
 * limit and its value. An {@link IOException} so that it passes unchanged through whatever reads
 * the request's input stream (Jackson, Spring's message converters) up to {@link ProblemHandler}.
 */
public class TooLarge extends IOException {

    private final String limit;
    private final long value;
    private final Phrase phrase;
    private final Object[] values;

    /** Over {@code limit} of {@code value}, said as {@code phrase} with {@code values}. */
    public TooLarge(String limit, long value, Phrase phrase, Object... values) {
        super(phrase.say(values), null);
        this.limit = limit;
        this.value = value;
        this.phrase = phrase;
        this.values = values.clone();
    }

    /** The name of the limit, as under {@code selection.limits} (e.g. {@code bodyBytes}). */
    public String limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    /** What is over the limit, in the language. */
    public String detail(Language language) {
        return Words.say(language, phrase, values);
    }

    /** Not a failure to trace: a client sent too much. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
