package io.selection.projections;

import io.selection.edition.Category;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answers of the read models, shaped as the HTTP contract shows them. */
public final class Views {

    private Views() {
    }

    public record StageEntry(Stage stage, Instant at, String by) {
    }

    public record EditionView(String id, String title, String theme, LocalDate eligibleFrom, LocalDate eligibleTo,
                              String timeZone, List<Category> categories, VotingRules voting, ReviewRules review,
                              Weights weights, Stage stage, List<StageEntry> stageHistory, int works,
                              int reviewers) {
    }

    public record ReviewerScore(String reviewerId, BigDecimal score) {
    }

    /** A registered reviewer: who may score which works (their categories, less their own organisation's). */
    public record ReviewerView(String id, String name, String organisation, List<String> categories) {
    }

    public record WorkView(String editionId, String id, String title, String url, String normalisedUrl,
                           String category, LocalDate publishedOn, String organisation, long submissionNo,
                           Instant submittedAt, String status, String disqualificationReason,
                           List<ReviewerScore> preliminaryScores, BigDecimal preliminaryScore,
                           List<ReviewerScore> finalScores, BigDecimal juryScore, long validVotes) {
    }

    /**
     * A page of works: {@code total} works pass every filter; {@code counts} gives, per status, the
     * works that pass every filter but the status one, so a console can label its tabs.
     */
    public record WorksPageView(long total, int offset, int limit, Map<String, Long> counts, List<WorkView> works) {
    }

    public record HistoryEntry(long seq, String type, Instant at, Object data) {
    }

    /** History data: the work's place on the published shortlist. */
    public record ShortlistPlace(String category, int rank, BigDecimal preliminaryScore) {
    }

    /** History data: the work's certified tally when voting closed. */
    public record CertifiedTally(String category, long validVotes) {
    }

    /** History data: how consecutive groups of vote decisions, up to log position {@code lastSeq}, touched the work. */
    public record VoteSummary(long accepted, long refused, long lastSeq) {
    }

    public record WorkHistoryView(String editionId, String workId, List<HistoryEntry> events) {
    }

    public record PreliminaryEntry(int rank, String workId, String title, List<ReviewerScore> scores,
                                   BigDecimal preliminaryScore, boolean disqualified) {
    }

    public record PreliminaryRankingView(String category, List<PreliminaryEntry> works) {
    }

    public record ShortlistEntry(int rank, String workId, String title, BigDecimal preliminaryScore) {
    }

    /** {@code logSize}, {@code logDigest}, {@code listDigest}: what the list rests on (docs/audit.md). */
    public record ShortlistView(Map<String, List<ShortlistEntry>> categories, Long logSize, String logDigest,
                                String listDigest) {
    }

    public record TallyEntry(String workId, String title, long validVotes, long invalidatedVotes) {
    }

    /**
     * Valid and invalidated votes per work, refusals per reason; {@code duplicateVotes} counts
     * decisions logged under a vote id decided before, which count nowhere. The digests name the
     * certified tallies once certified, else the log as folded so far (the logDigest is filled in by
     * the server, which keeps the line hashes).
     */
    public record TalliesView(Map<String, List<TallyEntry>> categories, Map<String, Long> refusedVotes,
                              long acceptedVotes, long duplicateVotes, boolean certified, Long logSize,
                              String logDigest, String listDigest) {

        public TalliesView withLogDigest(String digest) {
            return new TalliesView(categories, refusedVotes, acceptedVotes, duplicateVotes, certified, logSize,
                    digest, listDigest);
        }
    }

    /**
     * Decisions whose {@code receivedAt} lies in [{@code from}, {@code from} + the view's minutes):
     * divided by the minutes, votes per minute.
     */
    public record RatePoint(Instant from, long accepted, long refused) {
    }

    /** The decided votes over the voting so far, in points {@code minutes} wide (docs/api.md). */
    public record VoteRateView(int minutes, List<RatePoint> points) {
    }

    /** The live page's answer: the tallies and the rate, read at one position of the log. */
    public record LiveView(TalliesView tallies, VoteRateView voteRate) {
    }

    public record RankedEntry(int rank, String workId, String title, BigDecimal juryScore, long validVotes,
                              BigDecimal voteScore, BigDecimal finalScore) {
    }

    /** For the winners, the digests the results were published with; null for a ranking as it stands. */
    public record RankingView(Stage stage, Map<String, List<RankedEntry>> categories, Long logSize, String logDigest,
                              String listDigest) {
    }

    /**
     * A flagged set: {@code votes} counts what matched the rule ({@code kind} and {@code key}: the
     * address, device or voter) from {@code from} to {@code to}; {@code sample} names a few of them.
     */
    public record SuspiciousSet(String id, String rule, String kind, String key, long votes, Instant from,
                                Instant to, List<String> sample) {
    }

    public record SuspiciousSetsView(List<SuspiciousSet> sets, List<String> invalidated) {
    }

    /** Where a vote's decision is in the log. */
    public record VoteLocation(String editionId, String voteId, long seq) {
    }

    /** Where each of many votes' decisions is (only those decided). */
    public record VoteLocations(java.util.Map<String, Long> seqs) {
    }

    public record VoteView(String id, String decision, String reason, String voterId, String workId,
                           Instant castAt, Instant receivedAt, LocalDate day, long seq) {
    }
}
