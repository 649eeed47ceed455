package io.selection.api.web;

import io.selection.rules.Rulebook;

/** The id rule of docs/api.md, for request validation: the rulebook's own (one place it is written). */
public final class Ids {

    public static final String PATTERN = Rulebook.ID_PATTERN;
    public static final String MESSAGE = Rulebook.ID_MESSAGE;
    /** The same rule for the validator, said in the reader's language (messages.properties, selection.id). */
    public static final String MESSAGE_KEY = "{selection.id}";

    private Ids() {
    }
}
