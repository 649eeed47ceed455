package io.selection.edition;

import io.selection.audit.proofs.ListDigests;
import io.selection.common.DomainException;
import io.selection.common.Refusal;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.CertifiedTallies;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.Winner;
import io.selection.review.RegisterReviewerCommand;
import io.selection.review.ScoreWorkCommand;
import io.selection.rules.Rulebook;
import io.selection.rules.Standing;
import io.selection.voting.EditionVotingState;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.RefusalReason;
import io.selection.work.DisqualifyWorkCommand;
import io.selection.work.SubmitWorkCommand;
import io.selection.work.UrlNormaliser;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One edition of the award, and the consistency boundary of everything decided in it: its stage,
 * its works and reviewers, the scores, the published lists, the certified tallies and their
 * invalidations (vote decisions live in the streams of the vote lanes). Every command builds the
 * event it asks for and appends it only if the {@link Rulebook} allows it against the edition's
 * {@link Standing}: the same function the auditors' verifier passes every line of the log through.
 * The one event sourcing handler folds the standing, as the recount does.
 */
public class Edition {

    @AggregateIdentifier
    private String editionId;
    private final Standing standing = new Standing();

    protected Edition() {
        // for Axon
    }

    @CommandHandler
    public Edition(CreateEditionCommand command) {
        append(new EditionCreatedEvent(command.editionId(), command.rules(), command.at(), command.by()));
    }

    @CommandHandler
    public void handle(TransitionEditionCommand command) {
        StageChangedEvent change = new StageChangedEvent(editionId, standing.stage(), command.to(), command.at(),
                command.by());
        Rulebook.check(standing, change);
        EditionRules rules = standing.rules();
        switch (command.to()) {
            case SHORTLIST_PUBLISHED -> {
                Map<String, List<ListedWork>> lists = new TreeMap<>();
                for (Category category : rules.categories()) {
                    lists.put(category.code(), ShortlistRanking.places(standing.shortlistCandidates(category.code()),
                            category.shortlistQuota()));
                }
                append(change);
                append(new ShortlistPublishedEvent(editionId, lists, command.at(),
                        published(command.log(), ListDigests.shortlist(lists))));
            }
            case FINAL_REVIEW -> {
                if (command.tallies() == null) {
                    throw DomainException.invalid("tallies", Refusal.TALLIES_NEEDED);
                }
                Map<String, Map<String, Long>> valid = shortlistTallies(command.tallies());
                Map<String, Long> refused = refusalCounts(command.tallies());
                append(change);
                append(new TalliesCertifiedEvent(editionId, valid, refused, command.at(),
                        published(command.log(), ListDigests.tallies(valid, refused))));
            }
            case RESULTS_PUBLISHED -> {
                if (command.tallies() == null) {
                    throw DomainException.invalid("tallies", Refusal.RECOUNT_NEEDED);
                }
                Map<String, List<Winner>> winners = new TreeMap<>();
                for (Category category : rules.categories()) {
                    winners.put(category.code(), FinalRanking.places(standing.finalCandidates(category.code(),
                            id -> command.tallies().validVotes().getOrDefault(id, 0L)), rules.weights(),
                            category.finalQuota()));
                }
                append(change);
                append(new ResultsPublishedEvent(editionId, winners, command.at(),
                        published(command.log(), ListDigests.winners(winners))));
            }
            default -> append(change);
        }
    }

    @CommandHandler
    public void handle(SubmitWorkCommand command) {
        append(new WorkSubmittedEvent(editionId, command.workId(), command.title(), command.url(),
                normalisedOrNull(command.url()), command.category(), command.publishedOn(), command.organisation(),
                standing.submissions() + 1, command.at(), command.by()));
    }

    @CommandHandler
    public void handle(RegisterReviewerCommand command) {
        append(new ReviewerRegisteredEvent(editionId, command.reviewerId(), command.name(), command.organisation(),
                command.categories() == null ? null : List.copyOf(new TreeSet<>(command.categories())),
                command.at(), command.by()));
    }

    @CommandHandler
    public void handle(ScoreWorkCommand command) {
        append(new WorkScoredEvent(editionId, command.workId(), command.reviewerId(), command.round(),
                command.score(), command.at()));
    }

    @CommandHandler
    public void handle(DisqualifyWorkCommand command) {
        append(new WorkDisqualifiedEvent(editionId, command.workId(), command.reason(), command.at(), command.by()));
        String workId = command.workId();
        String category = standing.work(workId).category();
        EditionVotingState voting = standing.voting();
        if (voting.shortlisted(workId)) {
            ShortlistRanking.Candidate next = ShortlistRanking.next(standing.shortlistCandidates(category),
                    voting.shortlist(category));
            String added = next == null ? null : next.workId();
            BigDecimal addedScore = next == null ? null : next.preliminaryScore().toDisplay();
            Map<String, List<ListedWork>> amended = new TreeMap<>(voting.shortlist());
            amended.put(category, ShortlistRanking.amend(amended.get(category), workId, added, addedScore));
            append(new ShortlistAmendedEvent(editionId, category, workId, added, addedScore, command.at(),
                    published(command.log(), ListDigests.shortlist(amended))));
        }
    }

    @CommandHandler
    public void handle(InvalidateVotesCommand command) {
        String listDigest = command.tallies() == null ? null
                : ListDigests.tallies(shortlistTallies(command.tallies()), refusalCounts(command.tallies()));
        append(new VotesInvalidatedEvent(editionId, command.setId(), command.rule(),
                command.set() == null ? null : command.set().kind(), command.set() == null ? null : command.set().key(),
                command.set() == null ? null : command.set().from(), command.set() == null ? null : command.set().to(),
                command.reason(), command.voteIds() == null ? null : List.copyOf(command.voteIds()),
                command.acceptedVotesPerWork() == null ? null : new TreeMap<>(command.acceptedVotesPerWork()),
                command.at(), command.by(), published(command.log(), listDigest)));
    }

    // ---- the one event sourcing handler: state only ----

    @EventSourcingHandler
    void on(EditionEvent event, @SequenceNumber long sequence) {
        if (event instanceof EditionCreatedEvent created) {
            editionId = created.editionId();
        }
        standing.apply(sequence, event);
    }

    // ---- helpers ----

    /** Appends the event if the rules allow it now; throws the rule it breaks otherwise. */
    private void append(EditionEvent event) {
        Rulebook.check(standing, event);
        apply(event); // folds the event into the standing at once, so the next one is checked against it
    }

    private static String normalisedOrNull(String url) {
        try {
            return UrlNormaliser.normalise(url);
        } catch (RuntimeException e) {
            return null; // the rulebook names what is wrong with the URL, in its order of checks
        }
    }

    private static Published published(LogHead log, String listDigest) {
        return log == null ? null : new Published(log.size(), log.digest(), listDigest);
    }

    private Map<String, Map<String, Long>> shortlistTallies(CertifiedTallies tallies) {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        standing.voting().shortlist().forEach((category, places) -> {
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
}
