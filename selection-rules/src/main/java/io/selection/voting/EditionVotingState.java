package io.selection.voting;

import io.selection.edition.Category;
import io.selection.events.EditionCreatedEvent;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.events.StageChangedEvent;
import io.selection.edition.VotingRules;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a vote decision needs to know of an edition, folded from the edition's own events: the
 * rules, the stage, each work's category and number, the shortlist and the disqualified works.
 * The aggregate keeps one, and so does every vote lane, so both read the edition the same way.
 */
public final class EditionVotingState implements VotingContext {

    private EditionRules rules;
    private ZoneId zone;
    private Stage stage;
    private long version = -1;
    private final Map<String, Integer> workCodes = new HashMap<>();
    private final Map<String, String> workCategories = new HashMap<>();
    private final Set<String> disqualified = new HashSet<>();
    private final Map<String, List<ListedWork>> shortlist = new TreeMap<>();
    private final Set<String> shortlisted = new HashSet<>();

    /** Folds one event of the edition's stream (others are ignored); {@code sequence} is its number. */
    public void apply(long sequence, Object event) {
        if (event instanceof EditionCreatedEvent e) {
            rules = e.rules();
            zone = rules.zone();
            stage = Stage.DRAFT;
        } else if (event instanceof StageChangedEvent e) {
            stage = e.to();
        } else if (event instanceof WorkSubmittedEvent e) {
            workCodes.put(e.workId(), (int) e.submissionNo());
            workCategories.put(e.workId(), e.category());
        } else if (event instanceof WorkDisqualifiedEvent e) {
            disqualified.add(e.workId());
        } else if (event instanceof ShortlistPublishedEvent e) {
            e.categories().forEach((category, places) -> {
                shortlist.put(category, List.copyOf(places));
                places.forEach(p -> shortlisted.add(p.workId()));
            });
        } else if (event instanceof ShortlistAmendedEvent e) {
            shortlist.put(e.category(), ShortlistRanking.amend(shortlist.getOrDefault(e.category(), List.of()),
                    e.removedWorkId(), e.addedWorkId(), e.addedPreliminaryScore()));
            shortlisted.remove(e.removedWorkId());
            if (e.addedWorkId() != null) {
                shortlisted.add(e.addedWorkId());
            }
        }
        version = Math.max(version, sequence);
    }

    /** The sequence number of the last event folded in, or -1. */
    public long version() {
        return version;
    }

    public EditionRules editionRules() {
        return rules;
    }

    public Stage stage() {
        return stage;
    }

    /** The shortlisted work ids of a category, in the order they were placed. */
    public List<String> shortlist(String category) {
        return shortlist.getOrDefault(category, List.of()).stream().map(ListedWork::workId).toList();
    }

    /** The shortlist as published and amended, by category. */
    public Map<String, List<ListedWork>> shortlist() {
        return shortlist;
    }

    @Override
    public boolean votingStageOpen() {
        return stage == Stage.VOTING;
    }

    @Override
    public VotingRules rules() {
        return rules.voting();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String categoryOf(String workId) {
        return workCategories.get(workId);
    }

    /** The work's submission number (a small int that stands for it in the voter book), or 0. */
    public int workCode(String workId) {
        return workCodes.getOrDefault(workId, 0);
    }

    /** The index of the category in the edition's rules, or -1. */
    public int categoryIndex(String category) {
        List<Category> categories = rules.categories();
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).code().equals(category)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean shortlisted(String workId) {
        return shortlisted.contains(workId);
    }

    @Override
    public boolean disqualified(String workId) {
        return disqualified.contains(workId);
    }
}
