package io.selection.api.checkpoint;

import io.selection.api.config.SelectionProperties;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The log's Ed25519 key, which signs every edition's checkpoints. Configured with
 * {@code selection.checkpoints.signer-key} (required by the prod profile); a local run without one
 * generates a key once and keeps it in {@code selection.checkpoints.key-file} (by default
 * {@code <data-dir>/log-signer.key}, readable by its owner only), so its checkpoints stay
 * verifiable across restarts. Its verifier key is public: {@link #verifierKey()}.
 */
@Component
public class LogKey {

    private static final Logger log = LoggerFactory.getLogger(LogKey.class);
    /** The name of a key generated here when {@code selection.checkpoints.log-name} is not set. */
    static final String DEFAULT_NAME = "selection.local";

    private final NoteSigner signer;
    private final NoteKey verifierKey;
    private final java.util.List<NoteKey> witnessKeys;

    public LogKey(SelectionProperties properties, org.springframework.core.env.Environment environment) {
        SelectionProperties.Checkpoints c = properties.checkpoints();
        String name = c.logName() == null ? DEFAULT_NAME : c.logName();
        // as the prod guard reads it (so SELECTION_CHECKPOINTS_SIGNER_KEY counts), else as bound
        String secret = environment.getProperty("selection.checkpoints.signer-key", c.signerKey() == null ? ""
                : c.signerKey());
        NoteSigner configured;
        if (!secret.isBlank()) {
            configured = parse(secret, "selection.checkpoints.signer-key");
        } else {
            Path file = c.keyFile() != null && !c.keyFile().isBlank() ? Path.of(c.keyFile())
                    : Path.of(properties.dataDir() == null ? "./data" : properties.dataDir(), "log-signer.key");
            configured = fromFile(file, name);
        }
        if (c.logName() != null && !configured.name().equals(c.logName())) {
            throw new IllegalStateException("the log's signer key is named " + configured.name() + " but "
                    + "selection.checkpoints.log-name is " + name + ": a checkpoint's origin and its signature "
                    + "name the same log");
        }
        this.signer = configured;
        try {
            this.verifierKey = KeyPairs.verifierKey(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
        java.util.List<NoteKey> witnesses = new java.util.ArrayList<>();
        for (String w : c.witnessKeys()) {
            NoteKey key;
            try {
                key = NoteKey.parse(w);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("selection.checkpoints.witness-keys: " + w + " is not a verifier key: "
                        + e.getMessage());
            }
            if (key.type() != NoteKey.COSIGNATURE) {
                throw new IllegalStateException("selection.checkpoints.witness-keys: " + key.name() + " is not a "
                        + "witness's cosignature key (type 4; selection-audit keygen --witness makes one)");
            }
            witnesses.add(key);
        }
        this.witnessKeys = java.util.List.copyOf(witnesses);
    }

    public NoteSigner signer() {
        return signer;
    }

    /** {@code <name>+<8 hex key id>+<base64 key>}: what anyone checks the checkpoints with. */
    public NoteKey verifierKey() {
        return verifierKey;
    }

    /** The witnesses whose cosignatures the log accepts (selection.checkpoints.witness-keys). */
    public java.util.List<NoteKey> witnessKeys() {
        return witnessKeys;
    }

    public String logName() {
        return signer.name();
    }

    private static NoteSigner fromFile(Path file, String name) {
        try {
            if (Files.isRegularFile(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            NoteSigner generated = KeyPairs.generate(name, NoteKey.ED25519);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path created;
            try {
                created = createOwnerOnly(file);
            } catch (FileAlreadyExistsException anotherInstanceWroteItFirst) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            Files.writeString(created, generated.secret() + "\n", StandardCharsets.UTF_8);
            log.info("generated the log's signing key into {} (keep it: checkpoints signed with it stay verifiable)",
                    file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("the log's signing key file " + file + " cannot be read or written", e);
        }
    }

    /** The file, made readable by its owner only from the start where the file system has POSIX permissions. */
    private static Path createOwnerOnly(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(file);
        }
    }

    private static NoteSigner parse(String secret, String where) {
        try {
            NoteSigner signer = NoteSigner.parse(secret);
            if (signer.type() != NoteKey.ED25519) {
                throw new IllegalArgumentException("a log signs with an Ed25519 key (type 1)");
            }
            return signer;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not a signer key: " + e.getMessage());
        }
    }
}
