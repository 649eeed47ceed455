package io.selection.api.voting.doors;

import io.selection.api.voting.doors.VoteController.VoteAnswer;
import io.selection.api.voting.intake.CastVote;
import io.selection.api.voting.intake.EditionStates;
import io.selection.api.voting.intake.LaneCommitter;
import io.selection.api.voting.intake.VoteShape;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling of the single-vote door, for the benchmark only ({@code selection.votes.ceiling-endpoint=true};
 * absent otherwise): the same path prefix, role, authentication, body and checks of its shape as
 * {@code POST /votes}, and an answer of the same shape, but nothing is decided or recorded. The
 * single door's rate is judged against this one's, measured on the same server (PERFORMANCE.md:
 * at least 0.7 of it).
 */
@RestController
@RequestMapping("/api/editions/{editionId}")
@ConditionalOnProperty(name = "selection.votes.ceiling-endpoint", havingValue = "true")
public class CeilingController {

    private final EditionStates editions;

    public CeilingController(EditionStates editions) {
        this.editions = editions;
    }

    @PostMapping("/votes:ceiling")
    public VoteAnswer answer(@PathVariable String editionId, @RequestBody CastVote request) {
        VoteShape.require(request);
        if (!editions.exists(editionId)) {
            throw LaneCommitter.unknownEdition(editionId);
        }
        return new VoteAnswer(request.id(), null, "NOT_DECIDED", false);
    }
}
