package io.selection.api.checkpoint;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.ReadModels;
import io.selection.audit.proofs.Merkle;
import io.selection.common.DomainException;
import io.selection.common.Refusal;
import io.selection.edition.Stage;
import io.selection.projections.Views.EditionView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.List;

/**
 * Checking from outside, for anyone and without signing in: the edition's latest signed checkpoint,
 * the log's verifier key, and RFC 9162 proofs that a later tree extends an earlier one
 * (consistency) and that a line is in a tree (inclusion). As the public results, an edition is
 * answered only once its shortlist is published; before, as if it did not exist.
 */
@RestController
@RequestMapping("/api/public/editions/{editionId}")
public class CheckpointController {

    public static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    /** The log's verifier key and origin, and the witness keys it accepts cosignatures from. */
    public record LogKeyView(String logKey, String origin, List<String> witnesses) {
    }

    public record ConsistencyProof(long from, long to, List<String> proof) {
    }

    public record InclusionProof(long seq, long size, String leafHash, List<String> proof) {
    }

    private final Checkpoints checkpoints;
    private final EditionLogs logs;
    private final ReadModels readModels;

    public CheckpointController(Checkpoints checkpoints, EditionLogs logs, ReadModels readModels) {
        this.checkpoints = checkpoints;
        this.logs = logs;
        this.readModels = readModels;
    }

    /** The latest signed checkpoint, as a C2SP signed note ({@code text/plain}). */
    @GetMapping("/checkpoint")
    public ResponseEntity<String> checkpoint(@PathVariable String editionId) {
        published(editionId);
        Checkpoints.Signed latest = checkpoints.latest(editionId);
        if (latest == null) {
            latest = checkpoints.signHead(editionId);
        }
        latest = checkpoints.cosigned(editionId, latest);
        return ResponseEntity.ok().contentType(TEXT).header("Log-Size", String.valueOf(latest.size()))
                .body(latest.note());
    }

    @GetMapping("/log-key")
    public LogKeyView logKey(@PathVariable String editionId) {
        published(editionId);
        return new LogKeyView(checkpoints.key().verifierKey().toString(), checkpoints.origin(editionId),
                checkpoints.key().witnessKeys().stream().map(Object::toString).toList());
    }

    /** What a witness's cosignature gave: the size it cosigned and how many witnesses cosign that size now. */
    public record Cosigned(long size, int cosignatures) {
    }

    /**
     * A witness's cosignature (C2SP tlog-cosignature): the body is the checkpoint as the log signed
     * it with the witness's line after the log's ({@code text/plain}). 403 unless from a configured
     * witness and verifying; 409 CHECKPOINT_MISMATCH unless it is a checkpoint this log signed.
     */
    @org.springframework.web.bind.annotation.PostMapping(value = "/checkpoint/cosignatures",
            consumes = MediaType.TEXT_PLAIN_VALUE)
    public Cosigned cosign(@PathVariable String editionId,
                           @org.springframework.web.bind.annotation.RequestBody String note) {
        published(editionId);
        int n = checkpoints.acceptCosignature(editionId, note);
        return new Cosigned(io.selection.audit.proofs.Checkpoint.parse(note).size(), n);
    }

    /** PROOF(from, D[to]) (RFC 9162 §2.1.4.1): 0 < from <= to <= the log's size. */
    @GetMapping("/proof/consistency")
    public ConsistencyProof consistency(@PathVariable String editionId, @RequestParam long from,
                                        @RequestParam long to) {
        published(editionId);
        long size = logs.size(editionId);
        if (from < 1) {
            throw DomainException.invalid("from", "from is a tree size, 1 or more");
        }
        if (to > size) {
            throw DomainException.invalid("to", "to is beyond the log: it has " + size + " lines");
        }
        if (from > to) {
            throw DomainException.invalid("from", "from must not be beyond to (" + to + ")");
        }
        List<byte[]> proof = logs.read(editionId, k -> Merkle.consistencyProof(
                k.writer().hashes().subList(0, (int) to), (int) from));
        return new ConsistencyProof(from, to, base64(proof));
    }

    /** PATH(seq - 1, D[size]) (RFC 9162 §2.1.3.1), with the line's leaf hash: 1 <= seq <= size <= the log's size. */
    @GetMapping("/proof/inclusion")
    public InclusionProof inclusion(@PathVariable String editionId, @RequestParam long seq, @RequestParam long size) {
        published(editionId);
        long lines = logs.size(editionId);
        if (seq < 1) {
            throw DomainException.invalid("seq", "seq is a line number, 1 or more");
        }
        if (size > lines) {
            throw DomainException.invalid("size", "size is beyond the log: it has " + lines + " lines");
        }
        if (seq > size) {
            throw DomainException.invalid("seq", "seq must not be beyond size (" + size + ")");
        }
        return logs.read(editionId, k -> {
            List<byte[]> hashes = k.writer().hashes().subList(0, (int) size);
            return new InclusionProof(seq, size, Base64.getEncoder().encodeToString(hashes.get((int) seq - 1)),
                    base64(Merkle.inclusionProof(hashes, (int) seq - 1)));
        });
    }

    private void published(String editionId) {
        EditionView e = readModels.edition(editionId);
        if (e.stage().isBefore(Stage.SHORTLIST_PUBLISHED)) {
            throw ApiProblem.notFound(Refusal.EDITION_NOT_FOUND, editionId);
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }
}
