package io.selection.api.web;

import io.selection.rules.Rulebook;

/** The id rule of docs/api.md, for request validation: the rulebook's own (one place it is written). */
public final class Ids {

    public static final String PATTERN = Rulebook.ID_PATTERN;
    public static final String MESSAGE = Rulebook.ID_MESSAGE;

    private Ids() {
    }
}
