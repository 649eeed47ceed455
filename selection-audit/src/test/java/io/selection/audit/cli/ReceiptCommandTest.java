package io.selection.audit.cli;

import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.proofs.Receipt;
import io.selection.sample.SampleEdition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptCommandTest {

    @TempDir
    Path dir;

    LogWriter writer;
    Map<String, Object> proof;

    List<LogLine> lines;

    @BeforeEach
    void buildAReceipt() {
        lines = new ArrayList<>();
        writer = SampleEdition.write(SampleEdition.Params.small(), lines::add);
        LogLine group = lines.stream().filter(l -> l.type().equals("VotesDecided")).skip(1).findFirst().orElseThrow();
        proof = Receipt.build(group, 3, writer.hashes(), writer.size());
    }

    @Test
    void aReceiptUnderProofHolds() throws Exception {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("voteId", entry(proof).get("voteId"));
        response.put("proof", proof);
        Path file = json("receipt.json", response);

        Cli.Result r = Cli.run("receipt", file.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("OK: the receipt holds")
                .contains("log digest: " + writer.digest(writer.size()))
                .contains("vote:       " + entry(proof).get("voteId"));
    }

    @Test
    void heldToTheLogKeyByTheCheckpointItCarriesAndOnlyThatSizeAndKey() throws Exception {
        io.selection.audit.proofs.NoteSigner log = io.selection.audit.proofs.KeyPairs.generate("selection.test",
                io.selection.audit.proofs.NoteKey.ED25519);
        String vkey = io.selection.audit.proofs.KeyPairs.verifierKey(log).toString();
        String edition = (String) proof.get("editionId");
        String note = io.selection.audit.proofs.SignedNote.sign(new io.selection.audit.proofs.Checkpoint(
                "selection.test/" + edition, writer.size(),
                io.selection.audit.format.Hex.parse(writer.digest(writer.size()))).text(), log);
        Map<String, Object> signed = new LinkedHashMap<>(proof);
        signed.put("checkpoint", note);
        Cli.Result ok = Cli.run("receipt", "--key", vkey, json("signed.json", signed).toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).doesNotContain("Not anchored");

        Map<String, Object> raised = new LinkedHashMap<>(signed);
        raised.put("logSize", writer.size() + 1);
        Cli.Result bigger = Cli.run("receipt", "--key", vkey, json("raised-signed.json", raised).toString());
        assertThat(bigger.exit()).isEqualTo(1);

        String stranger = io.selection.audit.proofs.KeyPairs.verifierKey(io.selection.audit.proofs.KeyPairs
                .generate("selection.test", io.selection.audit.proofs.NoteKey.ED25519)).toString();
        Cli.Result other = Cli.run("receipt", "--key", stranger, json("signed2.json", signed).toString());
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("not signed by the log's key");

        Cli.Result unsigned = Cli.run("receipt", "--key", vkey, json("unsigned.json", proof).toString());
        assertThat(unsigned.exit()).isEqualTo(1);
        assertThat(unsigned.out()).contains("carries no signed checkpoint");
    }

    @Test
    void heldToThePublishedDigestsARaisedLogSizeFailsAndTheTextNamesTheWorkAndDecision() throws Exception {
        String published = writer.size() + ":" + writer.digest(writer.size());
        Path honest = json("honest.json", proof);
        Map<String, Object> raised = new LinkedHashMap<>(proof);
        raised.put("logSize", writer.size() + 1);
        Path forged = json("raised.json", raised);

        Cli.Result ok = Cli.run("receipt", "--published", published, honest.toString());
        Cli.Result failed = Cli.run("receipt", "--published", published, forged.toString());

        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("work:       " + entry(proof).get("workId"))
                .contains("decision:   " + entry(proof).get("decision")).doesNotContain("Not anchored");
        assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
        assertThat(Cli.run("receipt", honest.toString()).out()).contains("Not anchored");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheExportItSaysWhetherTheVoteCountsAtItsSizeAndThatAnInvalidationTookItLater() throws Exception {
        LogLine invalidation = lines.stream().filter(l -> l.type().equals("VotesInvalidated")).findFirst().orElseThrow();
        String taken = ((List<String>) invalidation.data().get("voteIds")).get(0);
        LogLine group = null;
        int index = -1;
        for (LogLine l : lines) {
            if (l.type().equals("VotesDecided")) {
                List<String> ids = (List<String>) ((Map<String, Object>) l.data().get("votes")).get("voteId");
                if (ids.contains(taken)) {
                    group = l;
                    index = ids.indexOf(taken);
                    break;
                }
            }
        }
        Path export = export("export.ndjson");
        long before = invalidation.seq() - 1;
        Path early = json("early.json", Receipt.build(group, index, writer.hashes().subList(0, (int) before), before));
        Path late = json("late.json", Receipt.build(group, index, writer.hashes(), writer.size()));

        Cli.Result atBefore = Cli.run("receipt", "--json", "--log", export.toString(), early.toString());
        Cli.Result atEnd = Cli.run("receipt", "--log", export.toString(), late.toString());

        assertThat(atBefore.exit()).as(atBefore.out() + atBefore.err()).isZero();
        assertThat(atBefore.json()).containsEntry("counted", true);
        assertThat((String) atBefore.json().get("counting")).startsWith("counted: one of work")
                .contains("invalidated later, at line " + invalidation.seq());
        assertThat(atEnd.exit()).as(atEnd.out() + atEnd.err()).isZero();
        assertThat(atEnd.out()).contains("counting:   not counted: invalidated at line " + invalidation.seq());
    }

    @Test
    void anExportThatIsNotTheLogOfTheReceiptFailsIt() throws Exception {
        lines.remove(lines.size() - 1); // one line short: its tree head at the receipt's size is another
        lines.add(0, lines.get(0));
        Path export = export("other.ndjson");

        Cli.Result r = Cli.run("receipt", "--log", export.toString(), json("receipt.json", proof).toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("is not the log this receipt is proven against");
    }

    @Test
    void aBareProofHoldsToo() throws Exception {
        Cli.Result r = Cli.run("receipt", "--json", json("bare.json", proof).toString());

        assertThat(r.exit()).isZero();
        assertThat(r.json()).containsEntry("ok", true).containsEntry("logDigest", writer.digest(writer.size()))
                .containsEntry("logSize", (int) writer.size());
    }

    @Test
    void aTamperedEntryDoesNotHold() throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>(entry(proof));
        entry.put("workId", "some-other-work");
        Map<String, Object> tampered = new LinkedHashMap<>(proof);
        tampered.put("entry", entry);

        Cli.Result r = Cli.run("receipt", "--json", json("tampered.json", Map.of("proof", tampered)).toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json()).containsEntry("ok", false);
        assertThat(r.json().get("detail").toString()).contains("not to the receipt's digest");
    }

    @Test
    void aReceiptClaimingAnotherDigestDoesNotHold() throws Exception {
        Map<String, Object> tampered = new LinkedHashMap<>(proof);
        tampered.put("logDigest", "00".repeat(32));

        Cli.Result r = Cli.run("receipt", json("digest.json", tampered).toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAILED");
    }

    @Test
    void aMalformedReceiptDoesNotHold() throws Exception {
        Map<String, Object> broken = new LinkedHashMap<>(proof);
        broken.remove("linePath");

        Cli.Result r = Cli.run("receipt", json("broken.json", broken).toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("not a valid receipt");
    }

    @Test
    void aFileThatIsNotJsonOrMissingIsAnError() throws Exception {
        Path text = dir.resolve("text.json");
        Files.writeString(text, "hello");

        Cli.Result notJson = Cli.run("receipt", text.toString());
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("is not JSON");
        Cli.Result missing = Cli.run("receipt", dir.resolve("missing.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(Cli.run("receipt").exit()).isEqualTo(2);
    }

    private Path export(String name) throws Exception {
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            text.append(new String(io.selection.audit.format.Canonical.bytes(line.toJson()), java.nio.charset.StandardCharsets.UTF_8))
                    .append('\n');
        }
        text.append(new String(io.selection.audit.format.Canonical.bytes(writer.closingLine()), java.nio.charset.StandardCharsets.UTF_8))
                .append('\n');
        return Files.writeString(dir.resolve(name), text);
    }

    private Path json(String name, Object value) throws Exception {
        Path file = dir.resolve(name);
        Json.MAPPER.writeValue(file.toFile(), value);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> proof) {
        return (Map<String, Object>) proof.get("entry");
    }
}
