package io.selection.api.web;

/**
 * The service cannot take the request now (overload, or a store that does not answer); nothing of
 * it was changed. Answered 503 UNAVAILABLE with {@code Retry-After}: send it again after that many
 * seconds (votes with the same ids: a vote already recorded answers its first decision).
 */
public class Unavailable extends RuntimeException {

    private final long retryAfterSeconds;

    public Unavailable(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
