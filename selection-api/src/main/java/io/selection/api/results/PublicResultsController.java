package io.selection.api.results;

import io.selection.api.lists.ListDownloadsController;
import io.selection.api.readmodel.ReadModelController;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.ReadModels;
import io.selection.common.Refusal;
import io.selection.edition.Category;
import io.selection.edition.Stage;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistView;
import io.selection.query.ReadModelQueries.FindEditionsQuery;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What anyone may read without signing in: the editions with a published list, and those lists
 * with the digests they were published with. An edition with nothing published is answered as
 * if it did not exist, so drafts stay private; the public CSV files are the signed-in downloads of
 * {@link ListDownloadsController}, byte for byte.
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

    /** Each list null until published. */
    public record PublishedResults(PublishedEdition edition, ShortlistView shortlist, RankingView winners) {
    }

    private final ReadModels readModels;
    private final ReadModelController lists;
    private final ListDownloadsController downloads;

    public PublicResultsController(ReadModels readModels, ReadModelController lists,
                                   ListDownloadsController downloads) {
        this.readModels = readModels;
        this.lists = lists;
        this.downloads = downloads;
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
        return new PublishedResults(new PublishedEdition(e.id(), e.title(), e.theme(), e.stage(), e.timeZone(),
                e.categories()), lists.shortlist(editionId), resultsPublished(e) ? lists.winners(editionId) : null);
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
