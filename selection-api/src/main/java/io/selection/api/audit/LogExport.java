package io.selection.api.audit;

import io.selection.api.checkpoint.Checkpoints;
import io.selection.api.log.EditionLogs;
import io.selection.audit.format.Canonical;
import io.selection.audit.proofs.LogWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An edition's log as NDJSON, in the edition's export format (format 2, the public log with keyed
 * pseudonyms, for every edition since it exists): lines {@code from..size} with their hash fields,
 * streamed from the store a few events at a time, then the closing line with the signed checkpoints
 * of at most {@code size} lines. The auditor's export and the public one are this one stream.
 */
@Component
public class LogExport {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EditionLogs logs;
    private final Checkpoints checkpoints;

    public LogExport(EditionLogs logs, Checkpoints checkpoints) {
        this.logs = logs;
        this.checkpoints = checkpoints;
    }

    /** Lines {@code from..size} (from is at least 1) and the closing line of a log of {@code size} lines. */
    public ResponseEntity<StreamingResponseBody> stream(String editionId, long from, long size) {
        // the lines before the first one sent still chain into it: their hashes are kept already
        List<byte[]> before = from > 1 ? logs.hashes(editionId, Math.min(from - 1, size)) : List.of();
        List<String> signed = signedCheckpoints(editionId, size);
        StreamingResponseBody body = raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            LogWriter writer = logs.writer(editionId, before);
            logs.lines(editionId, writer.size() + 1, size, writer, line -> write(out, Canonical.bytes(line.toJson())));
            write(out, Canonical.bytes(writer.closingLine(signed)));
            out.flush();
        };
        return ResponseEntity.ok().contentType(NDJSON).header("Log-Size", String.valueOf(size)).body(body);
    }

    /**
     * The log's signed checkpoints of at most {@code size} lines, one of exactly {@code size} signed
     * now if none is kept yet: the export ends with what ties its digests to the log's key.
     */
    public List<String> signedCheckpoints(String editionId, long size) {
        checkpoints.at(editionId, size);
        return checkpoints.upTo(editionId, size).stream().map(c -> checkpoints.cosigned(editionId, c).note()).toList();
    }

    private static void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
