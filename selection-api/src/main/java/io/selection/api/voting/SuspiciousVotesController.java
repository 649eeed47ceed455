package io.selection.api.voting;

import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.Views.SuspiciousSet;
import io.selection.projections.Views.SuspiciousSetsView;
import io.selection.query.ReadModelQueries.FindSuspiciousVoteSetsQuery;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.VoteDecision;
import io.selection.voting.VotesDecidedEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Flagged vote sets, and their invalidation: a new event; the votes stay in the log. */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class SuspiciousVotesController {

    public record Invalidation(@NotBlank @Size(max = 300) String setId, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Invalidated(String setId, int votes, Map<String, Long> acceptedVotesPerWork) {
    }

    private final ReadModels readModels;
    private final ReadModelQueryHandlers queries;
    private final EventStore eventStore;
    private final CommandGateway commands;
    private final Clock clock;

    public SuspiciousVotesController(ReadModels readModels, ReadModelQueryHandlers queries, EventStore eventStore,
                                     CommandGateway commands, Clock clock) {
        this.readModels = readModels;
        this.queries = queries;
        this.eventStore = eventStore;
        this.commands = commands;
        this.clock = clock;
    }

    /** The flagged sets, as the array API.md shows, each also naming its kind and key. */
    @GetMapping("/suspicious-vote-sets")
    public List<SuspiciousSet> sets(@PathVariable String editionId) {
        readModels.edition(editionId);
        return readModels.ask(new FindSuspiciousVoteSetsQuery(editionId), SuspiciousSetsView.class).sets();
    }

    @PostMapping("/vote-invalidations")
    public Invalidated invalidate(@PathVariable String editionId, @Valid @RequestBody Invalidation request,
                                  Principal principal) throws InterruptedException {
        readModels.edition(editionId);
        readModels.awaitHead();
        SuspiciousSet set = queries.suspiciousSet(editionId, request.setId());
        if (set == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "no flagged set " + request.setId(), "setId",
                    List.of(request.setId()));
        }
        List<String> voteIds = new ArrayList<>();
        Map<String, Long> perWork = new TreeMap<>();
        for (VoteDecision d : acceptedDecisions(editionId)) {
            if (matches(set, d)) {
                voteIds.add(d.voteId());
                perWork.merge(d.workId(), 1L, Long::sum);
            }
        }
        commands.sendAndWait(new InvalidateVotesCommand(editionId, set.id(), set.rule(), request.reason(), voteIds,
                perWork, clock.instant(), principal.getName()));
        return new Invalidated(set.id(), voteIds.size(), perWork);
    }

    private static boolean matches(SuspiciousSet set, VoteDecision d) {
        return switch (set.kind()) {
            case "ip" -> set.key().equals(d.ip()) && inRange(set, d);
            case "device" -> set.key().equals(d.device()) && inRange(set, d);
            case "voter" -> set.key().equals(d.voterId()) && d.day() != null
                    && d.day().toEpochDay() == set.from().getEpochSecond() / 86_400;
            default -> false;
        };
    }

    private static boolean inRange(SuspiciousSet set, VoteDecision d) {
        return !d.castAt().isBefore(set.from()) && d.castAt().isBefore(set.to());
    }

    /** Reads the log from its start to its head: an organiser's rare, deliberate action. */
    private List<VoteDecision> acceptedDecisions(String editionId) throws InterruptedException {
        long head = readModels.head();
        List<VoteDecision> out = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (head >= 0 && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.getPayload() instanceof VotesDecidedEvent votes && editionId.equals(votes.editionId())) {
                    votes.decisions().stream().filter(VoteDecision::accepted).forEach(out::add);
                }
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) >= head) {
                    break;
                }
            }
        }
        return out;
    }
}
