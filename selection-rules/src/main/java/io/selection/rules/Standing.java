package io.selection.rules;

import io.selection.common.Ratio;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.voting.VoteSet;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.FinalRanking;
import io.selection.results.ShortlistRanking;
import io.selection.review.Round;
import io.selection.review.TrimmedMean;
import io.selection.voting.EditionVotingState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * An edition's standing: everything its rules ({@link Rulebook}) look at, folded from its events in
 * log order and from nothing else. The aggregate decides every command against one, and the
 * recount (so the verifier, the certification and the read models' lists) folds the same one, so
 * the server and the auditor read an edition the same way. Votes are not folded here: they are
 * counted by {@code VoteCount} and decided by {@code VoterBook}, against {@link #voting()}.
 * No framework, no clock.
 */
public final class Standing {

    /** What the rules know of a submitted work. */
    public static final class WorkFacts {
        private final String id;
        private final String category;
        private final String organisation;
        private final long submissionNo;
        private final LocalDate publishedOn;
        private final Map<String, BigDecimal> preliminary = new TreeMap<>();
        private final Map<String, BigDecimal> jury = new TreeMap<>();
        private boolean disqualified;

        WorkFacts(WorkSubmittedEvent e) {
            this.id = e.workId();
            this.category = e.category();
            this.organisation = e.organisation();
            this.submissionNo = e.submissionNo();
            this.publishedOn = e.publishedOn();
        }

        public String id() {
            return id;
        }

        public String category() {
            return category;
        }

        public String organisation() {
            return organisation;
        }

        public long submissionNo() {
            return submissionNo;
        }

        public LocalDate publishedOn() {
            return publishedOn;
        }

        public boolean disqualified() {
            return disqualified;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WorkFacts w && id.equals(w.id) && Objects.equals(category, w.category)
                    && Objects.equals(organisation, w.organisation) && submissionNo == w.submissionNo
                    && Objects.equals(publishedOn, w.publishedOn) && preliminary.equals(w.preliminary)
                    && jury.equals(w.jury) && disqualified == w.disqualified;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, submissionNo);
        }

        /** The round's scores, by reviewer (a reviewer's later score of the same round replaces the earlier). */
        public Map<String, BigDecimal> scores(Round round) {
            return Collections.unmodifiableMap(round == Round.PRELIMINARY ? preliminary : jury);
        }
    }

    /** What the rules know of a registered reviewer. */
    public record ReviewerFacts(String id, String organisation, Set<String> categories) {
    }

    private String editionId;
    private EditionRules rules;
    private Stage stage;
    private long seq;
    private long submissions;
    private final Map<String, WorkFacts> works = new LinkedHashMap<>();
    private final Set<String> normalisedUrls = new HashSet<>();
    private final Map<String, ReviewerFacts> reviewers = new HashMap<>();
    private final Set<String> invalidatedSets = new HashSet<>();
    private final List<VoteSet> invalidations = new ArrayList<>();
    private final EditionVotingState voting = new EditionVotingState();
    private boolean shortlistPublished;
    private boolean talliesCertified;
    private boolean resultsPublished;

    /** Folds line {@code seq} of the edition's log in (a vote group only moves the line number). */
    public void apply(long seq, EditionEvent event) {
        this.seq = seq;
        if (event instanceof VotesDecidedEvent) {
            return;
        }
        voting.apply(seq, event);
        event.accept(new Fold());
    }

    private final class Fold implements EditionEvent.Visitor<Void> {
        @Override
        public Void on(EditionCreatedEvent e) {
            editionId = e.editionId();
            rules = e.rules();
            stage = Stage.DRAFT;
            return null;
        }

        @Override
        public Void on(StageChangedEvent e) {
            stage = e.to();
            return null;
        }

        @Override
        public Void on(WorkSubmittedEvent e) {
            submissions = Math.max(submissions, e.submissionNo());
            normalisedUrls.add(e.normalisedUrl());
            works.put(e.workId(), new WorkFacts(e));
            return null;
        }

        @Override
        public Void on(WorkDisqualifiedEvent e) {
            workOrFail(e.workId()).disqualified = true;
            return null;
        }

        @Override
        public Void on(ReviewerRegisteredEvent e) {
            reviewers.put(e.reviewerId(), new ReviewerFacts(e.reviewerId(), e.organisation(),
                    Set.copyOf(e.categories())));
            return null;
        }

        @Override
        public Void on(WorkScoredEvent e) {
            WorkFacts w = workOrFail(e.workId());
            (e.round() == Round.PRELIMINARY ? w.preliminary : w.jury).put(e.reviewerId(), e.score());
            return null;
        }

        @Override
        public Void on(ShortlistPublishedEvent e) {
            shortlistPublished = true; // the list itself is folded by EditionVotingState, as every lane folds it
            return null;
        }

        @Override
        public Void on(ShortlistAmendedEvent e) {
            return null;
        }

        @Override
        public Void on(VotesDecidedEvent e) {
            return null;
        }

        @Override
        public Void on(VotesInvalidatedEvent e) {
            invalidatedSets.add(e.setId());
            if (e.definition() != null) {
                invalidations.add(e.definition());
            }
            return null;
        }

        @Override
        public Void on(TalliesCertifiedEvent e) {
            talliesCertified = true;
            return null;
        }

        @Override
        public Void on(ResultsPublishedEvent e) {
            resultsPublished = true;
            return null;
        }
    }

    // ---- what the rules read ----

    /** Null before the edition's first line. */
    public String editionId() {
        return editionId;
    }

    public EditionRules rules() {
        return rules;
    }

    /** Null before the edition's first line. */
    public Stage stage() {
        return stage;
    }

    /** The last line folded in. */
    public long seq() {
        return seq;
    }

    /** Works submitted so far: the next work's {@code submissionNo} is one more. */
    public long submissions() {
        return submissions;
    }

    /** The work, or null if it was never submitted. */
    public WorkFacts work(String workId) {
        return workId == null ? null : works.get(workId);
    }

    /** Every submitted work, in submission order. */
    public Collection<WorkFacts> works() {
        return Collections.unmodifiableCollection(works.values());
    }

    /** Normalised URLs of every work submitted so far. */
    public Set<String> normalisedUrls() {
        return Collections.unmodifiableSet(normalisedUrls);
    }

    /** The reviewer, or null if not registered. */
    public ReviewerFacts reviewer(String reviewerId) {
        return reviewerId == null ? null : reviewers.get(reviewerId);
    }

    /** The definitions of the sets invalidated so far, in log order. */
    public List<VoteSet> invalidations() {
        return List.copyOf(invalidations);
    }

    public boolean invalidated(String setId) {
        return invalidatedSets.contains(setId);
    }

    /** Stage, works' categories, the shortlist as published and amended, disqualifications: what votes are decided by. */
    public EditionVotingState voting() {
        return voting;
    }

    public boolean shortlistPublished() {
        return shortlistPublished;
    }

    public boolean talliesCertified() {
        return talliesCertified;
    }

    public boolean resultsPublished() {
        return resultsPublished;
    }

    // ---- the candidates of the two rankings, built in one place ----

    /** Every work of the category still in the running, with its preliminary score. */
    public List<ShortlistRanking.Candidate> shortlistCandidates(String category) {
        List<ShortlistRanking.Candidate> out = new ArrayList<>();
        for (WorkFacts w : works.values()) {
            if (w.category.equals(category) && !w.disqualified) {
                out.add(new ShortlistRanking.Candidate(w.id, score(w, Round.PRELIMINARY), w.submissionNo));
            }
        }
        return out;
    }

    /** The shortlisted works of the category still in the running, with their jury score and {@code votes}. */
    public List<FinalRanking.Candidate> finalCandidates(String category, ToLongFunction<String> votes) {
        List<FinalRanking.Candidate> out = new ArrayList<>();
        for (var place : voting.shortlist().getOrDefault(category, List.of())) {
            WorkFacts w = works.get(place.workId());
            if (w != null && !w.disqualified) {
                out.add(new FinalRanking.Candidate(w.id, score(w, Round.FINAL), votes.applyAsLong(w.id),
                        w.submissionNo));
            }
        }
        return out;
    }

    /** The work's score of the round: the trimmed mean of its reviewers' scores. */
    public Ratio score(WorkFacts w, Round round) {
        return TrimmedMean.of((round == Round.PRELIMINARY ? w.preliminary : w.jury).values(),
                rules.review().trimFrom());
    }

    /** Works not disqualified (and, for the final round, shortlisted) with fewer scores of the round than the rules ask, sorted. */
    public List<String> underScored(Round round) {
        int min = rules.review().minScores();
        List<String> out = new ArrayList<>();
        for (WorkFacts w : works.values()) {
            if (!w.disqualified && (round == Round.PRELIMINARY || voting.shortlisted(w.id))
                    && (round == Round.PRELIMINARY ? w.preliminary : w.jury).size() < min) {
                out.add(w.id);
            }
        }
        Collections.sort(out);
        return out;
    }

    private WorkFacts workOrFail(String workId) {
        WorkFacts w = work(workId);
        if (w == null) {
            throw new IllegalStateException("line " + seq + " names work " + workId + ", which was never submitted");
        }
        return w;
    }
}
