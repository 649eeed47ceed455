package io.selection.common;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A refused command. Thrown by the aggregate before any event is applied, so a refusal changes
 * nothing; {@code items} names what the refusal is about (for example the works short of scores).
 * Its message is in English; where it was said as a {@link Phrase} with values, a server says it
 * again in the reader's language from {@link #phrase} and {@link #values}.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final List<String> items;
    private final Phrase phrase;
    private final List<Object> values;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, null, List.of());
    }

    public DomainException(ErrorCode code, String detail, String field, List<String> items) {
        this(code, detail, field, items, null, List.of());
    }

    /** A refusal said as {@code phrase} with {@code values}; its message is the English sentence. */
    public DomainException(ErrorCode code, String field, List<String> items, Phrase phrase, Object... values) {
        this(code, phrase.say(values), field, items, phrase, Arrays.asList(values.clone()));
    }

    private DomainException(ErrorCode code, String detail, String field, List<String> items, Phrase phrase,
                            List<Object> values) {
        super(detail);
        this.code = code;
        this.field = field;
        this.items = List.copyOf(items);
        this.phrase = phrase;
        this.values = Collections.unmodifiableList(values);
    }

    public static DomainException invalid(String field, String detail) {
        return new DomainException(ErrorCode.VALIDATION, detail, field, List.of());
    }

    public static DomainException invalid(String field, Phrase phrase, Object... values) {
        return new DomainException(ErrorCode.VALIDATION, field, List.of(), phrase, values);
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field at fault, where there is one. */
    public String field() {
        return field;
    }

    public List<String> items() {
        return items;
    }

    /** The sentence the message says, or null where it was given as English text only. */
    public Phrase phrase() {
        return phrase;
    }

    /** The values of the {@link #phrase}, in its order (a value may be null). */
    public List<Object> values() {
        return values;
    }
}
