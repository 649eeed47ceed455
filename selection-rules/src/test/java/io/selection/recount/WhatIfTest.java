package io.selection.recount;

import io.selection.sample.SampleEdition;
import io.selection.audit.verifier.Verifier;
import io.selection.edition.Weights;
import io.selection.events.EditionEvent;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.FinalRanking;
import io.selection.results.ListedWork;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What-if on a whole sample edition (fixed seed): the edition's own rules give the published
 * winners, and two changed rules give what an independent computation in the test gives.
 */
class WhatIfTest {

    private static final SampleEdition.Params PARAMS =
            new SampleEdition.Params("whatif-2023", 2, 12, 3000, 120, 100, 11L);

    private static final List<EditionEvent> LOG = log();

    private static List<EditionEvent> log() {
        List<EditionEvent> events = new ArrayList<>();
        SampleEdition.write(PARAMS, line -> events.add(Verifier.prepare(line).event()));
        return events;
    }

    private static WhatIf run(WhatIf.Changes changes) {
        WhatIf w = new WhatIf(changes);
        for (int i = 0; i < LOG.size(); i++) {
            w.apply(i + 1, LOG.get(i));
        }
        return w;
    }

    private static Map<String, List<String>> ids(Map<String, List<Winner>> winners) {
        Map<String, List<String>> out = new TreeMap<>();
        winners.forEach((c, ws) -> out.put(c, ws.stream().map(Winner::workId).toList()));
        return out;
    }

    private static Recount recount() {
        Recount r = new Recount();
        for (int i = 0; i < LOG.size(); i++) {
            r.apply(i + 1, LOG.get(i));
        }
        return r;
    }

    @Test
    void under_the_editions_own_rules_gives_exactly_the_published_winners() {
        WhatIf own = run(WhatIf.Changes.NONE);
        ResultsPublishedEvent published = own.published();
        assertThat(published).isNotNull();
        assertThat(own.winners()).isEqualTo(published.categories());
        WhatIf.compare(own, own).values().forEach(c -> {
            assertThat(c.entered()).isEmpty();
            assertThat(c.left()).isEmpty();
        });
    }

