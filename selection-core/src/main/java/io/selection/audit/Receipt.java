package io.selection.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A voter's receipt: the vote's canonical entry and two RFC 9162 inclusion proofs, the vote in
 * its group's subtree and the group's line in the edition's log, which together lead to a log
 * digest the edition published. A few kilobytes whatever the log's size; anyone can check it
 * offline with {@link #check}.
 */
public final class Receipt {

    /** The outcome of checking a receipt: {@code digest} is the log digest it was proven against. */
    public record Checked(boolean ok, String voteId, String digest, long logSize, String detail) {
    }

    private Receipt() {
    }

    /**
     * Builds the proof part of a receipt for vote {@code voteIndex} of the vote group at line
     * {@code line} (its hashes as the verifier computes them), against the first {@code logSize}
     * line hashes.
     */
    public static Map<String, Object> build(LogLine line, int voteIndex, List<byte[]> lineHashes, long logSize) {
        @SuppressWarnings("unchecked")
        List<String[]> rows = LogCodec.voteRows((Map<String, Object>) line.data().get("votes"));
        List<byte[]> voteLeaves = LineHashes.voteLeaves(rows);
        List<byte[]> prefix = lineHashes.subList(0, (int) logSize);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", (long) LogLine.FORMAT);
        r.put("editionId", line.data().get("editionId"));
        r.put("seq", line.seq());
        r.put("entry", entryJson(rows.get(voteIndex)));
        r.put("voteIndex", (long) voteIndex);
        r.put("groupSize", (long) rows.size());
        r.put("votePath", hex(Merkle.inclusionProof(voteLeaves, voteIndex)));
        r.put("header", Hex.of(LineHashes.headerLeaf(line, rows.size())));
        r.put("logSize", logSize);
        r.put("linePath", hex(Merkle.inclusionProof(prefix, (int) (line.seq() - 1))));
        r.put("logDigest", Hex.of(Merkle.root(prefix)));
        return r;
    }

    public static Map<String, Object> entryJson(String[] row) {
        Map<String, Object> entry = new TreeMap<>();
        for (int i = 0; i < row.length; i++) {
            entry.put(LogCodec.VOTE_FIELDS.get(i), row[i]);
        }
        return entry;
    }

    /** Checks a receipt (as parsed JSON) on its own: the entry, through both proofs, gives the log digest. */
    public static Checked check(Map<String, Object> receipt) {
        String voteId = null;
        try {
            Map<?, ?> entry = (Map<?, ?>) receipt.get("entry");
            String[] row = new String[LogCodec.VOTE_FIELDS.size()];
            for (int i = 0; i < row.length; i++) {
                Object value = entry.get(LogCodec.VOTE_FIELDS.get(i));
                if (value != null && !(value instanceof String)) {
                    throw new IllegalArgumentException("entry." + LogCodec.VOTE_FIELDS.get(i) + " is not a string");
                }
                row[i] = (String) value;
            }
            if (entry.size() != row.length) {
                throw new IllegalArgumentException("the entry has fields other than " + LogCodec.VOTE_FIELDS);
            }
            voteId = row[LogCodec.VOTE_FIELDS.indexOf("voteId")];
            byte[] leaf = Merkle.leafHash(LineHashes.voteEntry(row));
            byte[] votesRoot = Merkle.rootFromInclusionProof(number(receipt, "voteIndex"),
                    number(receipt, "groupSize"), leaf, paths(receipt, "votePath"));
            byte[] lineHash = Merkle.nodeHash(Hex.parse((String) receipt.get("header")), votesRoot);
            long seq = number(receipt, "seq");
            long size = number(receipt, "logSize");
            byte[] root = Merkle.rootFromInclusionProof(seq - 1, size, lineHash, paths(receipt, "linePath"));
            String digest = (String) receipt.get("logDigest");
            boolean ok = Hex.of(root).equals(digest);
            return new Checked(ok, voteId, digest, size, ok ? "the vote is line " + seq + "'s entry "
                    + number(receipt, "voteIndex") + " in the log of " + size + " lines with digest " + digest
                    : "the proofs lead to " + Hex.of(root) + ", not to the receipt's digest " + digest);
        } catch (RuntimeException e) {
            return new Checked(false, voteId, null, -1, "not a valid receipt: " + e.getMessage());
        }
    }

    private static long number(Map<String, Object> receipt, String field) {
        if (!(receipt.get(field) instanceof Number n)) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return n.longValue();
    }

    private static List<byte[]> paths(Map<String, Object> receipt, String field) {
        if (!(receipt.get(field) instanceof List<?> list)) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        List<byte[]> out = new ArrayList<>();
        for (Object o : list) {
            out.add(Hex.parse((String) o));
        }
        return out;
    }

    private static List<String> hex(List<byte[]> hashes) {
        List<String> out = new ArrayList<>(hashes.size());
        hashes.forEach(h -> out.add(Hex.of(h)));
        return out;
    }
}
