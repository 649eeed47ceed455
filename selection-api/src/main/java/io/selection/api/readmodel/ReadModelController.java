package io.selection.api.readmodel;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.edition.Stage;
import io.selection.projections.PointInTime;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.Views;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TalliesView;
import io.selection.query.ReadModelQueries.FindFinalRankingQuery;
import io.selection.query.ReadModelQueries.FindPreliminaryRankingQuery;
import io.selection.query.ReadModelQueries.FindShortlistQuery;
import io.selection.query.ReadModelQueries.FindTalliesQuery;
import io.selection.query.ReadModelQueries.FindWinnersQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The lists reviewers, organisers and auditors read; published lists only once published. */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class ReadModelController {

    /**
     * Live tallies, with how many events of the log the read models have still to fold in, and the
     * decided votes per minute of the voting so far, read at the same position of the log.
     */
    public record LiveTallies(TalliesView tallies, long lag, Views.VoteRateView voteRate) {
    }

    private final ReadModels readModels;
    private final EditionLogs logs;
    private final AsOf asOf;

    private final io.selection.api.voting.intake.EditionStates editions;
    private final ReadModelQueryHandlers queries;

    public ReadModelController(ReadModels readModels, EditionLogs logs, AsOf asOf,
                               io.selection.api.voting.intake.EditionStates editions,
                               ReadModelQueryHandlers queries) {
        this.editions = editions;
        this.queries = queries;
        this.readModels = readModels;
        this.logs = logs;
        this.asOf = asOf;
    }

    @GetMapping("/preliminary-ranking")
    public PreliminaryRankingView preliminaryRanking(@PathVariable String editionId, @RequestParam String category,
                                                     @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return this.asOf.ask(editionId, asOf, point -> {
                requireCategory(point.edition(), category);
                return point.preliminaryRanking(category);
            });
        }
        requireCategory(readModels.edition(editionId), category);
        return readModels.ask(new FindPreliminaryRankingQuery(editionId, category), PreliminaryRankingView.class);
    }

    private static void requireCategory(EditionView edition, String category) {
        if (edition.categories().stream().noneMatch(c -> c.code().equals(category))) {
            throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "category", List.of(category),
                    Refusal.UNKNOWN_CATEGORY, category);
        }
    }

    @GetMapping("/shortlist")
    public ShortlistView shortlist(@PathVariable String editionId, @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return this.asOf.ask(editionId, asOf, point -> {
                requireStage(point.edition(), Stage.SHORTLIST_PUBLISHED);
                return publishedAt(point.shortlist(), ApiPhrase.SHORTLIST_NOT_YET, asOf);
            });
        }
        requireStage(readModels.edition(editionId), Stage.SHORTLIST_PUBLISHED);
        return readModels.ask(new FindShortlistQuery(editionId), ShortlistView.class);
    }

    @GetMapping("/tallies")
    public TalliesView tallies(@PathVariable String editionId, @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return withDigest(editionId, this.asOf.ask(editionId, asOf, PointInTime::tallies));
        }
        readModels.edition(editionId);
        return withDigest(editionId, readModels.ask(new FindTalliesQuery(editionId), TalliesView.class));
    }

    /** Live tallies name the log as the read models folded it: its digest comes from the kept line hashes. */
    private TalliesView withDigest(String editionId, TalliesView tallies) {
        if (tallies.logDigest() != null || tallies.logSize() == null) {
            return tallies;
        }
        long size = tallies.logSize();
        return tallies.withLogDigest(logs.readAtLeast(editionId, size, kept -> kept.writer().digest(size)));
    }

    /**
     * The tallies as the read models stand, without waiting for them to catch up: the answer says
     * how far behind the log they are ({@code lag}) and names the log it counts ({@code logSize},
     * {@code logDigest}), so a live page shows the lag instead of blocking on it. The vote rate
     * ({@code voteRate}) is read in the same step as the tallies, so the two agree.
     */
    @GetMapping("/tallies/live")
    public LiveTallies liveTallies(@PathVariable String editionId) {
        long lag = readModels.lag();
        Views.LiveView live = queries.live(editionId);
        if (live == null) {
            if (editions.exists(editionId)) { // in the log, not yet in the read models (after a restart)
                throw new io.selection.api.web.ReadModels.ReadModelsBehind(
                        io.selection.api.web.ApiPhrase.READ_MODELS_BEFORE_EDITION, lag, editionId);
            }
            throw io.selection.api.web.ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
        return new LiveTallies(withDigest(editionId, live.tallies()), lag, live.voteRate());
    }

    @GetMapping("/final-ranking")
    public RankingView finalRanking(@PathVariable String editionId, @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return this.asOf.ask(editionId, asOf, point -> {
                requireStage(point.edition(), Stage.SHORTLIST_PUBLISHED);
                return point.finalRanking();
            });
        }
        requireStage(readModels.edition(editionId), Stage.SHORTLIST_PUBLISHED);
        return readModels.ask(new FindFinalRankingQuery(editionId), RankingView.class);
    }

    @GetMapping("/winners")
    public RankingView winners(@PathVariable String editionId, @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            return this.asOf.ask(editionId, asOf, point -> {
                requireStage(point.edition(), Stage.RESULTS_PUBLISHED);
                return publishedAt(point.winners(), ApiPhrase.RESULTS_NOT_YET, asOf);
            });
        }
        requireStage(readModels.edition(editionId), Stage.RESULTS_PUBLISHED);
        return readModels.ask(new FindWinnersQuery(editionId), RankingView.class);
    }

    /** The lists as they stand now, for the downloads and the public page. */
    public PreliminaryRankingView preliminaryRanking(String editionId, String category) {
        return preliminaryRanking(editionId, category, null);
    }

    public ShortlistView shortlist(String editionId) {
        return shortlist(editionId, null);
    }

    public TalliesView tallies(String editionId) {
        return tallies(editionId, null);
    }

    public RankingView finalRanking(String editionId) {
        return finalRanking(editionId, null);
    }

    public RankingView winners(String editionId) {
        return winners(editionId, null);
    }

    /**
     * The list as of a line, or 409 when the line is the stage change itself: the list is published
     * by the line after it, so as of this one it does not exist yet (never an empty answer).
     */
    private static <T> T publishedAt(T list, ApiPhrase notYet, String asOf) {
        if (list == null) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, "asOf", List.of(asOf), notYet, asOf);
        }
        return list;
    }

    private static void requireStage(EditionView edition, Stage from) {
        if (edition.stage().isBefore(from)) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, null, List.of(edition.stage().name()),
                    ApiPhrase.LIST_FROM, edition.id(), edition.stage(), from);
        }
    }
}
