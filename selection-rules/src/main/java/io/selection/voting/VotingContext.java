package io.selection.voting;

import io.selection.edition.VotingRules;

import java.time.ZoneId;

/** What the vote decision needs to know of the edition at the moment of deciding. */
public interface VotingContext {

    /** True only while the edition is in the VOTING stage. */
    boolean votingStageOpen();

    VotingRules rules();

    ZoneId zone();

    /** The work's category, or null when the edition has no such work. */
    String categoryOf(String workId);

    boolean shortlisted(String workId);

    boolean disqualified(String workId);
}
