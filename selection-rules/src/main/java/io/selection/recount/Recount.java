package io.selection.recount;

import io.selection.voting.VoteCount;
import io.selection.common.Ratio;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.rules.Standing;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoterBook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The recount: every list of an edition computed again from its events alone, as a pure fold in
 * log order. It keeps what the log says was published (the shortlist with its amendments, the
 * certified tallies, the winners) beside what the rules give at each point, and can decide every
 * vote again. The verifier, the server's own audit, the certification of the tallies and the
 * tallies read model all call this one class; no Spring, no Axon, no clock.
 */
public final class Recount {

    /** Told of a logged vote decision that the rules, applied again, do not give. */
    public interface VoteMismatch {
        void found(long seq, VoteDecision recorded, VoteDecision expected);
    }

    private final Standing standing = new Standing();
    private final VoteCount votes;
    private TalliesCertifiedEvent certified;
    private ResultsPublishedEvent results;
    private final VoterBook book;
    private final VoteMismatch mismatch;

    /** A recount that counts votes as logged, without deciding them again. */
    public Recount() {
        this(null);
    }

    /** A recount that also decides every vote again and reports each decision the rules do not give. */
    public Recount(VoteMismatch mismatch) {
        this(true, mismatch);
    }

    /**
     * A recount of everything but the votes: the edition, its works, scores and published lists.
     * No memory a vote; asking it for vote counts ({@link #votes()}, {@link #shortlistTallies()},
     * the final ranking) is a mistake it refuses.
     */
    public static Recount listsOnly() {
        return new Recount(false, null);
    }

    private Recount(boolean countVotes, VoteMismatch mismatch) {
        this.votes = countVotes ? new VoteCount() : null;
        this.mismatch = mismatch;
        this.book = mismatch == null ? null : new VoterBook(false); // the recount counts ids itself
    }

    /** Folds line {@code seq} of the log in. */
    public void apply(long seq, EditionEvent event) {
        standing.apply(seq, event); // the edition, its works, scores and lists: folded once, as the aggregate folds them
        if (event instanceof VotesDecidedEvent e) {
            onVotes(e);
        } else if (event instanceof VotesInvalidatedEvent e && votes != null) {
            votes.invalidate(e.voteIds());
        } else if (event instanceof TalliesCertifiedEvent e) {
            certified = e;
        } else if (event instanceof ResultsPublishedEvent e) {
            results = e;
        }
    }

    // ---- the votes ----

    private void onVotes(VotesDecidedEvent e) {
        if (votes == null) {
            return;
        }
        if (book == null) { // counted as logged, column by column: no object per vote
            VoteGroup g = e.votes();
            int[] slots = votes.slots(g);
            for (int i = 0; i < g.size(); i++) {
                votes.decided(g, i, slots);
            }
            return;
        }
        VoteGroup g = e.votes();
        int[] slots = votes.slots(g);
        // counted as logged (by the id hashes the group keeps), the whole group in one tight loop: each
        // vote's probe of the id table is a cache miss, and a loop of nothing else lets the processor
        // wait for several at once
        boolean[] first = new boolean[g.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = votes.decided(g, i, slots);
        }
        for (int i = 0; i < g.size(); i++) {
            // every entry is also decided again, as a check. A later entry under an id already decided (a
            // duplicate) counts nowhere, in no tally and in no voter's daily limits: it is judged against
            // the voters' days as they stand, and remembered by nobody.
            Vote vote = new Vote(g.voteId(i), g.voterId(i), g.workId(i), g.castAt(i), g.receivedAt(i), g.ip(i),
                    g.device(i));
            VoteDecision expected = first[i] ? book.decide(vote, standing.voting()).decision()
                    : book.evaluate(vote, standing.voting());
            if (expected == null || !sameDecision(g, i, expected)) {
                mismatch.found(seq(), g.record(i), expected);
            }
        }
    }

