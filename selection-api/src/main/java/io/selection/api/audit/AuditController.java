package io.selection.api.audit;

import io.selection.api.checkpoint.Checkpoints;
import io.selection.api.log.EditionLogs;
import io.selection.api.voting.VoteLookup;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ReadModels;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.proofs.Receipt;
import io.selection.audit.verifier.Verifier;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.events.Published;
import io.selection.recount.Recount;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit section of docs/api.md: the edition's log as NDJSON lines with their hash fields (streamed
 * from the store a few events at a time), the server's own check (the verifier, run on the live
 * store), and a voter's receipt (a Merkle inclusion proof against a published log digest).
 */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class AuditController {

    public static final MediaType NDJSON = LogExport.NDJSON;

    private final EditionLogs logs;
    private final ReadModels readModels;
    private final VoteLookup votes;
    private final Checkpoints checkpoints;
    private final LogExport export;

    public AuditController(EditionLogs logs, ReadModels readModels, VoteLookup votes, Checkpoints checkpoints,
                           LogExport export) {
        this.checkpoints = checkpoints;
        this.export = export;
        this.logs = logs;
        this.readModels = readModels;
        this.votes = votes;
    }

    @GetMapping(value = "/events", produces = {"application/x-ndjson", "application/json"})
    public ResponseEntity<StreamingResponseBody> events(@PathVariable String editionId,
                                                        @RequestParam(defaultValue = "1") long from) {
        readModels.edition(editionId);
        if (from < 1) {
            throw DomainException.invalid("from", ApiPhrase.LINE_NUMBER, "from");
        }
        return export.stream(editionId, from, logs.size(editionId));
    }

    @GetMapping("/audit")
    public Map<String, Object> audit(@PathVariable String editionId) {
        readModels.edition(editionId);
        long size = logs.size(editionId);
        // the sets the log's invalidations define, as its own lines state them (the first pass an auditor makes)
        // (as the lines name them: in the public log, their keys are pseudonyms)
        Verifier verifier = new Verifier().watch(logs.read(editionId, kept -> kept.recount().standing().invalidations()
                .stream().map(kept.writer()::asLogged).toList()));
        LogWriter writer = logs.writer(editionId, List.of());
        logs.lines(editionId, 1, size, writer, verifier::accept);
        verifier.trusting(List.of(checkpoints.key().verifierKey()));
        verifier.acceptCheckpoints(export.signedCheckpoints(editionId, size));
        verifier.acceptHead(writer.size(), writer.head().digest(), writer.chainHead());
        return verifier.finish().toJson();
    }

    @GetMapping("/votes/{voteId}/receipt")
    public Map<String, Object> receipt(@PathVariable String editionId, @PathVariable String voteId) {
        readModels.edition(editionId);
        VoteLookup.Found found = votes.locate(editionId, voteId, true);
        if (found == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, null, List.of(), ApiPhrase.NO_SUCH_VOTE, editionId, voteId);
        }
        Map<String, Object> receipt = logs.read(editionId, kept -> {
            Recount recount = kept.recount();
            long size = kept.writer().size();
            String by = "checkpoint";
            // the latest published digest that covers the vote: the results', else the certified tallies'
            boolean published = false;
            for (Map.Entry<String, Published> p : List.of(
                    Map.entry("ResultsPublished", published(recount.results() == null ? null
                            : recount.results().published())),
                    Map.entry("TalliesCertified", published(recount.certified() == null ? null
                            : recount.certified().published())))) {
                Published pub = p.getValue();
                if (pub.logSize() != null && pub.logSize() >= found.seq()) {
                    size = pub.logSize();
                    by = p.getKey();
                    published = true;
                    break;
                }
            }
            if (!published) {
                // while voting: the latest signed checkpoint that covers the vote, else the log as it stands
                Checkpoints.Signed latest = checkpoints.latest(editionId);
                if (latest != null && latest.size() >= found.seq() && latest.size() <= size) {
                    size = latest.size();
                }
            }
            // the group as the lookup read it from the store: read once per receipt
            LogLine line = kept.writer().encode(found.seq(), found.group());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("voteId", voteId);
            r.put("decision", found.view());
            r.put("provenAgainst", by);
            r.putAll(Receipt.build(line, found.index(), kept.writer().hashes(), size));
            return r;
        });
        // signed by the log's key at exactly the size the receipt is proven against (outside the kept log's lock)
        long size = ((Number) receipt.get("logSize")).longValue();
        receipt.put("checkpoint", checkpoints.onDemand(editionId, size).note());
        return receipt;
    }

    private static Published published(Published p) {
        return p == null ? new Published(null, null, null) : p;
    }
}
