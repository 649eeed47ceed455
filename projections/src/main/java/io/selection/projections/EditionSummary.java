package io.selection.projections;

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
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.projections.Views.EditionView;
import io.selection.projections.Views.StageEntry;

import java.util.ArrayList;
import java.util.List;

/** The question "what is this edition": its rules, its stage and how it got there, its counts. */
final class EditionSummary implements EditionEvent.Visitor<Void> {

    private final String editionId;
    private EditionRules rules;
    private Stage stage = Stage.DRAFT;
    private final List<StageEntry> stageHistory = new ArrayList<>();
    private int works;
    private int reviewers;

    EditionSummary(String editionId) {
        this.editionId = editionId;
    }

    EditionView view() {
        return new EditionView(editionId, rules.title(), rules.theme(), rules.eligibleFrom(), rules.eligibleTo(),
                rules.timeZone(), rules.categories(), rules.voting(), rules.review(), rules.weights(), stage,
                List.copyOf(stageHistory), works, reviewers);
    }

    EditionRules rules() {
        return rules;
    }

    Stage stage() {
        return stage;
    }

    @Override
    public Void on(EditionCreatedEvent e) {
        rules = e.rules();
        stageHistory.add(new StageEntry(Stage.DRAFT, e.at(), e.by()));
        return null;
    }

    @Override
    public Void on(StageChangedEvent e) {
        stage = e.to();
        stageHistory.add(new StageEntry(e.to(), e.at(), e.by()));
        return null;
    }

    @Override
    public Void on(WorkSubmittedEvent e) {
        works++;
        return null;
    }

    @Override
    public Void on(ReviewerRegisteredEvent e) {
        reviewers++;
        return null;
    }

    @Override
    public Void on(WorkDisqualifiedEvent e) {
        return null;
    }

    @Override
    public Void on(WorkScoredEvent e) {
        return null;
    }

    @Override
    public Void on(ShortlistPublishedEvent e) {
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
        return null;
    }

    @Override
    public Void on(TalliesCertifiedEvent e) {
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        return null;
    }
}
