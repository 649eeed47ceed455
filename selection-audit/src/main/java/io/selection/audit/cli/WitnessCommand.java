package io.selection.audit.cli;

import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import io.selection.audit.proofs.SignedNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A witness: fetches the log's latest checkpoint, checks the log's signature and that it extends the
 * last checkpoint this witness cosigned (an RFC 9162 consistency proof from the server), cosigns it
 * (C2SP tlog-cosignature, Ed25519) and posts the cosignature back. It keeps the last checkpoint it
 * cosigned in its state directory and never cosigns two roots for one size, or a tree that does not
 * extend its last: on such a fork it exits 1 printing both checkpoints as evidence.
 */
@Command(name = "witness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cosigns the log's checkpoints as a witness, refusing any that does not extend the last one "
                + "it cosigned (a fork: both checkpoints are printed as evidence)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cosigned (with --once), or stopped", "1:a fork, or a checkpoint the log did not sign",
                "2:usage or I/O error"})
final class WitnessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The log's server.")
    String url;

    @Option(names = "--edition", required = true, paramLabel = "E", description = "The edition whose log to witness.")
    String edition;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY",
            description = "The log's verifier key (<name>+<id>+<key>), or a file holding it.")
    String logKey;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The witness's signer key (from keygen --witness).")
    Path key;

    @Option(names = "--state", required = true, paramLabel = "DIR",
            description = "Where the witness keeps the last checkpoint it cosigned, per log.")
    Path state;

    @Option(names = "--once", description = "Cosign once and exit (default: every --every seconds until stopped).")
    boolean once;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "60", description = "Default: ${DEFAULT-VALUE}.")
    long every;

    /** The clock that dates cosignatures (a test gives its own). */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        NoteKey log = new VerifyCommand().logKeyFor(logKey, spec);
        NoteSigner witness;
        try {
            witness = NoteSigner.parse(Files.readString(key, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key: " + e.getMessage());
        }
        if (witness.type() != NoteKey.COSIGNATURE) {
            throw new ParameterException(spec.commandLine(), "--key: not a witness's key (keygen --witness makes one)");
        }
        if (every < 1) {
            throw new ParameterException(spec.commandLine(), "--every must be 1 or more");
        }
        Files.createDirectories(state);
        PublicLog server = new PublicLog(url, edition, spec);
        while (true) {
            int outcome = round(server, log, witness);
            if (outcome != AuditCli.OK || once) {
                return outcome;
            }
            Thread.sleep(every * 1000);
        }
    }

    /** One round: fetch, check, cosign, post, keep. */
    private int round(PublicLog server, NoteKey log, NoteSigner witness) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String note = server.checkpoint();
        Checkpoint latest;
        String logSigned;
        try {
            SignedNote.Opened opened = SignedNote.open(note, List.of(log));
            if (!opened.signedBy(log)) {
                return refuse("the log's latest checkpoint is not signed by its key " + log.name(), note, null);
            }
            latest = Checkpoint.of(opened);
            logSigned = opened.text() + "\n" + opened.verified().stream().filter(l -> l.name().equals(log.name())
                    && l.keyId() == log.keyId()).findFirst().orElseThrow().text();
        } catch (IllegalArgumentException e) {
            return refuse("the log's latest checkpoint is not a signed checkpoint: " + e.getMessage(), note, null);
        }
        if (!latest.origin().endsWith("/" + edition)) {
            return refuse("the checkpoint is of log " + latest.origin() + ", not of edition " + edition, note, null);
        }
        Path kept = state.resolve(latest.origin().replaceAll("[^A-Za-z0-9._-]", "_") + ".checkpoint");
        if (Files.exists(kept)) {
            String earlierNote = Files.readString(kept, StandardCharsets.UTF_8);
            Checkpoint earlier = Checkpoint.parse(earlierNote);
            if (latest.size() < earlier.size()) {
                return refuse("the log's tree shrank from " + earlier.size() + " to " + latest.size() + " lines",
                        note, earlierNote);
            }
            if (latest.size() == earlier.size()) {
                if (!Arrays.equals(latest.root(), earlier.root())) {
                    return refuse("two roots for " + latest.size() + " lines", note, earlierNote);
                }
                out.println("unchanged: " + latest.origin() + " at size " + latest.size() + " (cosigned before)");
                out.flush();
                return AuditCli.OK;
            }
            if (earlier.size() > 0) {
                List<byte[]> hashes = server.consistency(earlier.size(), latest.size());
                if (!Merkle.verifyConsistency(earlier.size(), latest.size(), earlier.root(), latest.root(), hashes)) {
                    return refuse("the tree of " + latest.size() + " lines does not extend the tree of "
                            + earlier.size() + " this witness cosigned", note, earlierNote);
                }
            }
        }
        long now = clock.instant().getEpochSecond();
        String cosigned = SignedNote.withLine(logSigned, SignedNote.cosign(latest.text(), now, witness));
        String answer = server.cosign(cosigned);
        // kept only once the log took it: a round that fails is tried again from the same last checkpoint
        Path temp = Files.createTempFile(state, "checkpoint", ".tmp");
        Files.writeString(temp, cosigned, StandardCharsets.UTF_8);
        Files.move(temp, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("cosigned: " + latest.origin() + " at size " + latest.size() + " (" + answer.strip() + ")");
        out.flush();
        return AuditCli.OK;
    }

    /** Refuses to cosign: prints why and the checkpoints as evidence. */
    private int refuse(String why, String latest, String earlier) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("REFUSED: " + why);
        if (earlier != null) {
            out.println("--- the checkpoint this witness cosigned before:");
            out.print(earlier);
        }
        out.println("--- the log's checkpoint now:");
        out.print(latest);
        out.flush();
        return AuditCli.FAILED;
    }
}
