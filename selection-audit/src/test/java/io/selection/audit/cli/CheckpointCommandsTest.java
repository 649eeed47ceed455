package io.selection.audit.cli;

import com.sun.net.httpserver.HttpServer;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.KeyPairs;
import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.NoteSigner;
import io.selection.audit.proofs.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands an outsider checks checkpoints with: {@code keygen} makes a key pair;
 * {@code verify --key} holds an export's carried checkpoints to the log's key and
 * {@code verify --since} to a checkpoint kept earlier; {@code consistency} checks a kept checkpoint
 * against the log's latest with the proof a server gives (here a loopback server answering as the
 * API's public endpoints do, from a sample log).
 */
class CheckpointCommandsTest {

    @TempDir
    Path dir;

    @Test
    void keygen_writes_a_secret_key_once_and_prints_its_verifier_key() throws Exception {
        Path secret = dir.resolve("log.key");
        Cli.Result r = Cli.run("keygen", "--name", "selection.example", "--out", secret.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        NoteSigner signer = NoteSigner.parse(Files.readString(secret));
        NoteKey printed = NoteKey.parse(r.out().strip());
        assertThat(signer.checks(printed)).isTrue();
        assertThat(printed.name()).isEqualTo("selection.example");

        Cli.Result again = Cli.run("keygen", "--name", "selection.example", "--out", secret.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(NoteSigner.parse(Files.readString(secret)).secret()).isEqualTo(signer.secret());

        Cli.Result witness = Cli.run("keygen", "--name", "witness.example", "--witness", "--out",
                dir.resolve("w.key").toString());
        assertThat(NoteKey.parse(witness.out().strip()).type()).isEqualTo(NoteKey.COSIGNATURE);
    }

    @Test
    void verify_holds_the_export_to_the_log_key_and_to_a_checkpoint_kept_earlier() throws Exception {
        NoteSigner log = KeyPairs.generate("selection.example", NoteKey.ED25519);
        Path keyFile = Files.writeString(dir.resolve("log.vkey"), KeyPairs.verifierKey(log) + "\n");
        Path sample = Samples.small(dir);
        List<String> lines = Samples.lines(sample);
        List<byte[]> hashes = hashes(lines);
        String origin = "selection.example/" + edition(lines);
        String full = SignedNote.sign(new Checkpoint(origin, hashes.size(), Merkle.root(hashes)).text(), log);
        String early = SignedNote.sign(new Checkpoint(origin, 5, Merkle.root(hashes.subList(0, 5))).text(), log);
        Path signed = Samples.write(dir.resolve("signed.ndjson"), withCheckpoints(lines, early, full));

        Cli.Result ok = Cli.run("verify", "--no-progress", "--key", keyFile.toString(), signed.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();

        Cli.Result unsigned = Cli.run("verify", "--no-progress", "--key", keyFile.toString(), sample.toString());
        assertThat(unsigned.exit()).isEqualTo(1);
        assertThat(unsigned.out()).contains("checkpoints").contains("carries no signed checkpoint");

        Path kept = Files.writeString(dir.resolve("kept.checkpoint"), early);
        Cli.Result since = Cli.run("verify", "--no-progress", "--since", kept.toString(), sample.toString());
        assertThat(since.exit()).as(since.out()).isZero();

        String otherRoot = SignedNote.sign(new Checkpoint(origin, 5, Merkle.root(hashes.subList(1, 6))).text(), log);
        Path stale = Files.writeString(dir.resolve("other.checkpoint"), otherRoot);
        Cli.Result differs = Cli.run("verify", "--no-progress", "--json", "--since", stale.toString(),
                sample.toString());
        assertThat(differs.exit()).isEqualTo(1);
        assertThat(differs.out()).contains("the checkpoint of size 5");

        Cli.Result badKey = Cli.run("verify", "--key", "not-a-key+zz+AAAA", sample.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("--key");
    }

    @Test
    void consistency_checks_a_kept_checkpoint_against_the_logs_latest_with_the_servers_proof() throws Exception {
        NoteSigner log = KeyPairs.generate("selection.example", NoteKey.ED25519);
        String vkey = KeyPairs.verifierKey(log).toString();
        List<String> lines = Samples.lines(Samples.small(dir));
        List<byte[]> hashes = hashes(lines);
        String edition = edition(lines);
        String origin = "selection.example/" + edition;
        int m = 7;
        int n = hashes.size();
        String latest = SignedNote.sign(new Checkpoint(origin, n, Merkle.root(hashes)).text(), log);
        Path kept = Files.writeString(dir.resolve("kept"), SignedNote.sign(new Checkpoint(origin, m,
                Merkle.root(hashes.subList(0, m))).text(), log));
        Path forgedKept = Files.writeString(dir.resolve("forged"), SignedNote.sign(new Checkpoint(origin, m,
                Merkle.root(hashes.subList(1, m + 1))).text(), log));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String prefix = "/api/public/editions/" + edition;
        server.createContext(prefix + "/checkpoint", x -> answer(x, 200, latest));
        server.createContext(prefix + "/proof/consistency", x -> proofs(x, hashes));
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Cli.Result ok = Cli.run("consistency", "--url", url, "--edition", edition, "--key", vkey,
                    "--old", kept.toString());
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("extends size " + m);

            Cli.Result fork = Cli.run("consistency", "--url", url, "--edition", edition, "--key", vkey,
                    "--old", forgedKept.toString());
            assertThat(fork.exit()).isEqualTo(1);
            assertThat(fork.out()).contains("FAILED").contains("does not show");

            String strangerKey = KeyPairs.verifierKey(KeyPairs.generate("selection.example", NoteKey.ED25519))
                    .toString();
            Cli.Result unsigned = Cli.run("consistency", "--url", url, "--edition", edition, "--key", strangerKey,
                    "--old", kept.toString());
            assertThat(unsigned.exit()).isEqualTo(1);
            assertThat(unsigned.out()).contains("not signed by the log's key");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_witness_cosigns_a_growing_log_refuses_a_fork_with_the_evidence_and_verify_counts_its_cosignature()
            throws Exception {
        NoteSigner log = KeyPairs.generate("selection.example", NoteKey.ED25519);
        String vkey = KeyPairs.verifierKey(log).toString();
        NoteSigner witness = KeyPairs.generate("witness.example", NoteKey.COSIGNATURE);
        Path witnessKey = Files.writeString(dir.resolve("witness.key"), witness.secret());
        Path sample = Samples.small(dir);
        List<String> lines = Samples.lines(sample);
        List<byte[]> hashes = hashes(lines);
        String edition = edition(lines);
        String origin = "selection.example/" + edition;
        java.util.concurrent.atomic.AtomicReference<String> shown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger shownSize = new java.util.concurrent.atomic.AtomicInteger();
        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.IntConsumer show = size -> {
            shownSize.set(size);
            shown.set(SignedNote.sign(new Checkpoint(origin, size, Merkle.root(hashes.subList(0, size))).text(), log));
        };

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String prefix = "/api/public/editions/" + edition;
        server.createContext(prefix + "/checkpoint", x -> {
            if (x.getRequestMethod().equals("POST")) {
                posted.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer(x, 200, "{\"cosignatures\":1}");
            } else {
                answer(x, 200, shown.get());
            }
        });
        server.createContext(prefix + "/proof/consistency", x -> proofs(x, hashes));
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Path state = dir.resolve("witness-state");
            String[] args = {"witness", "--url", url, "--edition", edition, "--log-key", vkey, "--key",
                    witnessKey.toString(), "--state", state.toString(), "--once"};

            show.accept(6);
            Cli.Result first = Cli.run(args);
            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("cosigned").contains("size 6");

            show.accept(hashes.size()); // the log grew: cosigned after its consistency proof
            Cli.Result grown = Cli.run(args);
            assertThat(grown.exit()).as(grown.out() + grown.err()).isZero();
            assertThat(posted).hasSize(2);
            String cosigned = posted.get(1);
            SignedNote.Opened opened = SignedNote.open(cosigned, List.of(KeyPairs.verifierKey(log),
                    KeyPairs.verifierKey(witness)));
            assertThat(opened.signedBy(KeyPairs.verifierKey(witness))).isTrue();

            // a split view: the log shows another root for the size the witness cosigned
            String forkNote = SignedNote.sign(new Checkpoint(origin, hashes.size(),
                    Merkle.root(hashes.subList(1, hashes.size()))).text(), log);
            shown.set(forkNote);
            Cli.Result fork = Cli.run(args);
            assertThat(fork.exit()).isEqualTo(1);
            assertThat(fork.out()).contains("REFUSED: two roots for " + hashes.size())
                    .contains(Checkpoint.parse(cosigned).text().split("\n")[2])
                    .contains(Checkpoint.parse(forkNote).text().split("\n")[2]);
            assertThat(posted).hasSize(2);

            // verify counts the witness's cosignature of a checkpoint the export carries
            Path carried = Samples.write(dir.resolve("witnessed.ndjson"), withCheckpoints(lines, cosigned));
            Path wkey = Files.writeString(dir.resolve("w.vkey"), KeyPairs.verifierKey(witness).toString());
            Cli.Result witnessed = Cli.run("verify", "--no-progress", "--key", vkey, "--witness", wkey.toString(),
                    carried.toString());
            assertThat(witnessed.exit()).as(witnessed.out()).isZero();
            String other = KeyPairs.verifierKey(KeyPairs.generate("witness-two.example", NoteKey.COSIGNATURE)).toString();
            Cli.Result two = Cli.run("verify", "--no-progress", "--witness", wkey.toString(), "--witness", other,
                    "--threshold", "2", carried.toString());
            assertThat(two.exit()).isEqualTo(1);
            assertThat(two.out()).contains("cosigned by 2 of the 2 witnesses");
        } finally {
            server.stop(0);
        }
    }

    /** A consistency proof over {@code hashes}, as the API answers it. */
    private static void proofs(com.sun.net.httpserver.HttpExchange x, List<byte[]> hashes) throws java.io.IOException {
        String query = x.getRequestURI().getQuery();
        int from = Integer.parseInt(query.replaceAll(".*from=(\\d+).*", "$1"));
        int to = Integer.parseInt(query.replaceAll(".*to=(\\d+).*", "$1"));
        List<String> proof = Merkle.consistencyProof(hashes.subList(0, to), from).stream()
                .map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"").toList();
        answer(x, 200, "{\"from\":" + from + ",\"to\":" + to + ",\"proof\":[" + String.join(",", proof) + "]}");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    private static String edition(List<String> lines) throws Exception {
        Map<String, Object> first = Json.MAPPER.readValue(lines.get(0), Map.class);
        return (String) ((Map<String, Object>) first.get("data")).get("editionId");
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hashes(List<String> lines) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> json = Json.MAPPER.readValue(line, Map.class);
            if (!json.containsKey("head")) {
                hashes.add(LineHashes.hash(LogLine.fromJson(json)));
            }
        }
        return hashes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> withCheckpoints(List<String> lines, String... notes) throws Exception {
        List<String> out = new ArrayList<>(lines);
        Map<String, Object> closing = Json.MAPPER.readValue(lines.get(lines.size() - 1), Map.class);
        ((Map<String, Object>) closing.get("head")).put("checkpoints", List.of(notes));
        out.set(out.size() - 1, Json.MAPPER.writeValueAsString(closing));
        return out;
    }
}
