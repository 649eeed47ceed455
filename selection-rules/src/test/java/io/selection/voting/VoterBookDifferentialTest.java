package io.selection.voting;

import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.results.ListedWork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.history;
import static io.selection.TestEditions.place;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voter book decides exactly as the book it replaced ({@link ReferenceVoterBook}, kept verbatim
 * in the tests): the same seeded random workloads go through both, and every outcome, every
 * decision to record and the kept state (each voter's accepted votes, each vote id's first outcome)
 * must be equal, straight after deciding, after a rebuild by replaying the log's groups, and in the
 * decisions taken after that rebuild. The workloads mix many voters with a few heavy ones (so both
 * daily limits bite), resent ids and the same id under another voter, cast times in random order
 * across the week and on its edges, late and skewed votes, a cast time with no calendar day, and
 * a disqualification and a shortlist amendment half-way through.
 */
class VoterBookDifferentialTest {

    private static final String AV = "AV";

    /** Seeds, voters, votes, per-work and per-category limits, and the edition's time zone. */
    static Stream<Arguments> workloads() {
        return Stream.of(
                Arguments.of(1L, 40, 6_000, 1, 10, "Asia/Shanghai"),
                Arguments.of(2L, 300, 20_000, 1, 3, "Asia/Shanghai"),
                Arguments.of(3L, 300, 20_000, 2, 3, "Asia/Shanghai"),
                Arguments.of(4L, 150, 12_000, 3, 2, "Asia/Shanghai"),
                Arguments.of(5L, 30_000, 60_000, 1, 10, "Asia/Shanghai"),
                Arguments.of(6L, 2_000, 40_000, 1, 4, "Europe/Berlin"),
                Arguments.of(7L, 5, 3_000, 2, 5, "America/St_Johns"));
    }

    @ParameterizedTest(name = "seed {0}: {2} votes of {1} voters, limits {3}/{4}, {5}")
    @MethodSource("workloads")
    void decides_replays_and_keeps_state_exactly_as_the_reference(long seed, int voters, int votes, int perWork,
                                                                   int perCategory, String zone) {
        Workload w = new Workload(seed, voters, votes, perWork, perCategory, ZoneId.of(zone));
        ReferenceVoterBook reference = new ReferenceVoterBook();
        VoterBook book = new VoterBook();
        int half = w.votes.size() / 2;

        List<VoteDecision> log = new ArrayList<>();
        List<VoterBook.Decided> firstHalf = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            w.changeEditionAt(i);
            VoterBook.Decided expected = reference.decide(w.votes.get(i), w.edition);
            VoterBook.Decided actual = book.decide(w.votes.get(i), w.edition);
            assertThat(actual).as("vote %d: %s", i, w.votes.get(i)).isEqualTo(expected);
            firstHalf.add(actual);
            if (expected.decision() != null) {
                log.add(expected.decision());
            }
        }
        assertSameState(w, reference, book);

        // rebuilt from the log's groups, with another lane's later decisions under known ids mixed in
        List<VoteGroup> groups = w.groups(log);
        ReferenceVoterBook referenceRebuilt = new ReferenceVoterBook();
        VoterBook rebuilt = new VoterBook();
        groups.forEach(g -> {
            referenceRebuilt.replay(g, w.edition);
            rebuilt.replay(g, w.edition);
        });
        assertSameState(w, referenceRebuilt, rebuilt);
        assertSameState(w, reference, rebuilt);

        List<VoterBook.Decided> secondHalf = new ArrayList<>();
        for (int i = half; i < w.votes.size(); i++) {
            w.changeEditionAt(i);
            Vote vote = w.votes.get(i);
            VoterBook.Decided expected = reference.decide(vote, w.edition);
            assertThat(book.decide(vote, w.edition)).as("vote %d: %s", i, vote).isEqualTo(expected);
            assertThat(referenceRebuilt.decide(vote, w.edition)).as("vote %d after replay", i).isEqualTo(expected);
            assertThat(rebuilt.decide(vote, w.edition)).as("vote %d after replay: %s", i, vote).isEqualTo(expected);
            secondHalf.add(expected);
        }
        assertSameState(w, reference, book);
        assertSameState(w, reference, rebuilt);

