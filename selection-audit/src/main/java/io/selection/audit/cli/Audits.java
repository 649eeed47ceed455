package io.selection.audit.cli;

import io.selection.audit.format.Canonical;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.verifier.Report;
import io.selection.sample.SampleEdition;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tool's two jobs as plain calls, for programs that drive the verifier as a whole (the
 * benchmark): write a sample export, and verify an export as {@code verify} does. Callers see no
 * type of selection-core, only what the tool prints.
 */
public final class Audits {

    /** What one verification found: the report's verdict, size and text. */
    public record Outcome(boolean ok, long lines, long decisions, String text) {
    }

    /** What a sample export holds. */
    public record Sample(String editionId, long lines, long votes, int groupSize, int voters, long seed, long bytes) {
    }

    private Audits() {
    }

    /** Writes the sample edition of {@code votes} votes, as {@code sample} does, in groups of {@code groupSize}. */
    public static Sample writeSample(int votes, int groupSize, Path file) throws IOException {
        SampleEdition.Params params = SampleEdition.Params.defaults(votes)
                .withVotes(votes, Math.max(1, votes / 10), groupSize);
        long[] bytes = {0};
        LogWriter writer;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            try {
                writer = SampleEdition.write(params, line -> write(out, Canonical.bytes(line.toJson()), bytes));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            write(out, Canonical.bytes(writer.closingLine()), bytes);
        }
        return new Sample(params.editionId(), writer.size(), votes, groupSize, params.voters(), params.seed(),
                bytes[0]);
    }

    /** Verifies an export as {@code verify FILE} does, on the same two threads. */
    public static Outcome verify(Path file) throws IOException {
        Report report = LogVerification.run(file, read -> { });
        long decisions = report.summary().get("votes") instanceof Map<?, ?> v
                && v.get("decisions") instanceof Number n ? n.longValue() : -1;
        long lines = report.summary().get("lines") instanceof Number n ? n.longValue() : -1;
        return new Outcome(report.ok(), lines, decisions, report.toText());
    }

    private static void write(OutputStream out, byte[] line, long[] count) {
        try {
            out.write(line);
            out.write('\n');
            count[0] += line.length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
