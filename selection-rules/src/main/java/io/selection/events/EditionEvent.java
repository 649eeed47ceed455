package io.selection.events;

/**
 * Every event of an edition's log: a sealed family, so that a fold written as a {@link Visitor}
 * (the read models, the recount, the export codec) fails to compile when an event is added and
 * it forgets one. Each event names its edition.
 */
public sealed interface EditionEvent permits EditionCreatedEvent, StageChangedEvent, WorkSubmittedEvent,
        WorkDisqualifiedEvent, ReviewerRegisteredEvent, WorkScoredEvent, ShortlistPublishedEvent,
        ShortlistAmendedEvent, VotesDecidedEvent, VotesInvalidatedEvent, TalliesCertifiedEvent,
        ResultsPublishedEvent {

    String editionId();

    <R> R accept(Visitor<R> visitor);

    /** One method per event of the family. */
    interface Visitor<R> {
        R on(EditionCreatedEvent e);

        R on(StageChangedEvent e);

        R on(WorkSubmittedEvent e);

        R on(WorkDisqualifiedEvent e);

        R on(ReviewerRegisteredEvent e);

        R on(WorkScoredEvent e);

        R on(ShortlistPublishedEvent e);

        R on(ShortlistAmendedEvent e);

        R on(VotesDecidedEvent e);

        R on(VotesInvalidatedEvent e);

        R on(TalliesCertifiedEvent e);

        R on(ResultsPublishedEvent e);
    }

    /** True for an event that belongs to an edition's log (a lane's position-only event names none). */
    static boolean inLog(Object payload) {
        return payload instanceof EditionEvent e && e.editionId() != null && !e.editionId().isEmpty();
    }
}
