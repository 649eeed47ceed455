package io.selection.api.voting.intake;

import io.selection.api.voting.doors.VoteController;

/** A deliberate offender for ApiArchitectureTest: an intake class that names an HTTP door. */
public final class NamesADoor {

    private NamesADoor() {
    }

    static Object door() {
        return VoteController.class;
    }
}
