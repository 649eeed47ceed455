package io.selection.audit.verifier;

import io.selection.audit.format.Hex;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;
import io.selection.audit.format.Pseudonyms;
import io.selection.audit.proofs.LineHashes;
import io.selection.audit.proofs.ListDigests;
import io.selection.audit.proofs.Checkpoint;
import io.selection.audit.proofs.Merkle;
import io.selection.audit.proofs.NoteKey;
import io.selection.audit.proofs.SignedNote;

import io.selection.common.DomainException;
import io.selection.rules.Rulebook;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.recount.Recount;
import io.selection.voting.VoteCount;
import io.selection.results.ListedWork;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks an edition's exported log line by line, trusting nothing the server says: each line's
 * hash and the chain; every vote decided again; the shortlist with its backfills, the certified
 * tallies with their invalidations and the winners recomputed and compared with what the log
 * says was published; every published log digest recomputed, and each shown to extend the one
 * before (an RFC 9162 consistency proof). Lines come in order; memory is 32 bytes a line plus the
 * recount's (about 60 bytes a vote).
 */
public final class Verifier {

    private final Report report = new Report();
    private final Report.Check format = report.add("format", "export format v1 or v2 (docs/audit.md): parseable lines of one format, seq from 1 "
            + "without gaps, one edition; in v2, pseudonyms where the raw values would be");
    private final Report.Check lineHashes = report.add("line hashes", "each line's hash is the hash of its content (docs/audit.md)");
    private final Report.Check chain = report.add("hash chain", "each line chains to the one before it (docs/audit.md)");
    private final Report.Check head = report.add("log head", "the closing line names the size, digest and chain of the whole log");
    private final Report.Check stages = report.add("stages", "docs/rules.md Stages: forward only, one at a time, with every work scored before a list is published");
    private final Report.Check decisions = report.add("vote decisions", "docs/rules.md Votes: every entry decided again (window, shortlist, disqualified, daily limits, clock skew; a later entry under a decided id counts nowhere)");
    private final Report.Check shortlistCheck = report.add("shortlist", "docs/rules.md Scores and the shortlist: trimmed means, quotas, ties");
    private final Report.Check backfills = report.add("shortlist backfills", "docs/rules.md Disqualification: the next in rank takes the place");
    private final Report.Check invalidations = report.add("invalidations", "docs/rules.md Suspicious votes: an invalidation takes exactly its set's members, recomputed from its rule, key and window; a vote is invalidated at most once");
    private final Report.Check tallies = report.add("certified tallies", "docs/rules.md Counting: one id one vote, valid = accepted - invalidated");
    private final Report.Check winners = report.add("winners", "docs/rules.md Final score and winners: 70/30, ties, disqualification");
    private final Report.Check digests = report.add("published digests", "each published list names the log digest and list digest that the log gives");
    private final Report.Check consistency = report.add("digest consistency", "each published log digest extends the one before (RFC 9162 consistency proof)");
    private final Report.Check ruleCheck = report.add("rules", "docs/rules.md: every line is one the rulebook lets through at its place (works, reviewers, scores, disqualifications, invalidations)");
    private final Report.Check checkpointCheck = report.add("checkpoints", "each signed checkpoint the export carries, and each one kept from earlier (verify --since), is the tree head of the file's first size lines under this edition's origin; with the log's key (verify --key) each is signed by it and the export carries at least one");
    private final Report.Check times = report.add("times", "docs/rules.md Times of the lines: a vote group is dated by its latest receipt, and no line is dated after a command line committed later (beyond " + LineTimes.MAX_BEHIND.toMinutes() + " minutes)");

    private final Recount recount = new Recount(this::voteMismatch);
    private final LineTimes lineTimes = new LineTimes();
    /** The members of each invalidated set, gathered as the votes go by (the sets are told beforehand: {@link #watch}). */
    private VoteSet.Members members = new VoteSet.Members(List.of());
    private final List<byte[]> hashes = new ArrayList<>();
    private final Merkle.Builder tree = new Merkle.Builder();
    private byte[] chainHead = LineHashes.CHAIN_START;
    private String edition;
    private long expectedSeq = 1;
    private long decisionsSeen;
    private long publishedSize = -1;
    /** A listed work disqualified by line {@code pendingSeq}, whose place the next line must refill. */
    private String pendingBackfill;
    private long pendingSeq;
    private byte[] publishedDigest;
    private boolean sawHead;
    private boolean broken;
    /** The format of the file's lines, set by the first (0 before it). */
    private int version;
    /** The log's keys the auditor trusts (verify --key); none: signatures are not checked. */
    private List<NoteKey> logKeys = List.of();
    /** Signed checkpoints: those the closing line carries, then those the auditor kept, each with where it came from. */
    private final List<Map.Entry<String, String>> checkpointNotes = new ArrayList<>();
    private int carriedCheckpoints;
    /** The witnesses the auditor trusts (verify --witness) and how many must cosign a carried checkpoint. */
    private List<NoteKey> witnessKeys = List.of();
    private int witnessThreshold;

