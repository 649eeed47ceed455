package io.selection.projections;

import io.selection.common.Ratio;
import io.selection.edition.Category;
import io.selection.edition.EditionCreatedEvent;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.edition.StageChangedEvent;
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
import io.selection.results.ResultsPublishedEvent;
import io.selection.results.ShortlistAmendedEvent;
import io.selection.results.ShortlistPublishedEvent;
import io.selection.results.ShortlistRanking;
import io.selection.results.TalliesCertifiedEvent;
import io.selection.results.Winner;
import io.selection.review.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.review.TrimmedMean;
import io.selection.review.WorkScoredEvent;
import io.selection.voting.RefusalReason;
import io.selection.voting.Hash64;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteIdIndex;
import io.selection.voting.VotesDecidedEvent;
import io.selection.voting.VotesInvalidatedEvent;
import io.selection.work.WorkDisqualifiedEvent;
import io.selection.work.WorkSubmittedEvent;

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
final class EditionReadModel {

    private final String editionId;
    private EditionRules rules;
    private Stage stage = Stage.DRAFT;
    private final List<StageEntry> stageHistory = new ArrayList<>();
    private final Map<String, WorkRecord> works = new LinkedHashMap<>();
    private int reviewers;
    private Map<String, List<ListedWork>> shortlist;
    private final Map<String, Long> refused = new TreeMap<>();
    private long accepted;
    private final java.util.Set<String> invalidatedSets = new java.util.TreeSet<>();
    /** Where in the log each vote's decision is (by the hash of its id): 32 bytes a vote. */
    private final VoteIdIndex votes = new VoteIdIndex();
    private boolean certified;
    private Map<String, List<Winner>> winners;

    private final SuspiciousVotes suspicious;

