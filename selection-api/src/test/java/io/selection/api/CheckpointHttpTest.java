package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.audit.Exports;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;
import io.selection.audit.verifier.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checking from outside, over HTTP with no sign-in: the latest signed checkpoint opens with the
 * published log key (C2SP signed note, Ed25519); a consistency proof between two signed sizes
 * verifies against both roots and fails against a rewritten one; an inclusion proof gives the
 * signed root; sizes beyond the log are refused naming the field; a draft is not there at all. The
 * export ends with its signed checkpoints, and verifying it with the log's key passes, with another
 * key fails, and without the checkpoints fails.
 */
class CheckpointHttpTest extends ApiTestBase {

    @Test
    void a_signed_checkpoint_and_its_proofs_check_out_with_the_public_key_alone() {
        String id = "cp1";
        String pub = "/api/public/editions/" + id;
        VotingEditionSetup.open(http(), id);

        JsonNode keyView = get(null, pub + "/log-key").body();
        NoteKey key = NoteKey.parse(keyView.get("logKey").asText());
        assertThat(keyView.get("origin").asText()).isEqualTo(key.name() + "/" + id);

        Response first = get(null, pub + "/checkpoint");
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/plain");
        Checkpoint earlier = Checkpoint.of(SignedNote.open(first.raw(), List.of(key)));
        assertThat(SignedNote.open(first.raw(), List.of(key)).signedBy(key)).isTrue();
        assertThat(earlier.origin()).isEqualTo(key.name() + "/" + id);

        // the log grows: votes, then the organiser's next publication is covered by a new checkpoint
        StringBuilder votes = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            votes.append(VotingEditionSetup.vote("cp-v" + i, "voter-" + i, "A1", VotingEditionSetup.castAt(1)))
                    .append('\n');
        }
        assertThat(postNdjson("gateway", "/api/editions/" + id + "/votes:batch", votes.toString()).status())
                .isEqualTo(200);
        VotingEditionSetup.transition(http(), "/api/editions/" + id, "FINAL_REVIEW");
        Response second = get(null, pub + "/checkpoint");
        Checkpoint later = Checkpoint.of(SignedNote.open(second.raw(), List.of(key)));
        assertThat(later.size()).isGreaterThan(earlier.size());
        assertThat(SignedNote.open(second.raw(), List.of(key)).signedBy(key)).isTrue();

        JsonNode consistency = get(null, pub + "/proof/consistency?from=" + earlier.size() + "&to=" + later.size())
                .body();
        List<byte[]> proof = decode(consistency.get("proof"));
        assertThat(Merkle.verifyConsistency(earlier.size(), later.size(), earlier.root(), later.root(), proof))
                .isTrue();
        byte[] rewritten = earlier.root();
        rewritten[0] ^= 1; // the root of a log rewritten before the earlier size
        assertThat(Merkle.verifyConsistency(earlier.size(), later.size(), rewritten, later.root(), proof)).isFalse();

        JsonNode inclusion = get(null, pub + "/proof/inclusion?seq=3&size=" + later.size()).body();
        byte[] leaf = Base64.getDecoder().decode(inclusion.get("leafHash").asText());
        assertThat(Merkle.rootFromInclusionProof(2, later.size(), leaf, decode(inclusion.get("proof"))))
                .isEqualTo(later.root());

