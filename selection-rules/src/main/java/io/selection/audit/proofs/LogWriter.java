package io.selection.audit.proofs;

import io.selection.audit.format.Hex;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;
import io.selection.audit.format.Pseudonyms;

import io.selection.edition.LogHead;
import io.selection.events.EditionEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an edition's events, in log order, into export lines with their hash fields, keeping
 * the line hashes (32 bytes a line) so the log digest at any size, an inclusion proof or a
 * consistency proof can be given. The server's export and audit log and the sample generator
 * write with it; the verifier checks what it writes.
 */
public final class LogWriter {

    private final List<byte[]> hashes = new ArrayList<>();
    private final Merkle.Builder tree = new Merkle.Builder();
    private byte[] chain = LineHashes.CHAIN_START;
    /** Null: format 1 (raw values); else format 2, the public log, with these pseudonyms. */
    private final Pseudonyms pseudonyms;

    /** A writer of format 1, the raw values. */
    public LogWriter() {
        this(null, List.of());
    }

    /** A writer of format 2 (the public log) when {@code pseudonyms} is given, else of format 1. */
    public LogWriter(Pseudonyms pseudonyms) {
        this(pseudonyms, List.of());
    }

    /** A writer of format 1 that goes on after the given line hashes (an export resumed part way). */
    public LogWriter(List<byte[]> earlierHashes) {
        this(null, earlierHashes);
    }

    /** A writer that goes on after the given line hashes, of format 2 when {@code pseudonyms} is given. */
    public LogWriter(Pseudonyms pseudonyms, List<byte[]> earlierHashes) {
        this.pseudonyms = pseudonyms;
        for (byte[] hash : earlierHashes) {
            chain = LineHashes.chain(chain, hash);
            hashes.add(hash);
            tree.append(hash);
        }
    }

    /** The next line: the event at seq {@code size() + 1}. */
    public LogLine next(EditionEvent event) {
        LogLine line = LogCodec.encode(hashes.size() + 1L, event, pseudonyms);
        byte[] hash = LineHashes.hash(line);
        chain = LineHashes.chain(chain, hash);
        hashes.add(hash);
        tree.append(hash);
        return line.withHashes(Hex.of(hash), Hex.of(chain));
    }

    /** The format this writer writes: 1, or 2 (the public log). */
    public int format() {
        return pseudonyms == null ? LogLine.RAW : LogLine.PUBLIC;
    }

    /** The event as its line of this writer's format, unhashed and without changing the writer. */
    public LogLine encode(long seq, EditionEvent event) {
        return LogCodec.encode(seq, event, pseudonyms);
    }

    /** A flagged set as this writer's lines name it (its key a pseudonym in format 2). */
    public io.selection.voting.VoteSet asLogged(io.selection.voting.VoteSet set) {
        return LogCodec.asLogged(set, pseudonyms);
    }

    public long size() {
        return hashes.size();
    }

    /** The log as it stands: its size and Merkle tree head. */
    public LogHead head() {
        return new LogHead(hashes.size(), Hex.of(tree.root()));
    }

    /** The digest of the first {@code size} lines. */
    public String digest(long size) {
        return size == hashes.size() ? Hex.of(tree.root()) : Hex.of(Merkle.root(hashes.subList(0, (int) size)));
    }

    public String chainHead() {
        return Hex.of(chain);
    }

    public List<byte[]> hashes() {
        return hashes;
    }

    /** The closing line of an export: {"head":{"chain","digest","size"},"v":1}. */
    public Map<String, Object> closingLine() {
        return closingLine(hashes.size(), Hex.of(tree.root()), Hex.of(chain), format());
    }

    /**
     * The closing line with the log's signed checkpoints of at most this size, as C2SP signed notes:
     * {"head":{"chain","checkpoints":[...],"digest","size"},"v":1} (none: the line without them).
     */
    public Map<String, Object> closingLine(List<String> checkpoints) {
        Map<String, Object> line = closingLine();
        if (!checkpoints.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> head = (Map<String, Object>) line.get("head");
            head.put("checkpoints", List.copyOf(checkpoints));
        }
        return line;
    }

    public static Map<String, Object> closingLine(long size, String digest, String chain, int format) {
        Map<String, Object> head = new TreeMap<>();
        head.put("chain", chain);
        head.put("digest", digest);
        head.put("size", size);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("head", head);
        line.put("v", (long) format);
        return line;
    }
}
