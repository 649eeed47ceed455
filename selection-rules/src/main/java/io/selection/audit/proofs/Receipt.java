package io.selection.audit.proofs;

import io.selection.audit.format.Canonical;
import io.selection.audit.format.Hex;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;

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

    /**
     * The outcome of checking a receipt: the vote it proves ({@code voteId}, {@code workId} and the
     * logged {@code decision} and {@code reason} of its entry), and the log it is proven against
     * ({@code logSize} lines with digest {@code digest}). An inclusion proof cannot bind the size on
     * its own: the pair proves something only once it is found among the digests the edition
     * published ({@link #anchored}).
     */
    public record Checked(boolean ok, String voteId, String digest, long logSize, String detail, String workId,
                          String decision, String reason, long seq, long voteIndex) {

        Checked(boolean ok, String voteId, String digest, long logSize, String detail) {
            this(ok, voteId, digest, logSize, detail, null, null, null, -1, -1);
        }

        /** This outcome, failed for {@code why}. */
        public Checked failed(String why) {
            return new Checked(false, voteId, digest, logSize, why, workId, decision, reason, seq, voteIndex);
        }

        /**
         * This outcome, failed unless {@code checkpoint} (the signed note the receipt carries) is
         * signed by one of {@code keys} and is the checkpoint of exactly this size and digest: the log's
         * own signature binds the size the proof alone cannot.
         */
        public Checked anchoredBy(String checkpoint, java.util.Collection<NoteKey> keys, String editionId) {
            if (!ok) {
                return this;
            }
            if (checkpoint == null) {
                return failed("the receipt carries no signed checkpoint to anchor it with the log's key");
            }
            Checkpoint c;
            try {
                SignedNote.Opened opened = SignedNote.open(checkpoint, keys);
                if (keys.stream().noneMatch(opened::signedBy)) {
                    return failed("the receipt's checkpoint is not signed by the log's key");
                }
                c = Checkpoint.of(opened);
            } catch (IllegalArgumentException e) {
                return failed("the receipt's checkpoint is not a signed checkpoint: " + e.getMessage());
            }
            if (c.size() != logSize || !Hex.of(c.root()).equals(digest)) {
                return failed("the receipt's checkpoint is of " + c.size() + " lines with root " + Hex.of(c.root())
                        + ", not the " + logSize + " lines and digest " + digest + " its proofs lead to");
            }
            if (editionId != null && !c.origin().endsWith("/" + editionId)) {
                return failed("the receipt's checkpoint is of log " + c.origin() + ", not of edition " + editionId);
            }
            return this;
        }

        /** This outcome, failed when its (size, digest) pair is not among {@code published} ("size:hex" each). */
        public Checked anchored(java.util.Collection<String> published) {
            if (!ok || published.contains(logSize + ":" + digest)) {
                return this;
            }
            return failed("the proofs lead to digest " + digest + " for " + logSize
                    + " lines, which is not among the published digests given " + published);
        }
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
        List<String[]> rows = LogCodec.voteRows((Map<String, Object>) line.data().get("votes"), line.v());
        List<byte[]> voteLeaves = LineHashes.voteLeaves(rows, line.v());
        List<byte[]> prefix = lineHashes.subList(0, (int) logSize);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", (long) line.v());
        r.put("editionId", line.data().get("editionId"));
        r.put("seq", line.seq());
        r.put("entry", entryJson(rows.get(voteIndex), line.v()));
        r.put("voteIndex", (long) voteIndex);
        r.put("groupSize", (long) rows.size());
        r.put("votePath", hex(Merkle.inclusionProof(voteLeaves, voteIndex)));
        r.put("header", Hex.of(LineHashes.headerLeaf(line, rows.size())));
        // the header's own fields, so a checker recomputes the header and with it binds groupSize and seq
        Map<String, Object> group = new TreeMap<>();
        group.put("at", line.at());
        Map<String, Object> data = new TreeMap<>(line.data());
        data.remove("votes");
        group.put("data", data);
        r.put("group", group);
        r.put("logSize", logSize);
        r.put("linePath", hex(Merkle.inclusionProof(prefix, (int) (line.seq() - 1))));
        r.put("logDigest", Hex.of(Merkle.root(prefix)));
        return r;
    }

    /** One vote row as the entry object of format {@code v}. */
    public static Map<String, Object> entryJson(String[] row, int v) {
        List<String> fields = LogCodec.voteFields(v);
        Map<String, Object> entry = new TreeMap<>();
        for (int i = 0; i < row.length; i++) {
            entry.put(fields.get(i), row[i]);
        }
        return entry;
    }

    /** Checks a receipt (as parsed JSON) on its own: the entry, through both proofs, gives the log digest. */
    public static Checked check(Map<String, Object> receipt) {
        String voteId = null;
        try {
            int v = format(receipt);
            List<String> fields = LogCodec.voteFields(v);
            Map<?, ?> entry = (Map<?, ?>) receipt.get("entry");
            String[] row = new String[fields.size()];
            for (int i = 0; i < row.length; i++) {
                Object value = entry.get(fields.get(i));
                if (value != null && !(value instanceof String)) {
                    throw new IllegalArgumentException("entry." + fields.get(i) + " is not a string");
                }
                row[i] = (String) value;
            }
            if (entry.size() != row.length) {
                throw new IllegalArgumentException("the entry has fields other than " + fields);
            }
            voteId = row[LogCodec.VOTE_ID];
            byte[] leaf = Merkle.leafHash(LineHashes.voteEntry(row, v));
            byte[] votesRoot = Merkle.rootFromInclusionProof(number(receipt, "voteIndex"),
                    number(receipt, "groupSize"), leaf, paths(receipt, "votePath"));
            long seq = number(receipt, "seq");
            byte[] header = headerOf(receipt, seq, v);
            if (!Hex.of(header).equals(receipt.get("header"))) {
                throw new IllegalArgumentException("the group's fields give header " + Hex.of(header) + ", not "
                        + receipt.get("header"));
            }
            byte[] lineHash = Merkle.nodeHash(header, votesRoot);
            long size = number(receipt, "logSize");
            byte[] root = Merkle.rootFromInclusionProof(seq - 1, size, lineHash, paths(receipt, "linePath"));
            String digest = (String) receipt.get("logDigest");
            boolean ok = Hex.of(root).equals(digest);
            String claims = claimsDiffer(receipt, row);
            if (ok && claims != null) {
                return new Checked(false, voteId, digest, size, claims);
            }
            return new Checked(ok, voteId, digest, size, ok ? "the vote is line " + seq + "'s entry "
                    + number(receipt, "voteIndex") + " in the log of " + size + " lines with digest " + digest
                    : "the proofs lead to " + Hex.of(root) + ", not to the receipt's digest " + digest,
                    row[LogCodec.WORK_ID], row[LogCodec.DECISION], row[LogCodec.REASON], seq,
                    number(receipt, "voteIndex"));
        } catch (RuntimeException e) {
            return new Checked(false, voteId, null, -1, "not a valid receipt: " + e.getMessage());
        }
    }

    /** The header leaf from the receipt's own fields: the group line with its votes replaced by their count. */
    @SuppressWarnings("unchecked")
    private static byte[] headerOf(Map<String, Object> receipt, long seq, int v) {
        if (!(receipt.get("group") instanceof Map<?, ?> group) || !(group.get("data") instanceof Map<?, ?> data)
                || !(group.get("at") instanceof String at)) {
            throw new IllegalArgumentException("the receipt lacks its group's fields (group.at, group.data), so its "
                    + "groupSize and seq are not bound; ask the service for the receipt again");
        }
        Map<String, Object> fields = new TreeMap<>((Map<String, Object>) data);
        fields.put("votes", number(receipt, "groupSize"));
        Map<String, Object> content = new TreeMap<>();
        content.put("at", at);
        content.put("data", fields);
        content.put("seq", seq);
        content.put("type", LogCodec.VOTES_DECIDED);
        content.put("v", (long) v);
        return Merkle.leafHash(Canonical.bytes(content));
    }

    /**
     * Where the service's words beside the proof (the vote's id and decision) differ from the entry
     * the proof holds, what differs; null when they agree or are absent. Nothing else outside the
     * proof is taken on trust: the output names only what the entry says.
     */
    private static String claimsDiffer(Map<String, Object> receipt, String[] row) {
        String voteId = row[LogCodec.VOTE_ID];
        if (receipt.containsKey("voteId") && !voteId.equals(receipt.get("voteId"))) {
            return "the receipt names vote " + receipt.get("voteId") + ", its proof holds vote " + voteId;
        }
        if (receipt.get("decision") instanceof Map<?, ?> claimed) {
            // format 1's entry holds the voter's id too; format 2's only its pseudonym, which the words do not name
            List<String> fields = LogCodec.voteFields(format(receipt));
            for (String field : List.of("decision", "reason", "workId", "voterId")) {
                int at = fields.indexOf(field);
                if (at >= 0 && claimed.containsKey(field) && !java.util.Objects.equals(claimed.get(field), row[at])) {
                    return "the receipt says " + field + " " + claimed.get(field) + ", its proof's entry says "
                            + row[at];
                }
            }
        } else if (receipt.containsKey("decision")) {
            return "the receipt's decision is not an object";
        }
        return null;
    }

    /** The receipt's format: its {@code v}, 1 when absent (receipts written before format 2 carried 1). */
    private static int format(Map<String, Object> receipt) {
        Object v = receipt.get("v");
        if (v == null) {
            return LogLine.RAW;
        }
        if (!(v instanceof Number n) || !LogLine.known(n.longValue())) {
            throw new IllegalArgumentException("v must be 1 or 2");
        }
        return n.intValue();
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
