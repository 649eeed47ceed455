package io.selection.edition;

/** Every event of an edition's log names its edition. */
public interface EditionEvent {
    String editionId();
}
