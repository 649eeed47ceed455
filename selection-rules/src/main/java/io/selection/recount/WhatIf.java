package io.selection.recount;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.EditionVotingState;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoterBook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The edition's log read again under other rules: the log's events are rewritten (the rules on
 * EditionCreated; the shortlist, its backfills and the vote decisions where a rule they rest on
 * changed; invalidations dropped on request) and folded into the one {@link Recount}, so every
 * rule is still applied by the class that owns it. Votes are decided again, in log order, by the
 * core {@link VoterBook} when a vote rule or the shortlist changes. No clock, no randomness.
 */
public final class WhatIf {

    /** Changed rules; a null field (an empty map) keeps the edition's own. */
    public record Changes(Weights weights, Integer perWorkPerDay, Integer perCategoryPerDay, Integer minScores,
                          Integer trimFrom, Map<String, Integer> shortlistQuotas, Map<String, Integer> finalQuotas,
                          boolean withoutInvalidations) {

        public static final Changes NONE = new Changes(null, null, null, null, null, Map.of(), Map.of(), false);

        public Changes {
            shortlistQuotas = shortlistQuotas == null ? Map.of() : new TreeMap<>(shortlistQuotas);
            finalQuotas = finalQuotas == null ? Map.of() : new TreeMap<>(finalQuotas);
        }

        boolean votingChanged() {
            return perWorkPerDay != null || perCategoryPerDay != null;
        }

        boolean shortlistChanged() {
            return minScores != null || trimFrom != null || !shortlistQuotas.isEmpty();
        }

        /** The edition's rules with these changes; checked as the edition's own were. */
        EditionRules applyTo(EditionRules r) {
            for (String code : new TreeSet<>(List.of(shortlistQuotas.keySet(), finalQuotas.keySet()).stream()
                    .flatMap(Set::stream).toList())) {
                if (r.category(code).isEmpty()) {
                    throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "categories", List.of(code),
                            Refusal.NO_CATEGORY, code);
                }
            }
            List<Category> categories = new ArrayList<>();
            for (Category c : r.categories()) {
                categories.add(new Category(c.code(), c.name(), shortlistQuotas.getOrDefault(c.code(), c.shortlistQuota()),
                        finalQuotas.getOrDefault(c.code(), c.finalQuota())));
            }
            VotingRules v = r.voting();
            ReviewRules rv = r.review();
            EditionRules changed = new EditionRules(r.title(), r.theme(), r.eligibleFrom(), r.eligibleTo(), r.timeZone(),
                    categories, new VotingRules(v.opensAt(), v.closesAt(),
                    perWorkPerDay != null ? perWorkPerDay : v.perWorkPerDay(),
                    perCategoryPerDay != null ? perCategoryPerDay : v.perCategoryPerDay(), v.maxClockSkewSeconds()),
                    new ReviewRules(minScores != null ? minScores : rv.minScores(),
                            trimFrom != null ? trimFrom : rv.trimFrom()),
                    weights != null ? weights : r.weights());
            changed.check();
            return changed;
        }

        /** In a few words, for the reasons: "weights 60/40, per-category-per-day 3". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (weights != null) parts.add("weights " + weights.jury() + "/" + weights.vote());
            if (perWorkPerDay != null) parts.add("per-work-per-day " + perWorkPerDay);
            if (perCategoryPerDay != null) parts.add("per-category-per-day " + perCategoryPerDay);
            if (minScores != null) parts.add("min-scores " + minScores);
            if (trimFrom != null) parts.add("trim-from " + trimFrom);
            shortlistQuotas.forEach((c, n) -> parts.add("shortlist quota " + c + "=" + n));
            finalQuotas.forEach((c, n) -> parts.add("final quota " + c + "=" + n));
            if (withoutInvalidations) parts.add("without invalidations");
            return parts.isEmpty() ? "the edition's own rules" : String.join(", ", parts);
        }
    }

    /** One category under the changed rules, against the published winners. */
    public record CategoryOutcome(List<String> winners, List<String> published, List<Move> entered, List<Move> left) {
    }

    /** A work that entered or left the winners; ranks are in the final ranking (0: not on the shortlist). */
    public record Move(String workId, int publishedRank, int rank, String why) {
    }

