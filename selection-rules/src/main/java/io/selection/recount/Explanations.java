package io.selection.recount;

import io.selection.voting.VoteCount;
import io.selection.common.Ratio;
import io.selection.edition.Category;
import io.selection.edition.Stage;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.recount.Explanation.Change;
import io.selection.recount.Explanation.Disqualification;
import io.selection.recount.Explanation.Final;
import io.selection.recount.Explanation.Invalidation;
import io.selection.recount.Explanation.Outcome;
import io.selection.recount.Explanation.Place;
import io.selection.recount.Explanation.Ranking;
import io.selection.recount.Explanation.Replaced;
import io.selection.recount.Explanation.Score;
import io.selection.recount.Explanation.Scores;
import io.selection.recount.Explanation.Shortlist;
import io.selection.recount.Explanation.Statement;
import io.selection.recount.Explanation.Tie;
import io.selection.recount.Explanation.Votes;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.TieBreak;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.review.TrimmedMean;
import io.selection.voting.VoteGroup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The edition's log folded for explanations: the one {@link Recount} (every list and count by the
 * rules that own them) plus, for every work, the line behind each fact about it (its submission,
 * each score and what it replaced, its disqualification, the amendments of its shortlist, the last
 * change of its valid votes, each invalidation that took some). {@link #explain} then answers for
 * any work as of the last line folded. A pure fold in log order: no clock, no randomness; folding
 * further lines into it later continues it exactly.
 */
public final class Explanations implements EditionEvent.Visitor<Void> {

    /** Ties listed per ranking, the nearest first; the count of all is given beside them. */
    static final int TIES_LISTED = 10;
    /** Ties told in words per ranking. */
    private static final int TIES_TOLD = 3;

    private final Recount recount = new Recount();
    private final Map<String, WorkFacts> works = new HashMap<>();
    private final Map<String, CategoryFacts> categories = new HashMap<>();
    private long seq;
    private long shortlistSeq;
    private Map<String, List<ListedWork>> publishedShortlist;
    private long certifiedSeq;
    private long resultsSeq;
    /** What the line being folded does before it is folded: read off the recount as it stood. */
    private Map<String, Long> invalidating;
    private int shortlistPlaceBefore;
    private int rankBefore;

    /** Folds line {@code seq} of the edition's log in. */
    public void apply(long seq, EditionEvent event) {
        this.seq = seq;
        if (event instanceof VotesInvalidatedEvent e) {
            invalidating = recount.votes().effectOf(e.voteIds());
        } else if (event instanceof WorkDisqualifiedEvent e) {
            String category = recount.categoryOf(e.workId());
            rankBefore = rankOf(e.workId(), ShortlistRanking.rank(recount.shortlistCandidates(category)));
            shortlistPlaceBefore = placeOf(e.workId(), category);
        } else if (event instanceof ShortlistAmendedEvent e) {
            shortlistPlaceBefore = placeOf(e.removedWorkId(), e.category());
        }
        recount.apply(seq, event);
        event.accept(this);
    }

    /** The last line folded in. */
    public long seq() {
        return seq;
    }

    /** True when the edition's log names this work. */
    public boolean knows(String workId) {
        return works.containsKey(workId);
    }

    // ---- the fold: the line behind each fact ----

    @Override
    public Void on(EditionCreatedEvent e) {
        for (Category c : e.rules().categories()) {
            categories.put(c.code(), new CategoryFacts());
        }
        return null;
    }

    @Override
    public Void on(StageChangedEvent e) {
        return null;
    }

    @Override
    public Void on(WorkSubmittedEvent e) {
        works.put(e.workId(), new WorkFacts(e, seq));
        categories.get(e.category()).preliminarySeq = seq;
        return null;
    }

    @Override
    public Void on(WorkDisqualifiedEvent e) {
        WorkFacts w = works.get(e.workId());
        w.disqualification = new Disqualification(seq, e.reason(), e.by(), rankBefore,
                shortlistPlaceBefore == 0 ? null : shortlistPlaceBefore);
        CategoryFacts c = categories.get(w.submitted.category());
        c.preliminarySeq = seq;
        c.finalSeq = seq;
        return null;
    }

    @Override
    public Void on(ReviewerRegisteredEvent e) {
        return null;
    }

    @Override
    public Void on(WorkScoredEvent e) {
        WorkFacts w = works.get(e.workId());
        w.scores.computeIfAbsent(e.round(), r -> new TreeMap<>()).computeIfAbsent(e.reviewerId(), r -> new ArrayList<>())
                .add(new Replaced(e.score(), seq));
        CategoryFacts c = categories.get(w.submitted.category());
        if (e.round() == Round.PRELIMINARY) {
            c.preliminarySeq = seq;
        } else {
            c.finalSeq = seq;
        }
        return null;
    }

    @Override
    public Void on(ShortlistPublishedEvent e) {
        shortlistSeq = seq;
        publishedShortlist = e.categories();
        categories.values().forEach(c -> {
            c.finalSeq = seq;
            c.shortlistSeq = seq;
        });
        return null;
    }

    @Override
    public Void on(ShortlistAmendedEvent e) {
        CategoryFacts c = categories.get(e.category());
        // the recount has folded the amendment: the work added took the list's last place
        int addedPlace = e.addedWorkId() == null ? 0 : placeOf(e.addedWorkId(), e.category());
        c.amendments.add(new Amendment(seq, e.removedWorkId(), e.addedWorkId(), shortlistPlaceBefore, addedPlace));
        c.finalSeq = seq;
        c.shortlistSeq = seq;
        return null;
    }

    @Override
    public Void on(VotesDecidedEvent e) {
        VoteGroup g = e.votes();
        for (int k = 0; k < g.workCount(); k++) {
            votesChanged(g.work(k));
        }
        return null;
    }

    @Override
    public Void on(VotesInvalidatedEvent e) {
        invalidating.forEach((workId, lost) -> {
            works.get(workId).invalidations.add(new Invalidation(seq, e.setId(), e.rule(), e.reason(), lost));
            votesChanged(workId);
        });
        invalidating = null;
        return null;
    }

    /** Notes the line when the work's valid votes are not what they were. */
    private void votesChanged(String workId) {
        WorkFacts w = works.get(workId);
        if (w == null) {
            return; // a refused vote may name a work never submitted
        }
        long valid = recount.votes().valid(workId);
        if (valid != w.valid) {
            w.valid = valid;
            w.votesSeq = seq;
            CategoryFacts c = categories.get(w.submitted.category());
            c.votesSeq = seq;
        }
    }

    @Override
    public Void on(TalliesCertifiedEvent e) {
        certifiedSeq = seq;
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        resultsSeq = seq;
        return null;
    }

    private int placeOf(String workId, String category) {
        Map<String, List<ListedWork>> shortlist = recount.shortlist();
        if (shortlist == null) {
            return 0;
        }
        for (ListedWork p : shortlist.getOrDefault(category, List.of())) {
            if (p.workId().equals(workId)) {
                return p.rank();
            }
        }
        return 0;
    }

    private static int rankOf(String workId, List<ShortlistRanking.Ranked> ranked) {
        for (ShortlistRanking.Ranked r : ranked) {
            if (r.candidate().workId().equals(workId)) {
                return r.rank();
            }
        }
        return 0;
    }

    // ---- the explanation ----

    /**
     * Why the work is where it is after the last line folded; null when the log names no such
     * work. Without {@code withFinalRanking} the final ranking is left out until the results are
     * published (a reviewer sees the published winners, not the ranking before them). The answer is
     * data, its statements codes and values with no text: {@link Wording#render} says it.
     */
    public Explanation explain(String workId, boolean withFinalRanking) {
        WorkFacts w = works.get(workId);
        if (w == null) {
            return null;
        }
        String category = w.submitted.category();
        Category rules = recount.rules().category(category).orElseThrow();
        CategoryFacts c = categories.get(category);
        Stage stage = recount.stage();
        Words words = new Words();
        words.add(w.submittedSeq, "SUBMITTED", null, "submissionNo", w.submitted.submissionNo(), "categoryName",
                rules.name(), "category", category);

        Scores preliminary = scores(w, Round.PRELIMINARY, words);
        Ranking preliminaryRanking = null;
        Shortlist shortlist = null;
        Votes votes = null;
        Final fin = null;
        Outcome outcome;
        // the one-line answer: its wording is the outcome's, these its values
        Map<String, Object> summary = new LinkedHashMap<>();
        long summarySeq;

        if (w.disqualification != null) {
            Disqualification d = w.disqualification;
            words.add(d.seq(), "DISQUALIFIED", null, "by", d.by(), "reason", d.reason(), "rankBefore", d.rankBefore(),
                    "shortlistPlaceBefore", d.shortlistPlaceBefore());
            outcome = Outcome.DISQUALIFIED;
            summary.put("seq", d.seq());
            summary.put("reason", d.reason());
            summarySeq = d.seq();
        } else {
            preliminaryRanking = preliminaryRanking(w, rules, c, words);
            if (publishedShortlist == null) {
                outcome = preliminaryRanking.inside() ? Outcome.ABOVE_THE_CUT : Outcome.BELOW_THE_CUT;
                summary.put("rank", preliminaryRanking.rank());
                summary.put("of", preliminaryRanking.of());
                summary.put("category", category);
                summary.put("quota", rules.shortlistQuota());
                summarySeq = preliminaryRanking.seq();
            } else {
                outcome = Outcome.NOT_SHORTLISTED;
                summarySeq = 0;
            }
        }
        if (publishedShortlist != null) {
            shortlist = shortlist(w, category, c, words);
        }
        if (shortlist != null && (shortlist.publishedRank() != null || shortlist.rank() != null
                || !shortlist.changes().isEmpty())) {
            votes = votes(w, words);
        }
        if (w.disqualification == null && shortlist != null) {
            boolean on = shortlist.rank() != null;
            long shortlistLine = shortlist.changes().isEmpty() ? shortlist.publishedSeq()
                    : shortlist.changes().get(shortlist.changes().size() - 1).seq();
            if (!on) {
                Ranking r = preliminaryRanking;
                summary.put("rank", r.rank());
                summary.put("of", r.of());
                summary.put("category", category);
                summary.put("lastIn", r.lastIn() == null ? null : r.lastIn().workId());
                if (r.lastIn() != null) {
                    summary.put("lastInScore", display(r.lastIn().score()));
                    summary.put("gap", display(r.gap()));
                }
                summarySeq = Math.max(shortlistLine, r.seq()); // the cut it missed may have moved since
            } else {
                outcome = Outcome.SHORTLISTED;
                summary.put("category", category);
                summary.put("shortlistRank", shortlist.rank());
                summarySeq = shortlistLine;
                boolean published = resultsSeq != 0;
                if (published || withFinalRanking) {
                    fin = finalRanking(w, rules, c, words);
                }
                if (published) {
                    Integer winnerRank = fin.winnerRank();
                    outcome = winnerRank != null ? Outcome.WINNER : Outcome.NOT_A_WINNER;
                    summary.clear();
                    summary.put("category", category);
                    summary.put("quota", rules.finalQuota());
                    if (winnerRank != null) {
                        summary.put("winnerRank", winnerRank);
                    } else {
                        summary.put("rank", fin.ranking().rank());
                        summary.put("gap", display(fin.ranking().gap()));
                        summary.put("lastIn", fin.ranking().lastIn().workId());
                    }
                    summarySeq = resultsSeq;
                } else {
                    // the final ranking as it stands, for those who may see it before the results
                    summary.put("finalRank", fin == null ? null : fin.ranking().rank());
                    if (fin != null) {
                        summary.put("finalOf", fin.ranking().of());
                        summary.put("finalQuota", rules.finalQuota());
                        summary.put("inside", fin.ranking().inside());
                        summarySeq = Math.max(summarySeq, fin.ranking().seq());
                    }
                }
            }
        }
        // the summary first, then every statement in log order (in the order said where lines are equal)
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(summarySeq, "SUMMARY", outcome.name(), null, summary));
        List<Statement> said = new ArrayList<>(words.statements);
        said.sort(Comparator.comparingLong(Statement::seq));
        statements.addAll(said);
        return new Explanation(recount.editionId(), workId, w.submitted.title(), category, rules.name(),
                w.submitted.submissionNo(), seq, stage.name(), outcome, null, null, preliminary, preliminaryRanking,
                shortlist, w.disqualification, votes, fin, statements);
    }

    /** A round's scores, each reviewer's last, with the dropped ones marked, and the statements about them. */
    private Scores scores(WorkFacts w, Round round, Words words) {
        String name = round == Round.PRELIMINARY ? "PRELIMINARY" : "JURY";
        int trimFrom = recount.rules().review().trimFrom();
        int minScores = recount.rules().review().minScores();
        Map<String, List<Replaced>> given = w.scores.getOrDefault(round, Map.of());
        // the trim drops one highest and one lowest value; among equal values, the reviewer first by id
        List<Map.Entry<String, List<Replaced>>> ordered = new ArrayList<>(given.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<String, List<Replaced>> s) -> last(s.getValue()).score())
                .thenComparing(Map.Entry::getKey));
        boolean trimmed = ordered.size() >= trimFrom;
        String lowest = trimmed ? ordered.get(0).getKey() : null;
        String highest = trimmed ? ordered.get(ordered.size() - 1).getKey() : null;
        List<Score> scores = new ArrayList<>();
        long lastSeq = 0;
        for (Map.Entry<String, List<Replaced>> s : given.entrySet()) {
            List<Replaced> history = s.getValue();
            Replaced now = last(history);
            String dropped = s.getKey().equals(highest) ? "HIGHEST" : s.getKey().equals(lowest) ? "LOWEST" : null;
            List<Replaced> replaced = history.size() > 1 ? List.copyOf(history.subList(0, history.size() - 1)) : null;
            scores.add(new Score(s.getKey(), now.score(), now.seq(), dropped, replaced));
            lastSeq = Math.max(lastSeq, now.seq());
            List<Map<String, Object>> replacedValues = replaced == null ? null : replaced.stream()
                    .map(r -> values("score", r.score(), "seq", r.seq())).toList();
            words.add(now.seq(), name + "_SCORE", null, "score", now.score().toPlainString(), "reviewerId", s.getKey(),
                    "dropped", dropped, "replaced", replacedValues);
        }
        Ratio mean = TrimmedMean.of(given.values().stream().map(h -> last(h).score()).toList(), trimFrom);
        String code = name + "_MEAN";
        // no score yet: so since the work could be scored in the round (submitted; shortlisted)
        long since = round == Round.PRELIMINARY ? w.submittedSeq : shortlistSeq;
        if (given.isEmpty()) {
            words.add(since, code, "NONE");
        } else if (trimmed) {
            words.add(lastSeq, code, "TRIMMED", "count", given.size(), "trimFrom", trimFrom, "highest",
                    last(given.get(highest)).score().toPlainString(), "lowest",
                    last(given.get(lowest)).score().toPlainString(), "counted", given.size() - 2, "mean",
                    display(mean.toDisplay()));
        } else {
            words.add(lastSeq, code, given.size() == 1 ? "ONE" : "UNTRIMMED", "count", given.size(), "trimFrom",
                    trimFrom, "mean", display(mean.toDisplay()));
        }
        if (given.size() < minScores) {
            words.add(given.isEmpty() ? since : lastSeq, name + "_SHORT_OF_SCORES", null, "count",
                    given.size(), "minScores", minScores);
        }
        return new Scores(scores, given.size(), trimFrom, minScores, trimmed, mean.toDisplay(), mean.toString(),
                lastSeq == 0 ? null : lastSeq);
    }

    private Ranking preliminaryRanking(WorkFacts w, Category rules, CategoryFacts c, Words words) {
        List<ShortlistRanking.Candidate> candidates = recount.shortlistCandidates(rules.code());
        List<ShortlistRanking.Ranked> ranked = ShortlistRanking.rank(candidates);
        ShortlistRanking.Ranked mine = ranked.get(rankOf(w.submitted.workId(), ranked) - 1);
        ShortlistRanking.Ranked lastIn;
        ShortlistRanking.Ranked firstOut;
        boolean inside;
        int quota = rules.shortlistQuota();
        Map<String, List<ListedWork>> shortlist = recount.shortlist();
        if (shortlist == null) {
            int in = Math.min(quota, ranked.size());
            lastIn = ranked.get(in - 1);
            firstOut = ranked.size() > quota ? ranked.get(quota) : null;
            inside = mine.rank() <= quota;
        } else { // published: the list as published and amended, and the work that would take a freed place
            // a listed work disqualified on this very line is out until the amendment on the next one
            List<String> on = shortlist.getOrDefault(rules.code(), List.of()).stream().map(ListedWork::workId)
                    .filter(id -> rankOf(id, ranked) > 0).toList();
            lastIn = on.isEmpty() ? null : ranked.get(rankOf(on.get(on.size() - 1), ranked) - 1);
            ShortlistRanking.Candidate next = ShortlistRanking.next(candidates, on);
            firstOut = next == null ? null : ranked.get(rankOf(next.workId(), ranked) - 1);
            inside = on.contains(w.submitted.workId());
        }
        Place in = lastIn == null ? null : place(lastIn);
        Place out = firstOut == null ? null : place(firstOut);
        Ratio score = mine.candidate().preliminaryScore();
        BigDecimal gap = inside ? (firstOut == null ? null : minus(score, firstOut.candidate().preliminaryScore()))
                : lastIn == null ? null : minus(lastIn.candidate().preliminaryScore(), score);
        long at = shortlist == null ? c.preliminarySeq : Math.max(c.preliminarySeq, c.shortlistSeq);
        List<Tie> ties = new ArrayList<>();
        int tied = 0;
        for (ShortlistRanking.Ranked r : nearest(ranked, mine.rank(), x -> x.rank())) {
            if (r != mine && r.candidate().preliminaryScore().equals(score)) {
                tied++;
                if (ties.size() < TIES_LISTED) {
                    ties.add(tie(ShortlistRanking.KEYS, mine.candidate(), r.candidate(), r.candidate().workId(),
                            r.rank(), mine.rank() < r.rank()));
                }
            }
        }
        Ranking ranking = new Ranking(mine.rank(), ranked.size(), quota, inside, in, out, gap, ties, tied, at);
        words.add(at, "PRELIMINARY_RANK", null, "rank", mine.rank(), "of", ranked.size(), "category", rules.code(),
                "score", display(score.toDisplay()), "quota", quota);
        cut(ranking, "PRELIMINARY_CUT", "shortlist", words);
        ties(ranking, "PRELIMINARY_TIE", display(score.toDisplay()), words);
        return ranking;
    }

    /** The cut line: where it lies and how far the work is from it. */
    private static void cut(Ranking r, String code, String list, Words words) {
        if (r.firstOut() == null) {
            words.add(r.seq(), code, "ALL_FIT", "quota", r.quota(), "list", list);
            return;
        }
        if (r.lastIn() == null) {
            return;
        }
        String position = r.rank() == r.lastIn().rank() ? "LAST_IN" : r.rank() == r.firstOut().rank() ? "FIRST_OUT"
                : r.inside() ? "INSIDE" : "OUTSIDE";
        words.add(r.seq(), code, "BETWEEN", "list", list, "lastIn", r.lastIn().workId(), "lastInRank",
                r.lastIn().rank(), "lastInScore", display(r.lastIn().score()), "firstOut", r.firstOut().workId(),
                "firstOutRank", r.firstOut().rank(), "firstOutScore", display(r.firstOut().score()), "position",
                position, "gap", display(r.gap()));
    }

    /** The nearest ties told; a tie across the cut first. */
    private static void ties(Ranking r, String code, String score, Words words) {
        List<Tie> told = new ArrayList<>(r.ties());
        told.sort(Comparator.comparing((Tie t) -> !acrossTheCut(r, t)));
        for (Tie t : told.subList(0, Math.min(TIES_TOLD, told.size()))) {
            words.add(r.seq(), acrossTheCut(r, t) ? code + "_AT_CUT" : code, null, "workId", t.workId(), "rank",
                    t.rank(), "score", score, "decidedBy", t.decidedBy(), "mine", tieValue(t.mine()), "theirs",
                    tieValue(t.theirs()), "ahead", t.ahead());
        }
        if (r.tiedWorks() > TIES_TOLD) {
            words.add(r.seq(), code + "_MORE", null, "tiedWorks", r.tiedWorks() + 1);
        }
    }

    private static Object tieValue(Object v) {
        return v instanceof BigDecimal d ? display(d) : v;
    }

    private static boolean acrossTheCut(Ranking r, Tie t) {
        return r.lastIn() != null && r.firstOut() != null
                && (r.rank() == r.lastIn().rank() && t.rank() == r.firstOut().rank()
                || r.rank() == r.firstOut().rank() && t.rank() == r.lastIn().rank());
    }

    private Shortlist shortlist(WorkFacts w, String category, CategoryFacts c, Words words) {
        String workId = w.submitted.workId();
        Integer publishedRank = null;
        for (ListedWork p : publishedShortlist.getOrDefault(category, List.of())) {
            if (p.workId().equals(workId)) {
                publishedRank = p.rank();
            }
        }
        words.add(shortlistSeq, "SHORTLIST_PUBLISHED", publishedRank != null ? "PLACED" : "NOT_PLACED", "seq",
                shortlistSeq, "rank", publishedRank);
        Integer rank = publishedRank;
        List<Change> changes = new ArrayList<>();
        for (Amendment a : c.amendments) {
            if (a.removed.equals(workId)) {
                changes.add(new Change(a.seq, "LEFT", a.added, rank, null));
                words.add(a.seq, "SHORTLIST_LEFT", a.added == null ? "NONE" : "BACKFILLED", "added", a.added);
                rank = null;
            } else if (workId.equals(a.added)) {
                int to = a.addedPlace;
                changes.add(new Change(a.seq, "ENTERED", a.removed, null, to));
                words.add(a.seq, "SHORTLIST_ENTERED", null, "rank", to, "removed", a.removed);
                rank = to;
            } else if (rank != null && a.removedPlace > 0 && a.removedPlace < rank) {
                changes.add(new Change(a.seq, "MOVED_UP", a.removed, rank, rank - 1));
                words.add(a.seq, "SHORTLIST_MOVED_UP", null, "from", rank, "to", rank - 1, "removed", a.removed);
                rank = rank - 1;
            }
        }
        return new Shortlist(shortlistSeq, publishedRank, rank, changes);
    }

    private Votes votes(WorkFacts w, Words words) {
        String workId = w.submitted.workId();
        VoteCount count = recount.votes();
        long valid = count.valid(workId);
        long invalidated = count.invalidated(workId);
        long accepted = valid + invalidated;
        Long at = w.votesSeq == 0 ? null : w.votesSeq;
        for (Invalidation i : w.invalidations) {
            words.add(i.seq(), "VOTES_INVALIDATED", null, "votes", i.votes(), "setId", i.setId(), "rule", i.rule(),
                    "reason", i.reason());
        }
        if (at != null) {
            words.add(at, "VOTES", null, "valid", valid, "accepted", accepted, "invalidated", invalidated);
        }
        Long certifiedValid = null;
        if (certifiedSeq != 0) {
            TalliesCertifiedEvent certified = recount.certified();
            certifiedValid = certified.validVotes().getOrDefault(w.submitted.category(), Map.of()).get(workId);
            if (certifiedValid != null) {
                words.add(certifiedSeq, "VOTES_CERTIFIED", null, "seq", certifiedSeq, "valid", certifiedValid);
            }
        }
        return new Votes(accepted, invalidated, valid, at, w.invalidations.isEmpty() ? null : w.invalidations,
                certifiedValid, certifiedValid == null ? null : certifiedSeq);
    }

    private Final finalRanking(WorkFacts w, Category rules, CategoryFacts c, Words words) {
        String workId = w.submitted.workId();
        Scores jury = scores(w, Round.FINAL, words);
        List<FinalRanking.Candidate> candidates = recount.finalCandidates(rules.code());
        List<FinalRanking.Ranked> ranked = FinalRanking.rank(candidates, recount.rules().weights());
        FinalRanking.Ranked mine = ranked.stream().filter(r -> r.workId().equals(workId)).findFirst().orElseThrow();
        FinalRanking.Ranked leader = ranked.stream().max(Comparator.comparingLong(FinalRanking.Ranked::validVotes)
                .thenComparing(r -> -r.rank())).orElseThrow();
        long most = leader.validVotes();
        long voteSeq = Math.max(w.votesSeq, works.get(leader.workId()).votesSeq);
        var weights = recount.rules().weights();
        Ratio juryPart = mine.juryScore().times(Ratio.of(weights.jury(), 100));
        Ratio votePart = mine.voteScore().times(Ratio.of(weights.vote(), 100));
        if (most == 0) {
            words.add(voteSeq == 0 ? shortlistSeq : voteSeq, "VOTE_SCORE", "NO_VOTES", "category", rules.code());
        } else {
            words.add(voteSeq, "VOTE_SCORE", "SCORED", "voteScore", display(mine.voteScore().toDisplay()),
                    "valid", mine.validVotes(), "most", most, "category", rules.code(), "mostVotedWork",
                    leader.workId());
        }
        long scoreSeq = Math.max(jury.seq() == null ? 0 : jury.seq(), voteSeq);
        words.add(scoreSeq == 0 ? shortlistSeq : scoreSeq, "FINAL_SCORE", null, "finalScore",
                display(mine.finalScore().toDisplay()), "juryWeight", weights.jury(), "juryScore",
                display(mine.juryScore().toDisplay()), "voteWeight", weights.vote(), "voteScore",
                display(mine.voteScore().toDisplay()), "juryPart", display(juryPart.toDisplay()), "votePart",
                display(votePart.toDisplay()));
        int quota = rules.finalQuota();
        FinalRanking.Ranked lastIn = ranked.get(Math.min(quota, ranked.size()) - 1);
        FinalRanking.Ranked firstOut = ranked.size() > quota ? ranked.get(quota) : null;
        boolean inside = mine.rank() <= quota;
        BigDecimal gap = inside ? (firstOut == null ? null : minus(mine.finalScore(), firstOut.finalScore()))
                : minus(lastIn.finalScore(), mine.finalScore());
        long at = resultsSeq != 0 ? resultsSeq : Math.max(Math.max(c.finalSeq, c.votesSeq), certifiedSeq);
        List<Tie> ties = new ArrayList<>();
        int tied = 0;
        for (FinalRanking.Ranked r : nearest(ranked, mine.rank(), FinalRanking.Ranked::rank)) {
            if (r != mine && r.finalScore().equals(mine.finalScore())) {
                tied++;
                if (ties.size() < TIES_LISTED) {
                    ties.add(finalTie(mine, r));
                }
            }
        }
        Ranking ranking = new Ranking(mine.rank(), ranked.size(), quota, inside,
                new Place(lastIn.workId(), lastIn.rank(), lastIn.finalScore().toDisplay()),
                firstOut == null ? null : new Place(firstOut.workId(), firstOut.rank(), firstOut.finalScore().toDisplay()),
                gap, ties, tied, at);
        words.add(at, "FINAL_RANK", null, "rank", mine.rank(), "of",
                ranked.size(), "category", rules.code(), "quota", quota);
        cut(ranking, "FINAL_CUT", "winners", words);
        ties(ranking, "FINAL_TIE", display(mine.finalScore().toDisplay()), words);
        Integer winnerRank = null;
        if (resultsSeq != 0) {
            for (Winner p : recount.results().categories().getOrDefault(rules.code(), List.of())) {
                if (p.workId().equals(workId)) {
                    winnerRank = p.rank();
                }
            }
            if (winnerRank != null) {
                words.add(resultsSeq, "RESULTS_PUBLISHED", "WINNER", "seq", resultsSeq, "rank", winnerRank);
            } else {
                words.add(resultsSeq, "RESULTS_PUBLISHED", "NOT_A_WINNER", "seq", resultsSeq, "quota", quota);
            }
        }
        return new Final(jury, mine.validVotes(), most, most == 0 ? null : leader.workId(),
                mine.voteScore().toDisplay(), voteSeq == 0 ? null : voteSeq, weights, juryPart.toDisplay(),
                votePart.toDisplay(), mine.finalScore().toDisplay(), mine.finalScore().toString(), ranking,
                resultsSeq == 0 ? null : resultsSeq, winnerRank);
    }

    private static Tie finalTie(FinalRanking.Ranked a, FinalRanking.Ranked b) {
        return tie(FinalRanking.KEYS, a, b, b.workId(), b.rank(), a.rank() < b.rank());
    }

    /** Who is ahead of two entries of equal score, and by which of the ranking's keys (after the score). */
    private static <T> Tie tie(List<TieBreak<T>> keys, T a, T b, String theirWork, int theirRank, boolean ahead) {
        TieBreak<T> decided = TieBreak.deciding(keys, 1, a, b);
        if (decided == null) { // the same work: never two entries of a ranking
            decided = keys.get(keys.size() - 1);
        }
        return new Tie(theirWork, theirRank, decided.code(), decided.shown().apply(a), decided.shown().apply(b), ahead);
    }

    /** The ranking's entries ordered by distance from {@code rank}, the nearer first (above before below). */
    private static <T> List<T> nearest(List<T> ranked, int rank, java.util.function.ToIntFunction<T> rankOf) {
        List<T> out = new ArrayList<>(ranked);
        out.sort(Comparator.comparingInt((T t) -> Math.abs(rankOf.applyAsInt(t) - rank))
                .thenComparingInt(rankOf));
        return out;
    }

    private static Place place(ShortlistRanking.Ranked r) {
        return new Place(r.candidate().workId(), r.rank(), r.candidate().preliminaryScore().toDisplay());
    }

    private static BigDecimal minus(Ratio higher, Ratio lower) {
        return higher.plus(lower.times(Ratio.of(-1, 1))).toDisplay();
    }

    private static String display(BigDecimal d) {
        return d == null ? "—" : d.toPlainString();
    }

    private static Replaced last(List<Replaced> history) {
        return history.get(history.size() - 1);
    }

    // ---- what is kept ----

    private static final class WorkFacts {
        final WorkSubmittedEvent submitted;
        final long submittedSeq;
        final Map<Round, Map<String, List<Replaced>>> scores = new LinkedHashMap<>();
        Disqualification disqualification;
        final List<Invalidation> invalidations = new ArrayList<>();
        long valid;
        long votesSeq;

        WorkFacts(WorkSubmittedEvent submitted, long seq) {
            this.submitted = submitted;
            this.submittedSeq = seq;
        }
    }

    private static final class CategoryFacts {
        long preliminarySeq;
        /** The shortlist's publication or its last amendment. */
        long shortlistSeq;
        long finalSeq;
        long votesSeq;
        final List<Amendment> amendments = new ArrayList<>();
    }

    /** An amendment of a category's shortlist, with the removed work's place before it and the added one's after. */
    private record Amendment(long seq, String removed, String added, int removedPlace, int addedPlace) {
    }

    /** The values of a statement by name, in the order given. */
    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    /**
     * The statements as they are made: each its code, the variant where the code has several
     * sentences, and its values by name; {@link Wording} says them.
     */
    private static final class Words {
        final List<Statement> statements = new ArrayList<>();

        void add(long seq, String code, String variant, Object... namesAndValues) {
            statements.add(new Statement(seq, code, variant, null, values(namesAndValues)));
        }
    }
}
