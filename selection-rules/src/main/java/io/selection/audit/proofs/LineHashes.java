package io.selection.audit.proofs;

import io.selection.audit.format.Canonical;
import io.selection.audit.format.Hex;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a line is hashed (docs/audit.md, "Digests"). A line's hash is the RFC 9162 leaf hash of its
 * canonical JSON without the hash fields; a vote group's hash is instead the tree node over the
 * leaf of its header (the line with the vote columns replaced by their count) and the Merkle tree
 * head of its votes, one leaf per vote entry, so a single vote is provable without the group.
 * The chain links each line to all before it; the edition's digest is the Merkle tree head over
 * the line hashes.
 */
public final class LineHashes {

    public static final byte[] CHAIN_START = new byte[32];

    private LineHashes() {
    }

    public static byte[] hash(LogLine line) {
        if (!LogCodec.VOTES_DECIDED.equals(line.type())) {
            return hash(line, null);
        }
        // the votes hashed straight from the line's columns, an entry at a time, not turned into rows first
        List<?>[] cols = LogCodec.voteColumns(line);
        int n = cols.length == 0 ? 0 : cols[0].size();
        Canonical.Keys keys = voteKeys(line.v());
        String[] row = new String[cols.length];
        List<byte[]> leaves = new ArrayList<>(n);
        Canonical.Lent<byte[]> leaf = leafHasher();
        for (int i = 0; i < n; i++) {
            leaves.add(Canonical.object(keys, LogCodec.voteRow(cols, i, row), leaf));
        }
        return groupHash(headerLeaf(line, n), leaves);
    }

    /** The hash of a line whose vote rows ({@link LogCodec#voteRows(LogLine)}) are read already; null rows for other lines. */
    public static byte[] hash(LogLine line, List<String[]> rows) {
        if (rows == null) {
            return Merkle.leafHash(Canonical.bytes(content(line, line.data())));
        }
        return groupHash(headerLeaf(line, rows.size()), voteLeaves(rows, line.v()));
    }

    public static byte[] groupHash(byte[] headerLeaf, List<byte[]> voteLeaves) {
        return Merkle.nodeHash(headerLeaf, Merkle.root(voteLeaves));
    }

    /** The leaf hash of a vote group's header: its line with the vote columns replaced by their count. */
    public static byte[] headerLeaf(LogLine line, long votes) {
        Map<String, Object> data = new TreeMap<>(line.data());
        data.put("votes", votes);
        return Merkle.leafHash(Canonical.bytes(content(line, data)));
    }

    /** The leaf hashes of a group's vote entries in format {@code v}. */
    public static List<byte[]> voteLeaves(List<String[]> rows, int v) {
        Canonical.Keys keys = voteKeys(v);
        List<byte[]> leaves = new ArrayList<>(rows.size());
        Canonical.Lent<byte[]> leaf = leafHasher();
        for (String[] row : rows) {
            leaves.add(Canonical.object(keys, row, leaf));
        }
        return leaves;
    }

    /** A vote entry's leaf hash on this thread's digest, looked up once for a group's many entries. */
    private static Canonical.Lent<byte[]> leafHasher() {
        java.security.MessageDigest digest = Sha256.digest();
        return (bytes, length) -> Sha256.leaf(digest, bytes, length);
    }

    /** One vote's canonical entry in format {@code v}: an object of its {@link LogCodec#voteFields}. */
    public static byte[] voteEntry(String[] row, int v) {
        return Canonical.object(v == LogLine.PUBLIC ? PUBLIC_VOTE_FIELDS : VOTE_FIELDS, row);
    }

    private static Canonical.Keys voteKeys(int v) {
        return v == LogLine.PUBLIC ? PUBLIC_VOTE_KEYS : VOTE_KEYS;
    }

    private static final String[] VOTE_FIELDS = LogCodec.VOTE_FIELDS.toArray(new String[0]);
    private static final String[] PUBLIC_VOTE_FIELDS = LogCodec.PUBLIC_VOTE_FIELDS.toArray(new String[0]);
    private static final Canonical.Keys VOTE_KEYS = new Canonical.Keys(VOTE_FIELDS);
    private static final Canonical.Keys PUBLIC_VOTE_KEYS = new Canonical.Keys(PUBLIC_VOTE_FIELDS);

    public static byte[] chain(byte[] previous, byte[] hash) {
        return Sha256.of(previous, hash);
    }

    /** The digest of a published list: SHA-256 of its canonical JSON, as the line shows it. */
    public static String listDigest(Object list) {
        return Hex.of(Sha256.of(Canonical.bytes(list)));
    }

    private static Map<String, Object> content(LogLine line, Map<String, Object> data) {
        Map<String, Object> content = new TreeMap<>();
        content.put("at", line.at());
        content.put("data", data);
        content.put("seq", line.seq());
        content.put("type", line.type());
        content.put("v", (long) line.v());
        return content;
    }
}