    private final Changes changes;
    private final boolean redecide;
    private final Recount recount = new Recount();
    private final EditionVotingState voting = new EditionVotingState();
    private final VoterBook book = new VoterBook();
    private final Map<String, Map<String, Set<String>>> scorers = new HashMap<>(); // round:work -> reviewers
    private EditionRules rules;
    private boolean shortlistPublished;
    private ResultsPublishedEvent published;

    public WhatIf(Changes changes) {
        this.changes = changes;
        this.redecide = changes.votingChanged() || changes.shortlistChanged();
    }

    /** Folds line {@code seq} of the edition's log in, rewritten under the changed rules. */
    public void apply(long seq, EditionEvent event) {
        for (EditionEvent e : rewrite(event)) {
            voting.apply(seq, e);
            recount.apply(seq, e);
        }
    }

    private List<EditionEvent> rewrite(EditionEvent event) {
        if (event instanceof EditionCreatedEvent e) {
            rules = changes.applyTo(e.rules());
            return List.of(new EditionCreatedEvent(e.editionId(), rules, e.at(), e.by()));
        }
        if (event instanceof WorkScoredEvent e) {
            scorers.computeIfAbsent(e.round().name(), r -> new HashMap<>())
                    .computeIfAbsent(e.workId(), w -> new TreeSet<>()).add(e.reviewerId());
            return List.of(e);
        }
        if (event instanceof ResultsPublishedEvent e) {
            published = e;
            return List.of(e);
        }
        if (event instanceof VotesInvalidatedEvent && changes.withoutInvalidations()) {
            return List.of();
        }
        if (event instanceof VotesDecidedEvent e && redecide) {
            List<VoteDecision> again = new ArrayList<>(e.votes().size());
            for (VoteDecision d : e.decisions()) {
                VoterBook.Decided decided = book.decide(new Vote(d.voteId(), d.voterId(), d.workId(), d.castAt(),
                        d.receivedAt(), d.ip(), d.device()), voting);
                if (decided.decision() != null) { // a repeated id keeps its first decision, counted once
                    again.add(decided.decision());
                }
            }
            return List.of(new VotesDecidedEvent(e.editionId(), e.lane(), e.nextOffset(), again));
        }
        if (!changes.shortlistChanged()) {
            return List.of(event);
        }
        if (event instanceof ShortlistPublishedEvent e) {
            shortlistPublished = true;
            Map<String, List<ListedWork>> lists = new TreeMap<>();
            for (Category c : rules.categories()) {
                lists.put(c.code(), ShortlistRanking.places(shortlistCandidates(c.code()), c.shortlistQuota()));
            }
            return List.of(new ShortlistPublishedEvent(e.editionId(), lists, e.at(), e.published()));
        }
        if (event instanceof ShortlistAmendedEvent) {
            return List.of(); // the backfills of the published shortlist; this one's follow its disqualifications
        }
        if (event instanceof WorkDisqualifiedEvent e && shortlistPublished) {
            String category = recount.categoryOf(e.workId());
            List<String> on = voting.shortlist(category);
            if (!on.contains(e.workId())) {
                return List.of(e);
            }
            List<String> after = new ArrayList<>(on);
            after.remove(e.workId());
            List<ShortlistRanking.Candidate> candidates = shortlistCandidates(category);
            candidates.removeIf(c -> c.workId().equals(e.workId()));
            ShortlistRanking.Candidate next = ShortlistRanking.next(candidates, after);
            return List.of(e, new ShortlistAmendedEvent(e.editionId(), category, e.workId(),
                    next == null ? null : next.workId(), next == null ? null : next.preliminaryScore().toDisplay(),
                    e.at()));
        }
        return List.of(event);
    }

    /** The recount's candidates that have the scores the (changed) rules ask for. */
    private List<ShortlistRanking.Candidate> shortlistCandidates(String category) {
        List<ShortlistRanking.Candidate> out = new ArrayList<>(recount.shortlistCandidates(category));
        out.removeIf(c -> scores(Round.PRELIMINARY, c.workId()) < rules.review().minScores());
        return out;
    }

    private int scores(Round round, String workId) {
        return scorers.getOrDefault(round.name(), Map.of()).getOrDefault(workId, Set.of()).size();
    }

    /** The full final ranking of the category under the changed rules. */
    public List<FinalRanking.Ranked> ranking(String category) {
        return FinalRanking.rank(finalCandidates(category), rules.weights());
    }