    /**
     * A line with the work that does not depend on the lines before it already done: its hash and
     * its event (or why it has none). Making one is thread-safe, so a reader can prepare lines on
     * one core while the verifier, on another, takes them in order.
     */
    public record Prepared(LogLine line, byte[] hash, EditionEvent event, String error, String personalData) {
    }

    public static Prepared prepare(LogLine line) {
        if (!LogLine.known(line.v())) {
            return new Prepared(line, null, null, null, null);
        }
        try {
            List<String[]> rows = LogCodec.VOTES_DECIDED.equals(line.type()) ? LogCodec.voteRows(line) : null;
            EditionEvent event = LogCodec.decode(line, rows);
            if (event instanceof VotesDecidedEvent votes) {
                votes.votes().hashed(); // on the preparing thread, not the verifier's
            }
            return new Prepared(line, LineHashes.hash(line, rows), event, null,
                    line.v() == LogLine.PUBLIC ? personalData(line, rows) : null);
        } catch (RuntimeException e) {
            return new Prepared(line, null, null, e.getMessage(), null);
        }
    }

    /**
     * In a line of the public log (format 2), the first value where a pseudonym belongs that is not
     * one (32 lowercase hex digits): a raw voter id, address or device the public log must not
     * carry; null when there is none.
     */
    static String personalData(LogLine line, List<String[]> rows) {
        if (rows != null) {
            int[] columns = {LogCodec.VOTER, LogCodec.IP, LogCodec.DEVICE};
            for (int i = 0; i < rows.size(); i++) {
                for (int c : columns) {
                    String value = rows.get(i)[c];
                    if (value != null && !Pseudonyms.looksLikeOne(value)) {
                        return "votes." + LogCodec.PUBLIC_VOTE_FIELDS.get(c) + "[" + i + "]";
                    }
                }
            }
        } else if ("VotesInvalidated".equals(line.type()) && line.data().get("key") instanceof String key
                && !Pseudonyms.looksLikeOne(key)) {
            return "key";
        }
        return null;
    }

    /**
     * The sets the log's invalidations define, told before the first line (one cheap pass finds
     * them: {@link #invalidations}), so their members are gathered as the votes go by and each
     * invalidation can be held to exactly its set's members without keeping every vote.
     */
    public Verifier watch(Collection<VoteSet> sets) {
        if (!hashes.isEmpty()) {
            throw new IllegalStateException("the sets are watched from the first line");
        }
        members = new VoteSet.Members(sets);
        return this;
    }

    /** The sets defined by the invalidation lines among {@code lines}, for {@link #watch}. */
    public static List<VoteSet> invalidations(Iterable<LogLine> lines) {
        List<VoteSet> sets = new ArrayList<>();
        for (LogLine line : lines) {
            VoteSet set = invalidation(line);
            if (set != null) {
                sets.add(set);
            }
        }
        return sets;
    }

    /** The set an invalidation line defines; null for any other line, or one that cannot be read. */
    public static VoteSet invalidation(LogLine line) {
        if (!"VotesInvalidated".equals(line.type())) {
            return null;
        }
        try {
            return ((VotesInvalidatedEvent) LogCodec.decode(line)).definition();
        } catch (RuntimeException e) {
            return null; // the verifier names the line when it reaches it
        }
    }

    /** Checks the next line of the file. */
    public void accept(LogLine line) {
        accept(prepare(line));
    }

