package io.selection.api.checkpoint;

import io.selection.api.config.SelectionProperties;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/**
 * The log's Ed25519 key, which signs every edition's checkpoints. Configured with
 * {@code selection.checkpoints.signer-key} (required by the prod profile); without one, the first
 * instance to start on a database generates a key and keeps it in the database
 * ({@code log_signing_key}), so every instance on it signs with the same key and a backup of the
 * database keeps it. Its verifier key is public: {@link #verifierKey()}.
 */
@Component
public class LogKey {

    private static final Logger log = LoggerFactory.getLogger(LogKey.class);
    /** The name of a key generated here when {@code selection.checkpoints.log-name} is not set. */
    static final String DEFAULT_NAME = "selection.local";

    private final NoteSigner signer;
    private final NoteKey verifierKey;
    private final java.util.List<NoteKey> witnessKeys;

    public LogKey(SelectionProperties properties, org.springframework.core.env.Environment environment,
                  org.springframework.jdbc.core.JdbcTemplate jdbc) {
        SelectionProperties.Checkpoints c = properties.checkpoints();
        String name = c.logName() == null ? DEFAULT_NAME : c.logName();
        // as the prod guard reads it (so SELECTION_CHECKPOINTS_SIGNER_KEY counts), else as bound
        String secret = environment.getProperty("selection.checkpoints.signer-key", c.signerKey() == null ? ""
                : c.signerKey());
        NoteSigner configured = !secret.isBlank() ? parse(secret, "selection.checkpoints.signer-key")
                : fromDatabase(jdbc, name);
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

    /** The key kept in the database, generated and kept there by the first instance that needs one. */
    private static NoteSigner fromDatabase(org.springframework.jdbc.core.JdbcTemplate jdbc, String name) {
        java.util.List<String> kept = jdbc.queryForList("SELECT secret FROM log_signing_key WHERE id = 1", String.class);
        if (!kept.isEmpty()) {
            return parse(kept.get(0), "the log_signing_key table");
        }
        NoteSigner generated = KeyPairs.generate(name, NoteKey.ED25519);
        try {
            jdbc.update("INSERT INTO log_signing_key (id, secret) VALUES (1, ?)", generated.secret());
            log.info("generated the log's signing key {} and kept it in the database (set "
                    + "selection.checkpoints.signer-key to keep it elsewhere)", KeyPairs.verifierKey(generated));
            return generated;
        } catch (org.springframework.dao.DuplicateKeyException anotherInstanceWroteItFirst) {
            return parse(jdbc.queryForObject("SELECT secret FROM log_signing_key WHERE id = 1", String.class),
                    "the log_signing_key table");
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
