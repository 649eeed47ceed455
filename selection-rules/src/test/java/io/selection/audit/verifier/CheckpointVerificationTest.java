package io.selection.audit.verifier;

import io.selection.audit.Exports;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import io.selection.audit.proofs.SignedNote;
import io.selection.sample.SampleEdition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selection.audit.Exports.data;
import static io.selection.audit.Exports.seq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints signed with the log's key hold an export to what was signed: a forger who rewrites
 * an early line and reseals every hash, chain and digest by the rules passes every other check (the
 * gap issue 19 closes), but not a checkpoint kept from before (verify --since), which fails at the
 * smallest size whose root differs; carried checkpoints must be signed by the key the auditor trusts.
 */
class CheckpointVerificationTest {

    private static final String SAMPLE = Exports.text(SampleEdition.Params.small());
    private static final NoteSigner LOG = KeyPairs.generate("selection.test", NoteKey.ED25519);
    private static final NoteKey KEY = KeyPairs.verifierKey(LOG);

    @Test
    void an_honest_export_extends_every_checkpoint_kept_from_it() {
        List<Map<String, Object>> lines = Exports.parse(SAMPLE);
        int n = lines.size() - 1;
        String early = checkpoint(lines, n / 3);
        String middle = checkpoint(lines, 2 * n / 3);
        Report report = Exports.verify(lines, v -> v.since("early", early).since("middle", middle));
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.check("checkpoints").details()).isEmpty();
    }

    @Test
    void a_resealed_rewrite_of_the_early_log_passes_every_rule_but_not_a_checkpoint_kept_before_it() {
        List<Map<String, Object>> honest = Exports.parse(SAMPLE);
        int n = honest.size() - 1;
        long earlySize = n / 3;
        String early = checkpoint(honest, (int) earlySize);
        String middle = checkpoint(honest, 2 * n / 3);

        List<Map<String, Object>> forged = Exports.parse(SAMPLE);
        int i = Exports.indexOf(forged, "WorkSubmitted");
        assertThat(seq(forged.get(i))).isLessThanOrEqualTo(earlySize);
        data(forged.get(i)).put("title", "A title the jury never saw");
        Exports.reforge(forged, i);

        Report unanchored = Exports.verify(forged);
        assertThat(unanchored.ok()).as("a whole rewrite with new digests passes without an outside copy: "
                + unanchored.toText()).isTrue();

        Report anchored = Exports.verify(forged, v -> v.since("middle", middle).since("early", early));
        assertThat(anchored.ok()).isFalse();
        Report.Check failed = anchored.check("checkpoints");
        assertThat(failed.firstBadSeq()).as(anchored.toText()).isEqualTo(earlySize);
        assertThat(failed.details().get(0)).contains("size " + earlySize).contains("early");
    }

    @Test
    void carried_checkpoints_must_be_signed_by_the_trusted_key_and_present() {
        List<Map<String, Object>> lines = Exports.parse(SAMPLE);
        int n = lines.size() - 1;
        carry(lines, checkpoint(lines, n / 2), checkpoint(lines, n));
        Report trusted = Exports.verify(lines, v -> v.trusting(List.of(KEY)));
        assertThat(trusted.ok()).as(trusted.toText()).isTrue();
        assertThat(trusted.check("checkpoints").items()).isEqualTo(2);

        NoteKey stranger = KeyPairs.verifierKey(KeyPairs.generate("selection.test", NoteKey.ED25519));
        Report wrong = Exports.verify(lines, v -> v.trusting(List.of(stranger)));
        assertThat(wrong.check("checkpoints").ok()).isFalse();
        assertThat(wrong.check("checkpoints").details().get(0)).contains("not signed by the log's key");

        Report bare = Exports.verify(Exports.parse(SAMPLE), v -> v.trusting(List.of(KEY)));
        assertThat(bare.check("checkpoints").ok()).isFalse();
        assertThat(bare.check("checkpoints").details().get(0)).contains("carries no signed checkpoint");
    }

    @Test
    void a_checkpoint_of_another_edition_or_beyond_the_file_fails() {
        List<Map<String, Object>> lines = Exports.parse(SAMPLE);
        int n = lines.size() - 1;
        List<byte[]> hashes = hashes(lines);
        String other = SignedNote.sign(new Checkpoint("selection.test/another-edition", 3,
                Merkle.root(hashes.subList(0, 3))).text(), LOG);
        String beyond = SignedNote.sign(new Checkpoint(origin(lines), n + 5, Merkle.root(hashes)).text(), LOG);
        Report report = Exports.verify(lines, v -> v.since("other", other).since("beyond", beyond));
        assertThat(report.check("checkpoints").details()).anyMatch(d -> d.contains("not of edition"))
                .anyMatch(d -> d.contains("beyond the file"));
    }

    /** The log's signed checkpoint of the first {@code size} lines. */
    private static String checkpoint(List<Map<String, Object>> lines, int size) {
        return SignedNote.sign(new Checkpoint(origin(lines), size,
                Merkle.root(hashes(lines).subList(0, size))).text(), LOG);
    }

    private static String origin(List<Map<String, Object>> lines) {
        return Checkpoint.origin("selection.test", (String) data(lines.get(0)).get("editionId"));
    }

    private static List<byte[]> hashes(List<Map<String, Object>> lines) {
        List<byte[]> hashes = new ArrayList<>();
        for (Map<String, Object> line : Exports.events(lines)) {
            hashes.add(LineHashes.hash(LogLine.fromJson(line)));
        }
        return hashes;
    }

    @SuppressWarnings("unchecked")
    private static void carry(List<Map<String, Object>> lines, String... notes) {
        Map<String, Object> head = (Map<String, Object>) lines.get(lines.size() - 1).get("head");
        head.put("checkpoints", List.of(notes));
    }
}