    /** Checks the next line of the file, prepared by {@link #prepare}. */
    public void accept(Prepared prepared) {
        LogLine line = prepared.line();
        long seq = line.seq();
        if (!LogLine.known(line.v()) || version != 0 && line.v() != version) {
            format.fail(seq, "format version " + line.v() + ", expected " + (version == 0 ? "1 or 2" : version));
            broken = true;
            return;
        }
        version = line.v();
        if (prepared.personalData() != null) {
            format.fail(seq, "a line of the public log (format 2) holds a raw value where a pseudonym belongs: "
                    + prepared.personalData() + " is not 32 lowercase hex digits");
        }
        if (sawHead) {
            format.fail(seq, "a line after the closing line");
        }
        if (seq != expectedSeq) {
            format.fail(Math.min(seq, expectedSeq), "expected seq " + expectedSeq + ", found " + seq);
        }
        byte[] hash = prepared.hash();
        EditionEvent event = prepared.event();
        if (prepared.error() != null || hash == null || event == null) {
            format.fail(seq, "unreadable " + line.type() + " line: " + prepared.error());
            broken = true;
            expectedSeq = seq + 1;
            return;
        }
        if (event.editionId() == null || event.editionId().isBlank()) {
            format.fail(seq, "a " + line.type() + " line names no edition");
            broken = true;
            expectedSeq = seq + 1;
            return;
        }
        if (edition == null) {
            edition = event.editionId();
        }
        format.check(seq == expectedSeq && edition.equals(event.editionId()), seq,
                "line of edition " + event.editionId() + " in the log of " + edition);
        expectedSeq = seq + 1;
        lineHashes.check(Hex.of(hash).equals(line.hash()), seq, "hash " + line.hash() + " but content gives "
                + Hex.of(hash));
        byte[] expectedChain = LineHashes.chain(chainHead, hash);
        chain.check(Hex.of(expectedChain).equals(line.chain()), seq, "chain " + line.chain() + ", expected "
                + Hex.of(expectedChain));
        // go on from the chain as the file states it, so only the first changed line is named
        chainHead = line.chain() != null && line.chain().length() == 64 ? parseOr(line.chain(), expectedChain)
                : expectedChain;
        LineTimes.Violation late = lineTimes.accept(seq, line.at(), event);
        if (late == null) {
            times.pass();
        } else {
            times.fail(late.seq(), late.why());
        }
        checkBefore(seq, event);
        hashes.add(hash);
        tree.append(hash);
        try {
            recount.apply(seq, event);
            members.accept(event);
        } catch (RuntimeException e) {
            format.fail(seq, "the line does not fit the log before it: " + e.getMessage());
            broken = true;
        }
        checkAfter(seq, event);
    }

    /** A line of the file that is not JSON at all; {@code seq} is where it stands. */
    public void unreadable(long seq, String why) {
        format.fail(seq, "not a line of the format: " + why);
        broken = true;
        expectedSeq = seq + 1;
    }

    /**
     * Checks every checkpoint against these keys of the log (C2SP signed-note verifier keys): each
     * must be signed by one, and the export must carry at least one.
     */
    public Verifier trusting(Collection<NoteKey> keys) {
        this.logKeys = List.copyOf(keys);
        return this;
    }

    /**
     * Requires a checkpoint the export carries to be cosigned by at least {@code threshold} of these
     * witnesses (C2SP tlog-cosignature keys), each cosignature verifying.
     */
    public Verifier witnessedBy(Collection<NoteKey> witnesses, int threshold) {
        this.witnessKeys = List.copyOf(witnesses);
        this.witnessThreshold = threshold;
        return this;
    }

    /** A signed checkpoint kept from earlier ({@code from}: where, for the report): the file must extend it. */
    public Verifier since(String from, String note) {
        checkpointNotes.add(Map.entry(from, note));
        return this;
    }

    /** The signed checkpoints the closing line carries ({"head":{...,"checkpoints":[note, ...]}}). */
    public void acceptCheckpoints(List<String> notes) {
        for (String note : notes) {
            checkpointNotes.add(carriedCheckpoints++, Map.entry("the export", note));
        }
    }

    /** The closing line: {"head":{"size","digest","chain"}}. */
    public void acceptHead(long size, String digest, String chainHex) {
        acceptHead(size, digest, chainHex, version == 0 ? LogLine.RAW : version);
    }

    /** The closing line, of format {@code v}: the lines' own. */
    /** The format of the lines read so far: 1, 2, or 0 before the first. */
    public int version() {
        return version;
    }

    public void acceptHead(long size, String digest, String chainHex, int v) {
        sawHead = true;
        format.check(version == 0 || v == version, hashes.size() + 1, "a closing line of format " + v
                + " after lines of format " + version);
        long n = hashes.size();
        head.check(size == n, n + 1, "the closing line says " + size + " lines, the file has " + n);
        head.check(Objects.equals(digest, Hex.of(tree.root())), n + 1, "closing digest " + digest
                + " but the lines give " + Hex.of(tree.root()));
        head.check(Objects.equals(chainHex, Hex.of(chainHead)), n + 1, "closing chain " + chainHex
                + " but the lines give " + Hex.of(chainHead));
    }

