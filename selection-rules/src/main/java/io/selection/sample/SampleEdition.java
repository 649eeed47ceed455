package io.selection.sample;

import io.selection.audit.proofs.ListDigests;
import io.selection.audit.format.LogLine;
import io.selection.audit.proofs.LogWriter;

import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
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
import io.selection.recount.Recount;
import io.selection.results.ListedWork;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.EditionVotingState;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoterBook;
import io.selection.voting.VoteSet;
import io.selection.work.UrlNormaliser;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A complete, rules-correct edition log, made up from a seed: the 2023 edition in miniature (or
 * at full scale) through all seven stages, for the golden export, the verifier's tests and the
 * benchmark. Every list in it comes from a {@link Recount} driven alongside and every vote
 * decision from a {@link VoterBook}, so the generator shares the rules instead of restating
 * them, and {@link Verifier} reports ok on whatever it writes.
 *
 * <p>What the log holds: the edition (Beijing time, a week of voting from 2024-02-27, one vote per
 * work and ten works per category a day, at least three preliminary scores trimmed from five,
 * weights 70/30, shortlist quotas twice the final ones), the works, five reviewers, three to five
 * preliminary scores per work (pairs of works with equal scores on purpose, and in each category
 * one score replaced by its reviewer), the shortlist, the votes in groups of {@code groupSize} (with double clicks, votes
 * for works not on the shortlist, votes cast before the window, clock skew, very busy accounts
 * that reach the category limit, votes for a disqualified work), halfway through the vote the
 * disqualification of the top shortlisted work of the first category with its backfill, two
 * overlapping invalidated sets (one address, one device), the certified tallies, the jury scores
 * and the winners; each publishing event names the log digest it rests on.
 *
 * <p>Memory: the votes are streamed, one group at a time; what grows with them is only what the
 * rules need (the voter book and the recount's vote count, tens of bytes a vote), the writer's
 * 32 bytes a line, and the two flagged sets, which are capped at about {@value #FLAGGED_CAP}
 * votes each. The randomness is a SplitMix64 sequence of the seed (not {@code java.util.Random}:
 * the core draws no random numbers, and the same seed must give the same bytes on every JVM).
 */
public final class SampleEdition {

    /** The voting window of the 2023 edition: 2024-02-27 00:00 to 2024-03-05 00:00, Beijing time. */
    public static final Instant OPENS_AT = Instant.parse("2024-02-26T16:00:00Z");
    public static final Instant CLOSES_AT = Instant.parse("2024-03-04T16:00:00Z");
    public static final String ORGANISER = "organiser";
    public static final String LANE = "vote-lane-local-0";
    /** The address and the device of the two flagged sets; some votes carry both. */
    public static final String FLAGGED_IP = "203.0.113.7";
    public static final String FLAGGED_DEVICE = "dev-farm-01";
    public static final int REVIEWERS = 5;
    /** Accounts that vote for work after work of the first category, into the daily category limit. */
    public static final int BUSY_VOTERS = 3;

    static final int FLAGGED_CAP = 500;

    private static final String[][] CATEGORIES = {
            {"TEXT", "Texts"}, {"PICTURE", "Pictures"}, {"AUDIO_VIDEO", "Audio and video"},
            {"COLUMN", "Special columns"}, {"ACTIVITY", "Theme activities"}};

    /**
     * What to generate: {@code categories} of {@code worksPerCategory} works each (final quota a
     * quarter of them, at least 1; shortlist quota twice that), {@code votes} votes from a pool of
     * {@code voters} accounts (plus {@link #BUSY_VOTERS} busy ones), logged in groups of
     * {@code groupSize}; the same params always give the same log, byte for byte.
     */
    public record Params(String editionId, int categories, int worksPerCategory, int votes, int voters, int groupSize,
                         long seed) {

        public Params {
            if (editionId == null || editionId.isBlank()) {
                throw new IllegalArgumentException("editionId is required");
            }
            if (categories < 1 || categories > 99 || worksPerCategory < 1 || votes < 0 || voters < 1
                    || groupSize < 1) {
                throw new IllegalArgumentException("need 1..99 categories, at least 1 work per category, "
                        + "0 or more votes, at least 1 voter and a group size of at least 1");
            }
        }

        /** The golden sample: 2 categories of 4 works (1 final and 2 shortlist places each), 30 votes. */
        public static Params small() {
            return new Params("sample-2023-small", 2, 4, 30, 6, 8, 20231225L);
        }

        /**
         * The 2023 shape at any size: 5 categories of 40 works (10 final and 20 shortlist places
         * each), a voter for every 10 votes, groups of 1,000.
         */
        public static Params defaults(int votes) {
            return new Params("sample-2023", 5, 40, votes, Math.max(1, votes / 10), 1000, 20231225L);
        }

        public Params withSeed(long seed) {
            return new Params(editionId, categories, worksPerCategory, votes, voters, groupSize, seed);
        }

        public Params withVotes(int votes, int voters, int groupSize) {
            return new Params(editionId, categories, worksPerCategory, votes, voters, groupSize, seed);
        }
    }

    private SampleEdition() {
    }

    /** The edition's rules for these params (what the EditionCreated line carries). */
    public static EditionRules rules(Params p) {
        List<Category> categories = new ArrayList<>();
        int finalQuota = Math.max(1, p.worksPerCategory() / 4);
        for (int c = 0; c < p.categories(); c++) {
            categories.add(new Category(code(c), c < CATEGORIES.length ? CATEGORIES[c][1] : "Category " + (c + 1),
                    2 * finalQuota, finalQuota));
        }
        return new EditionRules("China Positive Energy Internet Quality Collection and Exhibition 2023 (sample)",
                "Gathering the Power of a Powerful Country to Build a Great Rejuvenation",
                LocalDate.parse("2023-01-01"), LocalDate.parse("2023-12-31"), "Asia/Shanghai", categories,
                new VotingRules(OPENS_AT, CLOSES_AT, VotingRules.DEFAULT_PER_WORK_PER_DAY,
                        VotingRules.DEFAULT_PER_CATEGORY_PER_DAY, VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS),
                new ReviewRules(3, 5), new Weights(70, 30));
    }

    /**
     * Writes the whole log, line by line, to {@code out} (lines carry their hash fields); returns
     * the writer, whose {@link LogWriter#closingLine()} ends the export.
     */
    public static LogWriter write(Params p, Consumer<LogLine> out) {
        return write(p, null, out);
    }

    /**
     * As {@link #write(Params, Consumer)}, as the public log (format 2) with these pseudonyms when
     * {@code pseudonyms} is given.
     */
    public static LogWriter write(Params p, io.selection.audit.format.Pseudonyms pseudonyms, Consumer<LogLine> out) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(out, "out");
        Run run = new Run(p, pseudonyms, out);
        run.run();
        return run.writer;
    }

    static String code(int category) {
        return category < CATEGORIES.length ? CATEGORIES[category][0]
                : String.format(Locale.ROOT, "C%02d", category + 1);
    }

    /** One generation: the writer, the recount and the voting state it keeps in step. */
    private static final class Run {

        private enum Kind { NORMAL, DOUBLE_CLICK, NOT_SHORTLISTED, BEFORE_WINDOW, CLOCK_SKEW, BUSY, DISQUALIFIED_WORK }

        private final Params p;
        private final Consumer<LogLine> out;
        private final LogWriter writer;
        private final Recount recount = new Recount();
        private final EditionVotingState voting = new EditionVotingState();
        private final VoterBook book = new VoterBook();
        private final SplitMix rng;
        private final String id;
        private Stage stage;

        /** Per category: its work ids in id order. */
        private final List<List<String>> works = new ArrayList<>();
        /** Per category: what voters vote for (the published shortlist, later with the backfill). */
        private final List<List<String>> ballot = new ArrayList<>();
        /** Per category: works not on the shortlist. */
        private final List<List<String>> others = new ArrayList<>();
        private String disqualifiedWork;

        private final List<VoteDecision> group = new ArrayList<>();
        /** The two flagged sets, defined as the server defines them: a key and a window of castAt. */
        private final VoteSet ipSet = flagged("ip-burst", "ip", FLAGGED_IP);
        private final VoteSet deviceSet = flagged("device-burst", "device", FLAGGED_DEVICE);
        /** Their members in the groups emitted so far (accepted votes only, by the set's rule). */
        private final List<String> flaggedByIp = new ArrayList<>();
        private final List<String> flaggedByDevice = new ArrayList<>();
        private Vote last;
        private int busyCursor;
        private int busyVotes;

        Run(Params p, io.selection.audit.format.Pseudonyms pseudonyms, Consumer<LogLine> out) {
            this.p = p;
            this.out = out;
            this.writer = new LogWriter(pseudonyms);
            this.rng = new SplitMix(p.seed());
            this.id = p.editionId();
        }

        void run() {
            emit(new EditionCreatedEvent(id, rules(p), Instant.parse("2023-12-25T02:00:00Z"), ORGANISER));
            stage = Stage.DRAFT;
            changeStage(Instant.parse("2023-12-25T03:00:00Z"));
            submitWorks();
            registerReviewers();
            changeStage(Instant.parse("2024-02-01T01:00:00Z"));
            score(Round.PRELIMINARY, works, Instant.parse("2024-02-02T01:00:00Z"), 600);
            publishShortlist(Instant.parse("2024-02-20T02:00:00Z"));
            changeStage(OPENS_AT.minus(Duration.ofMinutes(5)));
            vote();
            invalidate(ipSet, "a burst of votes from one address", flaggedByIp,
                    CLOSES_AT.minus(Duration.ofMinutes(30)));
            invalidate(deviceSet, "a burst of votes from one device",
                    flaggedByDevice, CLOSES_AT.minus(Duration.ofMinutes(20)));
            certifyTallies(CLOSES_AT.plusSeconds(5));
            score(Round.FINAL, shortlisted(), Instant.parse("2024-03-10T01:00:00Z"), 700);
            publishResults(Instant.parse("2024-03-30T02:00:00Z"));
        }

        // ---- collecting and preliminary review ----

        private void submitWorks() {
            int n = p.categories() * p.worksPerCategory();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int c = 0; c < p.categories(); c++) {
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < p.worksPerCategory(); k++) {
                    ids.add(workId(c * p.worksPerCategory() + k));
                }
                works.add(ids);
            }
            Instant start = Instant.parse("2024-01-02T01:00:00Z");
            long spacing = Duration.ofDays(28).toMillis() / n;
            for (int s = 0; s < n; s++) {
                int w = order[s];
                int c = w / p.worksPerCategory();
                String workId = workId(w);
                String url = (s % 7 == 3 ? "HTTPS://WWW.Example.cn:443/" : "https://www.example.cn/")
                        + code(c).toLowerCase(Locale.ROOT) + "/2023/" + workId + ".html" + (s % 7 == 3 ? "#top" : "");
                LocalDate publishedOn = LocalDate.parse("2023-01-01").plusDays(rng.nextInt(365));
                String title = "正能量 · " + (c < CATEGORIES.length ? CATEGORIES[c][1] : code(c)) + " · " + workId;
                emit(new WorkSubmittedEvent(id, workId, title, url, UrlNormaliser.normalise(url), code(c), publishedOn,
                        "Recommending unit " + (1 + rng.nextInt(12)), s + 1L, start.plusMillis(spacing * s),
                        ORGANISER));
            }
        }

        private void registerReviewers() {
            List<String> codes = new ArrayList<>();
            for (int c = 0; c < p.categories(); c++) {
                codes.add(code(c));
            }
            codes.sort(null);
            for (int r = 1; r <= REVIEWERS; r++) {
                emit(new ReviewerRegisteredEvent(id, "r" + r, "Reviewer " + r, "Review panel " + r, List.copyOf(codes),
                        Instant.parse("2024-01-30T12:00:00Z").plusSeconds(60L * r), ORGANISER));
            }
        }

        /**
         * Three to five scores for each work, by r1, r2, ...; the second work of each pair gets the
         * same scores as the first (a tie on purpose); the first work of each category is first
         * scored otherwise by r1, who then replaces that score.
         */
        private void score(Round round, List<List<String>> byCategory, Instant start, int lowest) {
            Instant at = start;
            for (List<String> ids : byCategory) {
                BigDecimal[] scores = null;
                String replaced = null;
                BigDecimal replacedScore = null;
                for (int k = 0; k < ids.size(); k++) {
                    if (k % 2 == 0) {
                        scores = new BigDecimal[3 + (k / 2) % 3];
                        for (int s = 0; s < scores.length; s++) {
                            scores[s] = BigDecimal.valueOf(lowest + rng.nextInt(1000 - lowest), 1);
                        }
                    }
                    for (int s = 0; s < scores.length; s++) {
                        BigDecimal score = scores[s];
                        if (k == 0 && s == 0) {
                            replaced = ids.get(k);
                            replacedScore = score;
                            score = BigDecimal.valueOf(lowest + rng.nextInt(1000 - lowest), 1);
                        }
                        emit(new WorkScoredEvent(id, ids.get(k), "r" + (s + 1), round, score, at));
                        at = at.plusSeconds(37);
                    }
                }
                if (replaced != null) {
                    emit(new WorkScoredEvent(id, replaced, "r1", round, replacedScore, at));
                    at = at.plusSeconds(37);
                }
            }
        }

        private void publishShortlist(Instant at) {
            long size = writer.size();
            changeStage(at);
            Map<String, List<ListedWork>> lists = recount.shortlistByRules();
            emit(new ShortlistPublishedEvent(id, lists, at, published(size, ListDigests.shortlist(lists))));
            for (int c = 0; c < p.categories(); c++) {
                List<String> on = new ArrayList<>();
                lists.get(code(c)).forEach(place -> on.add(place.workId()));
                ballot.add(on);
                List<String> off = new ArrayList<>(works.get(c));
                off.removeAll(on);
                others.add(off);
            }
        }

        // ---- voting ----

        private void vote() {
            int disqualifyAt = p.votes() / 2;
            long windowMs = Duration.between(OPENS_AT, CLOSES_AT).minus(Duration.ofHours(1)).toMillis();
            long flaggedStride = Math.max(8, p.votes() / (FLAGGED_CAP / 2));
            if (p.votes() == 0) {
                disqualify(OPENS_AT.plus(Duration.ofDays(3)));
            }
            for (int i = 0; i < p.votes(); i++) {
                Instant received = OPENS_AT.plusMillis(60_000 + windowMs * i / p.votes() + rng.nextInt(1000));
                if (i == disqualifyAt) {
                    flush();
                    disqualify(received.minusMillis(500));
                }
                Kind kind = kind(i, disqualifyAt);
                int voter = rng.nextInt(p.voters());
                String voterId = "u" + (voter + 1);
                String ip = "10." + ((voter >>> 16) & 255) + "." + ((voter >>> 8) & 255) + "." + (voter & 255);
                String device = "dev-" + Integer.toString(voter, 36);
                Instant castAt = received.minusMillis(50 + rng.nextInt(2000));
                int c = rng.nextInt(p.categories());
                String workId = onBallot(c);
                switch (kind) {
                    case DOUBLE_CLICK -> {
                        voterId = last.voterId();
                        ip = last.ip();
                        device = last.device();
                        workId = last.workId();
                        castAt = last.castAt().plusMillis(800 + rng.nextInt(2000));
                    }
                    case NOT_SHORTLISTED -> workId = others.get(c).get(rng.nextInt(others.get(c).size()));
                    case BEFORE_WINDOW -> castAt = OPENS_AT.minusMillis(3_600_000L + rng.nextInt(48 * 3_600_000));
                    case CLOCK_SKEW -> castAt = received.plusSeconds(301 + rng.nextInt(3600));
                    case BUSY -> {
                        // in runs of 24 votes for work after work: well over the daily category limit
                        int b = (busyVotes++ / 24) % BUSY_VOTERS;
                        voterId = "u-busy-" + (b + 1);
                        ip = "10.255.0." + (b + 1);
                        device = "dev-busy-" + (b + 1);
                        List<String> first = ballot.get(0);
                        workId = first.get(busyCursor++ % first.size());
                    }
                    case DISQUALIFIED_WORK -> workId = disqualifiedWork;
                    case NORMAL -> {
                    }
                }
                long slot = i % flaggedStride;
                if (slot == 3 || slot == 7) {
                    ip = FLAGGED_IP;
                }
                if (slot == 3 || slot == 5) {
                    device = FLAGGED_DEVICE;
                }
                Vote vote = new Vote(voteId(i), voterId, workId, castAt, received, ip, device);
                last = vote;
                VoteDecision decision = book.decide(vote, voting).decision();
                if (decision != null) {
                    group.add(decision);
                }
                if (group.size() >= p.groupSize()) {
                    flush();
                }
            }
            flush();
        }

        /** Each unusual kind once early (so even the small sample has them), then at a realistic rate. */
        private Kind kind(int i, int disqualifyAt) {
            int r = rng.nextInt(1000);
            if (i == 1) {
                return Kind.DOUBLE_CLICK;
            }
            if (i == 3 || i > 3 && r < 30) {
                return hasOthers() ? Kind.NOT_SHORTLISTED : Kind.NORMAL;
            }
            if (i == 4 || i > 4 && r < 40) {
                return Kind.BEFORE_WINDOW;
            }
            if (i == 6 || i > 6 && r < 45) {
                return Kind.CLOCK_SKEW;
            }
            if (i == 8 || i > 8 && r < 65) {
                return Kind.BUSY;
            }
            if (i == disqualifyAt + 1 || i > disqualifyAt + 1 && r < 67) {
                return Kind.DISQUALIFIED_WORK;
            }
            if (i > 1 && r < 82) {
                return Kind.DOUBLE_CLICK;
            }
            return Kind.NORMAL;
        }

        private boolean hasOthers() {
            for (List<String> off : others) {
                if (off.isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** A work of the category's ballot, the first places far more often (a Zipf-like skew). */
        private String onBallot(int c) {
            List<String> on = ballot.get(c);
            double u = rng.nextDouble();
            String workId = on.get((int) (on.size() * u * u));
            if (workId.equals(disqualifiedWork) && on.size() > 1) {
                // most voters have heard of the disqualification
                workId = on.get(1 + rng.nextInt(on.size() - 1));
            }
            return workId;
        }

        private void flush() {
            if (!group.isEmpty()) {
                VotesDecidedEvent votes = new VotesDecidedEvent(id, LANE, null, List.copyOf(group));
                emit(votes);
                ipSet.collect(votes, flaggedByIp);
                deviceSet.collect(votes, flaggedByDevice);
                group.clear();
            }
        }

        /** The top shortlisted work of the first category is disqualified; the next ranked takes its place. */
        private void disqualify(Instant at) {
            String category = code(0);
            String workId = recount.shortlist().get(category).get(0).workId();
            long size = writer.size();
            emit(new WorkDisqualifiedEvent(id, workId, "plagiarism reported after the shortlist was published", at,
                    ORGANISER));
            ListedWork next = recount.nextOnShortlist(category);
            String added = next == null ? null : next.workId();
            BigDecimal addedScore = next == null ? null : next.preliminaryScore();
            // the list digest is of the amended shortlist: fold the event in first, then name it
            fold(writer.size() + 1, new ShortlistAmendedEvent(id, category, workId, added, addedScore, at, null));
            String listDigest = ListDigests.shortlist(recount.shortlist());
            write(new ShortlistAmendedEvent(id, category, workId, added, addedScore, at,
                    published(size, listDigest)));
            disqualifiedWork = workId;
            if (added != null) {
                ballot.get(0).add(added);
                others.get(0).remove(added);
            }
        }

        private void invalidate(VoteSet set, String reason, List<String> voteIds, Instant at) {
            long size = writer.size();
            Map<String, Long> effect = recount.votes().effectOf(voteIds);
            // the list digest is of the tallies after the invalidation: fold it in first, then name it
            fold(size + 1, new VotesInvalidatedEvent(id, set, reason, List.copyOf(voteIds), effect, at, ORGANISER,
                    null));
            String listDigest = ListDigests.tallies(recount.shortlistTallies(), recount.votes().refused());
            write(new VotesInvalidatedEvent(id, set, reason, List.copyOf(voteIds), effect, at, ORGANISER,
                    published(size, listDigest)));
        }

        /** A set over the whole voting week (and the days before it), as an organiser might take it. */
        private static VoteSet flagged(String rule, String kind, String key) {
            Instant from = OPENS_AT.minus(Duration.ofDays(3));
            return new VoteSet(rule + ":" + key + ":" + from + "/" + CLOSES_AT, rule, kind, key, from, CLOSES_AT);
        }

        // ---- final review and results ----

        private void certifyTallies(Instant at) {
            long size = writer.size();
            changeStage(at);
            Map<String, Map<String, Long>> valid = recount.shortlistTallies();
            Map<String, Long> refused = recount.votes().refused();
            emit(new TalliesCertifiedEvent(id, valid, refused, at, published(size, ListDigests.tallies(valid,
                    refused))));
        }

        private void publishResults(Instant at) {
            long size = writer.size();
            changeStage(at);
            Map<String, List<Winner>> winners = recount.winnersByRules();
            emit(new ResultsPublishedEvent(id, winners, at, published(size, ListDigests.winners(winners))));
        }

        // ---- the log ----

        private void changeStage(Instant at) {
            emit(new StageChangedEvent(id, stage, stage.next(), at, ORGANISER));
            stage = stage.next();
        }

        private Published published(long size, String listDigest) {
            return new Published(size, writer.digest(size), listDigest);
        }

        /** Writes the event and folds it into the recount and the voting state. */
        private void emit(EditionEvent event) {
            LogLine line = writer.next(event);
            fold(line.seq(), event);
            out.accept(line);
        }

        /** Writes an event already folded in (as the same event without its published digests). */
        private void write(EditionEvent event) {
            out.accept(writer.next(event));
        }

        private void fold(long seq, EditionEvent event) {
            recount.apply(seq, event);
            if (!(event instanceof VotesDecidedEvent)) {
                voting.apply(seq, event);
            }
        }

        /** The works on the shortlist as it stands, per category in rules order. */
        private List<List<String>> shortlisted() {
            List<List<String>> out = new ArrayList<>();
            for (int c = 0; c < p.categories(); c++) {
                List<String> ids = new ArrayList<>();
                recount.shortlist().getOrDefault(code(c), List.of()).forEach(place -> ids.add(place.workId()));
                out.add(ids);
            }
            return out;
        }

        private static String workId(int w) {
            return String.format(Locale.ROOT, "w%05d", w + 1);
        }

        private static String voteId(int i) {
            return "v" + (i + 1);
        }
    }

    /** SplitMix64 (Steele, Lea and Flood 2014): a small, fast, fully specified sequence of a seed. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        long next() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int nextInt(int bound) {
            return (int) Long.remainderUnsigned(next(), bound);
        }

        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }
    }
}
