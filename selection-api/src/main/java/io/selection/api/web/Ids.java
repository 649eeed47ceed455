package io.selection.api.web;

/** The id rule of docs/api.md: 1 to 64 characters of [A-Za-z0-9._-]. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 characters of [A-Za-z0-9._-]";

    private Ids() {
    }
}
