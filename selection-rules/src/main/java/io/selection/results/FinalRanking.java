package io.selection.results;

import io.selection.common.Ratio;
import io.selection.edition.Weights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The final ranking of one category: higher final score, then higher jury score, then more valid
 * votes, then earlier submission, then smaller work id. Winners are its head, up to the final quota.
 */
public final class FinalRanking {

    public record Candidate(String workId, Ratio juryScore, long validVotes, long submissionNo) {
    }

    public record Ranked(int rank, String workId, Ratio juryScore, long validVotes, Ratio voteScore,
                         Ratio finalScore, long submissionNo) {
    }

    /**
     * The order's keys, named once: higher final score, then higher jury score, then more valid
     * votes, then earlier submission, then smaller work id.
     */
    public static final List<TieBreak<Ranked>> KEYS = List.of(
            new TieBreak<>("FINAL_SCORE", Ranked::finalScore, true, r -> r.finalScore().toDisplay()),
            new TieBreak<>("JURY_SCORE", Ranked::juryScore, true, r -> r.juryScore().toDisplay()),
            new TieBreak<>("VALID_VOTES", Ranked::validVotes, true, Ranked::validVotes),
            new TieBreak<>("SUBMISSION_NO", Ranked::submissionNo, false, Ranked::submissionNo),
            new TieBreak<>("WORK_ID", Ranked::workId, false, Ranked::workId));

    private static final Comparator<Ranked> ORDER = TieBreak.order(KEYS);

    private FinalRanking() {
    }

    public static List<Ranked> rank(List<Candidate> candidates, Weights weights) {
        long most = candidates.stream().mapToLong(Candidate::validVotes).max().orElse(0);
        List<Ranked> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Ratio voteScore = VoteScore.of(c.validVotes(), most);
            scored.add(new Ranked(0, c.workId(), c.juryScore(), c.validVotes(), voteScore,
                    FinalScore.of(weights, c.juryScore(), voteScore), c.submissionNo()));
        }
        scored.sort(ORDER);
        List<Ranked> ranked = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Ranked r = scored.get(i);
            ranked.add(new Ranked(i + 1, r.workId(), r.juryScore(), r.validVotes(), r.voteScore(), r.finalScore(),
                    r.submissionNo()));
        }
        return ranked;
    }

    public static List<Ranked> winners(List<Candidate> candidates, Weights weights, int finalQuota) {
        List<Ranked> ranked = rank(candidates, weights);
        return ranked.subList(0, Math.min(finalQuota, ranked.size()));
    }

    /** The winners of one category as published: the head of its final ranking, scores shown rounded. */
    public static List<Winner> places(List<Candidate> candidates, Weights weights, int finalQuota) {
        List<Winner> places = new ArrayList<>();
        for (Ranked r : winners(candidates, weights, finalQuota)) {
            places.add(new Winner(r.rank(), r.workId(), r.juryScore().toDisplay(), r.validVotes(),
                    r.voteScore().toDisplay(), r.finalScore().toDisplay()));
        }
        return places;
    }
}
