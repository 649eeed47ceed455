package io.selection.edition;

import java.time.Instant;

public record CreateEditionCommand(String editionId, EditionRules rules, Instant at, String by) {
}
