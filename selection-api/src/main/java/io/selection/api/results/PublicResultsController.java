package io.selection.api.results;

import io.selection.api.audit.ExplanationController;
import io.selection.api.lists.ListDownloadsController;
import io.selection.api.readmodel.ReadModelController;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.ReadModels;
import io.selection.common.Refusal;
import io.selection.edition.Category;
import io.selection.edition.Stage;
import io.selection.projections.Views.EditionView;
import io.selection.edition.Weights;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistEntry;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.WorkView;
import io.selection.query.ReadModelQueries.FindEditionsQuery;
import io.selection.query.ReadModelQueries.FindWorkQuery;
import io.selection.recount.Explanation;
import io.selection.recount.Explanation.Final;
import io.selection.recount.Explanation.Statement;
import io.selection.recount.Language;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What anyone may read without signing in: the editions with a published list, and those lists
 * with the digests they were published with. An edition with nothing published is answered as
 * if it did not exist, so drafts stay private; the public CSV files are the signed-in downloads of
 * {@link ListDownloadsController}, byte for byte. A work of the published lists has a public page
 * once the results are out: its place and scores, and the server's explanation less what names a
 * reviewer (or whoever disqualified a work), since the published lists name no one.
 */
@RestController
@RequestMapping("/api/public/editions")
public class PublicResultsController {

    public record PublicEdition(String id, String title, String theme, Stage stage, boolean shortlistPublished,
                                boolean resultsPublished) {
    }

    public record PublishedEdition(String id, String title, String theme, Stage stage, String timeZone,
                                   List<Category> categories) {
    }

    /** Each list null until published; {@code validVotes}: the valid votes counted, null until the results. */
    public record PublishedResults(PublishedEdition edition, ShortlistView shortlist, RankingView winners,
                                   Long validVotes) {
    }

    /**
     * A shortlisted work once the results are published: where it ended ({@code winnerRank} null for
     * a work that did not win), the final score's parts, its valid votes, and why, in words.
     */
    public record PublicWork(String editionId, String workId, String title, String category, String categoryName,
                             String organisation, Integer shortlistRank, int finalRank, Integer winnerRank,
                             BigDecimal finalScore, BigDecimal juryScore, BigDecimal juryPart, BigDecimal voteScore,
                             BigDecimal votePart, long validVotes, Weights weights, long logSize, String language,
                             String summary, List<PublicStatement> statements) {
    }

    /** A statement of the explanation, said: the line it rests on, its kind, its words. */
    public record PublicStatement(long seq, String code, String text) {
    }

    /** Statement parameters that name a person: such a statement stays off the public page. */
    private static final Set<String> NAMES_A_PERSON = Set.of("reviewerId", "by");

    private final ReadModels readModels;
    private final ReadModelController lists;
    private final ListDownloadsController downloads;
    private final ExplanationController explanations;

    public PublicResultsController(ReadModels readModels, ReadModelController lists,
                                   ListDownloadsController downloads, ExplanationController explanations) {
        this.readModels = readModels;
        this.lists = lists;
        this.downloads = downloads;
        this.explanations = explanations;
    }

    @GetMapping
    public List<PublicEdition> editions() {
        return readModels.askAll(new FindEditionsQuery(), EditionView.class).stream()
                .filter(PublicResultsController::shortlistPublished)
                .map(e -> new PublicEdition(e.id(), e.title(), e.theme(), e.stage(), true, resultsPublished(e)))
                .toList();
    }

    @GetMapping("/{editionId}/results")
    public PublishedResults results(@PathVariable String editionId) {
        EditionView e = published(editionId);
        boolean results = resultsPublished(e);
        return new PublishedResults(new PublishedEdition(e.id(), e.title(), e.theme(), e.stage(), e.timeZone(),
                e.categories()), lists.shortlist(editionId), results ? lists.winners(editionId) : null,
                results ? lists.tallies(editionId).categories().values().stream().flatMap(List::stream)
                        .mapToLong(t -> t.validVotes()).sum() : null);
    }

    /**
     * A work on the published shortlist, once the results are published; before, and for any other
     * work, 404 as for one that does not exist. Said in {@code ?lang} or the Accept-Language.
     */
    @GetMapping("/{editionId}/works/{workId}")
    public PublicWork work(@PathVariable String editionId, @PathVariable String workId,
                           @RequestParam(required = false) String lang,
                           @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                           HttpServletResponse response) {
        Language language = ExplanationController.language(lang, acceptLanguage);
        EditionView e = published(editionId);
        ShortlistEntry place = resultsPublished(e) ? shortlistPlace(lists.shortlist(editionId), workId) : null;
        Explanation x = place == null ? null : explanations.asTheLogStands(editionId, workId, language);
        if (x == null || x.finalRanking() == null) {
            throw ApiProblem.notFound(io.selection.api.web.ApiPhrase.WORK_NOT_FOUND, workId);
        }
        WorkView work = readModels.ask(new FindWorkQuery(editionId, workId), WorkView.class);
        Final f = x.finalRanking();
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return new PublicWork(editionId, workId, x.title(), x.category(), x.categoryName(),
                work == null ? null : work.organisation(), place.rank(), f.ranking().rank(), f.winnerRank(),
                f.finalScore(), f.jury() == null ? null : f.jury().mean(), f.juryPart(), f.voteScore(), f.votePart(), f.validVotes(),
                f.weights(), x.logSize(), x.language(), x.summary(), x.statements().stream()
                .filter(PublicResultsController::namesNoOne)
                .map(s -> new PublicStatement(s.seq(), s.code(), s.text())).toList());
    }

    private static ShortlistEntry shortlistPlace(ShortlistView shortlist, String workId) {
        return shortlist.categories().values().stream().flatMap(List::stream)
                .filter(entry -> entry.workId().equals(workId)).findFirst().orElse(null);
    }

    private static boolean namesNoOne(Statement s) {
        Map<String, Object> params = s.params();
        return params == null || params.keySet().stream().noneMatch(NAMES_A_PERSON::contains);
    }

    @GetMapping("/{editionId}/shortlist.csv")
    public ResponseEntity<byte[]> shortlistCsv(@PathVariable String editionId) {
        published(editionId);
        return downloads.shortlist(editionId);
    }

    /** Before the results, 409 STAGE_MISMATCH as for a signed-in caller: the edition is public by then. */
    @GetMapping("/{editionId}/winners.csv")
    public ResponseEntity<byte[]> winnersCsv(@PathVariable String editionId) {
        published(editionId);
        return downloads.winners(editionId);
    }

    /** The edition, once something of it is published; before, answered as if it did not exist. */
    private EditionView published(String editionId) {
        EditionView e = readModels.edition(editionId);
        if (!shortlistPublished(e)) {
            throw ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
        return e;
    }

    private static boolean shortlistPublished(EditionView e) {
        return !e.stage().isBefore(Stage.SHORTLIST_PUBLISHED);
    }

    private static boolean resultsPublished(EditionView e) {
        return !e.stage().isBefore(Stage.RESULTS_PUBLISHED);
    }
}
