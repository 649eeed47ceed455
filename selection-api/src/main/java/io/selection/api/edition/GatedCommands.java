package io.selection.api.edition;

import io.selection.api.voting.VotingGate;
import io.selection.api.web.ReadModels;
import io.selection.edition.Stage;
import io.selection.edition.TransitionEditionCommand;
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.TallyEntry;
import io.selection.query.ReadModelQueries.FindTalliesQuery;
import io.selection.results.CertifiedTallies;
import io.selection.work.DisqualifyWorkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands that change what a vote decision reads (stage changes, disqualifications) run
 * behind the edition's voting gate, so every vote is decided wholly before or wholly after them.
 * Closing the vote certifies the tallies read, behind the gate, from the whole log.
 */
@Component
public class GatedCommands {

    private final CommandGateway commands;
    private final VotingGate gate;
    private final ReadModels readModels;
    private final TransactionTemplate transaction;

    public GatedCommands(CommandGateway commands, VotingGate gate, ReadModels readModels,
                         PlatformTransactionManager transactions) {
        this.commands = commands;
        this.gate = gate;
        this.readModels = readModels;
        this.transaction = new TransactionTemplate(transactions);
    }

    public void transition(String editionId, Stage to, Instant at, String by) {
        transaction.executeWithoutResult(status -> {
            gate.lock(editionId);
            CertifiedTallies tallies = to == Stage.FINAL_REVIEW ? certify(editionId) : null;
            commands.sendAndWait(new TransitionEditionCommand(editionId, to, at, by, tallies));
        });
    }

    public void disqualify(String editionId, String workId, String reason, Instant at, String by) {
        transaction.executeWithoutResult(status -> {
            gate.lock(editionId);
            commands.sendAndWait(new DisqualifyWorkCommand(editionId, workId, reason, at, by));
        });
    }

    private CertifiedTallies certify(String editionId) {
        // No vote can be recorded while we hold the gate: once the read models reach the head of
        // the log, their tallies are the tallies of the whole vote.
        TalliesView tallies = readModels.ask(new FindTalliesQuery(editionId), TalliesView.class);
        Map<String, Long> valid = new TreeMap<>();
        for (List<TallyEntry> entries : tallies.categories().values()) {
            entries.forEach(t -> valid.put(t.workId(), t.validVotes()));
        }
        return new CertifiedTallies(valid, new TreeMap<>(tallies.refusedVotes()));
    }
}
