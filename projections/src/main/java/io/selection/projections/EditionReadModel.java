package io.selection.projections;

import io.selection.audit.ListDigests;
import io.selection.common.Ratio;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
import io.selection.recount.VoteCount;
import io.selection.edition.Category;
import io.selection.events.EditionCreatedEvent;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.events.StageChangedEvent;
import io.selection.projections.Views.CertifiedTally;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.ShortlistPlace;
import io.selection.projections.Views.VoteSummary;
import io.selection.projections.Views.HistoryEntry;
import io.selection.projections.Views.PreliminaryEntry;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankedEntry;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ReviewerScore;
import io.selection.projections.Views.ShortlistEntry;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.StageEntry;
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.TallyEntry;
import io.selection.projections.Views.WorkHistoryView;
import io.selection.projections.Views.WorkView;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.results.ShortlistRanking;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.results.Winner;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.review.TrimmedMean;
import io.selection.events.WorkScoredEvent;
import io.selection.voting.Hash64;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteIdIndex;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read model of one edition, folded from its events in log order. Rankings are computed on
 * demand with the same policy classes the aggregate uses; the published lists are taken from the
 * events that fixed them. Only sorted maps and insertion-ordered lists are exposed, so the same
 * log always gives the same JSON.
 */
final class EditionReadModel implements EditionEvent.Visitor<Void> {

    private final String editionId;
    private EditionRules rules;
    private Stage stage = Stage.DRAFT;
    private final List<StageEntry> stageHistory = new ArrayList<>();
    private final Map<String, WorkRecord> works = new LinkedHashMap<>();
    private int reviewers;
    private Map<String, List<ListedWork>> shortlist;
    /** Votes counted by the one counting rule: one id one vote, each invalidated at most once. */
    private final VoteCount count = new VoteCount();
    private final java.util.Set<String> invalidatedSets = new java.util.TreeSet<>();
    private long seq;
    private Instant timestamp;
    private Published shortlistPublished;
    private Published talliesPublished;
    private Published resultsPublished;
    /** Where in the log each vote's decision is (by the hash of its id): 32 bytes a vote. */
    private final VoteIdIndex votes = new VoteIdIndex();
    private boolean certified;
    private Map<String, List<Winner>> winners;

    private final SuspiciousVotes suspicious;

    EditionReadModel(String editionId, SuspicionRules rules) {
        this.editionId = editionId;
        this.suspicious = new SuspiciousVotes(rules);
    }

    // ---- folding events ----

    /** Folds line {@code seq} of the edition's log in. */
    void apply(long seq, Instant timestamp, EditionEvent event) {
        this.seq = seq;
        this.timestamp = timestamp;
        event.accept(this);
    }

    /** The number of lines of the edition's log folded in. */
    long lines() {
        return seq;
    }

    @Override
    public Void on(EditionCreatedEvent e) {
        rules = e.rules();
        stageHistory.add(new StageEntry(Stage.DRAFT, e.at(), e.by()));
        return null;
    }

    @Override
    public Void on(StageChangedEvent e) {
        stage = e.to();
        stageHistory.add(new StageEntry(e.to(), e.at(), e.by()));
        return null;
    }

