package io.selection.audit.cli;

import io.selection.audit.format.Canonical;
import io.selection.audit.proofs.LogWriter;
import io.selection.sample.SampleEdition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write a synthetic, rules-correct export for trying the verifier.",
        description = {
                "Writes a complete edition log made up from a seed (SampleEdition of selection-core): all seven "
                        + "stages, works, reviews, the shortlist, the votes in groups, a disqualification with its "
                        + "backfill, invalidated sets, certified tallies and winners, each publishing line naming the "
                        + "log digest it rests on. The same options always give the same bytes. "
                        + "`verify` reports OK on it.",
                "",
                "Examples:",
                "  selection-audit sample --votes 1000 small.ndjson",
                "  selection-audit sample --votes 10000000 --group-size 20000 big.ndjson",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:usage or I/O error"})
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write the export (replaced if it exists).")
    Path file;

    @Option(names = "--votes", paramLabel = "N", required = true, description = "How many votes.")
    int votes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20231225", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--works-per-category", paramLabel = "W", defaultValue = "40",
            description = "Works in each category (default: ${DEFAULT-VALUE}; a quarter of them win).")
    int worksPerCategory;

    @Option(names = "--categories", paramLabel = "C", defaultValue = "5",
            description = "Categories, 1 to 99 (default: ${DEFAULT-VALUE}).")
    int categories;

    @Option(names = "--voters", paramLabel = "V", description = "Voter accounts (default: one for every 10 votes).")
    Integer voters;

    @Option(names = "--group-size", paramLabel = "G", defaultValue = "1000",
            description = "Votes per VotesDecided line (default: ${DEFAULT-VALUE}).")
    int groupSize;

    @Option(names = "--edition", paramLabel = "ID", defaultValue = "sample-2023",
            description = "The edition's id (default: ${DEFAULT-VALUE}).")
    String edition;

    @Override
    public Integer call() throws IOException {
        SampleEdition.Params params;
        try {
            params = new SampleEdition.Params(edition, categories, worksPerCategory, votes,
                    voters != null ? voters : Math.max(1, votes / 10), groupSize, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (Files.isDirectory(file)) {
            throw new IOException("not a file: " + file);
        }
        long started = System.nanoTime();
        LogWriter writer;
        long bytes;
        try (CountingStream out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            try {
                writer = SampleEdition.write(params, line -> out.line(Canonical.bytes(line.toJson())));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.line(Canonical.bytes(writer.closingLine()));
            bytes = out.count;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("wrote %s: %d lines, %d votes, %,d bytes, log digest %s (%.1f s)%n", file, writer.size(), votes,
                bytes, writer.head().digest(), (System.nanoTime() - started) / 1e9);
        err.flush();
        return AuditCli.OK;
    }

    private static final class CountingStream implements AutoCloseable {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        void line(byte[] bytes) {
            try {
                out.write(bytes);
                out.write('\n');
                count += bytes.length + 1L;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