    /**
     * Each checkpoint opened (with the trusted keys), read, and held to the root of the file's first
     * {@code size} line hashes, computed in one pass over the hashes in order of size. A failure is
     * reported at the checkpoint's size, so the first that differs is the smallest size named.
     */
    private void checkCheckpoints() {
        record Held(String from, Checkpoint checkpoint) {
        }
        List<Held> held = new ArrayList<>();
        List<NoteKey> keys = new ArrayList<>(logKeys);
        keys.addAll(witnessKeys);
        int mostWitnesses = 0;
        long mostWitnessedSize = -1;
        int position = 0;
        for (Map.Entry<String, String> note : checkpointNotes) {
            boolean carried = position++ < carriedCheckpoints;
            String from = note.getKey();
            SignedNote.Opened opened;
            Checkpoint checkpoint;
            try {
                opened = SignedNote.open(note.getValue(), keys);
                checkpoint = Checkpoint.of(opened);
            } catch (IllegalArgumentException e) {
                checkpointCheck.fail(hashes.size() + 1, "a checkpoint of " + from + " is not a signed checkpoint: "
                        + e.getMessage());
                continue;
            }
            if (!logKeys.isEmpty() && logKeys.stream().noneMatch(opened::signedBy)) {
                checkpointCheck.fail(Math.max(1, checkpoint.size()), "the checkpoint of size " + checkpoint.size()
                        + " of " + from + " is not signed by the log's key " + logKeys.get(0).name());
                continue;
            }
            if (edition != null && !checkpoint.origin().endsWith("/" + edition)) {
                checkpointCheck.fail(Math.max(1, checkpoint.size()), "the checkpoint of size " + checkpoint.size()
                        + " of " + from + " is of log " + checkpoint.origin() + ", not of edition " + edition);
                continue;
            }
            if (checkpoint.size() > hashes.size()) {
                checkpointCheck.fail(hashes.size() + 1, "the checkpoint of size " + checkpoint.size() + " of " + from
                        + " is beyond the file's " + hashes.size() + " lines: the file does not extend it");
                continue;
            }
            held.add(new Held(from, checkpoint));
            if (carried) {
                int witnesses = (int) witnessKeys.stream().filter(opened::signedBy).count();
                if (witnesses > mostWitnesses || witnesses == mostWitnesses && checkpoint.size() > mostWitnessedSize) {
                    mostWitnesses = witnesses;
                    mostWitnessedSize = checkpoint.size();
                }
            }
        }
        if (witnessThreshold > 0 && mostWitnesses < witnessThreshold) {
            checkpointCheck.fail(hashes.size() + 1, "no checkpoint the export carries is cosigned by "
                    + witnessThreshold + " of the " + witnessKeys.size() + " witnesses given (the most: "
                    + mostWitnesses + ")");
        }
        if (!logKeys.isEmpty() && carriedCheckpoints == 0 && sawHead) {
            checkpointCheck.fail(hashes.size() + 1, "the export carries no signed checkpoint of the log: nothing ties"
                    + " its digests to the log's key");
        }
        held.sort(Comparator.comparingLong(h -> h.checkpoint().size()));
        Merkle.Builder roots = new Merkle.Builder();
        int added = 0;
        for (Held h : held) {
            long size = h.checkpoint().size();
            while (added < size) {
                roots.append(hashes.get(added++));
            }
            byte[] root = size == 0 ? Merkle.emptyRoot() : roots.root();
            checkpointCheck.check(Arrays.equals(root, h.checkpoint().root()), Math.max(1, size),
                    "the checkpoint of size " + size + " of " + h.from() + " has root "
                            + Base64.getEncoder().encodeToString(h.checkpoint().root())
                            + "; the file's first " + size + " lines give "
                            + Base64.getEncoder().encodeToString(root));
        }
    }

