package io.selection.api.readmodel;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ApiPhrase;
import io.selection.common.DomainException;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.projections.Views.RankedEntry;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ReviewerScore;
import io.selection.projections.Views.ShortlistEntry;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TallyEntry;
import io.selection.projections.Views.WorkView;
import io.selection.review.Round;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed in an edition between two points of its log ({@code from} and {@code to}, each a
 * seq or an instant as {@code ?asOf} reads them): both points are folded by {@link AsOf}, so each
 * side is what the server answered then (the shortlist and winners as published), and the lines
 * in between are listed, vote decisions summarised by count. The later point is the earlier one
 * folded on through the lines between when it can be ({@link AsOf#between}): one read of the log.
 */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class DiffController {

    public record Side(long logSize, String logDigest) {
    }

    public record Placed(String workId, int rank) {
    }

    public record Moved(String workId, int from, int to) {
    }

    public record ListDiff(List<Placed> entered, List<Placed> left, List<Moved> moved) {
    }

    public record TallyChange(String workId, long validFrom, long validTo, long invalidatedFrom,
                              long invalidatedTo) {
    }

    public record ScoreChange(String workId, Round round, String reviewerId, BigDecimal from, BigDecimal to) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Line(Long seq, String type, Instant at, Integer votesDecided) {
    }

    public record Diff(Side from, Side to, Map<String, ListDiff> shortlist, Map<String, ListDiff> winners,
                       List<TallyChange> tallies, List<ScoreChange> scores, List<Line> events) {
    }

    private final AsOf asOf;

    public DiffController(AsOf asOf) {
        this.asOf = asOf;
    }

    @GetMapping("/diff")
    public Diff diff(@PathVariable String editionId, @RequestParam String from, @RequestParam String to) {
        long a = asOf.seq(editionId, from, "from");
        long b = asOf.seq(editionId, to, "to");
        if (a >= b) {
            throw DomainException.invalid("to", ApiPhrase.DIFF_ORDER, a, b);
        }
        Between between = new Between();
        return asOf.between(editionId, a, b, Before::of, between, (before, point) -> {
            between.end();
            RankingView winnersTo = point.models().winners();
            return new Diff(before.side(), new Side(point.seq(), point.digest()),
                    shortlist(before.shortlist(), point.models().shortlist()),
                    before.winners() == null || winnersTo == null ? null
                            : lists(ranks(before.winners().categories()), ranks(winnersTo.categories())),
                    tallies(before.tallies(), point.models().tallies().categories()),
                    scores(between.latest, before, point), between.lines);
        });
    }

    /**
     * What the diff reads of its earlier point, taken before that point may be folded on to the
     * later one: the lists, the tallies, and each work's scores.
     */
    private record Before(Side side, ShortlistView shortlist, RankingView winners,
                          Map<String, List<TallyEntry>> tallies, Map<String, WorkView> works) {

        static Before of(AsOf.Point point) {
            Map<String, WorkView> works = new java.util.HashMap<>();
            point.models().works().forEach(w -> works.put(w.id(), w));
            return new Before(new Side(point.seq(), point.digest()), point.models().shortlist(),
                    point.models().winners(), point.models().tallies().categories(), works);
        }
    }

    private record ScoreKey(String workId, Round round, String reviewerId) {
    }

    /**
     * What the lines after {@code from} up to {@code to} hold, given one by one: each score's latest
     * value, and the lines with each run of vote decisions as one line counting them.
     */
    private static final class Between implements java.util.function.Consumer<EditionLogs.Stored> {
        final Map<ScoreKey, BigDecimal> latest = new LinkedHashMap<>();
        final List<Line> lines = new ArrayList<>();
        int decided;

        @Override
        public void accept(EditionLogs.Stored line) {
            if (line.event() instanceof VotesDecidedEvent) {
                decided++;
                return;
            }
            if (line.event() instanceof WorkScoredEvent s) {
                ScoreKey key = new ScoreKey(s.workId(), s.round(), s.reviewerId());
                latest.remove(key);
                latest.put(key, s.score());
            }
            end();
            // the line's time as the export shows it, not the store's
            lines.add(new Line(line.seq(), io.selection.audit.format.LogCodec.type(line.event()),
                    io.selection.audit.format.LogCodec.at(line.event()), null));
        }

        /** Closes a run of vote decisions. */
        void end() {
            if (decided > 0) {
                lines.add(new Line(null, null, null, decided));
                decided = 0;
            }
        }
    }

    /** Null when the shortlist is not published at {@code to}; everything entered when not yet at {@code from}. */
    private static Map<String, ListDiff> shortlist(ShortlistView from, ShortlistView to) {
        if (to == null) {
            return null;
        }
        Map<String, Map<String, Integer>> before = new TreeMap<>();
        if (from != null) {
            from.categories().forEach((c, entries) -> before.put(c, shortlistRanks(entries)));
        }
        Map<String, Map<String, Integer>> after = new TreeMap<>();
        to.categories().forEach((c, entries) -> after.put(c, shortlistRanks(entries)));
        return lists(before, after);
    }

    private static Map<String, Integer> shortlistRanks(List<ShortlistEntry> entries) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        entries.forEach(e -> ranks.put(e.workId(), e.rank()));
        return ranks;
    }

    private static Map<String, Map<String, Integer>> ranks(Map<String, List<RankedEntry>> categories) {
        Map<String, Map<String, Integer>> ranks = new TreeMap<>();
        categories.forEach((c, entries) -> {
            Map<String, Integer> r = new LinkedHashMap<>();
            entries.forEach(e -> r.put(e.workId(), e.rank()));
            ranks.put(c, r);
        });
        return ranks;
    }

    private static Map<String, ListDiff> lists(Map<String, Map<String, Integer>> before,
                                               Map<String, Map<String, Integer>> after) {
        Map<String, ListDiff> diff = new TreeMap<>();
        TreeSet<String> categories = new TreeSet<>(before.keySet());
        categories.addAll(after.keySet());
        for (String c : categories) {
            Map<String, Integer> was = before.getOrDefault(c, Map.of());
            Map<String, Integer> is = after.getOrDefault(c, Map.of());
            List<Placed> entered = new ArrayList<>();
            List<Moved> moved = new ArrayList<>();
            is.forEach((work, rank) -> {
                Integer old = was.get(work);
                if (old == null) {
                    entered.add(new Placed(work, rank));
                } else if (!old.equals(rank)) {
                    moved.add(new Moved(work, old, rank));
                }
            });
            List<Placed> left = new ArrayList<>();
            was.forEach((work, rank) -> {
                if (!is.containsKey(work)) {
                    left.add(new Placed(work, rank));
                }
            });
            diff.put(c, new ListDiff(entered, left, moved));
        }
        return diff;
    }

    /** Works whose valid or invalidated count changed, by work id. */
    private static List<TallyChange> tallies(Map<String, List<TallyEntry>> from, Map<String, List<TallyEntry>> to) {
        Map<String, TallyEntry> before = new TreeMap<>();
        from.values().forEach(l -> l.forEach(t -> before.put(t.workId(), t)));
        Map<String, TallyEntry> after = new TreeMap<>();
        to.values().forEach(l -> l.forEach(t -> after.put(t.workId(), t)));
        TreeSet<String> works = new TreeSet<>(before.keySet());
        works.addAll(after.keySet());
        List<TallyChange> changes = new ArrayList<>();
        for (String w : works) {
            TallyEntry was = before.get(w);
            TallyEntry is = after.get(w);
            long vf = was == null ? 0 : was.validVotes();
            long vt = is == null ? 0 : is.validVotes();
            long inf = was == null ? 0 : was.invalidatedVotes();
            long intTo = is == null ? 0 : is.invalidatedVotes();
            if (vf != vt || inf != intTo) {
                changes.add(new TallyChange(w, vf, vt, inf, intTo));
            }
        }
        return changes;
    }

    /** Scores given between the points whose value at {@code to} differs from {@code from}'s (null: none then). */
    private static List<ScoreChange> scores(Map<ScoreKey, BigDecimal> latest, Before a, AsOf.Point b) {
        List<ScoreChange> changes = new ArrayList<>();
        latest.forEach((key, score) -> {
            BigDecimal was = scoreAt(a.works().get(key.workId()), key.round(), key.reviewerId());
            BigDecimal is = scoreAt(b.models().work(key.workId()), key.round(), key.reviewerId());
            if (is == null) {
                is = score;
            }
            if (was == null || was.compareTo(is) != 0) {
                changes.add(new ScoreChange(key.workId(), key.round(), key.reviewerId(), was, is));
            }
        });
        return changes;
    }

    private static BigDecimal scoreAt(WorkView work, Round round, String reviewerId) {
        if (work == null) {
            return null;
        }
        List<ReviewerScore> scores = round == Round.FINAL ? work.finalScores() : work.preliminaryScores();
        if (scores == null) {
            return null;
        }
        return scores.stream().filter(s -> s.reviewerId().equals(reviewerId)).map(ReviewerScore::score)
                .findFirst().orElse(null);
    }
}
