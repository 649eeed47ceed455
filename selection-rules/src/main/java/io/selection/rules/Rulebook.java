package io.selection.rules;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
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
                throw new DomainException(ErrorCode.NOT_FOUND, "edition " + event.editionId() + " not found");
            }
            if (!Objects.equals(s.editionId(), event.editionId())) {
                throw DomainException.invalid("editionId", "a line of edition " + event.editionId()
                        + " in the log of " + s.editionId());
            }
        }
        event.accept(new Checks(s));
    }

    /** An id of the project: 1 to 64 characters of {@code [A-Za-z0-9._-]}. */
    public static void requireId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw DomainException.invalid(field, field + " " + ID_MESSAGE);
        }
    }

    /** A score of a reviewer: a number from 0 to 100 with at most two decimals. */
    public static void requireScore(BigDecimal score) {
        if (score == null || score.signum() < 0 || score.compareTo(HUNDRED) > 0
                || score.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid("score", "score must be a number from 0 to 100 with at most two decimals");
        }
    }

    private static void requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, field + " is required");
        }
    }

    private record Checks(Standing s) implements EditionEvent.Visitor<Void> {

        @Override
        public Void on(EditionCreatedEvent e) {
            if (s.stage() != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "edition " + s.editionId() + " already exists",
                        "id", List.of(String.valueOf(s.editionId())));
            }
            requireId("id", e.editionId());
            if (e.rules() == null) {
                throw DomainException.invalid("rules", "an edition needs its rules");
            }
            e.rules().check();
            return null;
        }

        @Override
        public Void on(StageChangedEvent e) {
            if (e.to() == null) {
                throw DomainException.invalid("to", "the target stage is required");
            }
            Stage stage = s.stage();
            if (e.from() != stage || !stage.hasNext() || e.to() != stage.next()) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + s.editionId() + " is in stage "
                        + stage + "; only " + (stage.hasNext() ? stage.next() : "no further stage")
                        + " may follow it", "to", List.of(stage.name()));
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
                throw new DomainException(ErrorCode.INCOMPLETE_REVIEW, under.size() + " work(s) have fewer than "
                        + s.rules().review().minScores() + " " + round.name().toLowerCase() + " scores", null, under);
            }
        }

        @Override
        public Void on(WorkSubmittedEvent e) {
            requireStage(Stage.COLLECTING);
            requireId("id", e.workId());
            requireText("title", e.title());
            if (e.publishedOn() == null) {
                throw DomainException.invalid("publishedOn", "publishedOn is required");
            }
            if (s.work(e.workId()) != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "work " + e.workId() + " already exists",
                        "id", List.of(e.workId()));
            }
            String normalised = EligibilityPolicy.check(s.rules(), e.category(), e.publishedOn(), e.url(),
                    s.normalisedUrls());
            if (!normalised.equals(e.normalisedUrl())) {
                throw DomainException.invalid("normalisedUrl", "normalised URL " + e.normalisedUrl() + ", the URL gives "
                        + normalised);
            }
            if (e.submissionNo() != s.submissions() + 1) {
                throw DomainException.invalid("submissionNo", "submission number " + e.submissionNo()
                        + ", the next is " + (s.submissions() + 1));
            }
            return null;
        }

        @Override
        public Void on(WorkDisqualifiedEvent e) {
            requireBefore(Stage.RESULTS_PUBLISHED);
            requireText("reason", e.reason());
            Standing.WorkFacts work = work(e.workId());
            if (work.disqualified()) {
                throw new DomainException(ErrorCode.DISQUALIFIED, "work " + work.id() + " is already disqualified",
                        null, List.of(work.id()));
            }
            return null;
        }

        @Override
        public Void on(ReviewerRegisteredEvent e) {
            requireBefore(Stage.RESULTS_PUBLISHED);
            requireId("id", e.reviewerId());
            requireText("name", e.name());
            if (s.reviewer(e.reviewerId()) != null) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "reviewer " + e.reviewerId()
                        + " is already registered", "id", List.of(e.reviewerId()));
            }
            if (e.categories() == null || e.categories().isEmpty()) {
                throw DomainException.invalid("categories", "a reviewer needs at least one category");
            }
            for (String category : e.categories()) {
                if (s.rules().category(category).isEmpty()) {
                    throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "unknown category: " + category,
                            "categories", List.of(String.valueOf(category)));
                }
            }
            return null;
        }

        @Override
        public Void on(WorkScoredEvent e) {
            if (e.round() == null) {
                throw DomainException.invalid("round", "the scoring round is required");
            }
            requireStage(e.round() == Round.PRELIMINARY ? Stage.PRELIMINARY_REVIEW : Stage.FINAL_REVIEW);
            requireScore(e.score());
            Standing.WorkFacts work = work(e.workId());
            Standing.ReviewerFacts reviewer = s.reviewer(e.reviewerId());
            if (reviewer == null) {
                throw new DomainException(ErrorCode.FORBIDDEN, e.reviewerId() + " is not a reviewer of edition "
                        + s.editionId(), null, List.of());
            }
            if (work.disqualified()) {
                throw new DomainException(ErrorCode.DISQUALIFIED, "work " + work.id() + " is disqualified", null,
                        List.of(work.id()));
            }
            if (!reviewer.categories().contains(work.category())) {
                throw new DomainException(ErrorCode.NOT_ASSIGNED, "reviewer " + reviewer.id()
                        + " is not assigned to category " + work.category(), null, List.of(work.category()));
            }
            if (ConflictOfInterestPolicy.conflicts(reviewer.organisation(), work.organisation())) {
                throw new DomainException(ErrorCode.CONFLICT_OF_INTEREST, "reviewer " + reviewer.id()
                        + " belongs to the work's organisation", null, List.of(work.id()));
            }
            if (e.round() == Round.FINAL && !s.voting().shortlisted(work.id())) {
                throw new DomainException(ErrorCode.NOT_SHORTLISTED, "work " + work.id() + " is not on the shortlist",
                        null, List.of(work.id()));
            }
            return null;
        }

        @Override
        public Void on(ShortlistPublishedEvent e) {
            requireStage(Stage.SHORTLIST_PUBLISHED);
            if (s.shortlistPublished()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "the shortlist is already published");
            }
            return null;
        }

        @Override
        public Void on(ShortlistAmendedEvent e) {
            Standing.WorkFacts removed = work(e.removedWorkId());
            if (!removed.disqualified() || !s.voting().shortlist(e.category()).contains(removed.id())) {
                throw new DomainException(ErrorCode.NOT_SHORTLISTED, "work " + removed.id()
                        + " is not a disqualified work on the shortlist of " + e.category(), null,
                        List.of(removed.id()));
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
                throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + s.editionId() + " is in stage "
                        + s.stage() + "; votes can be invalidated only in VOTING or FINAL_REVIEW", null,
                        List.of(s.stage().name()));
            }
            requireText("reason", e.reason());
            if (e.setId() == null || e.voteIds() == null || e.acceptedVotesPerWork() == null
                    || e.acceptedVotesPerWork().values().stream().anyMatch(n -> n == null || n < 0)) {
                throw DomainException.invalid("setId", "an invalidation names its set, its votes and their counts");
            }
            VoteSet set = e.definition();
            if (set == null || !VoteSet.KINDS.contains(set.kind()) || set.key() == null || set.key().isBlank()
                    || set.from() == null || set.to() == null || !set.from().isBefore(set.to())) {
                throw DomainException.invalid("setId", "an invalidation defines its set: a kind (ip, device or "
                        + "voter), a key and a window from before to, so that its members can be recomputed");
            }
            if (s.invalidated(e.setId())) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "set " + e.setId() + " is already invalidated",
                        "setId", List.of(e.setId()));
            }
            return null;
        }

        @Override
        public Void on(TalliesCertifiedEvent e) {
            requireStage(Stage.FINAL_REVIEW);
            if (s.talliesCertified()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "the tallies are already certified");
            }
            return null;
        }

        @Override
        public Void on(ResultsPublishedEvent e) {
            requireStage(Stage.RESULTS_PUBLISHED);
            if (s.resultsPublished()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "the results are already published");
            }
            return null;
        }

        private Standing.WorkFacts work(String workId) {
            Standing.WorkFacts work = s.work(workId);
            if (work == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, "edition " + s.editionId() + " has no work " + workId,
                        null, List.of(String.valueOf(workId)));
            }
            return work;
        }

        private void requireStage(Stage required) {
            if (s.stage() != required) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + s.editionId() + " is in stage "
                        + s.stage() + "; this needs " + required, null, List.of(s.stage().name()));
            }
        }

        private void requireBefore(Stage limit) {
            if (!s.stage().isBefore(limit)) {
                throw new DomainException(ErrorCode.STAGE_MISMATCH, "edition " + s.editionId() + " is in stage "
                        + s.stage() + "; this is possible only before " + limit, null, List.of(s.stage().name()));
            }
        }
    }
}
