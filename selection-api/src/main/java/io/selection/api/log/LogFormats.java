package io.selection.api.log;

import io.selection.audit.format.Pseudonyms;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each edition's export format ({@code edition_log_format}): format 2, the public log, for every
 * edition logged since it exists, with the edition's own 256-bit pseudonym secret, made once by the
 * first instance to ask and kept in the store beside the log (never in it); format 1 for an edition
 * logged before, whose published digests rest on its raw values. Fixed for the life of the edition:
 * the digests a list names are computed in that format.
 */
@Component
public class LogFormats {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    /** Per edition: empty for format 1, else its pseudonyms. */
    private final Map<String, Optional<Pseudonyms>> known = new ConcurrentHashMap<>();

    public LogFormats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The edition's pseudonyms, or null when its log is of format 1 (raw values). */
    public Pseudonyms pseudonyms(String editionId) {
        return known.computeIfAbsent(editionId, this::load).orElse(null);
    }

    private Optional<Pseudonyms> load(String editionId) {
        Optional<Pseudonyms> found = read(editionId);
        if (found != null) {
            return found;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        try {
            jdbc.update("INSERT INTO edition_log_format (edition_id, version, secret) VALUES (?, 2, ?)", editionId,
                    HexFormat.of().formatHex(secret));
        } catch (DuplicateKeyException madeByAnotherInstance) {
            // the first secret stands
        }
        return read(editionId);
    }

    /** What the store says: null when it has no row yet. */
    private Optional<Pseudonyms> read(String editionId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT version, secret FROM edition_log_format WHERE edition_id = ?", editionId);
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> row = rows.get(0); // Spring's map: its keys in any case
        int version = ((Number) row.get("version")).intValue();
        String secret = (String) row.get("secret");
        if (version == 1) {
            return Optional.empty();
        }
        if (secret == null) {
            throw new IllegalStateException("edition " + editionId + " has format " + version + " but no pseudonym "
                    + "secret in edition_log_format");
        }
        return Optional.of(Pseudonyms.ofHex(secret));
    }
}
