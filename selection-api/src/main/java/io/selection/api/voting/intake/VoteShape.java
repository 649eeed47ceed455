package io.selection.api.voting.intake;


import io.selection.api.web.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one check of a vote's shape (docs/api.md), shared by the three doors: the single door, the NDJSON
 * batch door and the Kafka door. The same rules and words as the bean-validation annotations on
 * {@link CastVote} (which stay for the OpenAPI document), checked by hand: a batch of
 * 100,000 votes or a Kafka poll of 20,000 is not worth a reflective validator per vote.
 */
public final class VoteShape {

    static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    static final String NOT_BLANK = "must not be blank";
    static final String NOT_NULL = "must not be null";
    static final String PLAUSIBLE = "must be an instant between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private VoteShape() {
    }

    /** One broken rule: the field (as a path, e.g. {@code source.ip}) and what is wrong. */
    public record Violation(String field, String message) {
        public String detail() {
            return field + ": " + message;
        }
    }

    /** A vote that breaks rules: answered 400 VALIDATION, naming the first field and listing every rule. */
    public static final class Invalid extends RuntimeException {
        private final transient List<Violation> violations;

        Invalid(List<Violation> violations) {
            super(violations.stream().map(Violation::detail).sorted().collect(java.util.stream.Collectors.joining("; ")),
                    null, false, false);
            this.violations = violations;
        }

        public String field() {
            return violations.get(0).field();
        }
    }

    /** Throws {@link Invalid} when the single door's request breaks a rule. */
    public static void require(CastVote v) {
        CastVote.Source source = v.source();
        List<Violation> violations = check(v.id(), v.voterId(), v.workId(), v.castAt(),
                source == null ? null : source.ip(), source == null ? null : source.device());
        if (!violations.isEmpty()) {
            throw new Invalid(violations);
        }
    }

    /** The rules the vote breaks, sorted by field; empty for a well-formed vote. */
    public static List<Violation> check(String id, String voterId, String workId, Instant castAt, String ip,
                                        String device) {
        List<Violation> out = null;
        if (castAt == null) {
            out = add(out, "castAt", NOT_NULL);
        } else if (castAt.isBefore(Instant.EPOCH) || castAt.isAfter(LAST)) {
            out = add(out, "castAt", PLAUSIBLE);
        }
        if (id != null && !isId(id)) {
            out = add(out, "id", Ids.MESSAGE);
        }
        if (ip != null && ip.length() > 64) {
            out = add(out, "source.ip", "size must be between 0 and 64");
        }
        if (device != null && device.length() > 128) {
            out = add(out, "source.device", "size must be between 0 and 128");
        }
        if (voterId == null || voterId.trim().isEmpty()) { // @NotBlank's own test
            out = add(out, "voterId", NOT_BLANK);
        } else if (voterId.length() > 128) {
            out = add(out, "voterId", "size must be between 0 and 128");
        }
        if (workId == null) {
            out = add(out, "workId", NOT_NULL);
        } else if (!isId(workId)) {
            out = add(out, "workId", Ids.MESSAGE);
        }
        if (out == null) {
            return List.of();
        }
        out.sort(java.util.Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return out;
    }

    private static List<Violation> add(List<Violation> out, String field, String message) {
        List<Violation> list = out == null ? new ArrayList<>(2) : out;
        list.add(new Violation(field, message));
        return list;
    }

    /** {@link Ids#PATTERN} without a regular expression. */
    static boolean isId(String s) {
        int n = s.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
