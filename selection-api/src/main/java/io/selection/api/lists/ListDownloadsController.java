package io.selection.api.lists;

import io.selection.api.readmodel.ReadModelController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lists as CSV files: the JSON endpoints' answers, with their stage rules and refusals. The
 * shortlist and the winners are also public, under /api/public, as the very same files (served
 * through {@link io.selection.api.results.PublicResultsController}, which hides drafts).
 */
@RestController
public class ListDownloadsController {

    private static final String E = "/api/editions/{editionId}";

    private final ReadModelController lists;

    public ListDownloadsController(ReadModelController lists) {
        this.lists = lists;
    }

    @GetMapping(E + "/preliminary-ranking.csv")
    public ResponseEntity<byte[]> preliminaryRanking(@PathVariable String editionId, @RequestParam String category) {
        return ListCsv.preliminaryRanking(editionId, lists.preliminaryRanking(editionId, category));
    }

    @GetMapping(E + "/shortlist.csv")
    public ResponseEntity<byte[]> shortlist(@PathVariable String editionId) {
        return ListCsv.shortlist(editionId, lists.shortlist(editionId));
    }

    @GetMapping(E + "/tallies.csv")
    public ResponseEntity<byte[]> tallies(@PathVariable String editionId) {
        return ListCsv.tallies(editionId, lists.tallies(editionId));
    }

    @GetMapping(E + "/final-ranking.csv")
    public ResponseEntity<byte[]> finalRanking(@PathVariable String editionId) {
        return ListCsv.ranking(editionId, "final-ranking", lists.finalRanking(editionId));
    }

    @GetMapping(E + "/winners.csv")
    public ResponseEntity<byte[]> winners(@PathVariable String editionId) {
        return ListCsv.ranking(editionId, "winners", lists.winners(editionId));
    }
}
