package io.selection.api.audit;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.Refusal;
import io.selection.edition.Stage;
import io.selection.projections.Views.EditionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The public log, for anyone and without signing in: the edition's export (format 2: voters,
 * addresses and devices as keyed pseudonyms, the Merkle leaves computed over that form) up to the
 * line of the latest published list, so every list published so far can be verified and nothing
 * after it is shown early; after the results, all of it. Before the shortlist is published the
 * edition is answered as if it did not exist (404), as on the public results.
 */
@RestController
@RequestMapping("/api/public/editions/{editionId}")
public class PublicLogController {

    private final EditionLogs logs;
    private final ReadModels readModels;
    private final LogExport export;

    public PublicLogController(EditionLogs logs, ReadModels readModels, LogExport export) {
        this.logs = logs;
        this.readModels = readModels;
        this.export = export;
    }

    @GetMapping(value = "/events", produces = {"application/x-ndjson", "application/json"})
    public ResponseEntity<StreamingResponseBody> events(@PathVariable String editionId,
                                                        @RequestParam(defaultValue = "1") long from) {
        EditionView edition = readModels.edition(editionId);
        if (edition.stage().isBefore(Stage.SHORTLIST_PUBLISHED)) {
            throw ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
        if (from < 1) {
            throw DomainException.invalid("from", ApiPhrase.LINE_NUMBER, "from");
        }
        long size = edition.stage() == Stage.RESULTS_PUBLISHED ? logs.size(editionId)
                : logs.read(editionId, kept -> kept.lastPublished());
        if (size == 0) { // the read models show the shortlist, the store not yet: as before it
            throw ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
        return export.stream(editionId, Math.min(from, size + 1), size);
    }
}
