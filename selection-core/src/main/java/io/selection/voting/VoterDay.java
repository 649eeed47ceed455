package io.selection.voting;

import java.util.HashMap;
import java.util.Map;

/**
 * One voter's accepted votes on one calendar day, and every vote id seen from them that day with
 * its first outcome. It is all the vote decision needs to apply the daily limits and to answer a
 * resent vote with its first decision.
 */
public final class VoterDay {

    private final Map<String, Integer> acceptedPerWork;
    private final Map<String, Integer> distinctWorksPerCategory;
    private final Map<String, VoteOutcome> outcomes;

    public VoterDay() {
        this(new HashMap<>(4), new HashMap<>(4), new HashMap<>(4));
    }

    private VoterDay(Map<String, Integer> acceptedPerWork, Map<String, Integer> distinctWorksPerCategory,
                     Map<String, VoteOutcome> outcomes) {
        this.acceptedPerWork = acceptedPerWork;
        this.distinctWorksPerCategory = distinctWorksPerCategory;
        this.outcomes = outcomes;
    }

    public VoterDay copy() {
        return new VoterDay(new HashMap<>(acceptedPerWork), new HashMap<>(distinctWorksPerCategory),
                new HashMap<>(outcomes));
    }

    public int acceptedFor(String workId) {
        return acceptedPerWork.getOrDefault(workId, 0);
    }

    public int distinctWorksIn(String category) {
        return distinctWorksPerCategory.getOrDefault(category, 0);
    }

    public VoteOutcome outcomeOf(String voteId) {
        return outcomes.get(voteId);
    }

    public void record(VoteDecision decision) {
        outcomes.putIfAbsent(decision.voteId(), decision.outcome());
        if (decision.accepted()) {
            int before = acceptedPerWork.getOrDefault(decision.workId(), 0);
            acceptedPerWork.put(decision.workId(), before + 1);
            if (before == 0) {
                distinctWorksPerCategory.merge(decision.category(), 1, Integer::sum);
            }
        }
    }
}
