package io.selection.results;

import io.selection.common.Ratio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The preliminary ranking of one category: higher preliminary score first, then earlier
 * submission, then smaller work id. The shortlist is its head, up to the category's quota.
 */
public final class ShortlistRanking {

    public record Candidate(String workId, Ratio preliminaryScore, long submissionNo) {
    }

    public record Ranked(int rank, Candidate candidate) {
    }

    public static final Comparator<Candidate> ORDER = Comparator
            .comparing(Candidate::preliminaryScore, Comparator.reverseOrder())
            .thenComparingLong(Candidate::submissionNo)
            .thenComparing(Candidate::workId);

    private ShortlistRanking() {
    }

    public static List<Ranked> rank(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(ORDER);
        List<Ranked> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(new Ranked(i + 1, sorted.get(i)));
        }
        return ranked;
    }

    /** The first {@code quota} candidates in ranking order. */
    public static List<Ranked> shortlist(List<Candidate> candidates, int quota) {
        List<Ranked> ranked = rank(candidates);
        return ranked.subList(0, Math.min(quota, ranked.size()));
    }
}
