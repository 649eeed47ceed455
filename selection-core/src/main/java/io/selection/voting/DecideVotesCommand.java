package io.selection.voting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A group of votes decided together and recorded as one event: one command per group, never per vote. */
public record DecideVotesCommand(@TargetAggregateIdentifier String editionId, List<Vote> votes) {

    public DecideVotesCommand {
        votes = List.copyOf(votes);
    }
}
