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
            double q = run.quality.get(id) + run.random.nextGaussian() * 3;
            for (Reviewer r : eligible.subList(0, Math.min(want, eligible.size()))) {
                first.add(new Score(id, r.id(), Synth.score(q + run.reviewerBias.get(r.id()), 5,
                        run.reviewerDecimals.get(r.id()), run.random), 1));
            }
        }
        List<Score> second = new ArrayList<>();
        for (Score s : first) {
            if (run.random.nextInt(100) == 0) {
                second.add(new Score(s.workId(), s.reviewerId(), Synth.score(run.quality.get(s.workId()), 6,
                        run.reviewerDecimals.get(s.reviewerId()), run.random), 2));
            }
        }
        ScoreSender.send(run, "final-scores", first, "final scores");
        ScoreSender.send(run, "final-scores", second, "revised final scores");
        run.finalScores.addAll(first);
        run.finalScores.addAll(second);
        return new Done(String.format(Locale.ROOT, "%,d final scores + %,d revisions for %,d shortlisted works",
                first.size(), second.size(), listed.size()));
    }
}
