package io.selection.demo;

import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Reviewer;
import io.selection.demo.Demo.Score;
import io.selection.demo.Demo.Work;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 4: preliminary review. Every work gets at least the minimum of scores from reviewers who may
 * score it, some get enough to be trimmed, a few reviewers change their mind, and one deliberate
 * conflict of interest is sent, which the server must refuse.
 */
final class PreliminaryReview implements Step {

    @Override
    public String name(EditionRun run) {
        return "Preliminary review";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("PRELIMINARY_REVIEW");
        int minScores = run.minScores();
        int trimFrom = run.trimFrom();
        List<Score> first = new ArrayList<>();
        Map<Integer, Integer> histogram = new TreeMap<>();
        for (Work w : run.works) {
            List<Reviewer> eligible = run.eligibleReviewers(w.category(), w.organisation());
            int roll = run.random.nextInt(100);
            int want = roll < 15 ? trimFrom : roll < 25 ? minScores + 1 : minScores;
            want = Math.max(minScores, Math.min(want, eligible.size()));
            histogram.merge(want, 1, Integer::sum);
            Collections.shuffle(eligible, run.random);
            Scores.score(run, w.id(), eligible.subList(0, want), run.quality.get(w.id()), 6, first);
        }
        List<Score> second = Scores.reviseAndSend(run, "preliminary-scores", first, 8, "preliminary scores");
        run.preliminaryScores.addAll(first);
        run.preliminaryScores.addAll(second);
        String conflict = tryConflictOfInterest(run);
        List<String> perWork = new ArrayList<>();
        histogram.forEach((n, count) -> perWork.add(String.format(Locale.ROOT, "%,d%s with %d", count,
                perWork.isEmpty() ? " works" : "", n)));
        return new Done(String.format(Locale.ROOT, "%,d scores + %,d revisions (%s scores)%s",
                first.size(), second.size(), String.join(", ", perWork), conflict));
    }

    /** One deliberate conflict of interest, which the server must refuse. */
    private static String tryConflictOfInterest(EditionRun run) {
        for (Work w : run.works) {
            for (Reviewer r : run.reviewers) {
                if (r.organisation().equals(w.organisation()) && r.categories().contains(w.category())) {
                    Api.Reply reply = run.api.post(run.path("/works/" + w.id() + "/preliminary-scores"), r.account(),
                            Map.of("score", 99), Set.of(422));
                    if (!"CONFLICT_OF_INTEREST".equals(reply.code())) {
                        throw new DemoException("a conflict-of-interest score (" + r.id() + " of " + r.organisation()
                                + " on " + w.id() + ") was refused with code " + reply.code()
                                + ", expected CONFLICT_OF_INTEREST: " + reply.body());
                    }
                    return "; " + r.name() + " (" + r.organisation() + ") scoring " + w.id()
                            + " of the same unit was refused: CONFLICT_OF_INTEREST";
                }
            }
        }
        return "";
    }
}
