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

    /** Every edition, in id order. */
    public record FindEditionsQuery() {
    }

    public record FindReviewerQuery(String editionId, String reviewerId) {
    }

    /**
     * One page of an edition's works in submission order. A null filter lets every work through;
     * {@code text} is looked for, ignoring case, in the work's id, title and organisation;
     * {@code reviewerId} keeps the works that reviewer may score.
     */
    public record FindWorksQuery(String editionId, String category, String status, String text, String reviewerId,
                                 int offset, int limit) {
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
