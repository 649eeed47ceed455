package io.selection.edition;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Ratio;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.results.ShortlistRanking;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.results.Winner;
import io.selection.review.ConflictOfInterestPolicy;
import io.selection.review.RegisterReviewerCommand;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.review.ScoreWorkCommand;
import io.selection.review.TrimmedMean;
import io.selection.events.WorkScoredEvent;
import io.selection.results.CertifiedTallies;
import io.selection.audit.ListDigests;
import io.selection.events.Published;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.voting.EditionVotingState;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.RefusalReason;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.work.DisqualifyWorkCommand;
import io.selection.work.EligibilityPolicy;
import io.selection.work.SubmitWorkCommand;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One edition of the award, and the consistency boundary of everything decided in it: its stage,
 * its works and reviewers, the scores, the published lists, the certified tallies and their
 * invalidations (vote decisions live in the streams of the vote lanes). Command
 * handlers check, then apply; event sourcing handlers only assign state.
 */
public class Edition {

    @AggregateIdentifier
    private String editionId;
    private EditionRules rules;
    private Stage stage;
    private long submissions;
    private final Map<String, WorkState> works = new HashMap<>();
    private final Set<String> normalisedUrls = new HashSet<>();
    private final Map<String, ReviewerState> reviewers = new HashMap<>();
    /** Stage, shortlist and disqualifications, folded exactly as every vote lane folds them. */
    private final EditionVotingState voting = new EditionVotingState();
    private final Set<String> invalidatedSets = new HashSet<>();

    protected Edition() {
        // for Axon
    }

    @CommandHandler
    public Edition(CreateEditionCommand command) {
        requireId("id", command.editionId());
        command.rules().check();
        apply(new EditionCreatedEvent(command.editionId(), command.rules(), command.at(), command.by()));
    }

