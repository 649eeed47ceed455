package io.selection.results;

import java.util.Map;

/**
 * Valid votes per work and refused votes per reason, as read from the whole log while no vote
 * could be recorded (the voting gate is held): what the edition certifies when voting closes.
 */
public record CertifiedTallies(Map<String, Long> validVotes, Map<String, Long> refusedVotes) {
}
