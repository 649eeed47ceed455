package io.selection.api.audit;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.edition.Weights;
import io.selection.recount.WhatIf;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The verifier's {@code what-if}, served: the edition's log read from the store into the same
 * core {@link WhatIf}, so the answer is the one {@code what-if FILE --json} gives on its export.
 */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class WhatIfController {

    /** The changed rules; an absent field keeps the edition's own. */
    public record WhatIfRequest(Weights weights, Integer perWorkPerDay, Integer perCategoryPerDay, Integer minScores,
                                Integer trimFrom, Map<String, Integer> shortlistQuotas,
                                Map<String, Integer> finalQuotas, Boolean withoutInvalidations) {
    }

    private final EditionLogs logs;
    private final ReadModels readModels;

    public WhatIfController(EditionLogs logs, ReadModels readModels) {
        this.logs = logs;
        this.readModels = readModels;
    }

    @PostMapping("/what-if")
    public Map<String, Object> whatIf(@PathVariable String editionId,
                                      @RequestBody(required = false) WhatIfRequest r) {
        readModels.edition(editionId);
        WhatIfRequest q = r != null ? r : new WhatIfRequest(null, null, null, null, null, null, null, null);
        WhatIf own = new WhatIf(WhatIf.Changes.NONE);
        WhatIf changed = new WhatIf(new WhatIf.Changes(q.weights(), q.perWorkPerDay(), q.perCategoryPerDay(),
                q.minScores(), q.trimFrom(), q.shortlistQuotas(), q.finalQuotas(),
                Boolean.TRUE.equals(q.withoutInvalidations())));
        logs.forEach(editionId, 1, logs.size(editionId), line -> {
            own.apply(line.seq(), line.event());
            changed.apply(line.seq(), line.event());
        });
        if (own.published() == null) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, null, List.of(), ApiPhrase.NOTHING_TO_COMPARE,
                    editionId);
        }
        return WhatIf.toJson(WhatIf.compare(own, changed));
    }
}