    EditionReadModel(String editionId, SuspicionRules rules) {
        this.editionId = editionId;
        this.suspicious = new SuspiciousVotes(rules);
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason.name(), 0L);
        }
    }

    // ---- folding events ----

    void apply(long seq, Instant timestamp, Object event) {
        if (event instanceof EditionCreatedEvent e) {
            rules = e.rules();
            stageHistory.add(new StageEntry(Stage.DRAFT, e.at(), e.by()));
        } else if (event instanceof StageChangedEvent e) {
            stage = e.to();
            stageHistory.add(new StageEntry(e.to(), e.at(), e.by()));
        } else if (event instanceof WorkSubmittedEvent e) {
            WorkRecord work = new WorkRecord(e);
            works.put(e.workId(), work);
            work.history(seq, e.at(), e);
        } else if (event instanceof ReviewerRegisteredEvent) {
            reviewers++;
        } else if (event instanceof WorkScoredEvent e) {
            WorkRecord work = works.get(e.workId());
            (e.round() == Round.PRELIMINARY ? work.preliminary : work.jury).put(e.reviewerId(), e.score());
            work.history(seq, e.at(), e);
        } else if (event instanceof WorkDisqualifiedEvent e) {
            WorkRecord work = works.get(e.workId());
            work.disqualificationReason = e.reason();
            work.history(seq, e.at(), e);
        } else if (event instanceof ShortlistPublishedEvent e) {
            shortlist = new TreeMap<>();
            e.categories().forEach((category, places) -> {
                shortlist.put(category, new ArrayList<>(places));
                places.forEach(p -> works.get(p.workId()).history(seq, e.at(), "Shortlisted",
                        new ShortlistPlace(category, p.rank(), p.preliminaryScore())));
            });
        } else if (event instanceof ShortlistAmendedEvent e) {
            amendShortlist(e);
            works.get(e.removedWorkId()).history(seq, e.at(), e);
            if (e.addedWorkId() != null) {
                works.get(e.addedWorkId()).history(seq, e.at(), e);
            }
        } else if (event instanceof VotesDecidedEvent e) {
            applyVotes(seq, timestamp, e);
        } else if (event instanceof VotesInvalidatedEvent e) {
            e.acceptedVotesPerWork().forEach((workId, n) -> {
                WorkRecord work = works.get(workId);
                work.validVotes -= n;
                work.invalidatedVotes += n;
                work.history(seq, e.at(), e);
            });
            invalidatedSets.add(e.setId());
        } else if (event instanceof TalliesCertifiedEvent e) {
            certified = true;
            e.validVotes().forEach((category, perWork) -> perWork.forEach((workId, count) ->
                    works.get(workId).history(seq, e.at(), "TalliesCertified", new CertifiedTally(category, count))));
        } else if (event instanceof ResultsPublishedEvent e) {
            winners = new TreeMap<>(e.categories());
            e.categories().forEach((category, places) -> places.forEach(w ->
                    works.get(w.workId()).history(seq, e.at(), "Won", w)));
        }
    }

    private void amendShortlist(ShortlistAmendedEvent e) {
        List<ListedWork> places = shortlist.get(e.category());
        places.removeIf(p -> p.workId().equals(e.removedWorkId()));
        if (e.addedWorkId() != null) {
            places.add(new ListedWork(places.size() + 1, e.addedWorkId(), e.addedPreliminaryScore()));
        }
        for (int i = 0; i < places.size(); i++) {
            ListedWork p = places.get(i);
            places.set(i, new ListedWork(i + 1, p.workId(), p.preliminaryScore()));
        }
    }

    private void applyVotes(long seq, Instant timestamp, VotesDecidedEvent e) {
        Map<String, long[]> perWork = new TreeMap<>();
        for (VoteDecision d : e.decisions()) {
            suspicious.fold(d);
            votes.putIfAbsent(Hash64.of(d.voteId()), seq);
            WorkRecord work = works.get(d.workId());
            if (d.accepted()) {
                accepted++;
                work.validVotes++; // an accepted vote is always for a known work
            } else {
                refused.merge(d.reason().name(), 1L, Long::sum);
            }
            if (work != null) {
                perWork.computeIfAbsent(d.workId(), id -> new long[2])[d.accepted() ? 0 : 1]++;
            }
        }
        perWork.forEach((workId, counts) -> works.get(workId).history(seq, timestamp, "VotesDecided",
                new VoteSummary(counts[0], counts[1], seq)));
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
                scores(w.jury), w.jury.isEmpty() ? null : juryScore(w).toDisplay(), w.validVotes);
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
        return new ShortlistView(categories);
    }

    boolean shortlistPublished() {
        return shortlist != null;
    }

    TalliesView tallies() {
        Map<String, List<TallyEntry>> categories = new TreeMap<>();
        for (Category category : rules.categories()) {
            categories.put(category.code(), works.values().stream()
                    .filter(w -> w.submitted.category().equals(category.code()))
                    .filter(w -> w.validVotes > 0 || w.invalidatedVotes > 0 || onShortlist(w.id))
                    .sorted(Comparator.comparingLong((WorkRecord w) -> -w.validVotes).thenComparing(w -> w.id))
                    .map(w -> new TallyEntry(w.id, w.validVotes, w.invalidatedVotes))
                    .toList());
        }
        return new TalliesView(categories, new TreeMap<>(refused), accepted, certified);
    }

    RankingView finalRanking() {
        Map<String, List<RankedEntry>> categories = new TreeMap<>();
        if (shortlist != null) {
            for (Category category : rules.categories()) {
                List<FinalRanking.Candidate> candidates = new ArrayList<>();
                for (ListedWork place : shortlist.getOrDefault(category.code(), List.of())) {
                    WorkRecord w = works.get(place.workId());
                    candidates.add(new FinalRanking.Candidate(w.id, juryScore(w), w.validVotes,
                            w.submitted.submissionNo()));
                }
                categories.put(category.code(), FinalRanking.rank(candidates, rules.weights()).stream()
                        .map(r -> new RankedEntry(r.rank(), r.workId(), works.get(r.workId()).submitted.title(),
                                r.juryScore().toDisplay(), r.validVotes(), r.voteScore().toDisplay(),
                                r.finalScore().toDisplay()))
                        .toList());
            }
        }
        return new RankingView(stage, categories);
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
        return new RankingView(stage, categories);
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
        long validVotes;
        long invalidatedVotes;

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
