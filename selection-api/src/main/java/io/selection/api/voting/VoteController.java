package io.selection.api.voting;

import io.selection.api.web.Ids;
import io.selection.api.web.NdjsonLines;
import io.selection.api.web.PlausibleInstant;
import io.selection.api.web.ReadModels;
import io.selection.projections.Views.VoteView;
import io.selection.voting.Decision;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@RestController
@RequestMapping("/api/editions/{editionId}")
public class VoteController {

    public record Source(@Size(max = 64) String ip, @Size(max = 128) String device) {
    }

    public record CastVote(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                           @NotBlank @Size(max = 128) String voterId,
                           @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workId,
                           @NotNull @PlausibleInstant Instant castAt,
                           @Valid Source source) {
    }

    public record VoteAnswer(String id, Decision decision, String reason, boolean repeated) {
        static VoteAnswer of(VoteOutcome o) {
            return new VoteAnswer(o.voteId(), o.decision(), o.reason() == null ? null : o.reason().name(),
                    o.repeated());
        }
    }

    public record InvalidLine(int line, String detail) {
    }

    public record BatchAnswer(int accepted, int refused, int repeated, List<InvalidLine> invalidLines) {
    }

    private final VoteIntake intake;
    private final ReadModels readModels;
    private final NdjsonLines ndjson;
    private final Clock clock;

    private final EditionStates editions;
    private final VoteLookup lookup;

    public VoteController(VoteIntake intake, EditionStates editions, VoteLookup lookup, ReadModels readModels,
                          NdjsonLines ndjson, Clock clock) {
        this.lookup = lookup;
        this.editions = editions;
        this.intake = intake;
        this.readModels = readModels;
        this.ndjson = ndjson;
        this.clock = clock;
    }

    /** Answers once the decision is durable; the same id again returns the first decision. */
    @PostMapping("/votes")
    public VoteAnswer cast(@PathVariable String editionId, @Valid @RequestBody CastVote request) {
        if (!editions.exists(editionId)) {
            throw LaneCommitter.unknownEdition(editionId);
        }
        return VoteAnswer.of(await(intake.submit(editionId, vote(request, clock.instant()))));
    }

    @PostMapping(path = "/votes:batch", consumes = NdjsonLines.MEDIA_TYPE)
    public BatchAnswer batch(@PathVariable String editionId, @RequestBody(required = false) String body) {
        readModels.edition(editionId);
        Instant receivedAt = clock.instant();
        List<Vote> votes = new ArrayList<>();
        List<InvalidLine> invalid = new ArrayList<>();
        ndjson.read(body, CastVote.class, (line, request) -> votes.add(vote(request, receivedAt)))
                .forEach(bad -> invalid.add(new InvalidLine(bad.line(), bad.detail())));
        int accepted = 0;
        int refused = 0;
        int repeated = 0;
        for (CompletableFuture<VoteOutcome> answer : intake.submitAll(editionId, votes)) {
            VoteOutcome outcome = await(answer);
            if (outcome.repeated()) {
                repeated++;
            } else if (outcome.decision() == Decision.ACCEPTED) {
                accepted++;
            } else {
                refused++;
            }
        }
        return new BatchAnswer(accepted, refused, repeated, invalid);
    }

    @GetMapping("/votes/{voteId}")
    public VoteView decision(@PathVariable String editionId, @PathVariable String voteId) {
        readModels.edition(editionId);
        VoteView decision = lookup.find(editionId, voteId, true);
        if (decision == null) {
            throw io.selection.api.web.ApiProblem.notFound("vote " + voteId);
        }
        return decision;
    }

    private static Vote vote(CastVote request, Instant receivedAt) {
        String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
        Source source = request.source();
        return new Vote(id, request.voterId(), request.workId(), request.castAt(), receivedAt,
                source == null ? null : source.ip(), source == null ? null : source.device());
    }

    private static VoteOutcome await(CompletableFuture<VoteOutcome> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
