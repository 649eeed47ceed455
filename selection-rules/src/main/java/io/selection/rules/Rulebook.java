package io.selection.rules;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
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
import io.selection.review.ConflictOfInterestPolicy;
import io.selection.review.Round;
import io.selection.work.EligibilityPolicy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules of an edition, written once: whether an event may be appended to an edition's log, as a
 * pure function of the edition's {@link Standing} before it. The aggregate builds the event a command
 * asks for and appends it only if {@link #check} lets it through (so a refused command's reason is
 * the rule's); the verifier passes every line of an export through the same {@link #check} and fails
 * at the first line no rule allows, naming the rule. docs/rules.md states each rule in words.
 *
 * <p>What a line's content must equal, rather than merely be allowed, is checked by the recount
 * beside it: the lists (shortlist, backfills, certified tallies, winners) and every vote decision
 * ({@code VoterBook}).
 */
public final class Rulebook {

    /** Every id of the project (editions, works, reviewers, votes, voters): the one place it is written. */
    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String ID_MESSAGE = "must be 1 to 64 characters of [A-Za-z0-9._-]";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rulebook() {
    }

    /** Throws the first rule {@code event} breaks, given the edition's standing before it. */
    public static void check(Standing s, EditionEvent event) {
        if (!(event instanceof EditionCreatedEvent)) {
            if (s.stage() == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, null, List.of(), Refusal.EDITION_NOT_FOUND,
                        event.editionId());
            }
            if (!Objects.equals(s.editionId(), event.editionId())) {
                throw DomainException.invalid("editionId", Refusal.FOREIGN_LINE, event.editionId(), s.editionId());
            }
        }
        event.accept(new Checks(s));
    }

    /** An id of the project: 1 to 64 characters of {@code [A-Za-z0-9._-]}. */
    public static void requireId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw DomainException.invalid(field, Refusal.ID, field);
        }
    }

    /** A score of a reviewer: a number from 0 to 100 with at most two decimals. */
    public static void requireScore(BigDecimal score) {
        if (score == null || score.signum() < 0 || score.compareTo(HUNDRED) > 0
                || score.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid("score", Refusal.SCORE);
        }
    }

    private static void requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, Refusal.REQUIRED, field);
        }
    }

    private record Checks(Standing s) implements EditionEvent.Visitor<Void> {

        @Override
        public Void on(EditionCreatedEvent e) {
            if (s.stage() != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(String.valueOf(s.editionId())),
                        Refusal.EDITION_EXISTS, s.editionId());
            }
            requireId("id", e.editionId());
            if (e.rules() == null) {
                throw DomainException.invalid("rules", Refusal.RULES_REQUIRED);
            }
            e.rules().check();
            return null;
        }

        @Override
        public Void on(StageChangedEvent e) {
            if (e.to() == null) {
                throw DomainException.invalid("to", Refusal.TARGET_STAGE_REQUIRED);
            }
            Stage stage = s.stage();
            if (e.from() != stage || !stage.hasNext() || e.to() != stage.next()) {
                throw stage.hasNext()
                        ? new DomainException(ErrorCode.STAGE_MISMATCH, "to", List.of(stage.name()),
                                Refusal.STAGE_ORDER, s.editionId(), stage, stage.next())
                        : new DomainException(ErrorCode.STAGE_MISMATCH, "to", List.of(stage.name()),
                                Refusal.STAGE_LAST, s.editionId(), stage);
            }
            if (e.to() == Stage.SHORTLIST_PUBLISHED) {
                requireScores(Round.PRELIMINARY);
            } else if (e.to() == Stage.RESULTS_PUBLISHED) {
                requireScores(Round.FINAL);
            }
            return null;
        }

        private void requireScores(Round round) {
            List<String> under = s.underScored(round);
            if (!under.isEmpty()) {
                throw new DomainException(ErrorCode.INCOMPLETE_REVIEW, null, under, round == Round.PRELIMINARY
                        ? Refusal.SHORT_OF_PRELIMINARY_SCORES : Refusal.SHORT_OF_FINAL_SCORES, under.size(),
                        s.rules().review().minScores());
            }
        }

        @Override
        public Void on(WorkSubmittedEvent e) {
            requireStage(Stage.COLLECTING);
            requireId("id", e.workId());
            requireText("title", e.title());
            if (e.publishedOn() == null) {
                throw DomainException.invalid("publishedOn", Refusal.REQUIRED, "publishedOn");
            }
            if (s.work(e.workId()) != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(e.workId()), Refusal.WORK_EXISTS,
                        e.workId());
            }
            String normalised = EligibilityPolicy.check(s.rules(), e.category(), e.publishedOn(), e.url(),
                    s.normalisedUrls());
            if (!normalised.equals(e.normalisedUrl())) {
                throw DomainException.invalid("normalisedUrl", Refusal.NORMALISED_URL, e.normalisedUrl(), normalised);
            }
            if (e.submissionNo() != s.submissions() + 1) {
                throw DomainException.invalid("submissionNo", Refusal.SUBMISSION_NO, e.submissionNo(),
                        s.submissions() + 1);
            }
            return null;
        }

        @Override
        public Void on(WorkDisqualifiedEvent e) {
            requireBefore(Stage.RESULTS_PUBLISHED);
            requireText("reason", e.reason());
            Standing.WorkFacts work = work(e.workId());
            if (work.disqualified()) {
                throw new DomainException(ErrorCode.DISQUALIFIED, null, List.of(work.id()),
                        Refusal.ALREADY_DISQUALIFIED, work.id());
            }
            return null;
        }

        @Override
        public Void on(ReviewerRegisteredEvent e) {
            requireBefore(Stage.RESULTS_PUBLISHED);
            requireId("id", e.reviewerId());
            requireText("name", e.name());
            if (s.reviewer(e.reviewerId()) != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(e.reviewerId()),
                        Refusal.REVIEWER_EXISTS, e.reviewerId());
            }
            if (e.categories() == null || e.categories().isEmpty()) {
                throw DomainException.invalid("categories", Refusal.REVIEWER_CATEGORIES);
            }
            for (String category : e.categories()) {
                if (s.rules().category(category).isEmpty()) {
                    throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "categories",
                            List.of(String.valueOf(category)), Refusal.UNKNOWN_CATEGORY, category);
                }
            }
            return null;
        }

        @Override
        public Void on(WorkScoredEvent e) {
            if (e.round() == null) {
                throw DomainException.invalid("round", Refusal.ROUND_REQUIRED);
            }
            requireStage(e.round() == Round.PRELIMINARY ? Stage.PRELIMINARY_REVIEW : Stage.FINAL_REVIEW);
            requireScore(e.score());
            Standing.WorkFacts work = work(e.workId());
            Standing.ReviewerFacts reviewer = s.reviewer(e.reviewerId());
            if (reviewer == null) {
                throw new DomainException(ErrorCode.FORBIDDEN, null, List.of(), Refusal.NOT_A_REVIEWER,
                        e.reviewerId(), s.editionId());
            }
            if (work.disqualified()) {
                throw new DomainException(ErrorCode.DISQUALIFIED, null, List.of(work.id()), Refusal.WORK_DISQUALIFIED,
                        work.id());
            }
            if (!reviewer.categories().contains(work.category())) {
                throw new DomainException(ErrorCode.NOT_ASSIGNED, null, List.of(work.category()), Refusal.NOT_ASSIGNED,
                        reviewer.id(), work.category());
            }
            if (ConflictOfInterestPolicy.conflicts(reviewer.organisation(), work.organisation())) {
                throw new DomainException(ErrorCode.CONFLICT_OF_INTEREST, null, List.of(work.id()),
                        Refusal.CONFLICT_OF_INTEREST, reviewer.id());
            }
            if (e.round() == Round.FINAL && !s.voting().shortlisted(work.id())) {
                throw new DomainException(ErrorCode.NOT_SHORTLISTED, null, List.of(work.id()), Refusal.NOT_ON_SHORTLIST,
                        work.id());
            }
            return null;
        }

        @Override
        public Void on(ShortlistPublishedEvent e) {
            requireStage(Stage.SHORTLIST_PUBLISHED);
            if (s.shortlistPublished()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, null, List.of(), Refusal.SHORTLIST_PUBLISHED);
            }
            return null;
        }

        @Override
        public Void on(ShortlistAmendedEvent e) {
            Standing.WorkFacts removed = work(e.removedWorkId());
            if (!removed.disqualified() || !s.voting().shortlist(e.category()).contains(removed.id())) {
                throw new DomainException(ErrorCode.NOT_SHORTLISTED, null, List.of(removed.id()),
                        Refusal.NOT_A_DISQUALIFIED_PLACE, removed.id(), e.category());
            }
            return null;
        }

        @Override
        public Void on(VotesDecidedEvent e) {
            return null; // each decision is checked by deciding it again (VoterBook)
        }

        @Override
        public Void on(VotesInvalidatedEvent e) {
            if (s.stage() != Stage.VOTING && s.stage() != Stage.FINAL_REVIEW) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, null, List.of(s.stage().name()),
                        Refusal.INVALIDATION_STAGE, s.editionId(), s.stage());
            }
            requireText("reason", e.reason());
            if (e.setId() == null || e.voteIds() == null || e.acceptedVotesPerWork() == null
                    || e.acceptedVotesPerWork().values().stream().anyMatch(n -> n == null || n < 0)) {
                throw DomainException.invalid("setId", Refusal.INVALIDATION_INCOMPLETE);
            }
            VoteSet set = e.definition();
            if (set == null || !VoteSet.KINDS.contains(set.kind()) || set.key() == null || set.key().isBlank()
                    || set.from() == null || set.to() == null || !set.from().isBefore(set.to())) {
                throw DomainException.invalid("setId", Refusal.INVALIDATION_SET);
            }
            if (s.invalidated(e.setId())) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "setId", List.of(e.setId()),
                        Refusal.SET_INVALIDATED, e.setId());
            }
            return null;
        }

        @Override
        public Void on(TalliesCertifiedEvent e) {
            requireStage(Stage.FINAL_REVIEW);
            if (s.talliesCertified()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, null, List.of(), Refusal.TALLIES_CERTIFIED);
            }
            return null;
        }

        @Override
        public Void on(ResultsPublishedEvent e) {
            requireStage(Stage.RESULTS_PUBLISHED);
            if (s.resultsPublished()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, null, List.of(), Refusal.RESULTS_PUBLISHED);
            }
            return null;
        }

        private Standing.WorkFacts work(String workId) {
            Standing.WorkFacts work = s.work(workId);
            if (work == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, null, List.of(String.valueOf(workId)),
                        Refusal.NO_SUCH_WORK, s.editionId(), workId);
            }
            return work;
        }

        private void requireStage(Stage required) {
            if (s.stage() != required) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, null, List.of(s.stage().name()),
                        Refusal.STAGE_NEEDED, s.editionId(), s.stage(), required);
            }
        }

        private void requireBefore(Stage limit) {
            if (!s.stage().isBefore(limit)) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, null, List.of(s.stage().name()),
                        Refusal.STAGE_BEFORE, s.editionId(), s.stage(), limit);
            }
        }
    }
}
