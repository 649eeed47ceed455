package io.selection.projections;

import io.selection.edition.Stage;
import io.selection.events.EditionEvent;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.WorkHistoryView;
import io.selection.projections.Views.WorkView;
import io.selection.query.ReadModelQueries.FindWorksQuery;
import io.selection.rules.Standing;
import io.selection.voting.VoteSet;

import java.time.Instant;
import java.util.List;

/**
 * The read models of one edition, one per question (the edition, its works, its votes, its
 * lists), each a fold of the edition's lines in log order. Each is a full
 * {@link EditionEvent.Visitor}: an event added to the family and forgotten by one of them does not
 * compile. Rankings are computed on demand with the policy classes the aggregate and the recount
 * use; only sorted maps and ordered lists are exposed, so the same log gives the same JSON.
 */
final class EditionReadModel {

    private final LinePosition line = new LinePosition();
    private final EditionSummary summary;
    private final VoteTallies tallies;
    private final PublishedLists lists = new PublishedLists();
    private final WorkCatalogue works;
    /**
     * What the rules know (Standing, the aggregate's and the recount's own fold), folded first: the
     * works' scores and both rankings' candidates are read from it, never folded a second time here.
     */
    private final Standing standing = new Standing();
    /** In the order they fold a line: the works' histories read what the tallies made of it. */
    private final List<EditionEvent.Visitor<Void>> folds;

    EditionReadModel(String editionId, SuspicionRules rules) {
        this.summary = new EditionSummary(editionId);
        this.tallies = new VoteTallies(line, rules);
        this.works = new WorkCatalogue(editionId, line, tallies, standing);
        this.folds = List.of(summary, tallies, lists, works);
    }

    /** Folds line {@code seq} of the edition's log in. */
    void apply(long seq, Instant timestamp, EditionEvent event) {
        line.seq = seq;
        line.timestamp = timestamp;
        standing.apply(seq, event);
        for (EditionEvent.Visitor<Void> fold : folds) {
            event.accept(fold);
        }
    }

    /** The number of lines of the edition's log folded in. */
    long lines() {
        return line.seq;
    }

    EditionView edition() {
        return summary.view();
    }

    Stage stage() {
        return summary.stage();
    }

    WorkView work(String workId) {
        return works.work(workId, lists);
    }

    List<WorkView> allWorks() {
        return works.all(lists);
    }

    WorkHistoryView history(String workId) {
        return works.history(workId);
    }

    Views.WorksPageView works(FindWorksQuery query) {
        return works.page(query, lists);
    }

    Views.ReviewerView reviewer(String reviewerId) {
        return works.reviewer(reviewerId);
    }

    List<Views.ReviewerView> reviewers() {
        return works.reviewers();
    }

    List<Object> worksAndHistories() {
        return works.worksAndHistories(lists);
    }

    PreliminaryRankingView preliminaryRanking(String category) {
        return works.preliminaryRanking(category);
    }

    ShortlistView shortlist() {
        return lists.shortlist(works);
    }

    boolean shortlistPublished() {
        return lists.shortlistIsPublished();
    }

    boolean resultsPublished() {
        return lists.resultsArePublished();
    }

    TalliesView tallies() {
        return tallies.view(summary.rules(), works, lists);
    }

    /** The tallies and the vote rate at this one position of the log. */
    Views.LiveView live() {
        return new Views.LiveView(tallies(), tallies.rate());
    }

    RankingView finalRanking() {
        return lists.finalRanking(standing, summary.stage(), works, tallies);
    }

    RankingView winners() {
        return lists.winners(summary.stage(), works);
    }

    Views.SuspiciousSetsView suspiciousSets() {
        return tallies.suspiciousSets();
    }

    VoteSet flaggedSet(String id) {
        return tallies.flaggedSet(id);
    }

    /** The line that holds the vote's decision, or null. */
    Long voteSeq(String voteId) {
        return tallies.voteSeq(voteId);
    }
}
