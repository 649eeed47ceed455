package io.selection.demo;

import io.selection.demo.Api.Account;
import io.selection.demo.Demo.Vote;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Half-way through the vote, a popular shortlisted work is found to be plagiarised and disqualified:
 * the next work in rank takes its place on the shortlist, the votes for the disqualified work stop
 * counting, and some later voters find the newly listed work.
 */
final class Disqualification {

    static final String REASON = "Plagiarism confirmed: large parts copied from an earlier work by another author";

    /** Disqualifies {@code target} after the first {@code split} votes of the plan, which are sent. */
    void disqualify(EditionRun run, String target, Voting.Plan plan, int split) {
        run.api.post(run.path("/works/" + target + "/disqualification"), Account.ORGANISER, Map.of("reason", REASON),
                200);
        run.disqualified = target;
        run.disqualifiedAfter = split;
        run.shortlistAfterDisqualification = run.api.get(run.path("/shortlist"), Account.ORGANISER);
        List<String> now = EditionRun.listedWorks(run.shortlistAfterDisqualification);
        List<String> joined = now.stream().filter(id -> !plan.listed().contains(id)).toList();
        String what;
        if (now.contains(target)) {
            what = "WARNING: the shortlist still lists " + target + " after its disqualification";
        } else {
            what = target + " (" + run.workById.get(target).category() + ") disqualified after "
                    + String.format(Locale.ROOT, "%,d", split) + " votes, "
                    + (joined.isEmpty() ? "no work took its place" : String.join(", ", joined) + " took its place");
        }
        run.out.println(VoteProgress.INDENT + what);
        // Voters find the newly listed work: some later votes go to it.
        List<Vote> planned = plan.votes();
        for (int i = split; i < planned.size() && !joined.isEmpty(); i++) {
            if (run.random.nextInt(250) == 0) {
                Vote v = planned.get(i);
                if (!v.castAt().isBefore(plan.opens()) && v.castAt().isBefore(plan.closes())
                        && plan.listed().contains(v.workId())) {
                    planned.set(i, new Vote(v.id(), v.voterId(), joined.get(run.random.nextInt(joined.size())),
                            v.castAt()));
                }
            }
        }
    }
}
