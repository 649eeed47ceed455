package io.selection.api.voting;

import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.Views.SuspiciousSetsView;
import io.selection.query.ReadModelQueries.FindSuspiciousVoteSetsQuery;
import io.selection.api.edition.GatedCommands;
import io.selection.voting.VoteSet;
import jakarta.validation.Valid;
import io.selection.api.web.MaxChars;
import io.selection.api.web.MaxChars.Kind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

/** Flagged vote sets, and their invalidation: a new event; the votes stay in the log. */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class SuspiciousVotesController {

    public record Invalidation(@NotBlank @Size(max = 300) String setId, @NotBlank @MaxChars(Kind.REASON) String reason) {
    }

    private final ReadModels readModels;
    private final ReadModelQueryHandlers queries;
    private final GatedCommands gated;
    private final Clock clock;

    public SuspiciousVotesController(ReadModels readModels, ReadModelQueryHandlers queries, GatedCommands gated,
                                     Clock clock) {
        this.readModels = readModels;
        this.queries = queries;
        this.gated = gated;
        this.clock = clock;
    }

    /** A flagged set as docs/api.md shows it, also naming its kind and key and whether it was invalidated. */
    public record FlaggedSet(String id, String rule, String kind, String key, long votes, java.time.Instant from,
                             java.time.Instant to, List<String> sample, boolean invalidated) {
    }

    /** The flagged sets, as the array docs/api.md shows. */
    @GetMapping("/suspicious-vote-sets")
    public List<FlaggedSet> sets(@PathVariable String editionId) {
        readModels.edition(editionId);
        SuspiciousSetsView view = readModels.ask(new FindSuspiciousVoteSetsQuery(editionId), SuspiciousSetsView.class);
        java.util.Set<String> invalidated = java.util.Set.copyOf(view.invalidated());
        return view.sets().stream().map(s -> new FlaggedSet(s.id(), s.rule(), s.kind(), s.key(), s.votes(), s.from(),
                s.to(), s.sample(), invalidated.contains(s.id()))).toList();
    }

    @PostMapping("/vote-invalidations")
    public GatedCommands.Invalidated invalidate(@PathVariable String editionId,
                                                @Valid @RequestBody Invalidation request, Principal principal) {
        readModels.edition(editionId);
        readModels.awaitHead();
        VoteSet set = queries.flaggedSet(editionId, request.setId());
        if (set == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "setId", List.of(request.setId()), ApiPhrase.NO_FLAGGED_SET,
                    request.setId());
        }
        return gated.invalidate(editionId, set, request.reason(), clock.instant(), principal.getName());
    }
}
