package io.selection.audit.verifier;

import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Merkle;

import io.selection.events.EditionEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.voting.VoteGroup;

/**
 * What became of one vote id in an edition's log, for a receipt checked against the export
 * ({@code receipt --log}): which entry was its first decision (the one that counts: docs/rules.md,
 * "One vote id is one vote"), whether an invalidation took it, and at which line, before or after
 * the size a receipt is proven against. It also builds the tree head of the first {@code logSize}
 * lines, so the export can be shown to be the log the receipt's digest is of.
 */
public final class VoteFate {

    private final String voteId;
    private final long logSize;
    private final Merkle.Builder tree = new Merkle.Builder();
    private long firstSeq = -1;
    private int firstIndex = -1;
    private String firstDecision;
    private String firstReason;
    private String firstWork;
    private long invalidatedSeq = -1;
    private String invalidatedSet;

    public VoteFate(String voteId, long logSize) {
        this.voteId = voteId;
        this.logSize = logSize;
    }

    /** The next line of the log: its place, its hash as the verifier computes it, its event. */
    public void accept(long seq, byte[] hash, EditionEvent event) {
        if (seq <= logSize) {
            tree.append(hash);
        }
        if (firstSeq < 0 && event instanceof VotesDecidedEvent e) {
            VoteGroup g = e.votes();
            for (int i = 0; i < g.size(); i++) {
                if (voteId.equals(g.voteId(i))) {
                    firstSeq = seq;
                    firstIndex = i;
                    firstDecision = g.decision(i).name();
                    firstReason = g.reason(i) == null ? null : g.reason(i).name();
                    firstWork = g.workId(i);
                    break;
                }
            }
        } else if (invalidatedSeq < 0 && event instanceof VotesInvalidatedEvent e && e.voteIds() != null
                && e.voteIds().contains(voteId) && "ACCEPTED".equals(firstDecision)) {
            invalidatedSeq = seq;
            invalidatedSet = e.setId();
        }
    }

    /** The tree head of the first {@code logSize} lines read, or null while fewer were read. */
    public String digest() {
        return tree.size() == logSize ? Hex.of(tree.root()) : null;
    }

    /**
     * Says whether the entry at line {@code seq}, index {@code index} is counted in the tallies of
     * the first {@code logSize} lines, and why, naming the lines; and what happened after them.
     */
    public String describe(long seq, long index) {
        if (firstSeq < 0) {
            return "the log holds no entry under vote id " + voteId;
        }
        if (firstSeq != seq || firstIndex != index) {
            return "not counted: vote id " + voteId + " was first decided at line " + firstSeq + " (entry " + firstIndex
                    + ", " + firstDecision + (firstReason == null ? "" : " " + firstReason) + ", work " + firstWork
                    + "); this entry, at line " + seq + ", is a later one under the same id and counts nowhere";
        }
        if (!"ACCEPTED".equals(firstDecision)) {
            return "counted as a refusal (" + firstReason + ") in the tallies of the first " + logSize + " lines";
        }
        if (invalidatedSeq > 0 && invalidatedSeq <= logSize) {
            return "not counted: invalidated at line " + invalidatedSeq + " (set " + invalidatedSet
                    + "), within the first " + logSize + " lines";
        }
        String counted = "counted: one of work " + firstWork + "'s valid votes in the tallies of the first " + logSize
                + " lines";
        return invalidatedSeq > 0 ? counted + "; invalidated later, at line " + invalidatedSeq + " (set "
                + invalidatedSet + "), so not counted in the tallies after it" : counted;
    }

    /** Whether the entry at line {@code seq}, index {@code index} counts as an accepted vote at {@code logSize}. */
    public boolean counted(long seq, long index) {
        return firstSeq == seq && firstIndex == index && "ACCEPTED".equals(firstDecision)
                && (invalidatedSeq < 0 || invalidatedSeq > logSize);
    }
}
