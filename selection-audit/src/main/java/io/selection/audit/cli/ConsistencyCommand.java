package io.selection.audit.cli;

import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Holds the log to a checkpoint kept earlier, with no account: the log's latest signed checkpoint
 * (or one given) must be signed by the log's key and must extend the earlier one, as an RFC 9162
 * consistency proof fetched from the server shows. A log rewritten before the earlier size cannot
 * give such a proof.
 */
@Command(name = "consistency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks that the log extends a checkpoint kept earlier: both signed by the log's key, and "
                + "an RFC 9162 consistency proof from the server between them.",
                "Needs no account: it reads GET /api/public/editions/E/checkpoint and .../proof/consistency."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the later checkpoint extends the earlier", "1:it does not, or a signature fails",
                "2:usage or I/O error"})
final class ConsistencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server.")
    String url;

    @Option(names = "--edition", required = true, paramLabel = "E", description = "The edition's id.")
    String edition;

    @Option(names = "--key", required = true, paramLabel = "VKEY",
            description = "The log's verifier key (<name>+<id>+<key>), or a file holding it.")
    String key;

    @Option(names = "--old", required = true, paramLabel = "FILE", description = "The signed checkpoint kept earlier.")
    Path old;

    @Option(names = "--new", paramLabel = "FILE", description = "A later signed checkpoint (default: the log's latest).")
    Path newer;

    @Override
    public Integer call() throws Exception {
        NoteKey logKey = new VerifyCommand().logKeyFor(key, spec);
        String oldNote = read(old);
        PublicLog server = new PublicLog(url, edition, spec);
        String newNote = newer != null ? read(newer) : server.checkpoint();
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint earlier = open(oldNote, logKey, "--old");
        Checkpoint later = open(newNote, logKey, newer != null ? "--new" : "the log's latest checkpoint");
        if (earlier == null || later == null) {
            return AuditCli.FAILED;
        }
        if (!earlier.origin().equals(later.origin())) {
            return fail("the checkpoints are of two logs: " + earlier.origin() + " and " + later.origin());
        }
        if (earlier.size() > later.size()) {
            return fail("the later checkpoint has " + later.size() + " lines, fewer than the earlier's "
                    + earlier.size() + ": the log does not extend it");
        }
        if (earlier.size() == later.size() || earlier.size() == 0) {
            boolean same = earlier.size() == 0 || Arrays.equals(earlier.root(), later.root());
            return same ? ok(out, earlier, later) : fail("two roots for size " + earlier.size() + ": a fork");
        }
        List<byte[]> hashes = server.consistency(earlier.size(), later.size());
        if (!Merkle.verifyConsistency(earlier.size(), later.size(), earlier.root(), later.root(), hashes)) {
            return fail("the server's proof does not show that size " + later.size() + " extends size "
                    + earlier.size() + ": the log before line " + (earlier.size() + 1) + " is not the one "
                    + "checkpointed earlier");
        }
        return ok(out, earlier, later);
    }

    private int ok(PrintWriter out, Checkpoint earlier, Checkpoint later) {
        out.println("OK: " + later.origin() + " at size " + later.size() + " extends size " + earlier.size()
                + " (both signed by the log's key)");
        out.flush();
        return AuditCli.OK;
    }

    private int fail(String why) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("FAILED: " + why);
        out.flush();
        return AuditCli.FAILED;
    }

    private Checkpoint open(String note, NoteKey logKey, String what) {
        try {
            SignedNote.Opened opened = SignedNote.open(note, List.of(logKey));
            if (!opened.signedBy(logKey)) {
                fail(what + " is not signed by the log's key " + logKey.name());
                return null;
            }
            Checkpoint checkpoint = Checkpoint.of(opened);
            if (!checkpoint.origin().endsWith("/" + edition)) {
                fail(what + " is of log " + checkpoint.origin() + ", not of edition " + edition);
                return null;
            }
            return checkpoint;
        } catch (IllegalArgumentException e) {
            fail(what + " is not a signed checkpoint: " + e.getMessage());
            return null;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
