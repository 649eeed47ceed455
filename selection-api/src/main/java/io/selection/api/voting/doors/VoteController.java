package io.selection.api.voting.doors;

import io.selection.api.config.SelectionProperties;
import io.selection.api.voting.VoteLookup;
import io.selection.api.voting.intake.CastVote;
import io.selection.api.voting.intake.EditionStates;
import io.selection.api.voting.intake.LaneCommitter;
import io.selection.api.voting.intake.VoteIntake;
import io.selection.api.voting.intake.VoteJson;
import io.selection.api.voting.intake.VoteShape;
import io.selection.api.web.BoundedLines;
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
import org.springframework.core.io.InputStreamResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@RestController
@RequestMapping("/api/editions/{editionId}")
public class VoteController {

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
    private final Clock clock;

    private final EditionStates editions;
    private final VoteLookup lookup;
    private final BoundedLines lines;
    private final VoteAdmission admission;

    public VoteController(VoteIntake intake, EditionStates editions, VoteLookup lookup, ReadModels readModels,
                          Clock clock, SelectionProperties properties, VoteAdmission admission) {
        this.admission = admission;
        this.lines = new BoundedLines(properties.limits());
        this.lookup = lookup;
        this.editions = editions;
        this.intake = intake;
        this.readModels = readModels;
        this.clock = clock;
    }

    /** Answers once the decision is durable; the same id again returns the first decision. */
    @PostMapping("/votes")
    public VoteAnswer cast(@PathVariable String editionId, @RequestBody CastVote request) {
        VoteShape.require(request);
        if (!editions.exists(editionId)) {
            throw LaneCommitter.unknownEdition(editionId);
        }
        try (VoteAdmission.Ticket ticket = admission.enter(1)) {
            return VoteAnswer.of(ticket.await(intake.submit(editionId, vote(request, clock.instant()))));
        }
    }

    /**
     * Reads the NDJSON body line by line straight into vote fields ({@link VoteJson}), checks each
     * vote's shape ({@link VoteShape}), and hands the good ones to the intake at once; answers once
     * all are durable. A bad line is reported by number and decided nowhere.
     */
    @PostMapping(path = "/votes:batch", consumes = NdjsonLines.MEDIA_TYPE)
    public BatchAnswer batch(@PathVariable String editionId,
                             @RequestBody(required = false) InputStreamResource body) throws IOException {
        if (!editions.exists(editionId)) {
            throw LaneCommitter.unknownEdition(editionId);
        }
        Instant receivedAt = clock.instant();
        List<Vote> votes = new ArrayList<>();
        List<InvalidLine> invalid = new ArrayList<>();
        // all lines are read, within the limits, before any vote is decided: a refused body decides none
        readLines(body == null ? null : body.getInputStream(), lines, receivedAt, votes, invalid);
        int accepted = 0;
        int refused = 0;
        int repeated = 0;
        if (votes.isEmpty()) {
            return new BatchAnswer(0, 0, 0, invalid);
        }
        try (VoteAdmission.Ticket ticket = admission.enter(votes.size())) {
            for (CompletableFuture<VoteOutcome> answer : intake.submitAll(editionId, votes)) {
                VoteOutcome outcome = ticket.await(answer);
                if (outcome.repeated()) {
                    repeated++;
                } else if (outcome.decision() == Decision.ACCEPTED) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        return new BatchAnswer(accepted, refused, repeated, invalid);
    }

    /** {@link #readLines(InputStream, BoundedLines, Instant, List, List)} with the default limits. */
    static void readLines(byte[] body, Instant receivedAt, List<Vote> votes, List<InvalidLine> invalid)
            throws IOException {
        readLines(body == null ? null : new ByteArrayInputStream(body),
                new BoundedLines(SelectionProperties.Limits.DEFAULTS), receivedAt, votes, invalid);
    }

    static void readLines(InputStream body, BoundedLines lines, Instant receivedAt, List<Vote> votes,
                          List<InvalidLine> invalid) throws IOException {
        VoteJson.Fields f = new VoteJson.Fields();
        lines.readTrimmed(body, (line, bytes, from, length) -> {
            VoteJson.Unreadable bad = VoteJson.read(bytes, from, length, f);
            if (bad != null) {
                // a line of nothing but Unicode blanks is skipped like an empty one
                if (!new String(bytes, from, length, java.nio.charset.StandardCharsets.UTF_8).strip().isEmpty()) {
                    invalid.add(new InvalidLine(line, bad.detail()));
                }
                return;
            }
            List<VoteShape.Violation> violations = VoteShape.check(f.id(), f.voterId(), f.workId(), f.castAt(), f.ip(),
                    f.device());
            if (violations.isEmpty()) {
                votes.add(vote(f.id(), f.voterId(), f.workId(), f.castAt(), receivedAt, f.ip(), f.device()));
            } else {
                invalid.add(new InvalidLine(line, violations.get(0).detail()));
            }
        });
    }


    @GetMapping("/votes/{voteId}")
    public VoteView decision(@PathVariable String editionId, @PathVariable String voteId) {
        readModels.edition(editionId);
        VoteView decision = lookup.find(editionId, voteId, true);
        if (decision == null) {
            throw io.selection.api.web.ApiProblem.notFound(io.selection.api.web.ApiPhrase.VOTE_NOT_FOUND, voteId);
        }
        return decision;
    }

    private static Vote vote(CastVote request, Instant receivedAt) {
        CastVote.Source source = request.source();
        return vote(request.id(), request.voterId(), request.workId(), request.castAt(), receivedAt,
                source == null ? null : source.ip(), source == null ? null : source.device());
    }

    /** A vote as a door takes it: a vote sent without an id gets one here. */
    private static Vote vote(String id, String voterId, String workId, Instant castAt, Instant receivedAt, String ip,
                             String device) {
        return new Vote(id == null ? UUID.randomUUID().toString() : id, voterId, workId, castAt, receivedAt, ip,
                device);
    }

}
