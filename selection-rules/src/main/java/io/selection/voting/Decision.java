package io.selection.voting;

public enum Decision {
    ACCEPTED,
    REFUSED
}
