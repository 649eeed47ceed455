package io.selection.demo;

import io.selection.api.SelectionApplication;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import io.selection.audit.proofs.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checking an edition from outside, against the real service after a small demo edition, with the
 * offline jar and no account: the log's first checkpoint (signed at the shortlist's publication and
 * carried by the export) is extended by its latest ({@code consistency}); a witness cosigns the
 * latest and the service serves the cosignature, which {@code verify --witness} counts; then the
 * operator rewrites the stored checkpoint of that size (a split view) and the witness refuses,
 * printing both checkpoints.
 */
@SpringBootTest(classes = SelectionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@org.junit.jupiter.api.Tag("slow")
class OutsiderAgainstServerTest {

    @TempDir
    static Path dataDir;

    static final NoteSigner WITNESS = KeyPairs.generate("witness.demo.test", NoteKey.COSIGNATURE);

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("selection.data-dir", () -> dataDir.toString());
        registry.add("selection.checkpoints.witness-keys", () -> KeyPairs.verifierKey(WITNESS).toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void an_outsider_holds_the_log_to_its_checkpoints_and_a_witness_refuses_a_split_view() throws Exception {
        String url = "http://localhost:" + port;
        String edition = OracleCheck.smallCopyOf(url, "2023", "outside", 6, 3);
        new Demo(new Config(url, 40, 3_000, 12, 11, edition, 0, Config.DEMO_REVIEWER_PASSWORD),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        String pub = url + "/api/public/editions/" + edition;
        String logKey = AuditorCheck.JSON.readTree(AuditorCheck.getPublic(pub + "/log-key"))
                .get("logKey").asText();

        // the export's first checkpoint, kept as an outsider would have kept it at the shortlist
        String export = AuditorCheck.get(url + "/api/editions/" + edition + "/events", "auditor");
        String[] lines = export.split("\n");
        Map<String, Object> head = (Map<String, Object>) AuditorCheck.JSON.readValue(lines[lines.length - 1], Map.class)
                .get("head");
        List<String> carried = (List<String>) head.get("checkpoints");
        assertThat(carried.size()).as("a checkpoint for each publication at least").isGreaterThanOrEqualTo(3);
        Path kept = Files.writeString(dataDir.resolve("kept.checkpoint"), carried.get(0));
        AuditorCheck.Run consistency = AuditorCheck.run("consistency", "--url", url, "--edition", edition,
                "--key", logKey, "--old", kept.toString());
        assertThat(consistency.exit()).as(consistency.out() + consistency.err()).isZero();

        Path witnessKey = Files.writeString(dataDir.resolve("witness.key"), WITNESS.secret());
        Path state = dataDir.resolve("witness-state");
        String[] witness = {"witness", "--url", url, "--edition", edition, "--log-key", logKey, "--key",
                witnessKey.toString(), "--state", state.toString(), "--once"};
        AuditorCheck.Run cosigned = AuditorCheck.run(witness);
        assertThat(cosigned.exit()).as(cosigned.out() + cosigned.err()).isZero();
        String served = AuditorCheck.getPublic(pub + "/checkpoint");
        assertThat(SignedNote.open(served, List.of(KeyPairs.verifierKey(WITNESS))).signedBy(KeyPairs.verifierKey(WITNESS)))
                .isTrue();

        Path file = dataDir.resolve(edition + "-witnessed.ndjson");
        Files.writeString(file, AuditorCheck.get(url + "/api/editions/" + edition + "/events", "auditor"));
        AuditorCheck.Run verified = AuditorCheck.run("verify", "--no-progress", "--key", logKey, "--witness",
                KeyPairs.verifierKey(WITNESS).toString(), "--threshold", "1", file.toString());
        assertThat(verified.exit()).as(verified.out()).isZero();

        // the operator rewrites the checkpoint of the size the witness cosigned: another root, the log's key
        Checkpoint real = Checkpoint.parse(served);
        NoteSigner logSigner = NoteSigner.parse(jdbc.queryForObject("SELECT secret FROM log_signing_key WHERE id = 1",
                String.class));
        byte[] otherRoot = real.root();
        otherRoot[0] ^= 1;
        String forged = SignedNote.sign(new Checkpoint(real.origin(), real.size(), otherRoot).text(), logSigner);
        jdbc.update("DELETE FROM edition_cosignature WHERE edition_id = ?", edition);
        assertThat(jdbc.update("UPDATE edition_checkpoint SET note = ? WHERE edition_id = ? AND tree_size = ?", forged,
                edition, real.size())).isEqualTo(1);
        AuditorCheck.Run refused = AuditorCheck.run(witness);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("REFUSED: two roots for " + real.size())
                .contains(Base64.getEncoder().encodeToString(real.root()))
                .contains(Base64.getEncoder().encodeToString(otherRoot));
    }
}
