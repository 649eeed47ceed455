package io.selection.projections;

import io.selection.audit.format.LogCodec;
import io.selection.common.Ratio;
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
import io.selection.projections.Views.CertifiedTally;
import io.selection.projections.Views.HistoryEntry;
import io.selection.projections.Views.PreliminaryEntry;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.ReviewerScore;
import io.selection.projections.Views.ReviewerView;
import io.selection.projections.Views.ShortlistPlace;
import io.selection.projections.Views.VoteSummary;
import io.selection.projections.Views.WorkHistoryView;
import io.selection.projections.Views.WorkView;
import io.selection.projections.Views.WorksPageView;
import io.selection.query.ReadModelQueries.FindWorksQuery;
import io.selection.results.ShortlistRanking;
import io.selection.rules.Standing;
import io.selection.review.ConflictOfInterestPolicy;
import io.selection.review.Round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The questions about works: each work with its scores and status, its history in log order, and
 * each category's preliminary ranking. Vote counts in histories come from {@link VoteTallies},
 * which folds each line first.
 */
final class WorkCatalogue implements EditionEvent.Visitor<Void> {

    private final String editionId;
    private final LinePosition line;
    private final VoteTallies tallies;
    private final Map<String, WorkRecord> works = new LinkedHashMap<>();
    private final Map<String, ReviewerRegisteredEvent> reviewers = new TreeMap<>();
    /** The rules' standing of the edition, folded before this catalogue: scores and rankings are read from it. */
    private final Standing standing;

    WorkCatalogue(String editionId, LinePosition line, VoteTallies tallies, Standing standing) {
        this.editionId = editionId;
        this.line = line;
        this.tallies = tallies;
        this.standing = standing;
    }

    WorkView work(String workId, PublishedLists lists) {
        WorkRecord w = works.get(workId);
        return w == null ? null : view(w, status(w, lists));
    }

    /** Every work's view, in submission order. */
    List<WorkView> all(PublishedLists lists) {
        List<WorkView> all = new ArrayList<>(works.size());
        for (WorkRecord w : works.values()) {
            all.add(view(w, status(w, lists)));
        }
        return all;
    }

    private WorkView view(WorkRecord w, WorkStatus status) {
        return new WorkView(editionId, w.id, w.submitted.title(), w.submitted.url(), w.submitted.normalisedUrl(),
                w.submitted.category(), w.submitted.publishedOn(), w.submitted.organisation(),
                w.submitted.submissionNo(), w.submitted.at(), status.name(), w.disqualificationReason,
                scores(w, Round.PRELIMINARY), scored(w, Round.PRELIMINARY) ? score(w, Round.PRELIMINARY).toDisplay() : null,
                scores(w, Round.FINAL), scored(w, Round.FINAL) ? score(w, Round.FINAL).toDisplay() : null,
                tallies.valid(w.id));
    }