    @Override
    public Void on(WorkSubmittedEvent e) {
        WorkRecord work = new WorkRecord(e);
        works.put(e.workId(), work);
        work.history(seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(ReviewerRegisteredEvent e) {
        reviewers++;
        return null;
    }

    @Override
    public Void on(WorkScoredEvent e) {
        WorkRecord work = works.get(e.workId());
        (e.round() == Round.PRELIMINARY ? work.preliminary : work.jury).put(e.reviewerId(), e.score());
        work.history(seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(WorkDisqualifiedEvent e) {
        WorkRecord work = works.get(e.workId());
        work.disqualificationReason = e.reason();
        work.history(seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(ShortlistPublishedEvent e) {
        shortlist = new TreeMap<>();
        shortlistPublished = e.published();
        e.categories().forEach((category, places) -> {
            shortlist.put(category, List.copyOf(places));
            places.forEach(p -> works.get(p.workId()).history(seq, e.at(), "Shortlisted",
                    new ShortlistPlace(category, p.rank(), p.preliminaryScore())));
        });
        return null;
    }

    @Override
    public Void on(ShortlistAmendedEvent e) {
        shortlist.put(e.category(), ShortlistRanking.amend(shortlist.get(e.category()), e.removedWorkId(),
                e.addedWorkId(), e.addedPreliminaryScore()));
        shortlistPublished = e.published();
        works.get(e.removedWorkId()).history(seq, e.at(), e);
        if (e.addedWorkId() != null) {
            works.get(e.addedWorkId()).history(seq, e.at(), e);
        }
        return null;
    }

    @Override
    public Void on(VotesDecidedEvent e) {
        Map<String, long[]> perWork = new TreeMap<>();
        for (VoteDecision d : e.decisions()) {
            suspicious.fold(d);
            votes.putIfAbsent(Hash64.of(d.voteId()), seq);
            if (!count.decided(d)) {
                continue; // a second decision under a known id: one id is one vote
            }
            if (works.containsKey(d.workId())) {
                perWork.computeIfAbsent(d.workId(), id -> new long[2])[d.accepted() ? 0 : 1]++;
            }
        }
        perWork.forEach((workId, counts) -> works.get(workId).history(seq, timestamp, "VotesDecided",
                new VoteSummary(counts[0], counts[1], seq)));
        return null;
    }

    @Override
    public Void on(VotesInvalidatedEvent e) {
        count.invalidate(e.voteIds()).forEach((workId, n) -> works.get(workId).history(seq, e.at(), e));
        invalidatedSets.add(e.setId());
        if (certified) {
            talliesPublished = e.published();
        }
        return null;
    }

    @Override
    public Void on(TalliesCertifiedEvent e) {
        certified = true;
        talliesPublished = e.published();
        e.validVotes().forEach((category, perWork) -> perWork.forEach((workId, n) ->
                works.get(workId).history(seq, e.at(), "TalliesCertified", new CertifiedTally(category, n))));
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        winners = new TreeMap<>(e.categories());
        resultsPublished = e.published();
        e.categories().forEach((category, places) -> places.forEach(w ->
                works.get(w.workId()).history(seq, e.at(), "Won", w)));
        return null;
    }

    // ---- answering ----

    EditionView edition() {
        return new EditionView(editionId, rules.title(), rules.theme(), rules.eligibleFrom(), rules.eligibleTo(),
                rules.timeZone(), rules.categories(), rules.voting(), rules.review(), rules.weights(), stage,
                List.copyOf(stageHistory), works.size(), reviewers);
    }

    Stage stage() {
        return stage;
    }

    WorkView work(String workId) {
        WorkRecord w = works.get(workId);
        if (w == null) {
            return null;
        }
        return new WorkView(editionId, w.id, w.submitted.title(), w.submitted.url(), w.submitted.normalisedUrl(),
                w.submitted.category(), w.submitted.publishedOn(), w.submitted.organisation(),
                w.submitted.submissionNo(), w.submitted.at(), status(w), w.disqualificationReason,
                scores(w.preliminary), w.preliminary.isEmpty() ? null : preliminaryScore(w).toDisplay(),
                scores(w.jury), w.jury.isEmpty() ? null : juryScore(w).toDisplay(), count.valid(w.id));
    }

    /** Each work's view and history, in submission order. */
    List<Object> worksAndHistories() {
        List<Object> out = new ArrayList<>();
        for (String id : works.keySet()) {
            out.add(work(id));
            out.add(history(id));
        }
        return out;
    }

    WorkHistoryView history(String workId) {
        WorkRecord w = works.get(workId);
        return w == null ? null : new WorkHistoryView(editionId, workId, List.copyOf(w.history));
    }

    PreliminaryRankingView preliminaryRanking(String category) {
        if (rules.category(category).isEmpty()) {
            return null;
        }
        List<PreliminaryEntry> entries = new ArrayList<>();
        for (ShortlistRanking.Ranked r : ShortlistRanking.rank(preliminaryCandidates(category, false))) {
            WorkRecord w = works.get(r.candidate().workId());
            entries.add(new PreliminaryEntry(r.rank(), w.id, w.submitted.title(), scores(w.preliminary),
                    r.candidate().preliminaryScore().toDisplay(), false));
        }
        // Disqualified works are listed after the ranked ones, unranked, so the list stays complete.
        works.values().stream().filter(w -> w.isDisqualified() && w.submitted.category().equals(category))
                .forEach(w -> entries.add(new PreliminaryEntry(0, w.id, w.submitted.title(), scores(w.preliminary),
                        preliminaryScore(w).toDisplay(), true)));
        return new PreliminaryRankingView(category, entries);
    }

    ShortlistView shortlist() {
        Map<String, List<ShortlistEntry>> categories = new TreeMap<>();
        shortlist.forEach((category, places) -> categories.put(category, places.stream()
                .map(p -> new ShortlistEntry(p.rank(), p.workId(), works.get(p.workId()).submitted.title(),
                        p.preliminaryScore()))
                .toList()));
        Published p = shortlistPublished;
        return new ShortlistView(categories, p == null ? null : p.logSize(), p == null ? null : p.logDigest(),
                p == null ? null : p.listDigest());
    }

    boolean shortlistPublished() {
        return shortlist != null;
    }

    TalliesView tallies() {
        Map<String, List<TallyEntry>> categories = new TreeMap<>();
        for (Category category : rules.categories()) {
            categories.put(category.code(), works.values().stream()
                    .filter(w -> w.submitted.category().equals(category.code()))
                    .filter(w -> count.valid(w.id) > 0 || count.invalidated(w.id) > 0 || onShortlist(w.id))
                    .sorted(Comparator.comparingLong((WorkRecord w) -> -count.valid(w.id)).thenComparing(w -> w.id))
                    .map(w -> new TallyEntry(w.id, count.valid(w.id), count.invalidated(w.id)))
                    .toList());
        }
        TreeMap<String, Long> refused = new TreeMap<>(count.refused());
        if (talliesPublished != null) {
            return new TalliesView(categories, refused, count.accepted(), count.duplicates(), certified,
                    talliesPublished.logSize(), talliesPublished.logDigest(), talliesPublished.listDigest());
        }
        return new TalliesView(categories, refused, count.accepted(), count.duplicates(), certified, seq, null,
                ListDigests.tallies(shortlistTallies(), count.refused()));
    }

    RankingView finalRanking() {
        Map<String, List<RankedEntry>> categories = new TreeMap<>();
        if (shortlist != null) {
            for (Category category : rules.categories()) {
                List<FinalRanking.Candidate> candidates = new ArrayList<>();
                for (ListedWork place : shortlist.getOrDefault(category.code(), List.of())) {
                    WorkRecord w = works.get(place.workId());
                    candidates.add(new FinalRanking.Candidate(w.id, juryScore(w), count.valid(w.id),
                            w.submitted.submissionNo()));
                }
                categories.put(category.code(), FinalRanking.rank(candidates, rules.weights()).stream()
                        .map(r -> new RankedEntry(r.rank(), r.workId(), works.get(r.workId()).submitted.title(),
                                r.juryScore().toDisplay(), r.validVotes(), r.voteScore().toDisplay(),
                                r.finalScore().toDisplay()))
                        .toList());
            }
        }
        return new RankingView(stage, categories, null, null, null);
    }

    /** Valid votes of each work on the shortlist, by category: the list the tallies' digest is of. */
    private Map<String, Map<String, Long>> shortlistTallies() {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        if (shortlist != null) {
            shortlist.forEach((category, places) -> {
                Map<String, Long> perWork = new TreeMap<>();
                places.forEach(p -> perWork.put(p.workId(), count.valid(p.workId())));
                byCategory.put(category, perWork);
            });
        }
        return byCategory;
    }

    RankingView winners() {
        if (winners == null) {
            return null;
        }
        Map<String, List<RankedEntry>> categories = new TreeMap<>();
        winners.forEach((category, places) -> categories.put(category, places.stream()
                .map(w -> new RankedEntry(w.rank(), w.workId(), works.get(w.workId()).submitted.title(),
                        w.juryScore(), w.validVotes(), w.voteScore(), w.finalScore()))
                .toList()));
        Published p = resultsPublished;
        return new RankingView(stage, categories, p == null ? null : p.logSize(), p == null ? null : p.logDigest(),
                p == null ? null : p.listDigest());
    }

    Views.SuspiciousSetsView suspiciousSets() {
        return new Views.SuspiciousSetsView(suspicious.sets(), List.copyOf(invalidatedSets));
    }

    Views.SuspiciousSet suspiciousSet(String id) {
        return suspicious.set(id);
    }

    /** The log position of the vote's decision, or null. */
    Long voteSeq(String voteId) {
        long seq = votes.get(Hash64.of(voteId));
        return seq < 0 ? null : seq;
    }

    // ---- helpers ----

    private List<ShortlistRanking.Candidate> preliminaryCandidates(String category, boolean includeDisqualified) {
        return works.values().stream()
                .filter(w -> w.submitted.category().equals(category) && (includeDisqualified || !w.isDisqualified()))
                .map(w -> new ShortlistRanking.Candidate(w.id, preliminaryScore(w), w.submitted.submissionNo()))
                .toList();
    }

    private Ratio preliminaryScore(WorkRecord w) {
        return TrimmedMean.of(w.preliminary.values(), rules.review().trimFrom());
    }

    private Ratio juryScore(WorkRecord w) {
        return TrimmedMean.of(w.jury.values(), rules.review().trimFrom());
    }

    private boolean onShortlist(String workId) {
        return shortlist != null && shortlist.values().stream()
                .anyMatch(places -> places.stream().anyMatch(p -> p.workId().equals(workId)));
    }

    private String status(WorkRecord w) {
        if (w.isDisqualified()) {
            return "DISQUALIFIED";
        }
        if (winners != null) {
            boolean won = winners.getOrDefault(w.submitted.category(), List.of()).stream()
                    .anyMatch(x -> x.workId().equals(w.id));
            return won ? "WINNER" : onShortlist(w.id) ? "NOT_SELECTED" : "NOT_SHORTLISTED";
        }
        if (shortlist != null) {
            return onShortlist(w.id) ? "SHORTLISTED" : "NOT_SHORTLISTED";
        }
        return "SUBMITTED";
    }

    private static List<ReviewerScore> scores(Map<String, BigDecimal> byReviewer) {
        return byReviewer.entrySet().stream().map(e -> new ReviewerScore(e.getKey(), e.getValue())).toList();
    }

    private static final class WorkRecord {
        final String id;
        final WorkSubmittedEvent submitted;
        final Map<String, BigDecimal> preliminary = new TreeMap<>();
        final Map<String, BigDecimal> jury = new TreeMap<>();
        final List<HistoryEntry> history = new ArrayList<>();
        String disqualificationReason;

        WorkRecord(WorkSubmittedEvent submitted) {
            this.id = submitted.workId();
            this.submitted = submitted;
        }

        boolean isDisqualified() {
            return disqualificationReason != null;
        }

        /** An event about this work, named after its class without the "Event" suffix. */
        void history(long seq, Instant at, Object event) {
            history(seq, at, event.getClass().getSimpleName().replaceFirst("Event$", ""), event);
        }

        void history(long seq, Instant at, String type, Object data) {
            HistoryEntry last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (data instanceof VoteSummary more && last != null && last.data() instanceof VoteSummary before) {
                // consecutive groups of decisions are one entry: a work's history stays short
                // however many groups the vote takes
                history.set(history.size() - 1, new HistoryEntry(last.seq(), type, last.at(),
                        new VoteSummary(before.accepted() + more.accepted(), before.refused() + more.refused(),
                                seq)));
                return;
            }
            history.add(new HistoryEntry(seq, type, at, data));
        }
    }
}