    @Test
    void with_weights_100_0_the_winners_are_the_jury_ranking_alone() {
        WhatIf.Changes changes = new WhatIf.Changes(new Weights(100, 0), null, null, null, null, null, null, false);
        WhatIf changed = run(changes);

        // independently: each shortlisted work's jury mean (latest score per reviewer, extremes
        // dropped from five scores on), best first; ties by valid votes, submission, id
        Recount logged = recount();
        Map<String, Map<String, BigDecimal>> jury = new HashMap<>();
        Map<String, Long> submission = new HashMap<>();
        for (EditionEvent e : LOG) {
            if (e instanceof WorkScoredEvent s && s.round() == Round.FINAL) {
                jury.computeIfAbsent(s.workId(), w -> new TreeMap<>()).put(s.reviewerId(), s.score());
            } else if (e instanceof WorkSubmittedEvent s) {
                submission.put(s.workId(), s.submissionNo());
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        logged.shortlist().forEach((category, places) -> {
            List<String> works = new ArrayList<>(places.stream().map(ListedWork::workId).toList());
            Comparator<String> byJury = Comparator.comparing((String w) -> mean(jury.get(w).values()));
            works.sort(byJury.reversed()
                    .thenComparing((String w) -> logged.votes().valid(w), Comparator.reverseOrder())
                    .thenComparing(submission::get).thenComparing(w -> w));
            int quota = logged.rules().category(category).orElseThrow().finalQuota();
            expected.put(category, works.subList(0, quota));
        });
        assertThat(ids(changed.winners())).isEqualTo(expected);
        assertThat(WhatIf.compare(run(WhatIf.Changes.NONE), changed).values())
                .allSatisfy(c -> c.entered().forEach(m -> assertThat(m.why()).contains("under weights 100/0")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_json_gives_each_entered_and_left_work_its_ranks_and_why() {
        WhatIf own = run(WhatIf.Changes.NONE);
        WhatIf changed = run(new WhatIf.Changes(new Weights(100, 0), null, null, null, null, null, null, false));
        Map<String, WhatIf.CategoryOutcome> outcome = WhatIf.compare(own, changed);
        Map<String, Object> categories = (Map<String, Object>) WhatIf.toJson(outcome).get("categories");
        assertThat(categories).containsOnlyKeys(outcome.keySet());
        int moved = 0;
        for (Map.Entry<String, Object> e : categories.entrySet()) {
            String category = e.getKey();
            Map<String, Object> one = (Map<String, Object>) e.getValue();
            assertThat(one).containsOnlyKeys("winners", "entered", "left", "moves");
            List<String> winners = (List<String>) one.get("winners");
            List<String> entered = (List<String>) one.get("entered");
            List<String> left = (List<String>) one.get("left");
            List<Map<String, Object>> moves = (List<Map<String, Object>>) one.get("moves");
            // one move per entered work, then one per left work, in the same order
            List<String> expectedIds = new ArrayList<>(entered);
            expectedIds.addAll(left);
            assertThat(moves).extracting(m -> m.get("workId")).containsExactlyElementsOf(expectedIds);

            // the ranks are the works' places in the final ranking under each rule set
            Map<String, Integer> before = new HashMap<>();
            own.ranking(category).forEach(r -> before.put(r.workId(), r.rank()));
            Map<String, Integer> after = new HashMap<>();
            changed.ranking(category).forEach(r -> after.put(r.workId(), r.rank()));
            int quota = own.published().categories().get(category).size();
            for (Map<String, Object> m : moves) {
                assertThat(m).containsOnlyKeys("workId", "publishedRank", "rank", "why");
                String w = (String) m.get("workId");
                int publishedRank = (Integer) m.get("publishedRank");
                int rank = (Integer) m.get("rank");
                assertThat(publishedRank).isEqualTo(before.getOrDefault(w, 0));
                assertThat(rank).isEqualTo(after.getOrDefault(w, 0));
                if (winners.contains(w)) { // entered: out of the published places, now in
                    assertThat(rank).isBetween(1, quota);
                    assertThat(publishedRank == 0 || publishedRank > quota).as(w + " was not a winner").isTrue();
                } else { // left
                    assertThat(publishedRank).isBetween(1, quota);
                    assertThat(rank == 0 || rank > quota).as(w + " is not a winner").isTrue();
                }
                assertThat(m.get("why")).isEqualTo("rank " + publishedRank + " → rank " + rank
                        + " under weights 100/0");
                moved++;
            }
        }
        assertThat(moved).as("weights 100/0 change some winners of the sample").isPositive();
    }

    private static BigDecimal mean(java.util.Collection<BigDecimal> scores) {
        List<BigDecimal> s = new ArrayList<>(scores);
        s.sort(null);
        if (s.size() >= 5) {
            s = s.subList(1, s.size() - 1);
        }
        BigDecimal sum = s.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(s.size()), 20, RoundingMode.HALF_EVEN);
    }

    @Test
    void with_a_lower_daily_category_limit_the_votes_are_decided_again_as_a_plain_loop_would() {
        int limit = 2;
        WhatIf changed = run(new WhatIf.Changes(null, null, limit, null, null, null, null, false));

        // independently: every vote in log order, first decision under its id only; refusals that
        // do not depend on the limits stay; the others are counted per voter, day, work and category
        Recount logged = recount();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perWorkDay = new HashMap<>();
        Map<String, Set<String>> perCategoryDay = new HashMap<>();
        Map<String, Long> valid = new HashMap<>();
        Set<String> acceptedIds = new HashSet<>();
        Map<String, String> workOf = new HashMap<>();
        for (EditionEvent e : LOG) {
            if (e instanceof VotesDecidedEvent g) {
                for (VoteDecision d : g.decisions()) {
                    if (!seen.add(d.voteId())) {
                        continue;
                    }
                    boolean limited = d.reason() == RefusalReason.DAILY_WORK_LIMIT
                            || d.reason() == RefusalReason.DAILY_CATEGORY_LIMIT;
                    if (!d.accepted() && !limited) {
                        continue;
                    }
                    LocalDate day = d.day();
                    String wk = d.voterId() + "|" + day + "|" + d.workId();
                    Set<String> works = perCategoryDay.computeIfAbsent(d.voterId() + "|" + day + "|" + d.category(),
                            k -> new HashSet<>());
                    if (perWorkDay.getOrDefault(wk, 0) >= 1) {
                        continue;
                    }
                    if (!works.contains(d.workId()) && works.size() >= limit) {
                        continue;
                    }
                    perWorkDay.merge(wk, 1, Integer::sum);
                    works.add(d.workId());
                    valid.merge(d.workId(), 1L, Long::sum);
                    acceptedIds.add(d.voteId());
                    workOf.put(d.voteId(), d.workId());
                }
            } else if (e instanceof VotesInvalidatedEvent inv) {
                for (String id : inv.voteIds()) {
                    if (acceptedIds.remove(id)) {
                        valid.merge(workOf.get(id), -1L, Long::sum);
                    }
                }
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        logged.shortlist().forEach((category, places) -> {
            List<FinalRanking.Candidate> candidates = new ArrayList<>();
            for (FinalRanking.Candidate c : logged.finalCandidates(category)) {
                candidates.add(new FinalRanking.Candidate(c.workId(), c.juryScore(), valid.getOrDefault(c.workId(), 0L),
                        c.submissionNo()));
            }
            int quota = logged.rules().category(category).orElseThrow().finalQuota();
            expected.put(category, FinalRanking.winners(candidates, logged.rules().weights(), quota).stream()
                    .map(FinalRanking.Ranked::workId).toList());
        });
        assertThat(ids(changed.winners())).isEqualTo(expected);
        // the limit bites: some work has fewer valid votes than under the edition's own limit
        assertThat(logged.shortlist().values().stream().flatMap(List::stream)
                .anyMatch(p -> valid.getOrDefault(p.workId(), 0L) < logged.votes().valid(p.workId()))).isTrue();
    }

    @Test
    void with_other_shortlist_rules_disqualified_works_still_stay_out_and_every_place_is_filled() {
        Set<String> disqualified = new HashSet<>();
        LOG.forEach(e -> {
            if (e instanceof io.selection.events.WorkDisqualifiedEvent d) {
                disqualified.add(d.workId());
            }
        });
        assertThat(disqualified).as("the sample disqualifies a work").isNotEmpty();
        Recount logged = recount();
        String first = logged.rules().categories().get(0).code();
        int finalQuota = logged.rules().categories().get(0).finalQuota();
        WhatIf changed = run(new WhatIf.Changes(null, null, null, null, 3, Map.of(first, finalQuota), null, false));
        changed.winners().forEach((category, winners) -> {
            assertThat(winners).extracting(Winner::workId).doesNotContainAnyElementsOf(disqualified);
            assertThat(winners).hasSize(logged.rules().category(category).orElseThrow().finalQuota());
        });
    }
}