        assertTheWorkloadMeetsEveryKindOfAnswer(firstHalf, secondHalf, w);
    }

    @ParameterizedTest(name = "seed {0}: {2} votes of {1} voters, limits {3}/{4}, {5}")
    @MethodSource("workloads")
    void without_ids_decides_and_keeps_the_voters_as_the_reference(long seed, int voters, int votes, int perWork,
                                                                    int perCategory, String zone) {
        Workload w = new Workload(seed, voters, votes, perWork, perCategory, ZoneId.of(zone));
        ReferenceVoterBook reference = new ReferenceVoterBook(false);
        VoterBook book = new VoterBook(false);

        for (int i = 0; i < w.votes.size(); i++) {
            w.changeEditionAt(i);
            assertThat(book.decide(w.votes.get(i), w.edition)).as("vote %d: %s", i, w.votes.get(i))
                    .isEqualTo(reference.decide(w.votes.get(i), w.edition));
        }
        assertSameState(w, reference, book);
        assertThat(book.ids()).isZero();
    }

    /**
     * Runs decided at once ({@link VoterBook#decideAll}, which reads each slice's look-ups ahead)
     * decide as the reference does one vote at a time: runs of random length, some within one slice
     * of {@link VoterBook#AHEAD}, some across several, with resent ids and one voter's votes inside a
     * run, and a book shared by lanes ({@link VoterBook#sharedIds}) as the doors use it.
     */
    @ParameterizedTest(name = "seed {0}: {2} votes of {1} voters, limits {3}/{4}, {5}")
    @MethodSource("workloads")
    void decides_runs_read_ahead_exactly_as_the_reference(long seed, int voters, int votes, int perWork,
                                                         int perCategory, String zone) {
        Workload w = new Workload(seed, voters, votes, perWork, perCategory, ZoneId.of(zone));
        ReferenceVoterBook reference = new ReferenceVoterBook();
        VoterBook book = new VoterBook(VoterBook.sharedIds());
        Random runs = new Random(seed);
        int change = w.votes.size() * 2 / 5;
        int repeatsInARun = 0;
        for (int from = 0, to; from < w.votes.size(); from = to) {
            to = Math.min(w.votes.size(), from + 1 + runs.nextInt(runs.nextBoolean() ? VoterBook.AHEAD : 5 * VoterBook.AHEAD));
            if (from < change && to > change) {
                to = change; // the edition changes between two runs, as it does between two groups
            }
            w.changeEditionAt(from);
            List<Vote> run = w.votes.subList(from, to);
            List<VoterBook.Decided> expected = new ArrayList<>();
            Set<String> idsInRun = new java.util.HashSet<>();
            for (Vote vote : run) {
                expected.add(reference.decide(vote, w.edition));
                if (!idsInRun.add(vote.voteId())) {
                    repeatsInARun++;
                }
            }
            assertThat(book.decideAll(run, w.edition)).as("votes %d to %d", from, to - 1).isEqualTo(expected);
        }
        assertSameState(w, reference, book);
        assertThat(repeatsInARun).as("ids resent inside one run").isPositive();
    }

    private static void assertSameState(Workload w, ReferenceVoterBook expected, VoterBook actual) {
        assertThat(actual.voters()).isEqualTo(expected.voters());
        assertThat(actual.ids()).isEqualTo(expected.ids());
        for (String voter : w.voterIds) {
            assertThat(actual.accepted(voter)).as("accepted votes of %s", voter).isEqualTo(expected.accepted(voter));
        }
        for (String id : w.voteIds) {
            assertThat(actual.outcomeOf(id)).as("outcome of %s", id).isEqualTo(expected.outcomeOf(id));
        }
    }

    private static void assertSameState(Workload w, ReferenceVoterBook expected, ReferenceVoterBook actual) {
        assertThat(actual.voters()).isEqualTo(expected.voters());
        assertThat(actual.ids()).isEqualTo(expected.ids());
        for (String voter : w.voterIds) {
            assertThat(actual.accepted(voter)).as("accepted votes of %s", voter).isEqualTo(expected.accepted(voter));
        }
    }

    /** The comparison is not vacuous: every kind of answer occurs, and the limits bite after the replay too. */
    private static void assertTheWorkloadMeetsEveryKindOfAnswer(List<VoterBook.Decided> firstHalf,
                                                              List<VoterBook.Decided> secondHalf, Workload w) {
        Set<RefusalReason> reasons = EnumSet.noneOf(RefusalReason.class);
        secondHalf.stream().filter(d -> d.outcome().reason() != null).forEach(d -> reasons.add(d.outcome().reason()));
        assertThat(reasons).containsAll(EnumSet.allOf(RefusalReason.class));
        assertThat(secondHalf).anyMatch(d -> d.decision() != null && d.decision().accepted())
                .anyMatch(d -> d.outcome().repeated());
        assertThat(firstHalf).anyMatch(d -> d.outcome().repeated());
        assertThat(w.sameIdOtherVoter).isPositive();
    }

    /**
     * A seeded workload over an edition of three categories (TEXT w1..w12, PIC p1..p6, AV a1..a4
     * shortlisted; x1, x2 off the list; d1 disqualified), voting over eight days from 2024-02-27.
     */
    private static final class Workload {

        final EditionVotingState edition;
        final List<Vote> votes = new ArrayList<>();
        final Set<String> voterIds = new LinkedHashSet<>();
        final Set<String> voteIds = new LinkedHashSet<>();
        final Random random;
        int sameIdOtherVoter;
        private final ZoneId zone;
        private final LocalDate firstDay = LocalDate.parse("2024-02-27");
        private final Instant opensAt;
        private final Instant closesAt;

        Workload(long seed, int voters, int count, int perWork, int perCategory, ZoneId zone) {
            this.random = new Random(seed);
            this.zone = zone;
            this.opensAt = firstDay.atStartOfDay(zone).toInstant();
            this.closesAt = firstDay.plusDays(8).atStartOfDay(zone).toInstant().minusSeconds(3 * 3600);
            this.edition = edition(new VotingRules(opensAt, closesAt, perWork, perCategory,
                    VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS), zone);
            String[] works = works();
            // a few heavy voters take a fifth of the votes, so every limit is reached
            int heavy = Math.max(2, voters / 2000);
            for (int i = 0; i < count; i++) {
                if (!votes.isEmpty() && random.nextInt(10) == 0) {
                    votes.add(resent(votes.get(random.nextInt(votes.size()))));
                    continue;
                }
                int voter = random.nextInt(5) == 0 ? random.nextInt(heavy) : random.nextInt(voters);
                String voterId = "voter-" + voter;
                voterIds.add(voterId);
                String voteId = "v-" + seed + "-" + i;
                voteIds.add(voteId);
                Instant castAt = castAt();
                votes.add(new Vote(voteId, voterId, works[random.nextInt(works.length)], castAt, receivedAt(castAt),
                        "10.0." + random.nextInt(4) + ".1", null));
            }
        }

        private EditionVotingState edition(VotingRules voting, ZoneId zone) {
            EditionRules r = TestEditions.rules();
            EditionRules rules = new EditionRules(r.title(), r.theme(), r.eligibleFrom(), r.eligibleTo(), zone.getId(),
                    List.of(new Category(TEXT, "Texts", 20, 10), new Category(PIC, "Pictures", 6, 3),
                            new Category(AV, "Audio and video", 4, 2)), voting, ReviewRules.DEFAULT, Weights.DEFAULT);
            History h = history().created(rules).to(COLLECTING);
            List<ListedWork> texts = new ArrayList<>();
            List<ListedWork> pictures = new ArrayList<>();
            List<ListedWork> av = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                h.work("w" + i, TEXT);
                texts.add(place(i, "w" + i, "80.00"));
            }
            for (int i = 1; i <= 6; i++) {
                h.work("p" + i, PIC);
                pictures.add(place(i, "p" + i, "70.00"));
            }
            for (int i = 1; i <= 4; i++) {
                h.work("a" + i, AV);
                av.add(place(i, "a" + i, "60.00"));
            }
            h.work("x1", TEXT).work("x2", PIC).work("d1", TEXT);
            texts.add(place(13, "d1", "50.00"));
            return h.to(SHORTLIST_PUBLISHED).shortlist(Map.of(TEXT, texts, PIC, pictures, AV, av)).disqualified("d1")
                    .to(VOTING).votingState();
        }

        private static String[] works() {
            List<String> works = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                works.add("w" + i);
            }
            for (int i = 1; i <= 6; i++) {
                works.add("p" + i);
            }
            for (int i = 1; i <= 4; i++) {
                works.add("a" + i);
            }
            works.addAll(List.of("x1", "x2", "d1", "nope"));
            return works.toArray(String[]::new);
        }

        /** Half-way, w3 is disqualified and x1 takes its place; the books see the edition change. */
        void changeEditionAt(int i) {
            if (i == votes.size() * 2 / 5) {
                edition.apply(edition.version() + 1, new WorkDisqualifiedEvent(ID, "w3", "plagiarism", AT, "organiser"));
                edition.apply(edition.version() + 1, new ShortlistAmendedEvent(ID, TEXT, "w3", "x1",
                        new BigDecimal("75.00"), AT));
            }
        }

        /** A day from the one before the window to the one after it, at a random time or on an edge. */
        private Instant castAt() {
            int kind = random.nextInt(100);
            if (kind == 0) {
                return Instant.MIN;
            }
            if (kind < 3) {
                return opensAt.minusNanos(random.nextInt(2));
            }
            if (kind < 6) {
                return closesAt.minusNanos(random.nextInt(2));
            }
            LocalDate day = firstDay.plusDays(random.nextInt(10) - 1);
            Instant midnight = day.atStartOfDay(zone).toInstant();
            if (kind < 12) {
                return midnight.minusNanos(random.nextInt(2));
            }
            return midnight.plusSeconds(random.nextInt(24 * 3600));
        }

        /** Mostly on time; some days late; some within the clock-skew allowance, some beyond it. */
        private Instant receivedAt(Instant castAt) {
            if (castAt.equals(Instant.MIN)) {
                return opensAt;
            }
            int kind = random.nextInt(20);
            if (kind == 0) {
                return castAt.minusSeconds(300 + random.nextInt(2));
            }
            if (kind == 1) {
                return castAt.minusSeconds(random.nextInt(300));
            }
            if (kind < 5) {
                return castAt.plus(Duration.ofHours(1 + random.nextInt(72)));
            }
            return castAt.plusMillis(random.nextInt(2000));
        }

        /** The same vote again, or its id under another voter, work and time. */
        private Vote resent(Vote earlier) {
            if (random.nextBoolean()) {
                return earlier;
            }
            sameIdOtherVoter++;
            String voterId = "voter-" + random.nextInt(Math.max(2, voterIds.size()));
            voterIds.add(voterId);
            String[] works = works();
            Instant castAt = castAt();
            return new Vote(earlier.voteId(), voterId, works[random.nextInt(works.length)], castAt,
                    receivedAt(castAt), earlier.ip(), "phone");
        }

        /**
         * The log of these decisions as the lanes write it: groups of 1 to 400, with, now and then, a
         * later decision under an id already logged (another lane's, for another voter): replay must
         * take the first decision under an id and skip the later ones.
         */
        List<VoteGroup> groups(List<VoteDecision> log) {
            List<VoteDecision> withOtherLanes = new ArrayList<>();
            for (VoteDecision d : log) {
                withOtherLanes.add(d);
                if (random.nextInt(25) == 0) {
                    VoteDecision earlier = withOtherLanes.get(random.nextInt(withOtherLanes.size()));
                    voterIds.add("other-lane-voter");
                    withOtherLanes.add(new VoteDecision(earlier.voteId(), "other-lane-voter", "w1", TEXT,
                            earlier.castAt(), earlier.receivedAt(), earlier.day(),
                            earlier.accepted() ? Decision.REFUSED : Decision.ACCEPTED,
                            earlier.accepted() ? RefusalReason.DAILY_WORK_LIMIT : null, null, null));
                }
            }
            List<VoteGroup> groups = new ArrayList<>();
            for (int from = 0; from < withOtherLanes.size(); ) {
                int to = Math.min(withOtherLanes.size(), from + 1 + random.nextInt(400));
                groups.add(VoteGroup.of(withOtherLanes.subList(from, to)));
                from = to;
            }
            return groups;
        }
    }
}
