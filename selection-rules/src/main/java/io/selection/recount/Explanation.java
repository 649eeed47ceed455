package io.selection.recount;

import io.selection.edition.Weights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Why a work is where it is, as of one line of its edition's log: each part as structured fields,
 * and the same as {@link Statement}s, each naming the line ({@code seq}) it rests on, the summary
 * first and the rest in log order. Built by {@link Explanations} from the log alone as data (codes
 * and values; {@code language}, {@code summary} and each statement's {@code text} null);
 * {@link Wording#render} says it in a {@link Language}. A part that does not apply (yet) is null.
 */
public record Explanation(String editionId, String workId, String title, String category, String categoryName,
                          long submissionNo, long logSize, String stage, Outcome outcome, String language,
                          String summary, Scores preliminary, Ranking preliminaryRanking, Shortlist shortlist,
                          Disqualification disqualification, Votes votes, Final finalRanking,
                          List<Statement> statements) {

    /**
     * The parts whose null fields are left out when written as JSON (a part that does not apply is
     * absent, not null); the service and the offline tool both write them so.
     */
    public static final List<Class<? extends Record>> NULLS_OMITTED = List.of(Explanation.class, Statement.class,
            Scores.class, Score.class, Ranking.class, Shortlist.class, Change.class, Disqualification.class,
            Votes.class, Final.class);

    /** Where the work stands, in one word. */
    public enum Outcome {
        /** Disqualified: out of every list from that line on. */
        DISQUALIFIED,
        /** Before the shortlist is published: inside the places it will take, as the scores stand. */
        ABOVE_THE_CUT,
        /** Before the shortlist is published: outside its places, as the scores stand. */
        BELOW_THE_CUT,
        /** The published shortlist (with its amendments) does not hold it. */
        NOT_SHORTLISTED,
        /** On the shortlist; the results are not published yet. */
        SHORTLISTED,
        /** Among the published winners. */
        WINNER,
        /** On the shortlist, not among the published winners. */
        NOT_A_WINNER
    }

    /** The same explanation said: in the language (its tag), the summary the first statement's text. */
    Explanation said(String languageTag, List<Statement> saidStatements) {
        return new Explanation(editionId, workId, title, category, categoryName, submissionNo, logSize, stage, outcome,
                languageTag, saidStatements.get(0).text(), preliminary, preliminaryRanking, shortlist,
                disqualification, votes, finalRanking, List.copyOf(saidStatements));
    }

    /**
     * One statement: {@code code} names its kind, {@code variant} which of the code's sentences it
     * is where the code has several (null where it has one), {@code params} the values it says;
     * {@link Wording} holds the sentences. {@code text}: the statement said, once rendered.
     */
    public record Statement(long seq, String code, String variant, String text, Map<String, Object> params) {
    }

    /** One round's scores: each reviewer's last, which were dropped, and the mean of the rest. */
    public record Scores(List<Score> scores, int count, int trimFrom, int minScores, boolean trimmed,
                         BigDecimal mean, String meanExact, Long seq) {
    }

    /**
     * A reviewer's score on line {@code seq}; {@code dropped} is HIGHEST or LOWEST where the trim
     * dropped it; {@code replaced} the earlier scores it replaced.
     */
    public record Score(String reviewerId, BigDecimal score, long seq, String dropped, List<Replaced> replaced) {
    }

    public record Replaced(BigDecimal score, long seq) {
    }

    /**
     * A rank in a ranking of the category: {@code of} works ranked, {@code quota} places; the cut
     * between the last work in and the first work out ({@code gap}: how far the work is above the
     * first out, or below the last in); the works tied with it on the ranking's score, and what
     * separated each. {@code seq}: the last line that changed the ranking's inputs.
     */
    public record Ranking(int rank, int of, int quota, boolean inside, Place lastIn, Place firstOut, BigDecimal gap,
                          List<Tie> ties, int tiedWorks, long seq) {
    }

    /** A work in a ranking, with the score the ranking orders by. */
    public record Place(String workId, int rank, BigDecimal score) {
    }

    /**
     * A work with the same score (exactly); {@code decidedBy} names the first rule that separates
     * the two (SUBMISSION_NO, WORK_ID; in the final ranking also JURY_SCORE, VALID_VOTES), with each
     * side's value, and whether this work ranks {@code ahead}.
     */
    public record Tie(String workId, int rank, String decidedBy, Object mine, Object theirs, boolean ahead) {
    }

    /**
     * The shortlist as the log published and amended it: {@code publishedRank} at publication
     * (null: not on it), {@code rank} now (null: not on it), and each amendment that moved it.
     */
    public record Shortlist(long publishedSeq, Integer publishedRank, Integer rank, List<Change> changes) {
    }

    /**
     * An amendment of the shortlist as it touched this work: LEFT (disqualified), ENTERED (by
     * backfill, after {@code otherWorkId} left), MOVED_UP (a work above it left).
     */
    public record Change(long seq, String kind, String otherWorkId, Integer from, Integer to) {
    }

    /** The disqualification, with the work's preliminary rank (and shortlist place) just before it. */
    public record Disqualification(long seq, String reason, String by, int rankBefore, Integer shortlistPlaceBefore) {
    }

    /**
     * Its votes as counted from the log: accepted (one per vote id), invalidated, valid; the line
     * of the last change; each invalidation that took some; the certified count where certified.
     */
    public record Votes(long accepted, long invalidated, long valid, Long seq, List<Invalidation> invalidations,
                        Long certifiedValid, Long certifiedSeq) {
    }

    public record Invalidation(long seq, String setId, String rule, String reason, long votes) {
    }

    /**
     * The final ranking: jury scores, vote score (against the most valid votes in the category),
     * the final score's two parts, the rank and cut, and the published results where published.
     */
    public record Final(Scores jury, long validVotes, long mostValidVotes, String mostVotedWork,
                        BigDecimal voteScore, Long voteScoreSeq, Weights weights, BigDecimal juryPart,
                        BigDecimal votePart, BigDecimal finalScore, String finalScoreExact, Ranking ranking,
                        Long resultsSeq, Integer winnerRank) {
    }
}
