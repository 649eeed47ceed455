package io.selection.voting;

import io.selection.TestEditions;
import io.selection.TestEditions.History;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.VotingRules;
import io.selection.results.ListedWork;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.selection.TestEditions.history;
import static io.selection.TestEditions.place;
import static io.selection.edition.Stage.COLLECTING;
import static io.selection.edition.Stage.SHORTLIST_PUBLISHED;
import static io.selection.edition.Stage.VOTING;

/**
 * Decides the same votes with the voter book as it was ({@link ReferenceVoterBook}) and as it is
 * ({@link VoterBook}), side by side in one JVM, and prints for each the votes decided a second of
 * wall time and a second of the deciding thread's CPU time (deciding only: the votes are made
 * beforehand, in batches, outside the timing; the two books take turns on each batch) and the heap
 * the book keeps once every vote is decided (used heap after {@code System.gc()}, less the same
 * reading before the book was made, each book alone). Not a test: run it as docs/performance.md says; a smoke-sized run is
 * in {@code VoterBookBenchSmokeTest}.
 *
 * <p>The workload: an edition of five categories of 220 shortlisted works (default limits: one vote
 * a work and ten works a category a voter and Beijing day), a week of voting; each vote from one of
 * {@code --voters} voters chosen at random, for a shortlisted work (1% off the list), cast at its
 * place in the week give or take ten minutes (5% one to 48 hours late, 1% outside the window); 2%
 * of the votes are resends of a vote a few hundred before.
 */
public final class VoterBookBench {

    private static final int BATCH = 20_000;
    private static final int CATEGORIES = 5;
    private static final int PER_CATEGORY = 220;

    private final int votes;
    private final int voters;
    /** The two books raced: "reference" (the book it replaced), "packed" (one vote at a time), "ahead" ({@link VoterBook#decideAll}). */
    private final List<String> books;
    private final EditionVotingState edition;
    private final Instant opensAt;
    private final long weekMillis;
    private final String[] works;

    VoterBookBench(int votes, int voters) {
        this(votes, voters, List.of("reference", "packed"));
    }

    VoterBookBench(int votes, int voters, List<String> books) {
        if (books.size() != 2 || !List.of("reference", "packed", "ahead").containsAll(books)) {
            throw new IllegalArgumentException("two of reference, packed and ahead: " + books);
        }
        this.votes = votes;
        this.voters = voters;
        this.books = books;
        ZoneId beijing = TestEditions.BEIJING;
        this.opensAt = LocalDate.parse("2024-02-27").atStartOfDay(beijing).toInstant();
        Instant closesAt = LocalDate.parse("2024-03-05").atStartOfDay(beijing).toInstant();
        this.weekMillis = closesAt.toEpochMilli() - opensAt.toEpochMilli();
        List<Category> categories = new ArrayList<>();
        for (int c = 0; c < CATEGORIES; c++) {
            categories.add(new Category("C" + c, "Category " + c, PER_CATEGORY, PER_CATEGORY / 2));
        }
        History h = history().created(TestEditions.rules(categories, new VotingRules(opensAt, closesAt,
                VotingRules.DEFAULT_PER_WORK_PER_DAY, VotingRules.DEFAULT_PER_CATEGORY_PER_DAY,
                VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS))).to(COLLECTING);
        Map<String, List<ListedWork>> shortlist = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (int c = 0; c < CATEGORIES; c++) {
            List<ListedWork> places = new ArrayList<>();
            for (int i = 0; i < PER_CATEGORY + 10; i++) {
                String work = String.format("w%d%04d", c, i);
                h.work(work, "C" + c);
                all.add(work);
                if (i < PER_CATEGORY) {
                    places.add(place(i + 1, work, "80.00"));
                }
            }
            shortlist.put("C" + c, places);
        }
        this.works = all.toArray(String[]::new);
        this.edition = h.to(SHORTLIST_PUBLISHED).shortlist(shortlist).to(VOTING).votingState();
    }