    @CommandHandler
    public void handle(TransitionEditionCommand command) {
        if (command.to() == null) {
            throw DomainException.invalid("to", "the target stage is required");
        }
        if (!stage.hasNext() || command.to() != stage.next()) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + editionId + " is in stage " + stage
                    + "; only " + (stage.hasNext() ? stage.next() : "no further stage") + " may follow it",
                    "to", List.of(stage.name()));
        }
        switch (command.to()) {
            case SHORTLIST_PUBLISHED -> {
                requireScores(Round.PRELIMINARY, activeWorks());
                Map<String, List<ListedWork>> lists = new TreeMap<>();
                for (Category category : rules.categories()) {
                    lists.put(category.code(), ShortlistRanking.places(shortlistCandidates(category.code()),
                            category.shortlistQuota()));
                }
                changeStage(command);
                apply(new ShortlistPublishedEvent(editionId, lists, command.at(),
                        published(command.log(), ListDigests.shortlist(lists))));
            }
            case FINAL_REVIEW -> {
                if (command.tallies() == null) {
                    throw DomainException.invalid("tallies", "closing the vote needs the certified tallies");
                }
                Map<String, Map<String, Long>> valid = shortlistTallies(command.tallies());
                Map<String, Long> refused = refusalCounts(command.tallies());
                changeStage(command);
                apply(new TalliesCertifiedEvent(editionId, valid, refused, command.at(),
                        published(command.log(), ListDigests.tallies(valid, refused))));
            }
            case RESULTS_PUBLISHED -> {
                requireScores(Round.FINAL, shortlistedActiveWorks());
                if (command.tallies() == null) {
                    throw DomainException.invalid("tallies", "publishing the results needs the recounted tallies");
                }
                Map<String, List<Winner>> winners = new TreeMap<>();
                for (Category category : rules.categories()) {
                    winners.put(category.code(), FinalRanking.places(finalCandidates(category.code(),
                            command.tallies()), rules.weights(), category.finalQuota()));
                }
                changeStage(command);
                apply(new ResultsPublishedEvent(editionId, winners, command.at(),
                        published(command.log(), ListDigests.winners(winners))));
            }
            default -> changeStage(command);
        }
    }

    @CommandHandler
    public void handle(SubmitWorkCommand command) {
        requireStage(Stage.COLLECTING);
        requireId("id", command.workId());
        requireText("title", command.title());
        if (command.publishedOn() == null) {
            throw DomainException.invalid("publishedOn", "publishedOn is required");
        }
        if (works.containsKey(command.workId())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "work " + command.workId() + " already exists",
                    "id", List.of(command.workId()));
        }
        String normalised = EligibilityPolicy.check(rules, command.category(), command.publishedOn(), command.url(),
                normalisedUrls);
        apply(new WorkSubmittedEvent(editionId, command.workId(), command.title(), command.url(), normalised,
                command.category(), command.publishedOn(), command.organisation(), submissions + 1, command.at(),
                command.by()));
    }

    @CommandHandler
    public void handle(RegisterReviewerCommand command) {
        requireBefore(Stage.RESULTS_PUBLISHED);
        requireId("id", command.reviewerId());
        requireText("name", command.name());
        if (reviewers.containsKey(command.reviewerId())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "reviewer " + command.reviewerId()
                    + " is already registered", "id", List.of(command.reviewerId()));
        }
        if (command.categories() == null || command.categories().isEmpty()) {
            throw DomainException.invalid("categories", "a reviewer needs at least one category");
        }
        for (String category : command.categories()) {
            if (rules.category(category).isEmpty()) {
                throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "unknown category: " + category,
                        "categories", List.of(String.valueOf(category)));
            }
        }
        apply(new ReviewerRegisteredEvent(editionId, command.reviewerId(), command.name(), command.organisation(),
                List.copyOf(new java.util.TreeSet<>(command.categories())), command.at(), command.by()));
    }

    @CommandHandler
    public void handle(ScoreWorkCommand command) {
        if (command.round() == null) {
            throw DomainException.invalid("round", "the scoring round is required");
        }
        requireStage(command.round() == Round.PRELIMINARY ? Stage.PRELIMINARY_REVIEW : Stage.FINAL_REVIEW);
        BigDecimal score = command.score();
        if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0
                || score.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid("score", "score must be a number from 0 to 100 with at most two decimals");
        }
        WorkState work = work(command.workId());
        ReviewerState reviewer = reviewers.get(command.reviewerId());
        if (reviewer == null) {
            throw new DomainException(ErrorCode.FORBIDDEN, command.reviewerId()
                    + " is not a reviewer of edition " + editionId, null, List.of());
        }
        if (work.disqualified) {
            throw new DomainException(ErrorCode.DISQUALIFIED, "work " + work.id + " is disqualified", null,
                    List.of(work.id));
        }
        if (!reviewer.categories.contains(work.category)) {
            throw new DomainException(ErrorCode.NOT_ASSIGNED, "reviewer " + reviewer.id
                    + " is not assigned to category " + work.category, null, List.of(work.category));
        }
        if (ConflictOfInterestPolicy.conflicts(reviewer.organisation, work.organisation)) {
            throw new DomainException(ErrorCode.CONFLICT_OF_INTEREST, "reviewer " + reviewer.id
                    + " belongs to the work's organisation", null, List.of(work.id));
        }
        if (command.round() == Round.FINAL && !voting.shortlisted(work.id)) {
            throw new DomainException(ErrorCode.NOT_SHORTLISTED, "work " + work.id + " is not on the shortlist",
                    null, List.of(work.id));
        }
        apply(new WorkScoredEvent(editionId, work.id, reviewer.id, command.round(), score, command.at()));
    }

    @CommandHandler
    public void handle(DisqualifyWorkCommand command) {
        requireBefore(Stage.RESULTS_PUBLISHED);
        requireText("reason", command.reason());
        WorkState work = work(command.workId());
        if (work.disqualified) {
            throw new DomainException(ErrorCode.DISQUALIFIED, "work " + work.id + " is already disqualified", null,
                    List.of(work.id));
        }
        apply(new WorkDisqualifiedEvent(editionId, work.id, command.reason(), command.at(), command.by()));
        if (voting.shortlisted(work.id)) {
            ShortlistRanking.Candidate next = ShortlistRanking.next(shortlistCandidates(work.category),
                    voting.shortlist(work.category));
            String added = next == null ? null : next.workId();
            BigDecimal addedScore = next == null ? null : next.preliminaryScore().toDisplay();
            Map<String, List<ListedWork>> amended = new TreeMap<>(voting.shortlist());
            amended.put(work.category, ShortlistRanking.amend(amended.get(work.category), work.id, added, addedScore));
            apply(new ShortlistAmendedEvent(editionId, work.category, work.id, added, addedScore, command.at(),
                    published(command.log(), ListDigests.shortlist(amended))));
        }
    }

    @CommandHandler
    public void handle(InvalidateVotesCommand command) {
        if (stage != Stage.VOTING && stage != Stage.FINAL_REVIEW) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + editionId + " is in stage " + stage
                    + "; votes can be invalidated only in VOTING or FINAL_REVIEW", null, List.of(stage.name()));
        }
        requireText("reason", command.reason());
        if (command.setId() == null || command.voteIds() == null || command.acceptedVotesPerWork() == null
                || command.acceptedVotesPerWork().values().stream().anyMatch(n -> n == null || n < 0)) {
            throw DomainException.invalid("setId", "an invalidation names its set, its votes and their counts");
        }
        if (invalidatedSets.contains(command.setId())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "set " + command.setId()
                    + " is already invalidated", "setId", List.of(command.setId()));
        }
        String listDigest = command.tallies() == null ? null
                : ListDigests.tallies(shortlistTallies(command.tallies()), refusalCounts(command.tallies()));
        apply(new VotesInvalidatedEvent(editionId, command.setId(), command.rule(), command.reason(),
                List.copyOf(command.voteIds()), new TreeMap<>(command.acceptedVotesPerWork()), command.at(),
                command.by(), published(command.log(), listDigest)));
    }

    // ---- event sourcing handlers: state only ----

    @EventSourcingHandler
    void on(EditionCreatedEvent event, @SequenceNumber long sequence) {
        voting.apply(sequence, event);
        editionId = event.editionId();
        rules = event.rules();
        stage = Stage.DRAFT;
    }

    @EventSourcingHandler
    void on(StageChangedEvent event, @SequenceNumber long sequence) {
        stage = event.to();
        voting.apply(sequence, event);
    }

    @EventSourcingHandler
    void on(WorkSubmittedEvent event, @SequenceNumber long sequence) {
        voting.apply(sequence, event);
        submissions = event.submissionNo();
        normalisedUrls.add(event.normalisedUrl());
        works.put(event.workId(), new WorkState(event.workId(), event.category(), event.organisation(),
                event.submissionNo()));
    }

    @EventSourcingHandler
    void on(ReviewerRegisteredEvent event) {
        reviewers.put(event.reviewerId(), new ReviewerState(event.reviewerId(), event.organisation(),
                Set.copyOf(event.categories())));
    }

    @EventSourcingHandler
    void on(WorkScoredEvent event) {
        WorkState work = works.get(event.workId());
        (event.round() == Round.PRELIMINARY ? work.preliminary : work.jury).put(event.reviewerId(), event.score());
    }

    @EventSourcingHandler
    void on(WorkDisqualifiedEvent event, @SequenceNumber long sequence) {
        voting.apply(sequence, event);
        works.get(event.workId()).disqualified = true;
    }

    @EventSourcingHandler
    void on(ShortlistPublishedEvent event, @SequenceNumber long sequence) {
        voting.apply(sequence, event);
    }

    @EventSourcingHandler
    void on(ShortlistAmendedEvent event, @SequenceNumber long sequence) {
        voting.apply(sequence, event);
    }

    @EventSourcingHandler
    void on(VotesInvalidatedEvent event) {
        invalidatedSets.add(event.setId());
    }

    // ---- helpers ----

    private void changeStage(TransitionEditionCommand command) {
        apply(new StageChangedEvent(editionId, stage, command.to(), command.at(), command.by()));
    }

    private List<WorkState> activeWorks() {
        return works.values().stream().filter(w -> !w.disqualified).toList();
    }

    private List<WorkState> shortlistedActiveWorks() {
        return activeWorks().stream().filter(w -> voting.shortlisted(w.id)).toList();
    }

    private void requireScores(Round round, List<WorkState> candidates) {
        int min = rules.review().minScores();
        List<String> short_ = candidates.stream()
                .filter(w -> (round == Round.PRELIMINARY ? w.preliminary : w.jury).size() < min)
                .map(w -> w.id).sorted().toList();
        if (!short_.isEmpty()) {
            throw new DomainException(ErrorCode.INCOMPLETE_REVIEW, short_.size() + " work(s) have fewer than " + min
                    + " " + round.name().toLowerCase() + " scores", null, short_);
        }
    }

    private List<ShortlistRanking.Candidate> shortlistCandidates(String category) {
        return activeWorks().stream().filter(w -> w.category.equals(category))
                .map(w -> new ShortlistRanking.Candidate(w.id,
                        TrimmedMean.of(w.preliminary.values(), rules.review().trimFrom()), w.submissionNo))
                .toList();
    }

    private List<FinalRanking.Candidate> finalCandidates(String category, CertifiedTallies tallies) {
        return shortlistedActiveWorks().stream().filter(w -> w.category.equals(category))
                .map(w -> new FinalRanking.Candidate(w.id, TrimmedMean.of(w.jury.values(), rules.review().trimFrom()),
                        tallies.validVotes().getOrDefault(w.id, 0L), w.submissionNo))
                .toList();
    }

    private static Published published(LogHead log, String listDigest) {
        return log == null ? null : new Published(log.size(), log.digest(), listDigest);
    }

    private Map<String, Map<String, Long>> shortlistTallies(CertifiedTallies tallies) {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        voting.shortlist().forEach((category, places) -> {
            Map<String, Long> perWork = new TreeMap<>();
            places.forEach(p -> perWork.put(p.workId(), tallies.validVotes().getOrDefault(p.workId(), 0L)));
            byCategory.put(category, perWork);
        });
        return byCategory;
    }

    private static Map<String, Long> refusalCounts(CertifiedTallies tallies) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            counts.put(reason.name(), tallies.refusedVotes().getOrDefault(reason.name(), 0L));
        }
        return counts;
    }

    private WorkState work(String workId) {
        WorkState work = works.get(workId);
        if (work == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "edition " + editionId + " has no work " + workId, null,
                    List.of(String.valueOf(workId)));
        }
        return work;
    }

    private void requireStage(Stage required) {
        if (stage != required) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + editionId + " is in stage " + stage
                    + "; this needs " + required, null, List.of(stage.name()));
        }
    }

    private void requireBefore(Stage limit) {
        if (!stage.isBefore(limit)) {
            throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + editionId + " is in stage " + stage
                    + "; this is possible only before " + limit, null, List.of(stage.name()));
        }
    }

    static void requireId(String field, String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw DomainException.invalid(field, field + " must be 1 to 64 characters of [A-Za-z0-9._-]");
        }
    }

    private static void requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, field + " is required");
        }
    }

    private static final class WorkState {
        final String id;
        final String category;
        final String organisation;
        final long submissionNo;
        final Map<String, BigDecimal> preliminary = new HashMap<>();
        final Map<String, BigDecimal> jury = new HashMap<>();
        boolean disqualified;

        WorkState(String id, String category, String organisation, long submissionNo) {
            this.id = id;
            this.category = category;
            this.organisation = organisation;
            this.submissionNo = submissionNo;
        }
    }

    private record ReviewerState(String id, String organisation, Set<String> categories) {
    }
}
