package io.selection.edition;

/** The seven stages of an edition, in the only order they may be taken. */
public enum Stage {
    DRAFT,
    COLLECTING,
    PRELIMINARY_REVIEW,
    SHORTLIST_PUBLISHED,
    VOTING,
    FINAL_REVIEW,
    RESULTS_PUBLISHED;

    public boolean hasNext() {
        return ordinal() < values().length - 1;
    }

    public Stage next() {
        return values()[ordinal() + 1];
    }

    public boolean isBefore(Stage other) {
        return ordinal() < other.ordinal();
    }
}