    public Report finish() {
        if (!sawHead) {
            head.fail(hashes.size() + 1, "the file ends without its closing line: truncated after seq "
                    + hashes.size());
        }
        if (hashes.isEmpty()) {
            format.fail(1, "the file holds no line of an edition's log");
        }
        checkCheckpoints();
        if (pendingBackfill != null && !broken) {
            backfills.fail(pendingSeq, "listed work " + pendingBackfill + " was disqualified by the last line, "
                    + "and no line gives its place to the next in rank");
        }
        VoteCount votes = recount.votes();
        decisions.items = Math.max(decisions.items, decisionsSeen);
        report.format = version == 0 ? LogLine.RAW : version;
        report.summary.put("edition", edition);
        report.summary.put("lines", (long) hashes.size());
        report.summary.put("stage", recount.stage() == null ? null : recount.stage().name());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("decisions", decisionsSeen);
        v.put("distinctIds", votes.votes());
        v.put("duplicateIds", votes.duplicates());
        v.put("accepted", votes.accepted());
        v.put("refused", votes.refused());
        report.summary.put("votes", v);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("size", (long) hashes.size());
        h.put("digest", Hex.of(tree.root()));
        h.put("chain", Hex.of(chainHead));
        report.summary.put("head", h);
        if (recount.rules() != null && recount.shortlist() != null) {
            report.summary.put("tallies", LogCodec.tallies(recount.shortlistTallies(), votes.refused()));
        }
        return report;
    }

    // ---- the recount against what was published ----

    private void checkBefore(long seq, EditionEvent event) {
        if (broken || recount.rules() == null && !(event instanceof io.selection.events.EditionCreatedEvent)) {
            return;
        }
        if (pendingBackfill != null) {
            backfills.check(event instanceof ShortlistAmendedEvent a && a.removedWorkId().equals(pendingBackfill),
                    pendingSeq, "listed work " + pendingBackfill + " was disqualified, but the next line does not "
                            + "give its place to the next in rank");
            pendingBackfill = null;
        }
        if (event instanceof io.selection.events.WorkDisqualifiedEvent d && recount.shortlist() != null
                && recount.shortlist().values().stream().anyMatch(places -> places.stream()
                .anyMatch(p -> p.workId().equals(d.workId())))) {
            pendingBackfill = d.workId();
            pendingSeq = seq;
        }
        if (!(event instanceof VotesDecidedEvent)) {
            Report.Check check = event instanceof StageChangedEvent ? stages : ruleCheck;
            try {
                Rulebook.check(recount.standing(), event);
                check.pass();
            } catch (DomainException e) {
                check.fail(seq, LogCodec.type(event) + ": " + e.code() + ": " + e.getMessage());
            }
        }
        if (event instanceof VotesDecidedEvent e) {
            decisionsSeen += e.decisions().size();
        } else if (event instanceof ShortlistPublishedEvent e) {
            Map<String, List<ListedWork>> expected = recount.shortlistByRules();
            shortlistCheck.check(expected.equals(new TreeMap<>(e.categories())), seq,
                    "published " + LogCodec.shortlist(e.categories()) + ", the rules give "
                            + LogCodec.shortlist(expected));
            published(seq, e.published(), ListDigests.shortlist(e.categories()), "ShortlistPublished");
        } else if (event instanceof ShortlistAmendedEvent e) {
            ListedWork next = recount.nextOnShortlist(e.category());
            boolean removedOk = recount.shortlist() != null && recount.shortlist().getOrDefault(e.category(),
                    List.of()).stream().anyMatch(p -> p.workId().equals(e.removedWorkId()));
            backfills.check(removedOk && Objects.equals(next == null ? null : next.workId(), e.addedWorkId())
                            && Objects.equals(next == null ? null : next.preliminaryScore(), e.addedPreliminaryScore()),
                    seq, "removed " + e.removedWorkId() + ", added " + e.addedWorkId() + "; the rules give "
                            + (next == null ? "no work" : next.workId()));
        } else if (event instanceof VotesInvalidatedEvent e) {
            VoteSet set = e.definition();
            List<String> stated = e.voteIds() == null ? List.of() : e.voteIds();
            if (set != null) { // without one, the rules (check 14) refuse the line
                List<String> taken = members.of(set);
                invalidations.check(taken != null && taken.equals(e.voteIds()), seq, taken != null
                        ? "the event takes " + stated.size() + " votes, the set's rule (" + set.kind() + " "
                        + set.key() + ", " + LogCodec.time(set.from()) + " to " + LogCodec.time(set.to())
                        + ") gives " + taken.size() + firstDifference(stated, taken)
                        : VoteSet.KINDS.contains(set.kind()) && set.key() != null && set.from() != null && set.to() != null
                        ? "set " + e.setId() + " was not told to the verifier before the first line (Verifier.watch)"
                        : "set " + e.setId() + " is defined by no kind, key and window the rules know (check 14)");
            }
            Map<String, Long> expected = recount.votes().effectOf(stated);
            invalidations.check(expected.equals(new TreeMap<>(e.acceptedVotesPerWork())), seq,
                    "the event takes " + e.acceptedVotesPerWork() + ", the log gives " + expected);
        } else if (event instanceof TalliesCertifiedEvent e) {
            Map<String, Map<String, Long>> expected = recount.shortlistTallies();
            Map<String, Long> refused = recount.votes().refused();
            tallies.check(expected.equals(new TreeMap<>(e.validVotes())) && refused.equals(e.refusedVotes()), seq,
                    "certified " + LogCodec.tallies(e.validVotes(), e.refusedVotes()) + ", the log gives "
                            + LogCodec.tallies(expected, refused));
            published(seq, e.published(), ListDigests.tallies(e.validVotes(), e.refusedVotes()), "TalliesCertified");
        } else if (event instanceof ResultsPublishedEvent e) {
            Map<String, List<io.selection.results.Winner>> expected = recount.winnersByRules();
            winners.check(expected.equals(new TreeMap<>(e.categories())), seq, "published "
                    + LogCodec.winners(e.categories()) + ", the rules give " + LogCodec.winners(expected));
            published(seq, e.published(), ListDigests.winners(e.categories()), "ResultsPublished");
        }
    }

