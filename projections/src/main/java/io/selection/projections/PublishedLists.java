package io.selection.projections;

import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.Stage;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
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
import io.selection.projections.Views.RankedEntry;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistEntry;
import io.selection.projections.Views.ShortlistView;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.ShortlistRanking;
import io.selection.results.Winner;
import io.selection.rules.Standing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The questions about lists: the shortlist as published and amended, the winners as published
 * (each with the digests it was published with), and the final ranking as it stands.
 */
final class PublishedLists implements EditionEvent.Visitor<Void> {

    private Map<String, List<ListedWork>> shortlist;
    private Published shortlistPublished;
    private Map<String, List<Winner>> winners;
    private Published resultsPublished;
    /** The ids on the lists, asked once per work by every list of works: membership only, never iterated. */
    private Set<String> shortlisted = Set.of();
    private Set<String> won = Set.of();

    boolean shortlistIsPublished() {
        return shortlist != null;
    }

    boolean onShortlist(String workId) {
        return shortlisted.contains(workId);
    }

    boolean resultsArePublished() {
        return winners != null;
    }

    /** Work ids are unique in an edition, so a winner's id says its category too. */
    boolean won(String workId) {
        return won.contains(workId);
    }

    /** The shortlisted work ids by category, in place order (empty before publication). */
    Map<String, List<String>> shortlistIds() {
        Map<String, List<String>> ids = new TreeMap<>();
        if (shortlist != null) {
            shortlist.forEach((category, places) -> ids.put(category, places.stream().map(ListedWork::workId)
                    .toList()));
        }
        return ids;
    }

    ShortlistView shortlist(WorkCatalogue works) {
        Map<String, List<ShortlistEntry>> categories = new TreeMap<>();
        shortlist.forEach((category, places) -> categories.put(category, places.stream()
                .map(p -> new ShortlistEntry(p.rank(), p.workId(), works.title(p.workId()), p.preliminaryScore()))
                .toList()));
        Published p = shortlistPublished;
        return new ShortlistView(categories, p == null ? null : p.logSize(), p == null ? null : p.logDigest(),
                p == null ? null : p.listDigest());
    }

    RankingView winners(Stage stage, WorkCatalogue works) {
        if (winners == null) {
            return null;
        }
        Map<String, List<RankedEntry>> categories = new TreeMap<>();
        winners.forEach((category, places) -> categories.put(category, places.stream()
                .map(w -> new RankedEntry(w.rank(), w.workId(), works.title(w.workId()), w.juryScore(),
                        w.validVotes(), w.voteScore(), w.finalScore()))
                .toList()));
        Published p = resultsPublished;
        return new RankingView(stage, categories, p == null ? null : p.logSize(), p == null ? null : p.logDigest(),
                p == null ? null : p.listDigest());
    }

    /** The final ranking as it stands: the rules' candidates ({@link Standing#finalCandidates}) with the tallies' valid votes. */
    RankingView finalRanking(Standing standing, Stage stage, WorkCatalogue works, VoteTallies tallies) {
        Map<String, List<RankedEntry>> categories = new TreeMap<>();
        if (shortlist != null) {
            EditionRules rules = standing.rules();
            for (Category category : rules.categories()) {
                List<FinalRanking.Candidate> candidates = standing.finalCandidates(category.code(), tallies::valid);
                categories.put(category.code(), FinalRanking.rank(candidates, rules.weights()).stream()
                        .map(r -> new RankedEntry(r.rank(), r.workId(), works.title(r.workId()),
                                r.juryScore().toDisplay(), r.validVotes(), r.voteScore().toDisplay(),
                                r.finalScore().toDisplay()))
                        .toList());
            }
        }
        return new RankingView(stage, categories, null, null, null);
    }

    @Override
    public Void on(ShortlistPublishedEvent e) {
        shortlist = new TreeMap<>();
        e.categories().forEach((category, places) -> shortlist.put(category, List.copyOf(places)));
        shortlistPublished = e.published();
        shortlisted = idsOn(shortlist, ListedWork::workId);
        return null;
    }

    @Override
    public Void on(ShortlistAmendedEvent e) {
        shortlist.put(e.category(), ShortlistRanking.amend(shortlist.get(e.category()), e.removedWorkId(),
                e.addedWorkId(), e.addedPreliminaryScore()));
        shortlistPublished = e.published();
        shortlisted = idsOn(shortlist, ListedWork::workId);
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        winners = new TreeMap<>(e.categories());
        resultsPublished = e.published();
        won = idsOn(winners, Winner::workId);
        return null;
    }

    private static <T> Set<String> idsOn(Map<String, List<T>> lists, Function<T, String> id) {
        Set<String> ids = new HashSet<>();
        lists.values().forEach(places -> places.forEach(p -> ids.add(id.apply(p))));
        return ids;
    }

    @Override
    public Void on(EditionCreatedEvent e) {
        return null;
    }

    @Override
    public Void on(StageChangedEvent e) {
        return null;
    }

    @Override
    public Void on(WorkSubmittedEvent e) {
        return null;
    }

    @Override
    public Void on(WorkDisqualifiedEvent e) {
        return null;
    }

    @Override
    public Void on(ReviewerRegisteredEvent e) {
        return null;
    }

    @Override
    public Void on(WorkScoredEvent e) {
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
}
