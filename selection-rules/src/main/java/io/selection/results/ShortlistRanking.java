package io.selection.results;

import io.selection.common.Ratio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
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

    /** The order's keys, named once: higher preliminary score, then earlier submission, then smaller work id. */
    public static final List<TieBreak<Candidate>> KEYS = List.of(
            new TieBreak<>("PRELIMINARY_SCORE", Candidate::preliminaryScore, true, c -> c.preliminaryScore().toDisplay()),
            new TieBreak<>("SUBMISSION_NO", Candidate::submissionNo, false, Candidate::submissionNo),
            new TieBreak<>("WORK_ID", Candidate::workId, false, Candidate::workId));

    public static final Comparator<Candidate> ORDER = TieBreak.order(KEYS);

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

    /** The best-ranked candidate not on the list: the one that takes a freed place; null when none is left. */
    public static Candidate next(List<Candidate> candidates, Collection<String> onList) {
        return rank(candidates).stream().map(Ranked::candidate).filter(c -> !onList.contains(c.workId()))
                .findFirst().orElse(null);
    }

    /**
     * A category's places after {@code removed} left and {@code added} (may be null) took the last
     * place: the order of the others is kept and ranks are numbered again from 1.
     */
    public static List<ListedWork> amend(List<ListedWork> places, String removed, String added,
                                         BigDecimal addedScore) {
        List<ListedWork> out = new ArrayList<>(places.size());
        for (ListedWork p : places) {
            if (!p.workId().equals(removed)) {
                out.add(new ListedWork(out.size() + 1, p.workId(), p.preliminaryScore()));
            }
        }
        if (added != null) {
            out.add(new ListedWork(out.size() + 1, added, addedScore));
        }
        return out;
    }

    /** The shortlist places of one category as published: the head of its ranking, scores shown rounded. */
    public static List<ListedWork> places(List<Candidate> candidates, int quota) {
        List<ListedWork> places = new ArrayList<>();
        for (Ranked r : shortlist(candidates, quota)) {
            places.add(new ListedWork(r.rank(), r.candidate().workId(), r.candidate().preliminaryScore().toDisplay()));
        }
        return places;
    }
}
