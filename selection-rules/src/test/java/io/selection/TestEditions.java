package io.selection;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.edition.Category;
import io.selection.events.EditionCreatedEvent;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.events.StageChangedEvent;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.results.CertifiedTallies;
import io.selection.results.ListedWork;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.events.WorkScoredEvent;
import io.selection.voting.Decision;
import io.selection.voting.EditionVotingState;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.work.UrlNormaliser;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shared test data: the 2023 demo edition in miniature (two categories, Beijing time, the voting
 * window of 2024-02-27 to 2024-03-04), an event-history builder for {@code given(...)} and for the
 * {@link EditionVotingState} a vote lane folds, and vote factories. The aggregate's commands,
 * fixture and refusal matcher are in selection-core's {@code TestCommands}.
 */
public final class TestEditions {

    public static final String ID = "ed-2023";
    public static final String ORGANISER = "organiser";
    public static final String TEXT = "TEXT";
    public static final String PIC = "PIC";
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    public static final LocalDate ELIGIBLE_FROM = LocalDate.parse("2023-01-01");
    public static final LocalDate ELIGIBLE_TO = LocalDate.parse("2023-12-31");
    /** 2024-02-27 00:00 Beijing time. */
    public static final Instant OPENS_AT = Instant.parse("2024-02-26T16:00:00Z");
    /** 2024-03-05 00:00 Beijing time: the last voting day is 2024-03-04. */
    public static final Instant CLOSES_AT = Instant.parse("2024-03-04T16:00:00Z");
    /** A moment inside the voting window: 2024-02-28 10:00 Beijing time. */
    public static final Instant DURING_VOTING = Instant.parse("2024-02-28T02:00:00Z");
    /** The time stamped on organiser commands and given events. */
    public static final Instant AT = Instant.parse("2024-01-10T02:00:00Z");
    public static final LocalDate PUBLISHED_ON = LocalDate.parse("2023-06-01");

    private TestEditions() {
    }

    // ---- rules ----

    public static VotingRules votingRules() {
        return new VotingRules(OPENS_AT, CLOSES_AT, VotingRules.DEFAULT_PER_WORK_PER_DAY,
                VotingRules.DEFAULT_PER_CATEGORY_PER_DAY, VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS);
    }

    /** Two small categories, each with 2 shortlist places and 1 final place. */
    public static EditionRules rules() {
        return rules(List.of(new Category(TEXT, "Texts", 2, 1), new Category(PIC, "Pictures", 2, 1)));
    }

    public static EditionRules rules(List<Category> categories) {
        return rules(categories, votingRules());
    }

    public static EditionRules rules(List<Category> categories, VotingRules voting) {
        return new EditionRules("China Positive Energy 2023", "Gathering the Power", ELIGIBLE_FROM, ELIGIBLE_TO,
                "Asia/Shanghai", categories, voting, ReviewRules.DEFAULT, Weights.DEFAULT);
    }

    public static EditionRules withWeights(Weights weights) {
        EditionRules r = rules();
        return new EditionRules(r.title(), r.theme(), r.eligibleFrom(), r.eligibleTo(), r.timeZone(), r.categories(),
                r.voting(), r.review(), weights);
    }

    public static EditionRules withVoting(VotingRules voting) {
        EditionRules r = rules();
        return new EditionRules(r.title(), r.theme(), r.eligibleFrom(), r.eligibleTo(), r.timeZone(), r.categories(),
                voting, r.review(), r.weights());
    }

    // ---- commands and votes ----

    public static String urlOf(String workId) {
        return "https://news.example.cn/works/" + workId;
    }

    /** Certified tallies with these valid votes per work (pairs of work id and count) and no refusals. */
    public static CertifiedTallies tallies(Object... workIdsAndVotes) {
        Map<String, Long> valid = new LinkedHashMap<>();
        for (int i = 0; i < workIdsAndVotes.length; i += 2) {
            valid.put((String) workIdsAndVotes[i], ((Number) workIdsAndVotes[i + 1]).longValue());
        }
        return new CertifiedTallies(valid, Map.of());
    }