    private void checkAfter(long seq, EditionEvent event) {
        if (broken) {
            return;
        }
        if (event instanceof ShortlistAmendedEvent e) {
            published(seq, e.published(), ListDigests.shortlist(recount.shortlist()), "ShortlistAmended");
        } else if (event instanceof VotesInvalidatedEvent e) {
            published(seq, e.published(), ListDigests.tallies(recount.shortlistTallies(), recount.votes().refused()),
                    "VotesInvalidated");
        }
    }

    private void published(long seq, Published p, String listDigest, String type) {
        if (p == null || p.logSize() == null) {
            digests.fail(seq, type + " names no log digest");
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", seq);
        entry.put("type", type);
        entry.put("logSize", p.logSize());
        entry.put("logDigest", p.logDigest());
        entry.put("listDigest", p.listDigest());
        report.published.add(entry);
        long size = p.logSize();
        if (size < 0 || size >= seq || size > hashes.size()) {
            digests.fail(seq, type + " rests on " + size + " lines, before line " + seq);
            return;
        }
        List<byte[]> prefix = hashes.subList(0, (int) size);
        byte[] root = Merkle.root(prefix);
        digests.check(Hex.of(root).equals(p.logDigest()), seq, type + " names log digest " + p.logDigest()
                + " of " + size + " lines; they give " + Hex.of(root));
        digests.check(listDigest.equals(p.listDigest()), seq, type + " names list digest " + p.listDigest()
                + "; its list gives " + listDigest);
        byte[] stated = parseOr(p.logDigest(), null);
        if (publishedDigest != null && stated != null) {
            boolean extends_ = size >= publishedSize && (size == publishedSize ? Arrays.equals(stated, publishedDigest)
                    : Merkle.verifyConsistency(publishedSize, size, publishedDigest, stated,
                    Merkle.consistencyProof(prefix, (int) publishedSize)));
            consistency.check(extends_, seq, type + "'s log digest does not extend the one published at size "
                    + publishedSize);
        } else if (stated != null) {
            consistency.pass();
        }
        if (stated != null) {
            publishedSize = size;
            publishedDigest = stated;
        }
    }

    private void voteMismatch(long seq, VoteDecision recorded, VoteDecision expected) {
        decisions.fail(seq, "vote " + recorded.voteId() + " recorded " + recorded.decision()
                + (recorded.reason() == null ? "" : " " + recorded.reason()) + ", the rules give "
                + (expected == null ? "nothing" : expected.decision() + (expected.reason() == null ? ""
                : " " + expected.reason())));
    }

    private static String firstDifference(List<String> stated, List<String> members) {
        for (int i = 0; i < Math.max(stated.size(), members.size()); i++) {
            String a = i < stated.size() ? stated.get(i) : null;
            String b = i < members.size() ? members.get(i) : null;
            if (!Objects.equals(a, b)) {
                return "; first difference at " + (i + 1) + ": the event has " + (a == null ? "nothing" : a)
                        + ", the set " + (b == null ? "nothing" : b);
            }
        }
        return "";
    }

    private static byte[] parseOr(String hex, byte[] fallback) {
        try {
            return Hex.parse(hex);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
