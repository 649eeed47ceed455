package io.selection.projections;

import io.selection.audit.proofs.ListDigests;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
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
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.TallyEntry;
import io.selection.voting.VoteCount;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The questions about votes: how many each work has (by the one counting rule, {@link VoteCount}),
 * where each vote's decision is in the log, and which sets look suspicious. It also says what the
 * last line did to each work, for the works' histories.
 */
final class VoteTallies implements EditionEvent.Visitor<Void> {

    private final LinePosition line;
    /** The counts, and where in the log each vote id's first decision is (in the same table). */
    private final VoteCount count = new VoteCount(true);
    private final SuspiciousVotes suspicious;
    private final Set<String> invalidatedSets = new TreeSet<>();
    private final VoteRate rate = new VoteRate();
    private boolean certified;
    private Published talliesPublished;
    /** Counted decisions of the last vote group per work: {accepted, refused}. */
    private Map<String, long[]> lastGroup = Map.of();
    /** What the last invalidation took from each work. */
    private Map<String, Long> lastLost = Map.of();

    VoteTallies(LinePosition line, SuspicionRules rules) {
        this.line = line;
        this.suspicious = new SuspiciousVotes(rules);
    }

    long valid(String workId) {
        return count.valid(workId);
    }

    Map<String, long[]> lastGroup() {
        return lastGroup;
    }

    Map<String, Long> lastLost() {
        return lastLost;
    }

    TalliesView view(EditionRules rules, WorkCatalogue works, PublishedLists lists) {
        Map<String, List<TallyEntry>> categories = new TreeMap<>();
        for (Category category : rules.categories()) {
            categories.put(category.code(), works.idsIn(category.code()).stream()
                    .filter(id -> count.valid(id) > 0 || count.invalidated(id) > 0 || lists.onShortlist(id))
                    .sorted(Comparator.comparingLong((String id) -> -count.valid(id)).thenComparing(id -> id))
                    .map(id -> new TallyEntry(id, works.title(id), count.valid(id), count.invalidated(id)))
                    .toList());
        }
        TreeMap<String, Long> refused = new TreeMap<>(count.refused());
        if (talliesPublished != null) {
            return new TalliesView(categories, refused, count.accepted(), count.duplicates(), certified,
                    talliesPublished.logSize(), talliesPublished.logDigest(), talliesPublished.listDigest());
        }
        return new TalliesView(categories, refused, count.accepted(), count.duplicates(), certified, line.seq, null,
                ListDigests.tallies(shortlistTallies(lists), count.refused()));
    }

    /** Valid votes of each work on the shortlist, by category: the list the tallies' digest is of. */
    private Map<String, Map<String, Long>> shortlistTallies(PublishedLists lists) {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        lists.shortlistIds().forEach((category, ids) -> {
            Map<String, Long> perWork = new TreeMap<>();
            ids.forEach(id -> perWork.put(id, count.valid(id)));
            byCategory.put(category, perWork);
        });
        return byCategory;
    }

    Views.VoteRateView rate() {
        return rate.view();
    }

    Views.SuspiciousSetsView suspiciousSets() {
        return new Views.SuspiciousSetsView(suspicious.sets(), List.copyOf(invalidatedSets));
    }

    /** What invalidating the flagged set {@code id} takes, or null. */
    VoteSet flaggedSet(String id) {
        return suspicious.flaggedSet(id);
    }

    /** The line that holds the vote's decision, or null. */
    Long voteSeq(String voteId) {
        long seq = count.line(voteId);
        return seq < 0 ? null : seq;
    }

    /** Folds the group column by column into primitive counters: no object per vote. */
    @Override
    public Void on(VotesDecidedEvent e) {
        VoteGroup g = e.votes();
        suspicious.fold(e.lane(), g);
        int[] slots = count.slots(g);
        long[] counted = new long[2 * g.workCount()];
        for (int from = 0; from < g.size(); from += VoteCount.AHEAD) {
            int to = Math.min(g.size(), from + VoteCount.AHEAD);
            count.readAhead(g, from, to);
            for (int i = from; i < to; i++) {
                if (count.decided(g, i, slots, line.seq)) { // a second decision under a known id counts nowhere
                    boolean accepted = g.accepted(i);
                    counted[2 * g.workIndex(i) + (accepted ? 0 : 1)]++;
                    rate.add(g.receivedAt(i), accepted);
                }
            }
        }
        Map<String, long[]> perWork = new TreeMap<>();
        for (int k = 0; k < g.workCount(); k++) {
            if (counted[2 * k] + counted[2 * k + 1] > 0) {
                // a work named under two categories in one group (impossible in a real log) adds up
                long[] sum = perWork.computeIfAbsent(g.work(k), id -> new long[2]);
                sum[0] += counted[2 * k];
                sum[1] += counted[2 * k + 1];
            }
        }
        lastGroup = perWork;
        return null;
    }

    @Override
    public Void on(VotesInvalidatedEvent e) {
        lastLost = count.invalidate(e.voteIds());
        invalidatedSets.add(e.setId());
        if (certified) {
            talliesPublished = e.published();
        }
        return null;
    }

    @Override
    public Void on(TalliesCertifiedEvent e) {
        certified = true;
        talliesPublished = e.published();
        return null;
    }

    @Override
    public Void on(EditionCreatedEvent e) {
        if (e.rules() != null && e.rules().voting() != null) {
            suspicious.clockSkew(e.rules().voting().maxClockSkewSeconds());
        }
        if (e.rules() != null && e.rules().timeZone() != null) {
            suspicious.timeZone(e.rules().zone());
        }
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
    public Void on(ShortlistPublishedEvent e) {
        return null;
    }

    @Override
    public Void on(ShortlistAmendedEvent e) {
        return null;
    }

    @Override
    public Void on(ResultsPublishedEvent e) {
        return null;
    }
}
