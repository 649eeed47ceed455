package io.selection.audit.cli;

import io.selection.audit.proofs.NoteKey;
import io.selection.audit.verifier.Report;
import io.selection.audit.verifier.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Verify an edition's exported log (a file or the server's stream).",
        description = {
                "Verifies an edition's exported log (NDJSON, export format v1): every line's hash and the hash "
                        + "chain, the closing line's size, digest and chain, every vote decided again by the rules, "
                        + "the shortlist, certified tallies and winners recomputed, and every published log digest "
                        + "checked and shown to extend the one before.",
                "Reads a FILE, or the server's stream with --url. Prints the report (--json for machines).",
                "",
                "Examples:",
                "  selection-audit verify ed-2023.ndjson",
                "  selection-audit verify --json ed-2023.ndjson > report.json",
                "  SELECTION_AUDIT_PASSWORD=... selection-audit verify --url https://selection.example \\",
                "      --edition ed-2023 --user auditor --save ed-2023.ndjson",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check holds", "1:a check fails (the report names the first bad line)",
                "2:usage error, unreadable file, I/O or HTTP error"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The export to verify (one JSON object a line).")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar (by default one is drawn on stderr when it is "
            + "a terminal or the file is larger than 8 MB).")
    boolean noProgress;

    @Option(names = "--progress", description = "Draw the progress bar on stderr even when it is not a terminal.")
    boolean forceProgress;

    @Option(names = "--url", paramLabel = "URL", description = "Fetch the log from the server at URL instead: "
            + "the public log, GET URL/api/public/editions/E/events (no account: up to the latest published list, "
            + "all of it after the results); with --user, the auditor's GET URL/api/editions/E/events (all of it now).")
    String url;

    @Option(names = "--edition", paramLabel = "E", description = "With --url: the edition's id.")
    String edition;

    @Option(names = "--user", paramLabel = "U", description = "With --url: the auditor's user name (HTTP Basic).")
    String user;

    @Option(names = "--password", paramLabel = "P", description = "With --url: the password (default: the "
            + "environment variable SELECTION_AUDIT_PASSWORD, which other users cannot see in the process list).",
            defaultValue = "${env:SELECTION_AUDIT_PASSWORD}")
    String password;

    @Option(names = "--from", paramLabel = "SEQ", description = "With --url: ask for the lines from SEQ on "
            + "(?from=SEQ). The checks start from seq 1, so a log fetched from a later SEQ fails them; for "
            + "looking at the tail of a log only.")
    Long from;

    @Option(names = "--save", paramLabel = "FILE", description = "With --url: also keep a copy of the stream in FILE.")
    Path save;

    @Option(names = "--key", paramLabel = "VKEY", description = "The log's verifier key (<name>+<id>+<key>, as "
            + "GET /api/public/editions/E/log-key and the public page show it), or a file holding it: every "
            + "checkpoint must be signed by it, and the export must carry at least one.")
    String key;

    @Option(names = "--witness", paramLabel = "VKEY", description = "A witness's cosignature key (or a file holding "
            + "it); repeatable. With --threshold N, some checkpoint the export carries must be cosigned by N of them.")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "N", description = "How many of the --witness keys must cosign one "
            + "checkpoint the export carries (default 1 when --witness is given).")
    Integer threshold;

    @Option(names = "--since", paramLabel = "CHECKPOINT", description = "A signed checkpoint kept earlier (a file "
            + "holding the note, from the public page, a newspaper or a witness): the export must extend it. May "
            + "be given more than once; the report names the smallest size whose root differs.")
    List<Path> since = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (file != null && url != null) {
            throw usage("give either FILE or --url, not both");
        }
        if (file == null && url == null) {
            throw usage("give the FILE to verify, or --url with --edition (and --user and --password for the "
                    + "auditor's export)");
        }
        if (noProgress && forceProgress) {
            throw usage("--progress and --no-progress contradict each other");
        }
        readKeyAndCheckpoints();
        Report report;
        if (file != null) {
            if (edition != null || user != null || from != null || save != null) {
                throw usage("--edition, --user, --password, --from and --save go with --url, not with a FILE");
            }
            Integer relaunched = Relaunch.withParallelGc(file,
                    spec.root().commandLine().getParseResult().originalArgs(), spec.commandLine().getErr());
            if (relaunched != null) {
                return relaunched;
            }
            report = verifyFile();
        } else {
            if (edition == null) {
                throw usage("--url needs --edition");
            }
            if (user != null && password == null) {
                throw usage("--user needs --password (or SELECTION_AUDIT_PASSWORD)");
            }
            if (from != null && from < 1) {
                throw usage("--from must be a seq, 1 or more");
            }
            report = verifyUrl();
            if (report == null) {
                return AuditCli.ERROR;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(report.toJson()));
        } else {
            out.print(report.toText());
        }
        out.flush();
        return report.ok() ? AuditCli.OK : AuditCli.FAILED;
    }

    private Report verifyFile() throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("not a file: " + file);
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        long size = Files.size(file);
        boolean bar = forceProgress || !noProgress && (size > Progress.LARGE_FILE || Progress.stderrIsTerminal());
        try (Progress progress = bar ? Progress.bytes("verify", size, spec.commandLine().getErr()) : Progress.none()) {
            return LogVerification.run(file, progress, this::setUp);
        }
    }

    /** The log's key and the checkpoints kept, read before the export (so a bad one is a usage error, 2). */
    private NoteKey trusted;
    private final List<String[]> kept = new ArrayList<>();

    private final List<NoteKey> witnessKeys = new ArrayList<>();

    private void readKeyAndCheckpoints() throws IOException {
        trusted = key == null ? null : logKey(key);
        for (String w : witnesses) {
            NoteKey k = logKey(w);
            if (k.type() != NoteKey.COSIGNATURE) {
                throw usage("--witness: " + k.name() + " is not a witness's cosignature key (type 4)");
            }
            witnessKeys.add(k);
        }
        if (threshold != null && (threshold < 1 || threshold > witnessKeys.size())) {
            throw usage("--threshold must be between 1 and the number of --witness keys (" + witnessKeys.size() + ")");
        }
        for (Path file : since) {
            if (!Files.isRegularFile(file)) {
                throw usage("--since: no such file: " + file);
            }
            kept.add(new String[]{file.toString(), Files.readString(file, StandardCharsets.UTF_8)});
        }
    }

    private Verifier setUp(Verifier verifier) {
        if (trusted != null) {
            verifier.trusting(List.of(trusted));
        }
        kept.forEach(k -> verifier.since(k[0], k[1]));
        if (!witnessKeys.isEmpty()) {
            verifier.witnessedBy(witnessKeys, threshold == null ? 1 : threshold);
        }
        return verifier;
    }

    /** As {@link #logKey}, for another command's usage errors. */
    NoteKey logKeyFor(String given, CommandSpec of) {
        this.spec = of;
        return logKey(given);
    }

    /** A verifier key given on the command line, or the file holding one. */
    NoteKey logKey(String given) {
        String text = given;
        Path asFile = Path.of(given.strip());
        try {
            if (!given.contains("+") || Files.isRegularFile(asFile)) {
                text = Files.readString(asFile, StandardCharsets.UTF_8);
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw usage("--key: neither a verifier key nor a readable file: " + given);
        }
        try {
            return NoteKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage("--key: " + e.getMessage());
        }
    }

    /** The report, or null after printing the HTTP error. */
    private Report verifyUrl() throws IOException, InterruptedException {
        URI uri = eventsUri();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER) // never send the credentials elsewhere
                .build();
        HttpRequest.Builder asked = HttpRequest.newBuilder(uri).header("Accept", "application/x-ndjson").GET();
        if (user != null) { // the auditor's export; the public log needs no credentials, so none are sent
            asked.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest request = asked.build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot fetch " + uri + ": " + AuditCli.describe(e), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            }
            err.println("error: HTTP " + response.statusCode() + " from GET " + uri
                    + (body.isEmpty() ? "" : "\n" + body));
            err.flush();
            return null;
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean bar = forceProgress || !noProgress && Progress.stderrIsTerminal();
        // kept in a file (--save, or a temporary one): verify reads it twice, its invalidations first
        Path copy = save != null ? save : Files.createTempFile("selection-export-", ".ndjson");
        try {
            try (InputStream body = response.body();
                 OutputStream out = Files.newOutputStream(copy);
                 Progress progress = bar ? Progress.bytes("fetch", length, err) : Progress.none()) {
                byte[] chunk = new byte[1 << 20];
                long read = 0;
                for (int n; (n = body.read(chunk)) >= 0; ) {
                    out.write(chunk, 0, n);
                    read += n;
                    progress.accept(read);
                }
            }
            try (Progress progress = bar ? Progress.bytes("verify", Files.size(copy), err) : Progress.none()) {
                return LogVerification.run(copy, progress, this::setUp);
            }
        } finally {
            if (save == null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    URI eventsUri() {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String path = (user == null ? "/api/public/editions/" : "/api/editions/")
                + URLEncoder.encode(edition, StandardCharsets.UTF_8).replace("+", "%20") + "/events";
        try {
            URI uri = URI.create(base + path + (from == null ? "" : "?from=" + from));
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw usage("bad --url " + url + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