    /** Refusal counts as the edition certifies them: every reason, in enum order, 0 unless given. */
    public static Map<String, Long> refusals(Map<RefusalReason, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            all.put(reason.name(), counts.getOrDefault(reason, 0L));
        }
        return all;
    }

    public static Map<String, Long> noRefusals() {
        return refusals(Map.of());
    }

    public static StageChangedEvent stageChanged(Stage from, Stage to) {
        return new StageChangedEvent(ID, from, to, AT, ORGANISER);
    }

    public static Vote vote(String voteId, String voterId, String workId, Instant castAt) {
        return new Vote(voteId, voterId, workId, castAt, castAt, "10.0.0.1", "device-" + voterId);
    }

    /** The decision a vote lane records for {@code vote}, given its category and outcome (null: accepted). */
    public static VoteDecision decision(Vote vote, String category, RefusalReason reason) {
        return new VoteDecision(vote.voteId(), vote.voterId(), vote.workId(), category, vote.castAt(),
                vote.receivedAt(), LocalDate.ofInstant(vote.castAt(), BEIJING),
                reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason, vote.ip(), vote.device());
    }

    public static VoteDecision accepted(Vote vote, String category) {
        return decision(vote, category, null);
    }

    public static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    // ---- histories ----

    public static History history() {
        return new History();
    }

    /**
     * Builds an edition's event log the way the aggregate would have written it. Reviewers
     * {@code r1..r5} (organisations "Reviewer Org 1..5", all categories) are registered by
     * {@link #reviewers()}; {@link #scores} has them score in that order.
     */
    public static final class History {

        private final List<Object> events = new ArrayList<>();
        private Stage stage;
        private long submissions;
        private final Map<String, String> categoryOfWork = new LinkedHashMap<>();

        public History created() {
            return created(rules());
        }

        public History created(EditionRules rules) {
            events.add(new EditionCreatedEvent(ID, rules, AT, ORGANISER));
            stage = Stage.DRAFT;
            return this;
        }

        /** Moves forward stage by stage up to {@code target}, one StageChangedEvent each. */
        public History to(Stage target) {
            Objects.requireNonNull(stage, "created() first");
            while (stage.isBefore(target)) {
                events.add(stageChanged(stage, stage.next()));
                stage = stage.next();
            }
            return this;
        }

        public History work(String workId, String category) {
            return work(workId, category, "Unit of " + workId);
        }

        public History work(String workId, String category, String organisation) {
            submissions++;
            categoryOfWork.put(workId, category);
            events.add(new WorkSubmittedEvent(ID, workId, "Title of " + workId, urlOf(workId),
                    UrlNormaliser.normalise(urlOf(workId)), category, PUBLISHED_ON, organisation, submissions, AT,
                    ORGANISER));
            return this;
        }

        public History reviewer(String reviewerId, String organisation, String... categories) {
            events.add(new ReviewerRegisteredEvent(ID, reviewerId, "Reviewer " + reviewerId, organisation,
                    Arrays.stream(categories).sorted().toList(), AT, ORGANISER));
            return this;
        }

        /** Registers r1..r5 for both categories. */
        public History reviewers() {
            for (int i = 1; i <= 5; i++) {
                reviewer("r" + i, "Reviewer Org " + i, PIC, TEXT);
            }
            return this;
        }

        /** Scores by r1, r2, ... in order, one score each. */
        public History scores(Round round, String workId, String... scores) {
            for (int i = 0; i < scores.length; i++) {
                score(round, workId, "r" + (i + 1), scores[i]);
            }
            return this;
        }

        public History score(Round round, String workId, String reviewerId, String score) {
            events.add(new WorkScoredEvent(ID, workId, reviewerId, round, new BigDecimal(score), AT));
            return this;
        }

        /** The ShortlistPublishedEvent, category to work ids in rank order (scores shown as given). */
        public History shortlist(Map<String, List<ListedWork>> lists) {
            events.add(new ShortlistPublishedEvent(ID, lists, AT));
            return this;
        }

        public History amended(String category, String removed, String added, String addedScore) {
            events.add(new ShortlistAmendedEvent(ID, category, removed, added,
                    addedScore == null ? null : new BigDecimal(addedScore), AT));
            return this;
        }

        public History disqualified(String workId) {
            events.add(new WorkDisqualifiedEvent(ID, workId, "plagiarism", AT, ORGANISER));
            return this;
        }

        /** The TalliesCertifiedEvent of closing the vote: category to work to valid votes, no refusals. */
        public History certified(Map<String, Map<String, Long>> validVotes) {
            events.add(new TalliesCertifiedEvent(ID, validVotes, noRefusals(), AT));
            return this;
        }

        /** A VotesInvalidatedEvent for set {@code setId} taking these accepted votes from each work. */
        public History invalidated(String setId, Map<String, Long> acceptedVotesPerWork) {
            events.add(new VotesInvalidatedEvent(ID, setId, "same-ip", "a bot farm", List.of(setId + "-v1"),
                    acceptedVotesPerWork, AT, ORGANISER));
            return this;
        }

        public History event(Object event) {
            events.add(event);
            return this;
        }

        public Stage stage() {
            return stage;
        }

        public List<Object> build() {
            return List.copyOf(events);
        }

        /** The events folded into a fresh {@link EditionVotingState}, numbered 0, 1, 2, ... as in the log. */
        public EditionVotingState votingState() {
            EditionVotingState state = new EditionVotingState();
            for (int i = 0; i < events.size(); i++) {
                state.apply(i, events.get(i));
            }
            return state;
        }
    }

    public static ListedWork place(int rank, String workId, String score) {
        return new ListedWork(rank, workId, new BigDecimal(score));
    }
}
