package io.selection.audit.proofs;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed notes and checkpoints against an independent implementation: the key pair and the signed
 * note published with Go's reference implementation ({@code golang.org/x/mod/sumdb/note}, its
 * documentation and tests). Ed25519 is deterministic, so signing the same text with the same key
 * must give the very bytes Go gave; a key id or a signed byte computed otherwise would differ.
 */
class SignedNoteTest {

    static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void signs_the_go_reference_note_byte_for_byte() {
        NoteSigner signer = NoteSigner.parse(GO_SKEY);
        assertThat(SignedNote.sign(GO_TEXT, signer)).isEqualTo(GO_NOTE);
        assertThat(signer.secret()).isEqualTo(GO_SKEY);
        assertThat(signer.checks(NoteKey.parse(GO_VKEY))).isTrue();
    }

    @Test
    void reads_and_writes_the_go_verifier_key_and_opens_its_note() {
        NoteKey key = NoteKey.parse(GO_VKEY);
        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(key.keyId()).isEqualTo(0xc74f20a3);
        assertThat(key.toString()).isEqualTo(GO_VKEY);
        SignedNote.Opened opened = SignedNote.open(GO_NOTE, List.of(key));
        assertThat(opened.text()).isEqualTo(GO_TEXT);
        assertThat(opened.signedBy(key)).isTrue();
        assertThat(opened.others()).isEmpty();
    }

    @Test
    void a_changed_text_or_signature_does_not_open() {
        NoteKey key = NoteKey.parse(GO_VKEY);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("cryptography", "cryptographY"), List.of(key)))
                .hasMessageContaining("does not verify");
        String otherSig = GO_NOTE.replace("yBwJnAM=", "yBwJnAA="); // the signature's last byte
        assertThatThrownBy(() -> SignedNote.open(otherSig, List.of(key))).hasMessageContaining("does not verify");
        String otherId = GO_NOTE.replace("x08go", "x08gp"); // the key id: no longer this key's signature
        assertThat(SignedNote.open(otherId, List.of(key)).signedBy(key)).isFalse();
    }

    @Test
    void a_key_not_given_is_kept_unverified_and_a_mangled_key_is_refused() {
        NoteKey other = NoteKey.of("someone-else", NoteKey.ED25519, new byte[32]);
        SignedNote.Opened opened = SignedNote.open(GO_NOTE, List.of(other));
        assertThat(opened.verified()).isEmpty();
        assertThat(opened.others()).extracting(SignedNote.Line::name).containsExactly("PeterNeumann");
        assertThatThrownBy(() -> NoteKey.parse(GO_VKEY.replace("c74f20a3", "c74f20a4"))).hasMessageContaining("key id");
        assertThatThrownBy(() -> NoteKey.parse("PeterNeumann+c74f20a3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteKey.parse(GO_VKEY.substring(0, GO_VKEY.length() - 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformed_notes_are_refused_naming_the_fault() {
        NoteKey key = NoteKey.parse(GO_VKEY);
        assertThatThrownBy(() -> SignedNote.open(GO_TEXT, List.of(key))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("\u2014", "-"), List.of(key)))
                .hasMessageContaining("em dash");
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.substring(0, GO_NOTE.length() - 1), List.of(key)))
                .hasMessageContaining("newline");
    }

    @Test
    void a_checkpoint_is_signed_opened_and_read_back() throws Exception {
        Keys log = Keys.generate("selection.example", NoteKey.ED25519);
        byte[] root = Sha256.of("root".getBytes());
        Checkpoint checkpoint = new Checkpoint(Checkpoint.origin("selection.example", "2023"), 12807, root);
        assertThat(checkpoint.text()).isEqualTo("selection.example/2023\n12807\n"
                + Base64.getEncoder().encodeToString(root) + "\n");
        String note = SignedNote.sign(checkpoint.text(), log.signer);
        SignedNote.Opened opened = SignedNote.open(note, List.of(log.key));
        assertThat(Checkpoint.of(opened)).isEqualTo(checkpoint);
        assertThatThrownBy(() -> Checkpoint.parse("o\n012\nAAAA\n")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("o\n12\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_witness_cosignature_verifies_for_its_time_and_checkpoint_only() throws Exception {
        Keys log = Keys.generate("selection.example", NoteKey.ED25519);
        Keys witness = Keys.generate("witness.example", NoteKey.COSIGNATURE);
        String text = new Checkpoint("selection.example/2023", 5, Sha256.of(new byte[]{1})).text();
        String note = SignedNote.sign(text, log.signer);
        SignedNote.Line cosig = SignedNote.cosign(text, 1_733_400_000L, witness.signer);
        String cosigned = SignedNote.withLine(note, cosig);

        SignedNote.Opened opened = SignedNote.open(cosigned, List.of(log.key, witness.key));
        assertThat(opened.signedBy(log.key)).isTrue();
        assertThat(opened.signedBy(witness.key)).isTrue();
        assertThat(opened.verified().get(1).cosignedAt()).isEqualTo(1_733_400_000L);

        byte[] moved = cosig.signature().clone();
        moved[7]++; // another time under the same signature
        String forged = SignedNote.withLine(note, new SignedNote.Line(cosig.name(), cosig.keyId(), moved));
        assertThatThrownBy(() -> SignedNote.open(forged, List.of(log.key, witness.key)))
                .hasMessageContaining("witness.example");
        assertThatThrownBy(() -> SignedNote.cosign(text, 1, log.signer)).hasMessageContaining("cosignature key");
    }

    /** A key pair made here with the JDK's generator (tests only: the rules draw no random numbers). */
    record Keys(NoteSigner signer, NoteKey key) {
        static Keys generate(String name, byte type) throws Exception {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pub = tail(pair.getPublic().getEncoded());
            byte[] seed = tail(pair.getPrivate().getEncoded());
            return new Keys(NoteSigner.of(name, type, seed, pub), NoteKey.of(name, type, pub));
        }

        private static byte[] tail(byte[] encoded) {
            return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        }
    }
}
