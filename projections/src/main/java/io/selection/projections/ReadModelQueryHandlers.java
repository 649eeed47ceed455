package io.selection.projections;

import io.selection.edition.Stage;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ReviewerView;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.WorkHistoryView;
import io.selection.projections.Views.WorkView;
import io.selection.projections.Views.WorksPageView;
import io.selection.query.ReadModelQueries.FindEditionQuery;
import io.selection.query.ReadModelQueries.FindEditionsQuery;
import io.selection.query.ReadModelQueries.FindFinalRankingQuery;
import io.selection.query.ReadModelQueries.FindPreliminaryRankingQuery;
import io.selection.query.ReadModelQueries.FindReviewerQuery;
import io.selection.query.ReadModelQueries.FindShortlistQuery;
import io.selection.query.ReadModelQueries.FindTalliesQuery;
import io.selection.query.ReadModelQueries.FindSuspiciousVoteSetsQuery;
import io.selection.query.ReadModelQueries.FindVoteQuery;
import io.selection.query.ReadModelQueries.FindWinnersQuery;
import io.selection.query.ReadModelQueries.FindWorkHistoryQuery;
import io.selection.query.ReadModelQueries.FindWorkQuery;
import io.selection.query.ReadModelQueries.FindWorksQuery;
import io.selection.voting.VoteSet;
import org.axonframework.queryhandling.QueryHandler;

import java.util.List;

/**
 * Answers the read-model questions. A null answer means "no such edition or work", or a list
 * that is not published yet; callers tell these apart by the edition's stage.
 */
public class ReadModelQueryHandlers {

    private final ReadModelStore store;

    public ReadModelQueryHandlers(ReadModelStore store) {
        this.store = store;
    }

    @QueryHandler
    public EditionView edition(FindEditionQuery query) {
        return store.read(query.editionId(), EditionReadModel::edition);
    }

    @QueryHandler
    public List<EditionView> editions(FindEditionsQuery query) {
        return store.readAll(EditionReadModel::edition);
    }

    @QueryHandler
    public ReviewerView reviewer(FindReviewerQuery query) {
        return store.read(query.editionId(), m -> m.reviewer(query.reviewerId()));
    }

    /**
     * The reviewers registered for an edition, in id order; null for an unknown edition. Asked
     * directly, as {@link #flaggedSet} is: the rulebook's {@code ReadModelQueries} has no question for it.
     */
    public List<ReviewerView> reviewers(String editionId) {
        return store.read(editionId, EditionReadModel::reviewers);
    }

    /** Null for an unknown edition or reviewer. */
    @QueryHandler
    public WorksPageView works(FindWorksQuery query) {
        return store.read(query.editionId(), m -> m.works(query));
    }

    @QueryHandler
    public WorkView work(FindWorkQuery query) {
        return store.read(query.editionId(), m -> m.work(query.workId()));
    }

    @QueryHandler
    public WorkHistoryView history(FindWorkHistoryQuery query) {
        return store.read(query.editionId(), m -> m.history(query.workId()));
    }

    @QueryHandler
    public PreliminaryRankingView preliminaryRanking(FindPreliminaryRankingQuery query) {
        return store.read(query.editionId(), m -> m.preliminaryRanking(query.category()));
    }

    @QueryHandler
    public ShortlistView shortlist(FindShortlistQuery query) {
        return store.read(query.editionId(), m -> m.shortlistPublished() ? m.shortlist() : null);
    }

    @QueryHandler
    public TalliesView tallies(FindTalliesQuery query) {
        return store.read(query.editionId(), EditionReadModel::tallies);
    }

    /**
     * The tallies with the vote rate, both at one position of the log; null for an unknown edition.
     * Asked directly, as {@link #reviewers} is.
     */
    public Views.LiveView live(String editionId) {
        return store.read(editionId, EditionReadModel::live);
    }

    @QueryHandler
    public RankingView finalRanking(FindFinalRankingQuery query) {
        return store.read(query.editionId(), EditionReadModel::finalRanking);
    }

    @QueryHandler
    public RankingView winners(FindWinnersQuery query) {
        return store.read(query.editionId(), m -> m.stage() == Stage.RESULTS_PUBLISHED ? m.winners() : null);
    }

    @QueryHandler
    public Views.SuspiciousSetsView suspiciousSets(FindSuspiciousVoteSetsQuery query) {
        return store.read(query.editionId(), EditionReadModel::suspiciousSets);
    }

    /**
     * What invalidating the flagged set {@code setId} takes: the set as it stands, or, for a set that
     * has grown since it was read, the range its id named; null when no flagged set answers the id.
     */
    public VoteSet flaggedSet(String editionId, String setId) {
        return store.read(editionId, m -> m.flaggedSet(setId));
    }

    /** Where the vote's decision is in the log, or null; the decision itself is read from there. */
    @QueryHandler
    public Views.VoteLocation vote(FindVoteQuery query) {
        Long seq = store.read(query.editionId(), m -> m.voteSeq(query.voteId()));
        return seq == null ? null : new Views.VoteLocation(query.editionId(), query.voteId(), seq);
    }

    /** The lines of the votes decided already, among many; the unknown ones are left out. */
    @QueryHandler
    public Views.VoteLocations votes(io.selection.query.ReadModelQueries.FindVotesQuery query) {
        java.util.Map<String, Long> found = store.read(query.editionId(), m -> {
            java.util.Map<String, Long> seqs = new java.util.HashMap<>();
            for (String id : query.voteIds()) {
                Long seq = m.voteSeq(id);
                if (seq != null) {
                    seqs.put(id, seq);
                }
            }
            return seqs;
        });
        return new Views.VoteLocations(found == null ? java.util.Map.of() : found);
    }
}
