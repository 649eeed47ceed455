package io.selection.api.review;

import io.selection.api.security.Accounts;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.Ids;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.Views.ReviewerView;
import io.selection.projections.Views.WorkView;
import io.selection.query.ReadModelQueries.FindWorkQuery;
import io.selection.review.RegisterReviewerCommand;
import io.selection.review.Round;
import io.selection.review.ScoreWorkCommand;
import jakarta.validation.Valid;
import io.selection.api.web.MaxChars;
import io.selection.api.web.MaxChars.Kind;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;

@RestController
@RequestMapping("/api/editions/{editionId}")
public class ReviewController {

    public record RegisterReviewer(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String id,
                                   @NotBlank @MaxChars(Kind.NAME) String name,
                                   @MaxChars(Kind.NAME) String organisation,
                                   @NotEmpty @Size(max = 100) List<@NotBlank String> categories,
                                   @NotNull @Size(min = 8, max = 72) String password) {
    }

    public record Reviewer(String editionId, String id, String name, String organisation, List<String> categories) {
    }

    /** At most two decimals is checked by the aggregate, on the value (12.340 is 12.34). */
    public record Score(@NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal score) {
    }

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final ReadModelQueryHandlers queries;
    private final Accounts accounts;
    private final Clock clock;

    public ReviewController(CommandGateway commands, ReadModels readModels, ReadModelQueryHandlers queries,
                            Accounts accounts, Clock clock) {
        this.commands = commands;
        this.readModels = readModels;
        this.queries = queries;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Who is on the panel, for organisers and auditors: read from the registrations in the log, so
     * an account's password or hash is never at hand here.
     */
    @GetMapping("/reviewers")
    public List<ReviewerView> reviewers(@PathVariable String editionId) {
        readModels.edition(editionId);
        List<ReviewerView> reviewers = queries.reviewers(editionId);
        if (reviewers == null) {
            throw ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
        return reviewers;
    }

    /** The reviewer's registration (an event) and their account (a row) commit together or not at all. */
    @PostMapping("/reviewers")
    @Transactional
    public ResponseEntity<Reviewer> register(@PathVariable String editionId,
                                             @Valid @RequestBody RegisterReviewer request, Principal principal) {
        readModels.edition(editionId);
        if (request.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw DomainException.invalid("password", ApiPhrase.PASSWORD_BYTES);
        }
        if (accounts.exists(request.id())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(request.id()), ApiPhrase.ACCOUNT_EXISTS,
                    request.id());
        }
        if (!accounts.addReviewer(request.id(), editionId, request.password())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(request.id()), ApiPhrase.ACCOUNT_EXISTS,
                    request.id());
        }
        // Last, so that a refused command rolls the account back with it.
        commands.sendAndWait(new RegisterReviewerCommand(editionId, request.id(), request.name(),
                request.organisation(), request.categories(), clock.instant(), principal.getName()));
        return ResponseEntity.created(URI.create("/api/editions/" + editionId + "/reviewers/" + request.id()))
                .body(new Reviewer(editionId, request.id(), request.name(), request.organisation(),
                        request.categories().stream().sorted().distinct().toList()));
    }

    @PostMapping("/works/{workId}/preliminary-scores")
    public ResponseEntity<WorkView> preliminary(@PathVariable String editionId, @PathVariable String workId,
                                                @Valid @RequestBody Score request, Principal principal) {
        return score(editionId, workId, Round.PRELIMINARY, request, principal);
    }

    @PostMapping("/works/{workId}/final-scores")
    public ResponseEntity<WorkView> jury(@PathVariable String editionId, @PathVariable String workId,
                                         @Valid @RequestBody Score request, Principal principal) {
        return score(editionId, workId, Round.FINAL, request, principal);
    }

    /** A reviewer acts only as themself: the reviewer id is the authenticated account. */
    private ResponseEntity<WorkView> score(String editionId, String workId, Round round, Score request,
                                           Principal principal) {
        commands.sendAndWait(new ScoreWorkCommand(editionId, workId, principal.getName(), round, request.score(),
                clock.instant()));
        return ResponseEntity.status(201).body(readModels.require(new FindWorkQuery(editionId, workId),
                WorkView.class, ApiPhrase.WORK_NOT_FOUND, workId));
    }
}
