package io.selection.api.edition;

import io.selection.api.checkpoint.Checkpoints;
import io.selection.api.log.EditionLogs;
import io.selection.api.voting.intake.VotingGate;
import io.selection.edition.LogHead;
import io.selection.edition.Stage;
import io.selection.edition.TransitionEditionCommand;
import io.selection.recount.Recount;
import io.selection.results.CertifiedTallies;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.VoteSet;
import io.selection.work.DisqualifyWorkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands that change what a vote decision or a count reads (stage changes,
 * disqualifications, invalidations) run behind the edition's voting gate, so every vote group is
 * wholly before or wholly after them. Behind the gate, the log cannot grow: what such a command
 * publishes is recounted from the log itself ({@link EditionLogs}, the core {@link Recount}) and
 * names the log's size and digest at that moment.
 */
@Component
public class GatedCommands {

    /** What an invalidation took: the set's accepted votes, and what each work lost. */
    public record Invalidated(String setId, int votes, Map<String, Long> acceptedVotesPerWork) {
    }

    private final CommandGateway commands;
    private final VotingGate gate;
    private final EditionLogs logs;
    private final TransactionTemplate transaction;
    /** Each command that publishes a list is covered by a signed checkpoint once it has committed. */
    private final Checkpoints checkpoints;

    public GatedCommands(CommandGateway commands, VotingGate gate, EditionLogs logs,
                         PlatformTransactionManager transactions, Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.commands = commands;
        this.gate = gate;
        this.logs = logs;
        this.transaction = new TransactionTemplate(transactions);
    }

    public void transition(String editionId, Stage to, Instant at, String by) {
        transaction.executeWithoutResult(status -> {
            gate.lock(editionId);
            if (to != Stage.SHORTLIST_PUBLISHED && to != Stage.FINAL_REVIEW && to != Stage.RESULTS_PUBLISHED) {
                // publishes no list: nothing to recount, no log head to name
                commands.sendAndWait(new TransitionEditionCommand(editionId, to, at, by));
                return;
            }
            logs.read(editionId, kept -> {
                CertifiedTallies tallies = to == Stage.SHORTLIST_PUBLISHED ? null
                        : tallies(logs.recountAll(editionId, kept.writer().size(), stored -> { }), Map.of());
                commands.sendAndWait(new TransitionEditionCommand(editionId, to, at, by, tallies,
                        kept.writer().head()));
                return null;
            });
        });
        checkpoints.cover(editionId);
    }

    public void disqualify(String editionId, String workId, String reason, Instant at, String by) {
        transaction.executeWithoutResult(status -> {
            gate.lock(editionId);
            LogHead head = logs.read(editionId, kept -> kept.writer().head());
            commands.sendAndWait(new DisqualifyWorkCommand(editionId, workId, reason, at, by, head));
        });
        checkpoints.cover(editionId); // an amendment of the shortlist, once it is published
    }

    /**
     * Invalidates a flagged set: its accepted votes are found by streaming the edition's log behind
     * the gate, and what each work loses is recounted there, so a vote already invalidated by an
     * overlapping set is not taken twice.
     */
    public Invalidated invalidate(String editionId, VoteSet set, String reason, Instant at, String by) {
        Invalidated done = transaction.execute(status -> {
            gate.lock(editionId);
            return logs.read(editionId, kept -> {
                List<String> voteIds = new ArrayList<>();
                // one pass over the log: the set's votes, and every count they are taken from
                Recount recount = logs.recountAll(editionId, kept.writer().size(),
                        stored -> set.collect(stored.event(), voteIds));
                Map<String, Long> lost = recount.votes().effectOf(voteIds);
                commands.sendAndWait(new InvalidateVotesCommand(editionId, set, reason, voteIds,
                        lost, at, by, tallies(recount, lost), kept.writer().head()));
                return new Invalidated(set.id(), voteIds.size(), lost);
            });
        });
        checkpoints.cover(editionId); // the tallies certified anew, once certified
        return done;
    }

    /** Valid votes per work and refusals per reason, recounted from the log, less {@code lost}. */
    private static CertifiedTallies tallies(Recount recount, Map<String, Long> lost) {
        Map<String, Long> valid = new TreeMap<>();
        recount.shortlistTallies().values().forEach(perWork -> perWork.forEach((work, n) ->
                valid.put(work, n - lost.getOrDefault(work, 0L))));
        return new CertifiedTallies(valid, new TreeMap<>(recount.votes().refused()));
    }
}