    private static boolean sameDecision(VoteGroup g, int i, VoteDecision b) {
        long day = g.epochDay(i);
        return g.decision(i) == b.decision() && g.reason(i) == b.reason() && Objects.equals(g.category(i), b.category())
                && (day == VoteGroup.NO_DAY ? b.day() == null : b.day() != null && b.day().toEpochDay() == day)
                && g.workId(i).equals(b.workId()) && g.voterId(i).equals(b.voterId());
    }

    // ---- the lists, as the rules give them now ----

    /** The shortlist the rules give now: per category, the head of the preliminary ranking. */
    public Map<String, List<ListedWork>> shortlistByRules() {
        Map<String, List<ListedWork>> lists = new TreeMap<>();
        for (Category category : rules().categories()) {
            lists.put(category.code(), ShortlistRanking.places(shortlistCandidates(category.code()),
                    category.shortlistQuota()));
        }
        return lists;
    }

    /** The work that takes the freed place of a category now (null when none is left), by the rules. */
    public ListedWork nextOnShortlist(String category) {
        List<String> on = standing.voting().shortlist(category);
        ShortlistRanking.Candidate next = ShortlistRanking.next(shortlistCandidates(category), on);
        return next == null ? null : new ListedWork(on.size() + 1, next.workId(), next.preliminaryScore().toDisplay());
    }

    /** Valid votes of each work on the shortlist as it stands, by category: what certification fixes. */
    public Map<String, Map<String, Long>> shortlistTallies() {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        if (standing.shortlistPublished()) {
            standing.voting().shortlist().forEach((category, places) -> {
                Map<String, Long> perWork = new TreeMap<>();
                places.forEach(p -> perWork.put(p.workId(), votes().valid(p.workId())));
                byCategory.put(category, perWork);
            });
        }
        return byCategory;
    }

    /** The winners the rules give now, per category. */
    public Map<String, List<Winner>> winnersByRules() {
        Map<String, List<Winner>> winners = new TreeMap<>();
        for (Category category : rules().categories()) {
            winners.put(category.code(), FinalRanking.places(finalCandidates(category.code()), rules().weights(),
                    category.finalQuota()));
        }
        return winners;
    }

    /** Every work of the category still in the running, with its preliminary score. */
    public List<ShortlistRanking.Candidate> shortlistCandidates(String category) {
        return standing.shortlistCandidates(category);
    }

    /** The shortlisted works of the category still in the running, with jury score and valid votes. */
    public List<FinalRanking.Candidate> finalCandidates(String category) {
        VoteCount count = votes();
        return standing.finalCandidates(category, count::valid);
    }

    public Ratio juryScore(String workId) {
        return standing.score(work(workId), Round.FINAL);
    }

    // ---- what the log says ----

    /** The edition's standing: what the rules ({@link io.selection.rules.Rulebook}) check the next line against. */
    public Standing standing() {
        return standing;
    }

    public String editionId() {
        return standing.editionId();
    }

    public EditionRules rules() {
        return standing.rules();
    }

    public Stage stage() {
        return standing.stage();
    }

    /** The last line folded in. */
    public long seq() {
        return standing.seq();
    }

    /** The shortlist as logged (published, then amended), or null before it is published. */
    public Map<String, List<ListedWork>> shortlist() {
        return standing.shortlistPublished() ? standing.voting().shortlist() : null;
    }

    public TalliesCertifiedEvent certified() {
        return certified;
    }

    public ResultsPublishedEvent results() {
        return results;
    }

    public VoteCount votes() {
        if (votes == null) {
            throw new IllegalStateException("a lists-only recount counts no votes");
        }
        return votes;
    }

    /** Which category the work was submitted in, or null. */
    public String categoryOf(String workId) {
        Standing.WorkFacts w = standing.work(workId);
        return w == null ? null : w.category();
    }

    private Standing.WorkFacts work(String workId) {
        Standing.WorkFacts w = standing.work(workId);
        if (w == null) {
            throw new IllegalStateException("line " + seq() + " names work " + workId + ", which was never submitted");
        }
        return w;
    }
}
