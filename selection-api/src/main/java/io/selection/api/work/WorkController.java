package io.selection.api.work;

import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.NdjsonLines;
import io.selection.api.web.ProblemHandler;
import io.selection.api.web.ReadModels;
import io.selection.api.web.Words;
import io.selection.common.DomainException;
import io.selection.edition.Category;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.ReviewerView;
import io.selection.projections.Views.WorkHistoryView;
import io.selection.projections.Views.WorkView;
import io.selection.projections.Views.WorksPageView;
import io.selection.projections.WorkStatus;
import io.selection.query.ReadModelQueries.FindReviewerQuery;
import io.selection.query.ReadModelQueries.FindWorkHistoryQuery;
import io.selection.query.ReadModelQueries.FindWorkQuery;
import io.selection.query.ReadModelQueries.FindWorksQuery;
import io.selection.work.SubmitWorkCommand;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.core.io.InputStreamResource;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

@RestController
@RequestMapping("/api/editions/{editionId}")
public class WorkController {

    private static final int MAX_PAGE = 500;

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final NdjsonLines ndjson;
    private final Clock clock;

    private final io.selection.api.edition.GatedCommands gated;

    private final io.selection.api.readmodel.AsOf asOf;

    public WorkController(CommandGateway commands, io.selection.api.edition.GatedCommands gated,
                          ReadModels readModels, NdjsonLines ndjson, Clock clock,
                          io.selection.api.readmodel.AsOf asOf) {
        this.asOf = asOf;
        this.gated = gated;
        this.commands = commands;
        this.readModels = readModels;
        this.ndjson = ndjson;
        this.clock = clock;
    }

    @PostMapping("/works")
    public ResponseEntity<WorkView> submit(@PathVariable String editionId,
                                           @Valid @RequestBody WorkRequests.SubmitWork request, Principal principal) {
        commands.sendAndWait(command(editionId, request, principal));
        return ResponseEntity.created(URI.create("/api/editions/" + editionId + "/works/" + request.id()))
                .body(work(editionId, request.id()));
    }

    /**
     * One command per line, so good lines are kept whatever the bad ones say. The whole body is read
     * and checked first, within the limits ({@link io.selection.api.web.BoundedLines}): a body over
     * a limit is refused 413 with no work submitted.
     */
    @PostMapping(path = "/works:import", consumes = NdjsonLines.MEDIA_TYPE)
    public WorkRequests.ImportResult importWorks(@PathVariable String editionId,
                                                 @RequestBody(required = false) InputStreamResource body,
                                                 Principal principal) throws IOException {
        readModels.edition(editionId);
        NdjsonLines.Read<WorkRequests.SubmitWork> lines = ndjson.read(body == null ? null : body.getInputStream(),
                WorkRequests.SubmitWork.class);
        List<WorkRequests.ImportRefusal> refused = new ArrayList<>();
        int accepted = 0;
        for (NdjsonLines.Line<WorkRequests.SubmitWork> line : lines.good()) {
            try {
                commands.sendAndWait(command(editionId, line.value(), principal));
                accepted++;
            } catch (RuntimeException e) {
                DomainException domain = ProblemHandler.domainCause(e);
                if (domain == null) {
                    throw e;
                }
                refused.add(new WorkRequests.ImportRefusal(line.line(), domain.code().name(),
                        Words.say(Words.current(), domain)));
            }
        }
        for (NdjsonLines.BadLine bad : lines.bad()) {
            refused.add(new WorkRequests.ImportRefusal(bad.line(), "VALIDATION", bad.detail()));
        }
        refused.sort(Comparator.comparingInt(WorkRequests.ImportRefusal::line));
        return new WorkRequests.ImportResult(accepted, refused);
    }

    @PostMapping("/works/{workId}/disqualification")
    public WorkView disqualify(@PathVariable String editionId, @PathVariable String workId,
                               @Valid @RequestBody WorkRequests.Disqualify request, Principal principal) {
        readModels.edition(editionId);
        gated.disqualify(editionId, workId, request.reason(), clock.instant(), principal.getName());
        return work(editionId, workId);
    }

    @GetMapping("/works")
    public WorksPageView list(@PathVariable String editionId, @RequestParam(required = false) String category,
                              @RequestParam(required = false) String status, @RequestParam(required = false) String q,
                              @RequestParam(required = false) String reviewer,
                              @RequestParam(defaultValue = "0") int offset,
                              @RequestParam(defaultValue = "50") int limit,
                              @RequestParam(required = false) String asOf) {
        EditionView edition = readModels.edition(editionId);
        if (offset < 0) {
            throw DomainException.invalid("offset", ApiPhrase.AT_LEAST_ZERO, "offset");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid("limit", ApiPhrase.LIMIT_RANGE, MAX_PAGE);
        }
        String categoryCode = given(category);
        if (categoryCode != null && edition.categories().stream().noneMatch(c -> c.code().equals(categoryCode))) {
            throw DomainException.invalid("category", ApiPhrase.UNKNOWN_CATEGORY_OF, categoryCode,
                    edition.categories().stream().map(Category::code).toList());
        }
        String statusName = given(status);
        if (statusName != null && Arrays.stream(WorkStatus.values()).noneMatch(s -> s.name().equals(statusName))) {
            throw DomainException.invalid("status", ApiPhrase.UNKNOWN_STATUS, statusName,
                    Arrays.toString(WorkStatus.values()));
        }
        String reviewerId = given(reviewer);
        if (reviewerId != null) {
            readModels.require(new FindReviewerQuery(editionId, reviewerId), ReviewerView.class,
                    ApiPhrase.REVIEWER_NOT_FOUND, reviewerId);
        }
        FindWorksQuery query = new FindWorksQuery(editionId, categoryCode, statusName, given(q), reviewerId, offset,
                limit);
        if (asOf != null) {
            return this.asOf.ask(editionId, asOf, point -> point.works(query));
        }
        return readModels.ask(query, WorksPageView.class);
    }

    /** An empty filter, as a form sends it, filters nothing. */
    private static String given(String filter) {
        return filter == null || filter.isBlank() ? null : filter;
    }

    @GetMapping("/works/{workId}")
    public WorkView get(@PathVariable String editionId, @PathVariable String workId,
                        @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return found(this.asOf.ask(editionId, asOf, point -> point.work(workId)), workId);
        }
        return work(editionId, workId);
    }

    @GetMapping("/works/{workId}/history")
    public WorkHistoryView history(@PathVariable String editionId, @PathVariable String workId,
                                   @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return found(this.asOf.ask(editionId, asOf, point -> point.history(workId)), workId);
        }
        readModels.edition(editionId);
        return readModels.require(new FindWorkHistoryQuery(editionId, workId), WorkHistoryView.class,
                ApiPhrase.WORK_NOT_FOUND, workId);
    }

    private static <T> T found(T answer, String workId) {
        if (answer == null) {
            throw ApiProblem.notFound(ApiPhrase.WORK_NOT_FOUND, workId);
        }
        return answer;
    }

    private WorkView work(String editionId, String workId) {
        readModels.edition(editionId);
        return readModels.require(new FindWorkQuery(editionId, workId), WorkView.class, ApiPhrase.WORK_NOT_FOUND,
                workId);
    }

    private SubmitWorkCommand command(String editionId, WorkRequests.SubmitWork request, Principal principal) {
        return new SubmitWorkCommand(editionId, request.id(), request.title(), request.url(), request.category(),
                request.publishedOn(), request.organisation(), clock.instant(), principal.getName());
    }
}
