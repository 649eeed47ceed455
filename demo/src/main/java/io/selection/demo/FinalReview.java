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

/**
 * Step 7: final review. The jury scores every work still on the shortlist after the
 * disqualification (the backfilled one included), a few of them twice.
 */
final class FinalReview implements Step {

    @Override
    public String name(EditionRun run) {
        return "Final review";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("FINAL_REVIEW");
        run.finalShortlist = run.api.get(run.path("/shortlist"), Account.ORGANISER);
        int minScores = run.minScores();
        int trimFrom = run.trimFrom();
        List<String> listed = EditionRun.listedWorks(run.finalShortlist);
        List<Score> first = new ArrayList<>();
        for (String id : listed) {
            Work w = run.workById.get(id);
            if (w == null) {
                throw new DemoException("the shortlist lists " + id + ", a work this run never submitted");
            }
            List<Reviewer> eligible = run.eligibleReviewers(w.category(), w.organisation());
            int want = Math.max(minScores, Math.min(run.random.nextInt(5) == 0 ? trimFrom : minScores,
                    eligible.size()));
            Collections.shuffle(eligible, run.random);
            // the jury sees the work a little differently from the first round
            double q = run.quality.get(id) + run.random.nextGaussian() * 3;
            Scores.score(run, id, eligible.subList(0, Math.min(want, eligible.size())), q, 5, first);
        }
        List<Score> second = Scores.reviseAndSend(run, "final-scores", first, 6, "final scores");
        run.finalScores.addAll(first);
        run.finalScores.addAll(second);
        return new Done(String.format(Locale.ROOT, "%,d final scores + %,d revisions for %,d shortlisted works",
                first.size(), second.size(), listed.size()));
    }
}