        long size = later.size();
        assertRefused(get(null, pub + "/proof/consistency?from=1&to=" + (size + 50)), "to");
        assertRefused(get(null, pub + "/proof/consistency?from=0&to=" + size), "from");
        assertRefused(get(null, pub + "/proof/consistency?from=" + size + "&to=1"), "from");
        assertRefused(get(null, pub + "/proof/inclusion?seq=" + (size + 1) + "&size=" + size), "seq");
        assertRefused(get(null, pub + "/proof/inclusion?seq=1&size=" + (size + 50)), "size");
    }

    @Test
    void a_draft_edition_shows_no_checkpoint_to_the_public() {
        assertThat(post("organiser", "/api/editions", edition("cp-draft", 3, 1, "A")).status()).isEqualTo(201);
        assertThat(get(null, "/api/public/editions/cp-draft/checkpoint").status()).isEqualTo(404);
        assertThat(get(null, "/api/public/editions/cp-draft/log-key").status()).isEqualTo(404);
        assertThat(get(null, "/api/public/editions/cp-draft/proof/inclusion?seq=1&size=1").status()).isEqualTo(404);
    }

    @Test
    void the_export_ends_with_its_signed_checkpoints_and_verifies_with_the_log_key_only() {
        String id = "cp2";
        VotingEditionSetup.open(http(), id);
        NoteKey key = NoteKey.parse(get(null, "/api/public/editions/" + id + "/log-key").body().get("logKey").asText());
        List<String> lines = AuditTrail.lines(get("auditor", "/api/editions/" + id + "/events").raw());
        Map<String, Object> closing = AuditTrail.parse(lines.get(lines.size() - 1));
        @SuppressWarnings("unchecked")
        List<String> carried = (List<String>) ((Map<String, Object>) closing.get("head")).get("checkpoints");
        assertThat(carried).isNotEmpty();
        assertThat(Checkpoint.of(SignedNote.open(carried.get(carried.size() - 1), List.of(key))).size())
                .isEqualTo(lines.size() - 1);

        // the shortlist's own logDigest is a signed root: a checkpoint of exactly its logSize
        JsonNode shortlist = get("auditor", "/api/editions/" + id + "/shortlist").body();
        long listSize = shortlist.get("logSize").asLong();
        assertThat(carried).anySatisfy(note -> {
            Checkpoint c = Checkpoint.of(SignedNote.open(note, List.of(key)));
            assertThat(c.size()).isEqualTo(listSize);
            assertThat(io.selection.audit.format.Hex.of(c.root())).isEqualTo(shortlist.get("logDigest").asText());
        });

        Report trusted = Exports.verifyText(lines, List.of(key));
        assertThat(trusted.ok()).as(trusted.toText()).isTrue();
        assertThat(trusted.check("checkpoints").details()).isEmpty();

        NoteKey stranger = NoteKey.of(key.name(), NoteKey.ED25519, new byte[32]);
        Report wrongKey = Exports.verifyText(lines, List.of(stranger));
        assertThat(wrongKey.ok()).isFalse();
        assertThat(wrongKey.check("checkpoints").ok()).isFalse();

        List<String> unsigned = new ArrayList<>(lines);
        unsigned.set(lines.size() - 1, lines.get(lines.size() - 1).replaceAll(",\"checkpoints\":\\[[^\\]]*\\]", ""));
        assertThat(unsigned.get(lines.size() - 1)).doesNotContain("checkpoints");
        Report bare = Exports.verifyText(unsigned, List.of(key));
        assertThat(bare.check("checkpoints").ok()).as(bare.toText()).isFalse();
        assertThat(Exports.verifyText(unsigned).ok()).as("without --key the old form still verifies").isTrue();

        JsonNode audit = get("auditor", "/api/editions/" + id + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_receipt_while_voting_carries_the_signed_checkpoint_it_is_proven_against() throws Exception {
        String id = "cp3";
        VotingEditionSetup.open(http(), id);
        NoteKey key = NoteKey.parse(get(null, "/api/public/editions/" + id + "/log-key").body().get("logKey").asText());
        assertThat(postNdjson("gateway", "/api/editions/" + id + "/votes:batch",
                VotingEditionSetup.vote("cp3-v1", "voter-1", "A1", VotingEditionSetup.castAt(1)) + "\n").status())
                .isEqualTo(200);

        Response answer = get("gateway", "/api/editions/" + id + "/votes/cp3-v1/receipt");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("provenAgainst").asText()).isEqualTo("checkpoint");
        Map<String, Object> receipt = AuditTrail.parse(answer.raw());
        io.selection.audit.proofs.Receipt.Checked checked = io.selection.audit.proofs.Receipt.check(receipt)
                .anchoredBy((String) receipt.get("checkpoint"), List.of(key), id);
        assertThat(checked.ok()).as(checked.detail()).isTrue();
        assertThat(checked.workId()).isEqualTo("A1");

        NoteKey stranger = NoteKey.of(key.name(), NoteKey.ED25519, new byte[32]);
        assertThat(io.selection.audit.proofs.Receipt.check(receipt)
                .anchoredBy((String) receipt.get("checkpoint"), List.of(stranger), id).ok()).isFalse();
        // a checkpoint of another size does not anchor it, though it is the log's own signature
        String other = get(null, "/api/public/editions/" + id + "/checkpoint").raw();
        long otherSize = Checkpoint.of(SignedNote.open(other, List.of(key))).size();
        if (otherSize != ((Number) receipt.get("logSize")).longValue()) {
            assertThat(io.selection.audit.proofs.Receipt.check(receipt).anchoredBy(other, List.of(key), id).ok())
                    .isFalse();
        }
    }

    @Test
    void witnesses_cosign_a_growing_log_and_only_checkpoints_the_log_signed_by_keys_it_accepts() {
        String id = "cp4";
        String pub = "/api/public/editions/" + id;
        VotingEditionSetup.open(http(), id);
        JsonNode keyView = get(null, pub + "/log-key").body();
        NoteKey key = NoteKey.parse(keyView.get("logKey").asText());
        List<NoteKey> witnessKeys = WITNESSES.stream().map(io.selection.audit.proofs.KeyPairs::verifierKey).toList();
        assertThat(keyView.get("witnesses")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(witnessKeys.stream().map(Object::toString).toList());

        String first = get(null, pub + "/checkpoint").raw();
        Response one = cosign(pub, first, WITNESSES.get(0));
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.body().get("cosignatures").asInt()).isEqualTo(1);
        assertThat(cosign(pub, first, WITNESSES.get(0)).body().get("cosignatures").asInt())
                .as("a second cosignature of one size by one witness is kept once").isEqualTo(1);
        assertThat(cosign(pub, first, WITNESSES.get(1)).body().get("cosignatures").asInt()).isEqualTo(2);
        String served = get(null, pub + "/checkpoint").raw();
        SignedNote.Opened opened = SignedNote.open(served, concat(key, witnessKeys));
        assertThat(opened.signedBy(key)).isTrue();
        assertThat(witnessKeys).allMatch(opened::signedBy);

        // the log grows; the next checkpoint is cosigned anew
        assertThat(postNdjson("gateway", "/api/editions/" + id + "/votes:batch",
                VotingEditionSetup.vote("cp4-v1", "voter-1", "A1", VotingEditionSetup.castAt(1)) + "\n").status())
                .isEqualTo(200);
        VotingEditionSetup.transition(http(), "/api/editions/" + id, "FINAL_REVIEW");
        String second = get(null, pub + "/checkpoint").raw();
        assertThat(Checkpoint.parse(second).size()).isGreaterThan(Checkpoint.parse(first).size());
        assertThat(cosign(pub, second, WITNESSES.get(0)).body().get("cosignatures").asInt()).isEqualTo(1);

        // a stranger's cosignature: 403; a checkpoint the log never signed: 409; not a note: 400
        io.selection.audit.proofs.NoteSigner stranger = io.selection.audit.proofs.KeyPairs.generate("stranger.test",
                NoteKey.COSIGNATURE);
        assertThat(cosign(pub, second, stranger).status()).isEqualTo(403);
        String logSigned = SignedNote.open(second, List.of(key)).text();
        Checkpoint real = Checkpoint.parse(second);
        byte[] otherRoot = real.root();
        otherRoot[0] ^= 1;
        String forgedText = new Checkpoint(real.origin(), real.size(), otherRoot).text();
        String unsignedByLog = forgedText + "\n" + SignedNote.cosign(forgedText, 1_733_400_000L, WITNESSES.get(0)).text();
        Response mismatch = send(null, "POST", pub + "/checkpoint/cosignatures", "text/plain", unsignedByLog);
        assertThat(mismatch.status()).as(mismatch.raw()).isEqualTo(409);
        assertThat(mismatch.code()).isEqualTo("CHECKPOINT_MISMATCH");
        assertThat(logSigned).isEqualTo(real.text());
        assertThat(send(null, "POST", pub + "/checkpoint/cosignatures", "text/plain", "not a note").status())
                .isEqualTo(400);
    }

    private Response cosign(String pub, String note, io.selection.audit.proofs.NoteSigner witness) {
        String text = Checkpoint.parse(note).text();
        String logOnly = note.substring(0, note.indexOf("\n\n") + 2)
                + note.substring(note.indexOf("\n\n") + 2).lines().findFirst().orElseThrow() + "\n";
        String cosigned = SignedNote.withLine(logOnly, SignedNote.cosign(text, 1_733_400_000L, witness));
        return send(null, "POST", pub + "/checkpoint/cosignatures", "text/plain", cosigned);
    }

    private static List<NoteKey> concat(NoteKey first, List<NoteKey> rest) {
        List<NoteKey> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    private static void assertRefused(Response r, String field) {
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).as(r.raw()).isEqualTo(field);
    }

    private static List<byte[]> decode(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(n -> out.add(Base64.getDecoder().decode(n.asText())));
        return out;
    }
}
