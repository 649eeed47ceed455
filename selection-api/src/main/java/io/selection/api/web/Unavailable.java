package io.selection.api.web;

import io.selection.common.Phrase;
import io.selection.recount.Language;

import java.util.Arrays;
import java.util.List;

/**
 * The service cannot take the request now (overload, or a store that does not answer); nothing of
 * it was changed. Answered 503 UNAVAILABLE with {@code Retry-After}: send it again after that many
 * seconds (votes with the same ids: a vote already recorded answers its first decision). Said as a
 * {@link Phrase}, its detail is in the reader's language; else its English message is the detail.
 */
public class Unavailable extends RuntimeException {

    private final long retryAfterSeconds;
    private final Phrase phrase;
    private final List<Object> values;

    public Unavailable(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.phrase = null;
        this.values = List.of();
    }

    /** Said as {@code phrase} with {@code values}; its message is the English sentence. */
    public Unavailable(long retryAfterSeconds, Phrase phrase, Object... values) {
        super(phrase.say(values), null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.phrase = phrase;
        this.values = Arrays.asList(values.clone());
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The detail in the language; the English message where it was not said as a phrase. */
    public String detail(Language language) {
        return phrase == null ? getMessage() : Words.say(language, phrase, values.toArray());
    }
}
