package io.selection.projections;

import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burst sets, on seeded random logs (several lanes, groups interleaved, castAt around each
 * vote's receipt), against a brute-force reading of the definition: every window [t, t + window)
 * anchored at a vote, counted over all the key's accepted votes; those over the limit merged where
 * they overlap, and the set shown from its first vote's second to the second after its last. A
 * failing seed reproduces its log.
 */
class SuspiciousVotesPropertyTest {

    private static final Instant START = Instant.parse("2024-02-27T00:00:00Z");
    private static final int SKEW = 300; // the default clock skew, which SuspiciousVotes assumes without an edition
    private static final SuspicionRules RULES = new SuspicionRules(6, 4, 2, 10);
    private static final String[] IPS = {"10.0.0.1", "10.0.0.2", "10.0.0.3", " ", null};
    private static final String[] DEVICES = {"phone-1", "phone-2", "tablet", null};
    private static final RefusalReason[] REFUSALS = {RefusalReason.CLOCK_SKEW, RefusalReason.NOT_SHORTLISTED,
            RefusalReason.DAILY_WORK_LIMIT};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** A flagged set as the brute force and the fold both describe it. */
    record Flagged(String rule, String key, long from, long to, long votes) {
    }

    /**
     * Exact: no vote is cast more than the clock skew before one its lane logged earlier (here: cast
     * up to the skew before its receipt, never after, and received in order), and every lane has a
     * group from the start; the lanes then run at their own pace and their groups interleave at
     * random.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void the_sets_are_those_of_any_window_when_no_vote_comes_more_than_the_skew_late_in_its_lane(long seed) {
        Random random = new Random(seed);
        List<Lane> lanes = lanes(random, false);
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES);
        List<VoteDecision> log = fold(suspicious, lanes, random);

        assertThat(flagged(suspicious)).as("seed %d", seed).isEqualTo(bruteForce(log));
        everySetTakesWhatItCounts(suspicious, log, seed);
    }

    /**
     * Sound: votes cast long before their receipt or ahead of it, lanes starting anywhere, and a small cap. Sets
     * may be missed then, but a set never counts a vote outside it or misses one inside it, and it
     * lies inside a set of the definition.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void a_set_never_miscounts_however_late_votes_come_and_however_small_the_cap(long seed) {
        Random random = new Random(seed);
        List<Lane> lanes = lanes(random, true);
        SuspiciousVotes suspicious = new SuspiciousVotes(RULES, 20 + random.nextInt(200), 250_000);
        List<VoteDecision> log = fold(suspicious, lanes, random);

        List<Flagged> truth = bruteForce(log);
        for (Flagged set : flagged(suspicious)) {
            assertThat(truth).as("seed %d: %s inside a set of the definition", seed, set).anySatisfy(t -> {
                assertThat(t.rule()).isEqualTo(set.rule());
                assertThat(t.key()).isEqualTo(set.key());
                assertThat(t.from()).isLessThanOrEqualTo(set.from());
                assertThat(t.to()).isGreaterThanOrEqualTo(set.to());
            });
        }
        everySetTakesWhatItCounts(suspicious, log, seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void the_same_log_gives_the_same_sets(long seed) {
        List<Lane> lanes = lanes(new Random(seed), false);
        SuspiciousVotes once = new SuspiciousVotes(RULES);
        SuspiciousVotes again = new SuspiciousVotes(RULES);
        fold(once, lanes, new Random(seed));
        fold(again, lanes, new Random(seed));

        assertThat(again.sets()).isEqualTo(once.sets());
    }

    /** What an invalidation of each set takes ({@link VoteSet}, over the whole log) is what it counts. */
    private static void everySetTakesWhatItCounts(SuspiciousVotes suspicious, List<VoteDecision> log, long seed) {
        for (Views.SuspiciousSet set : suspicious.sets()) {
            VoteSet taken = suspicious.flaggedSet(set.id());
            assertThat(log.stream().filter(taken::contains).count()).as("seed %d: %s", seed, set.id())
                    .isEqualTo(set.votes());
            assertThat(set.sample()).isNotEmpty().allSatisfy(id -> assertThat(log.stream()
                    .filter(d -> d.voteId().equals(id)).allMatch(taken::contains)).isTrue());
        }
    }

    private static List<Flagged> flagged(SuspiciousVotes suspicious) {
        return suspicious.sets().stream().filter(s -> !s.rule().equals("limit-hitter"))
                .map(s -> new Flagged(s.rule(), s.key(), s.from().getEpochSecond(), s.to().getEpochSecond(), s.votes()))
                .sorted(ORDER).toList();
    }

    private static final Comparator<Flagged> ORDER = Comparator.comparing(Flagged::rule).thenComparing(Flagged::key)
            .thenComparingLong(Flagged::from);

    /** The definition, read literally. */
    static List<Flagged> bruteForce(List<VoteDecision> log) {
        List<Flagged> sets = new ArrayList<>();
        sets.addAll(bruteForce(log, "ip-burst", VoteDecision::ip, RULES.perIp()));
        sets.addAll(bruteForce(log, "device-burst", VoteDecision::device, RULES.perDevice()));
        sets.sort(ORDER);
        return sets;
    }

    private static List<Flagged> bruteForce(List<VoteDecision> log, String rule, Function<VoteDecision, String> key,
                                            int limit) {
        long window = RULES.windowMinutes() * 60L;
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (VoteDecision d : log) {
            String k = key.apply(d);
            if (d.accepted() && k != null && !k.isBlank()) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(d.castAt().getEpochSecond());
            }
        }
        List<Flagged> sets = new ArrayList<>();
        byKey.forEach((k, seconds) -> {
            List<long[]> over = new ArrayList<>();
            for (long anchor : seconds) {
                long in = seconds.stream().filter(s -> s >= anchor && s < anchor + window).count();
                if (in > limit) {
                    over.add(new long[] {anchor, anchor + window});
                }
            }
            over.sort(Comparator.comparingLong(w -> w[0]));
            long[] run = null;
            for (long[] w : over) {
                if (run != null && w[0] < run[1]) {
                    run[1] = Math.max(run[1], w[1]);
                } else {
                    if (run != null) {
                        sets.add(set(rule, k, run, seconds));
                    }
                    run = w.clone();
                }
            }
            if (run != null) {
                sets.add(set(rule, k, run, seconds));
            }
        });
        return sets;
    }

    /** The votes in the merged windows; shown from the first to the second after the last. */
    private static Flagged set(String rule, String key, long[] range, List<Long> seconds) {
        List<Long> in = seconds.stream().filter(s -> s >= range[0] && s < range[1]).toList();
        return new Flagged(rule, key, range[0], in.stream().mapToLong(Long::longValue).max().orElseThrow() + 1,
                in.size());
    }

    /** One lane's votes, in the order it received them, cut into groups. */
    record Lane(String name, List<List<VoteDecision>> groups) {
    }

    /**
     * One to four lanes, each with its own pace (bursts of votes seconds apart, then gaps of
     * minutes), castAt up to the clock skew before receipt; the first group of each lane is one
     * accepted vote, cast when received, within 20 s of the other lanes' first.
     * {@code late}: lanes start up to a day apart, a quarter of the votes may be cast up to the skew
     * after receipt, and a third amid the lane's earlier ones, however long ago, and received now.
     */
    private static List<Lane> lanes(Random random, boolean late) {
        int count = 1 + random.nextInt(4);
        List<Lane> lanes = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            int pace = 1 + random.nextInt(5);
            long received = START.getEpochSecond() + (late ? random.nextInt(86_400) : random.nextInt(20));
            int votes = 50 + random.nextInt(350);
            List<List<VoteDecision>> groups = new ArrayList<>();
            List<VoteDecision> group = new ArrayList<>();
            List<Long> cast = new ArrayList<>();
            int groupSize = 1;
            for (int v = 0; v < votes; v++) {
                if (v > 0) {
                    received += random.nextInt(10) < 7 ? random.nextInt(4) : random.nextInt(60 * pace);
                }
                // up to the skew before receipt; when late, also up to the skew after it (a fast clock)
                long castMillis = received * 1000 - random.nextInt(SKEW * 1000 + 1)
                        + (late && random.nextInt(4) == 0 ? random.nextInt(SKEW * 1000 + 1) : 0);
                if (v == 0 && !late) {
                    castMillis = received * 1000; // the lanes start together
                } else if (late && v > 0 && random.nextInt(3) == 0) {
                    // held back by its front-end: cast amid the lane's earlier votes, received now
                    castMillis = cast.get(random.nextInt(cast.size())) + random.nextInt(5_000);
                }
                cast.add(castMillis);
                Instant castAt = Instant.ofEpochMilli(castMillis);
                // the first vote is accepted: it is what makes the lane hold the floor back
                RefusalReason reason = v > 0 && random.nextInt(10) == 0 ? REFUSALS[random.nextInt(REFUSALS.length)]
                        : null;
                group.add(new VoteDecision("l" + l + "-v" + v, "voter" + random.nextInt(1_000), "w1", "A", castAt,
                        Instant.ofEpochSecond(received), LocalDate.ofInstant(castAt, ZoneOffset.ofHours(8)),
                        reason == null ? Decision.ACCEPTED : Decision.REFUSED, reason,
                        IPS[random.nextInt(IPS.length)], DEVICES[random.nextInt(DEVICES.length)]));
                if (group.size() == groupSize) {
                    groups.add(group);
                    group = new ArrayList<>();
                    groupSize = 1 + random.nextInt(40);
                }
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
            lanes.add(new Lane("lane-" + l, groups));
        }
        return lanes;
    }

    /** Folds every lane's first group, then the rest interleaved at random; answers the log in that order. */
    private static List<VoteDecision> fold(SuspiciousVotes suspicious, List<Lane> lanes, Random random) {
        List<VoteDecision> log = new ArrayList<>();
        int[] next = new int[lanes.size()];
        for (int l = 0; l < lanes.size(); l++) {
            fold(suspicious, lanes.get(l), next[l]++, log);
        }
        List<Integer> open = new ArrayList<>();
        for (int l = 0; l < lanes.size(); l++) {
            open.add(l);
        }
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            int l = open.get(pick);
            if (next[l] >= lanes.get(l).groups().size()) {
                open.remove(pick);
                continue;
            }
            fold(suspicious, lanes.get(l), next[l]++, log);
        }
        return log;
    }

    private static void fold(SuspiciousVotes suspicious, Lane lane, int group, List<VoteDecision> log) {
        List<VoteDecision> votes = lane.groups().get(group);
        suspicious.fold(lane.name(), VoteGroup.of(votes));
        log.addAll(votes);
    }
}
