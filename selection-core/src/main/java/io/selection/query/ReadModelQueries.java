package io.selection.query;

/**
 * The questions the read models answer, one record per question. Kept in the core so the API, the
 * projections and any other client name them the same way.
 */
public final class ReadModelQueries {

    private ReadModelQueries() {
    }

    public record FindEditionQuery(String editionId) {
    }

    public record FindWorkQuery(String editionId, String workId) {
    }

    public record FindWorkHistoryQuery(String editionId, String workId) {
    }

    public record FindPreliminaryRankingQuery(String editionId, String category) {
    }

    public record FindShortlistQuery(String editionId) {
    }

    public record FindTalliesQuery(String editionId) {
    }

    public record FindFinalRankingQuery(String editionId) {
    }

    public record FindWinnersQuery(String editionId) {
    }

    public record FindVoteQuery(String editionId, String voteId) {
    }

    /** Where each of many votes' decisions is: one question for a whole batch. */
    public record FindVotesQuery(String editionId, java.util.List<String> voteIds) {
    }

    public record FindSuspiciousVoteSetsQuery(String editionId) {
    }
}
