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

import java.time.Instant;

/**
 * One edition's read models as they stood right after a given line of its log: a fresh
 * {@link EditionReadModel} folded over lines 1..seq, the very code the live read models run, so an
 * answer "as of" a line is the JSON the server gave then, by construction. The caller feeds the
 * lines in seq order from the store; the answers apply the same publication rules as the live
 * query handlers (a list not yet published is null). Its methods take its lock, as the live store's
 * questions do, so a folded point may be shared by several questions.
 */
public final class PointInTime {

    private final EditionReadModel model;

    PointInTime(String editionId, SuspicionRules rules) {
        this.model = new EditionReadModel(editionId, rules);
    }

    /** Folds in the next line of the edition's log; lines must come in seq order from 1 without gaps. */
    public synchronized void apply(long seq, Instant timestamp, EditionEvent event) {
        if (seq != model.lines() + 1) {
            throw new IllegalArgumentException("line " + seq + " after line " + model.lines());
        }
        model.apply(seq, timestamp, event);
    }

    /** The number of lines folded in: the log size this point names. */
    public synchronized long lines() {
        return model.lines();
    }

    public synchronized EditionView edition() {
        return model.edition();
    }

    public synchronized Stage stage() {
        return model.stage();
    }

    /** Null for an unknown work. */
    public synchronized WorkView work(String workId) {
        return model.work(workId);
    }

    /** Every work as {@link #work} gives it, in submission order. */
    public synchronized java.util.List<WorkView> works() {
        return model.allWorks();
    }

    /** A page of the works list, as the live {@code FindWorksQuery} answers it. */
    public synchronized Views.WorksPageView works(io.selection.query.ReadModelQueries.FindWorksQuery query) {
        return model.works(query);
    }

    /** Null for an unknown work. */
    public synchronized WorkHistoryView history(String workId) {
        return model.history(workId);
    }

    public synchronized PreliminaryRankingView preliminaryRanking(String category) {
        return model.preliminaryRanking(category);
    }

    /** Null before the shortlist is published. */
    public synchronized ShortlistView shortlist() {
        return model.shortlistPublished() ? model.shortlist() : null;
    }

    public synchronized TalliesView tallies() {
        return model.tallies();
    }

    public synchronized RankingView finalRanking() {
        return model.finalRanking();
    }

    /** Null before the results are published (also at the line of the stage change, before their own line). */
    public synchronized RankingView winners() {
        return model.resultsPublished() ? model.winners() : null;
    }
}