    public static void main(String[] args) {
        int votes = 2_000_000;
        int voters = 200_000;
        int rounds = 3;
        List<String> books = List.of("reference", "packed");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--votes" -> votes = Integer.parseInt(args[i + 1]);
                case "--voters" -> voters = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--books" -> books = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new VoterBookBench(votes, voters, books).run(rounds, System.out);
    }

    /**
     * One book's figures: what it decided (as a digest), how fast (votes a second of wall time, and
     * a second of the deciding thread's CPU time), and what it keeps.
     */
    record Result(String book, long digest, long accepted, double votesPerSecond, double votesPerCpuSecond,
                  long retainedBytes) {
    }

    /** A book deciding a batch of votes, the first {@code n} of {@code batch}. */
    interface Decider {
        List<VoterBook.Decided> decide(Vote[] batch, int n, EditionVotingState edition);
    }

    private static Decider book(String name) {
        if (name.equals("ahead")) {
            VoterBook book = new VoterBook();
            return (batch, n, edition) -> book.decideAll(Arrays.asList(batch).subList(0, n), edition);
        }
        BiFunction<Vote, EditionVotingState, VoterBook.Decided> one = name.equals("reference")
                ? new ReferenceVoterBook()::decide : new VoterBook()::decide;
        return (batch, n, edition) -> {
            List<VoterBook.Decided> decided = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                decided.add(one.apply(batch[i], edition));
            }
            return decided;
        };
    }

    /**
     * Each round times both books on the same batches, one batch each in turn (which goes first
     * alternates), so that both meet the same load of a shared machine; then each book decides
     * every vote once more alone, to read the heap it keeps.
     */
    List<Result> run(int rounds, PrintStream out) {
        out.printf("VoterBook.decide: %,d votes, %,d voters, 1 edition of %d x %d shortlisted works, limits 1/10 a day,"
                        + " a week of voting; Java %s, %s, max heap %d MiB%n", votes, voters, CATEGORIES, PER_CATEGORY,
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getVmName(),
                Runtime.getRuntime().maxMemory() >> 20);
        long[] retained = new long[books.size()];
        for (int k = 0; k < books.size(); k++) {
            retained[k] = retained(book(books.get(k)));
        }
        out.printf("%-5s  %-9s  %12s  %12s  %14s  %12s  %12s  %18s%n", "round", "book", "votes/s",
                "votes/cpu-s", "retained MiB", "B a voter", "B a vote", "digest");
        List<Result> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            for (Result result : race(r)) {
                Result kept = new Result(result.book(), result.digest(), result.accepted(), result.votesPerSecond(),
                        result.votesPerCpuSecond(), retained[books.indexOf(result.book())]);
                results.add(kept);
                out.printf("%-5d  %-9s  %,12.0f  %,12.0f  %,14.1f  %,12.1f  %,12.1f  %18x%n", r, kept.book(),
                        kept.votesPerSecond(), kept.votesPerCpuSecond(), kept.retainedBytes() / 1048576.0,
                        (double) kept.retainedBytes() / voters, (double) kept.retainedBytes() / votes, kept.digest());
            }
        }
        double[] speed = new double[2];
        double[] cpu = new double[2];
        for (int k = 0; k < 2; k++) {
            String name = books.get(k);
            speed[k] = median(results.stream().filter(x -> x.book().equals(name)).mapToDouble(Result::votesPerSecond)
                    .toArray());
            cpu[k] = median(results.stream().filter(x -> x.book().equals(name))
                    .mapToDouble(Result::votesPerCpuSecond).toArray());
        }
        boolean same = results.stream().map(Result::digest).distinct().count() == 1;
        out.printf("median: %s %,.0f votes/s (%,.0f a cpu-s), %,.1f MiB; %s %,.0f votes/s"
                        + " (%,.0f a cpu-s), %,.1f MiB; %s/%s: %.2f x the speed (%.2f x by cpu time),"
                        + " %.2f x the memory; decisions %s%n",
                books.get(0), speed[0], cpu[0], retained[0] / 1048576.0, books.get(1), speed[1], cpu[1],
                retained[1] / 1048576.0, books.get(1), books.get(0),
                speed[1] / speed[0], cpu[1] / cpu[0], (double) retained[1] / retained[0], same ? "identical" : "DIFFER");
        return results;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Both books, fresh, on the same batches in turn; round {@code r} decides which goes first in each batch. */
    private List<Result> race(int r) {
        List<Decider> deciders = books.stream().map(VoterBookBench::book).toList();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[2];
        long[] cpuNanos = new long[2];
        long[] digest = {17, 17};
        long[] accepted = new long[2];
        Vote[] batch = new Vote[BATCH];
        for (int from = 0, b = r; from < votes; from += BATCH, b++) {
            int n = Math.min(BATCH, votes - from);
            for (int i = 0; i < n; i++) {
                batch[i] = vote(from + i);
            }
            for (int turn = 0; turn < 2; turn++) {
                int k = (b + turn) % 2;
                Decider book = deciders.get(k);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<VoterBook.Decided> decided = book.decide(batch, n, edition);
                nanos[k] += System.nanoTime() - start;
                cpuNanos[k] += threads.getCurrentThreadCpuTime() - cpuStart;
                for (VoterBook.Decided d : decided) {
                    VoteOutcome o = d.outcome();
                    digest[k] = digest[k] * 31 + (o.reason() == null ? 0 : o.reason().ordinal() + 1) * 2
                            + (o.repeated() ? 1 : 0);
                    if (d.decision() != null && d.decision().accepted()) {
                        accepted[k]++;
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            results.add(new Result(books.get(k), digest[k], accepted[k], votes / (nanos[k] / 1e9),
                    votes / (cpuNanos[k] / 1e9), 0));
        }
        return results;
    }

    /** The heap the book keeps once it has decided every vote. */
    private long retained(Decider book) {
        long before = usedAfterGc();
        Vote[] batch = new Vote[BATCH];
        for (int from = 0; from < votes; from += BATCH) {
            int n = Math.min(BATCH, votes - from);
            for (int i = 0; i < n; i++) {
                batch[i] = vote(from + i);
            }
            book.decide(batch, n, edition);
        }
        long retained = usedAfterGc() - before;
        // the book is reachable until here, so the reading above includes it
        java.lang.ref.Reference.reachabilityFence(book);
        return retained;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Vote {@code i}: the same for every book and every round. */
    Vote vote(long i) {
        long h = mix(i * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
        int kind = (int) Long.remainderUnsigned(h, 100);
        long n = i;
        if (kind < 2 && i > 1000) {
            n = i - 1 - Long.remainderUnsigned(mix(h + 9), 1000); // a resend of an earlier vote, as it was
            h = mix(n * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
            kind = (int) Long.remainderUnsigned(h, 100);
        }
        long h2 = mix(h + 1);
        long at = weekMillis * n / votes + Long.remainderUnsigned(h2, 1_200_000) - 600_000;
        if (kind >= 2 && kind < 7) {
            at -= 3_600_000 + Long.remainderUnsigned(mix(h + 2), 47 * 3_600_000L);
        } else if (kind == 7) {
            at = (h2 & 1) == 0 ? -1 - Long.remainderUnsigned(h2, 86_400_000L) : weekMillis + (h2 & 0xFFFFFFL);
        }
        Instant castAt = opensAt.plusMillis(at);
        String voter = "voter-" + (1_000_000 + Long.remainderUnsigned(mix(h + 3), voters));
        long w = Long.remainderUnsigned(mix(h + 4), CATEGORIES * PER_CATEGORY);
        int inCategory = kind == 8 ? PER_CATEGORY + (int) (w % 10) : (int) (w % PER_CATEGORY);
        String work = works[(int) (w / PER_CATEGORY) * (PER_CATEGORY + 10) + inCategory];
        Instant receivedAt = castAt.plusMillis(200 + Long.remainderUnsigned(mix(h + 5), 2000));
        if (kind >= 2 && kind < 7) {
            receivedAt = opensAt.plusMillis(weekMillis * n / votes + 600_000);
        }
        return new Vote("0190f7a2-" + Long.toString(n + 1_000_000_000L, 36), voter, work, castAt, receivedAt,
                "10." + (h >>> 56) + "." + ((h >>> 48) & 0xFF) + ".1", null);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