    /** The winners per category under the changed rules. */
    public Map<String, List<Winner>> winners() {
        Map<String, List<Winner>> out = new TreeMap<>();
        for (Category c : rules.categories()) {
            out.put(c.code(), FinalRanking.places(finalCandidates(c.code()), rules.weights(), c.finalQuota()));
        }
        return out;
    }

    /**
     * The recount's final candidates; under a changed minimum, only those with that many jury scores
     * (under the edition's own, publication already required them).
     */
    private List<FinalRanking.Candidate> finalCandidates(String category) {
        List<FinalRanking.Candidate> out = new ArrayList<>(recount.finalCandidates(category));
        if (changes.minScores() != null) {
            out.removeIf(c -> scores(Round.FINAL, c.workId()) < rules.review().minScores());
        }
        return out;
    }

    /** The winners as the log published them, or null when it published none. */
    public ResultsPublishedEvent published() {
        return published;
    }

    public Changes changes() {
        return changes;
    }

    /**
     * Per category, the winners under {@code changed} and who entered and left against the winners
     * the log published; {@code own} is the same log under the edition's own rules (for the ranks
     * the works had then).
     */
    public static Map<String, CategoryOutcome> compare(WhatIf own, WhatIf changed) {
        ResultsPublishedEvent published = own.published();
        if (published == null) {
            throw new IllegalStateException("the log publishes no winners to compare with");
        }
        Map<String, List<Winner>> now = changed.winners();
        Map<String, CategoryOutcome> out = new LinkedHashMap<>();
        for (String category : new TreeSet<>(now.keySet())) {
            List<String> winners = now.get(category).stream().map(Winner::workId).toList();
            List<String> before = published.categories().getOrDefault(category, List.of()).stream()
                    .map(Winner::workId).toList();
            Map<String, Integer> oldRanks = ranks(own.ranking(category));
            Map<String, Integer> newRanks = ranks(changed.ranking(category));
            String under = changed.changes().describe();
            List<Move> entered = new ArrayList<>();
            for (String w : winners) {
                if (!before.contains(w)) {
                    entered.add(move(w, oldRanks, newRanks, under));
                }
            }
            List<Move> left = new ArrayList<>();
            for (String w : before) {
                if (!winners.contains(w)) {
                    left.add(move(w, oldRanks, newRanks, under));
                }
            }
            out.put(category, new CategoryOutcome(winners, before, entered, left));
        }
        return out;
    }

    /**
     * The answer as JSON values, the one shape of the verifier's {@code what-if --json} and the
     * server's what-if: {"categories":{c:{"winners":[..],"entered":[..],"left":[..],"moves":[..]}}};
     * winners, entered and left are work ids, and moves gives the reason of each of entered, then of
     * each of left, as the text output prints it: {"workId","publishedRank","rank","why"} (ranks in the
     * final ranking under the edition's own rules and under the changed ones; 0: not shortlisted).
     */
    public static Map<String, Object> toJson(Map<String, CategoryOutcome> outcome) {
        Map<String, Object> categories = new TreeMap<>();
        outcome.forEach((category, c) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("winners", c.winners());
            one.put("entered", c.entered().stream().map(Move::workId).toList());
            one.put("left", c.left().stream().map(Move::workId).toList());
            List<Map<String, Object>> moves = new ArrayList<>();
            c.entered().forEach(m -> moves.add(json(m)));
            c.left().forEach(m -> moves.add(json(m)));
            one.put("moves", moves);
            categories.put(category, one);
        });
        return Map.of("categories", categories);
    }

    private static Map<String, Object> json(Move m) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("workId", m.workId());
        one.put("publishedRank", m.publishedRank());
        one.put("rank", m.rank());
        one.put("why", m.why());
        return one;
    }

    private static Move move(String workId, Map<String, Integer> oldRanks, Map<String, Integer> newRanks,
                             String under) {
        int was = oldRanks.getOrDefault(workId, 0);
        int is = newRanks.getOrDefault(workId, 0);
        return new Move(workId, was, is, place(was) + " → " + place(is) + " under " + under);
    }

    private static String place(int rank) {
        return rank == 0 ? "not shortlisted" : "rank " + rank;
    }

    private static Map<String, Integer> ranks(List<FinalRanking.Ranked> ranking) {
        Map<String, Integer> out = new HashMap<>();
        ranking.forEach(r -> out.put(r.workId(), r.rank()));
        return out;
    }
}