    /**
     * One page of the works that pass the query's filters, in one pass over the works: only the
     * works on the page are turned into views. The counts are of the works that pass every filter
     * but the status one.
     */
    WorksPageView page(FindWorksQuery query, PublishedLists lists) {
        ReviewerRegisteredEvent reviewer = query.reviewerId() == null ? null : reviewers.get(query.reviewerId());
        if (query.reviewerId() != null && reviewer == null) {
            return null;
        }
        String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        long[] counts = new long[WorkStatus.values().length];
        List<WorkView> page = new ArrayList<>();
        long total = 0;
        for (WorkRecord w : works.values()) {
            if (query.category() != null && !w.submitted.category().equals(query.category())
                    || text != null && !w.mentions(text)
                    || reviewer != null && !mayScore(reviewer, w)) {
                continue;
            }
            WorkStatus status = status(w, lists);
            counts[status.ordinal()]++;
            if (query.status() != null && !status.name().equals(query.status())) {
                continue;
            }
            if (total >= query.offset() && page.size() < query.limit()) {
                page.add(view(w, status));
            }
            total++;
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (WorkStatus status : WorkStatus.values()) {
            byStatus.put(status.name(), counts[status.ordinal()]);
        }
        return new WorksPageView(total, query.offset(), query.limit(), byStatus, page);
    }

    /** The rule the aggregate scores by: the reviewer's category, and not the reviewer's own organisation. */
    private static boolean mayScore(ReviewerRegisteredEvent reviewer, WorkRecord w) {
        return reviewer.categories().contains(w.submitted.category())
                && !ConflictOfInterestPolicy.conflicts(reviewer.organisation(), w.submitted.organisation());
    }

    ReviewerView reviewer(String reviewerId) {
        ReviewerRegisteredEvent r = reviewers.get(reviewerId);
        return r == null ? null : reviewerView(r);
    }

    /** Every registered reviewer, in id order. */
    List<ReviewerView> reviewers() {
        return reviewers.values().stream().map(WorkCatalogue::reviewerView).toList();
    }

    private static ReviewerView reviewerView(ReviewerRegisteredEvent r) {
        return new ReviewerView(r.reviewerId(), r.name(), r.organisation(), r.categories());
    }

    WorkHistoryView history(String workId) {
        WorkRecord w = works.get(workId);
        return w == null ? null : new WorkHistoryView(editionId, workId, List.copyOf(w.history));
    }

    /** Each work's view and history, in submission order. */
    List<Object> worksAndHistories(PublishedLists lists) {
        List<Object> out = new ArrayList<>();
        for (String id : works.keySet()) {
            out.add(work(id, lists));
            out.add(history(id));
        }
        return out;
    }

    PreliminaryRankingView preliminaryRanking(String category) {
        if (standing.rules().category(category).isEmpty()) {
            return null;
        }
        List<PreliminaryEntry> entries = new ArrayList<>();
        for (ShortlistRanking.Ranked r : ShortlistRanking.rank(standing.shortlistCandidates(category))) {
            WorkRecord w = works.get(r.candidate().workId());
            entries.add(new PreliminaryEntry(r.rank(), w.id, w.submitted.title(), scores(w, Round.PRELIMINARY),
                    r.candidate().preliminaryScore().toDisplay(), false));
        }
        // Disqualified works are listed after the ranked ones, unranked, so the list stays complete.
        works.values().stream().filter(w -> w.isDisqualified() && w.submitted.category().equals(category))
                .forEach(w -> entries.add(new PreliminaryEntry(0, w.id, w.submitted.title(),
                        scores(w, Round.PRELIMINARY), score(w, Round.PRELIMINARY).toDisplay(), true)));
        return new PreliminaryRankingView(category, entries);
    }

    /** The ids of the category's works, in submission order. */
    List<String> idsIn(String category) {
        return works.values().stream().filter(w -> w.submitted.category().equals(category)).map(w -> w.id).toList();
    }

    String title(String workId) {
        return works.get(workId).submitted.title();
    }

    // ---- folding ----

    @Override
    public Void on(EditionCreatedEvent e) {
        return null;
    }

    @Override
    public Void on(WorkSubmittedEvent e) {
        WorkRecord work = new WorkRecord(e);
        works.put(e.workId(), work);
        work.history(line.seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(WorkScoredEvent e) {
        works.get(e.workId()).history(line.seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(WorkDisqualifiedEvent e) {
        WorkRecord work = works.get(e.workId());
        work.disqualificationReason = e.reason();
        work.history(line.seq, e.at(), e);
        return null;
    }

    @Override
    public Void on(ShortlistPublishedEvent e) {
        e.categories().forEach((category, places) -> places.forEach(p -> works.get(p.workId()).history(line.seq,
                e.at(), "Shortlisted", new ShortlistPlace(category, p.rank(), p.preliminaryScore()))));
        return null;
    }

    @Override
    public Void on(ShortlistAmendedEvent e) {
        works.get(e.removedWorkId()).history(line.seq, e.at(), e);
        if (e.addedWorkId() != null) {
            works.get(e.addedWorkId()).history(line.seq, e.at(), e);
        }
        return null;
    }

    @Override
    public Void on(VotesDecidedEvent e) {
        tallies.lastGroup().forEach((workId, counts) -> {
            WorkRecord work = works.get(workId);
            if (work != null) {
                work.history(line.seq, line.timestamp, "VotesDecided", new VoteSummary(counts[0], counts[1],
                        line.seq));
            }
        });
        return null;
    }

    @Override
    public Void on(VotesInvalidatedEvent e) {
        tallies.lastLost().keySet().forEach(workId -> works.get(workId).history(line.seq, e.at(), e));
        return null;
    }

    @Override
    public Void on(TalliesCertifiedEvent e) {
        e.validVotes().forEach((category, perWork) -> perWork.forEach((workId, n) -> works.get(workId)
                .history(line.seq, e.at(), "TalliesCertified", new CertifiedTally(category, n))));
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        e.categories().forEach((category, places) -> places.forEach(w -> works.get(w.workId()).history(line.seq,
                e.at(), "Won", w)));
        return null;
    }

    @Override
    public Void on(StageChangedEvent e) {
        return null;
    }

    @Override
    public Void on(ReviewerRegisteredEvent e) {
        reviewers.put(e.reviewerId(), e);
        return null;
    }

    // ---- helpers ----

    /** The work's score of the round, by the rules' one trimmed mean. */
    private Ratio score(WorkRecord w, Round round) {
        return standing.score(standing.work(w.id), round);
    }

    private boolean scored(WorkRecord w, Round round) {
        return !standing.work(w.id).scores(round).isEmpty();
    }

    private static WorkStatus status(WorkRecord w, PublishedLists lists) {
        if (w.isDisqualified()) {
            return WorkStatus.DISQUALIFIED;
        }
        if (lists.resultsArePublished()) {
            return lists.won(w.id) ? WorkStatus.WINNER
                    : lists.onShortlist(w.id) ? WorkStatus.NOT_SELECTED : WorkStatus.NOT_SHORTLISTED;
        }
        if (lists.shortlistIsPublished()) {
            return lists.onShortlist(w.id) ? WorkStatus.SHORTLISTED : WorkStatus.NOT_SHORTLISTED;
        }
        return WorkStatus.SUBMITTED;
    }

    /** Each reviewer's last score of the round, by reviewer id. */
    private List<ReviewerScore> scores(WorkRecord w, Round round) {
        return standing.work(w.id).scores(round).entrySet().stream()
                .map(e -> new ReviewerScore(e.getKey(), e.getValue())).toList();
    }

    private static final class WorkRecord {
        final String id;
        final WorkSubmittedEvent submitted;
        final List<HistoryEntry> history = new ArrayList<>();
        /** Id, title and organisation in lower case, each searched by the works list. */
        final String[] searchable;
        String disqualificationReason;

        WorkRecord(WorkSubmittedEvent submitted) {
            this.id = submitted.workId();
            this.submitted = submitted;
            this.searchable = Stream.of(submitted.workId(), submitted.title(), submitted.organisation())
                    .filter(Objects::nonNull).map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        }

        /** Whether the id, title or organisation holds {@code lowerCaseText}. */
        boolean mentions(String lowerCaseText) {
            for (String field : searchable) {
                if (field.contains(lowerCaseText)) {
                    return true;
                }
            }
            return false;
        }

        boolean isDisqualified() {
            return disqualificationReason != null;
        }

        /** An event about this work, named after its class without the "Event" suffix. */
        void history(long seq, Instant at, EditionEvent event) {
            history(seq, at, LogCodec.type(event), event);
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
