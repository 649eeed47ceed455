package io.selection.common;

import java.util.List;

/**
 * A refused command. Thrown by the aggregate before any event is applied, so a refusal changes
 * nothing; {@code items} names what the refusal is about (for example the works short of scores).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final List<String> items;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, null, List.of());
    }

    public DomainException(ErrorCode code, String detail, String field, List<String> items) {
        super(detail);
        this.code = code;
        this.field = field;
        this.items = List.copyOf(items);
    }

    public static DomainException invalid(String field, String detail) {
        return new DomainException(ErrorCode.VALIDATION, detail, field, List.of());
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
}
