package io.selection.audit.cli;

import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/**
 * Makes an Ed25519 key pair for signed notes: a log's (to sign an edition's checkpoints: the
 * service's {@code selection.checkpoints.signer-key}) or a witness's (to cosign them). The signer
 * key goes to a file readable by its owner only; the verifier key, which anyone may hold, is printed.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Makes an Ed25519 key pair for signed checkpoints (C2SP signed-note key format).",
                "Writes the signer key (PRIVATE+KEY+...) to --out, readable by its owner only, and prints the "
                        + "verifier key (<name>+<id>+<key>) that checks its signatures."})
final class KeygenCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The key's name: the log's name (its checkpoints' origin starts with it) or the witness's.")
    String name;

    @Option(names = "--witness", description = "A witness's cosignature key (C2SP tlog-cosignature) instead of a log's.")
    boolean witness;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signer key; "
            + "an existing file is never overwritten.")
    Path out;

    @Override
    public Integer call() throws IOException {
        NoteSigner signer;
        try {
            signer = KeyPairs.generate(name, witness ? NoteKey.COSIGNATURE : NoteKey.ED25519);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name: " + e.getMessage());
        }
        Path file;
        try {
            file = Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createFile(out);
        }
        Files.writeString(file, signer.secret() + "\n", StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(KeyPairs.verifierKey(signer));
        spec.commandLine().getOut().flush();
        return AuditCli.OK;
    }
}
