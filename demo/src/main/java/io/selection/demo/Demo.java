package io.selection.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Synth.Expert;
import io.selection.demo.Synth.Kind;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one whole edition against a running server, through the public HTTP API only: reviewers,
 * bulk import (with a few lines meant to be refused), preliminary scores, shortlist, public vote
 * (with a disqualification half-way), final scores and results. It returns everything it sent and
 * everything it read back, so a test can recompute the published lists independently.
 */
public final class Demo {

    /** {@code paceSeconds}: spread the votes over at least this long, so the live page can be watched. */
    public record Config(String url, int works, int votes, int reviewers, long seed, String edition,
                         int paceSeconds) {

        public Config(String url, int works, int votes, int reviewers, long seed, String edition) {
            this(url, works, votes, reviewers, seed, edition, 0);
        }

        public static Config defaults() {
            return new Config("http://localhost:8080", 2000, 100_000, 12, 2023, "2023", 0);
        }

        public Config {
            if (works < 20) {
                throw new IllegalArgumentException("--works must be at least 20, was " + works);
            }
            if (votes < 0) {
                throw new IllegalArgumentException("--votes must not be negative, was " + votes);
            }
            if (reviewers < 1) {
                throw new IllegalArgumentException("--reviewers must be at least 1, was " + reviewers);
            }
            // Ids derived from it (edition-run-N-V0000001) must stay within 64 characters.
            if (edition == null || !edition.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new IllegalArgumentException("--edition must be 1 to 40 characters of [A-Za-z0-9._-]");
            }
        }
    }

    public record Reviewer(String id, String name, String organisation, List<String> categories, String password) {

        Account account() {
            return new Account(id, password);
        }
    }

    /** A work the server accepted; {@code submissionNo} counts accepted works from 1, in the order sent. */
    public record Work(String id, String title, String url, String category, String publishedOn, String organisation,
                       int submissionNo) {
    }

    /** A line sent to be refused, and what the server said about it. */
    public record ImportRefusal(int chunk, int line, String expectedCode, String code, String detail) {
    }

    /** A score as sent; within a work, a reviewer's score of a later round replaces the earlier one. */
    public record Score(String workId, String reviewerId, BigDecimal score, int round) {
    }

    public record Vote(String id, String voterId, String workId, Instant castAt) {
    }

    /**
     * Everything sent and read back. {@code votes} are in the order sent; the first
     * {@code disqualifiedAfterVotes} of them were decided before {@code disqualifiedWorkId} was
     * disqualified (null when none was).
     */
    public record Result(String editionId, JsonNode edition, List<Reviewer> reviewers, List<Work> works,
                         List<ImportRefusal> importRefusals, List<Score> preliminaryScores, List<Score> finalScores,
                         List<Vote> votes, String disqualifiedWorkId, int disqualifiedAfterVotes,
                         long votesAccepted, long votesRefused, JsonNode shortlist,
                         JsonNode shortlistAfterDisqualification, JsonNode finalShortlist, JsonNode tallies,
                         JsonNode winners) {
    }

    private static final int IMPORT_CHUNK = 500;
    private static final int VOTE_CHUNK = 5_000;
    private static final int THREADS = 8;
    private static final int STEPS = 8;

    private final Config config;
    private final Api api;
    private final PrintStream out;
    private final Random random;

    private String e;
    private JsonNode edition;
    private List<String> categoryCodes;
    private final Map<String, Kind> kinds = new HashMap<>();
    private final List<Reviewer> reviewers = new ArrayList<>();
    private final Map<String, Reviewer> reviewerById = new HashMap<>();
    private final Map<String, Double> reviewerBias = new HashMap<>();
    private final Map<String, Boolean> reviewerDecimals = new HashMap<>();
    private final List<Work> works = new ArrayList<>();
    private final Map<String, Work> workById = new HashMap<>();
    private final Map<String, Double> quality = new HashMap<>();
    private final List<ImportRefusal> importRefusals = new ArrayList<>();
    private final List<Score> preliminaryScores = new ArrayList<>();
    private final List<Score> finalScores = new ArrayList<>();
    private final List<Vote> votes = new ArrayList<>();
    private String disqualified;
    private int disqualifiedAfter;
    private long votesAccepted;
    private long votesRefused;
    private long votesPlanned;
    private long votesStarted;
    private JsonNode shortlist;
    private JsonNode shortlistAfterDisqualification;
    private JsonNode finalShortlist;
    private long stepStarted;

    public Demo(Config config, PrintStream out) {
        this.config = config;
        this.api = new Api(config.url());
        this.out = out;
        this.random = new Random(config.seed());
    }

    public Result run() {
        long started = System.nanoTime();
        chooseEdition();
        registerReviewers();
        importWorks();
        preliminaryReview();
        publishShortlist();
        vote();
        finalReview();
        begin();
        transition("RESULTS_PUBLISHED");
        JsonNode winners = api.get(path("/winners"), Account.ORGANISER);
        JsonNode tallies = api.get(path("/tallies"), Account.ORGANISER);
        done(8, "Results published", categoryCodes.size() + " categories");
        Result result = new Result(e, edition, List.copyOf(reviewers), List.copyOf(works), List.copyOf(importRefusals),
                List.copyOf(preliminaryScores), List.copyOf(finalScores), List.copyOf(votes), disqualified,
                disqualifiedAfter, votesAccepted, votesRefused, shortlist, shortlistAfterDisqualification,
                finalShortlist, tallies, winners);
        printSummary(result);
        out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return result;
    }

    // ---------------------------------------------------------------- step 1: the edition

    private void chooseEdition() {
        begin();
        out.println("Selection demo against " + api.baseUrl() + " (seed " + config.seed() + ", " + config.works()
                + " works, " + config.votes() + " votes, " + config.reviewers() + " reviewers)");
        Api.Reply reply = api.get("/api/editions/" + config.edition(), Account.ORGANISER, Set.of(200, 404));
        if (reply.status() == 404) {
            throw new DemoException("edition " + config.edition() + " does not exist on " + api.baseUrl()
                    + " (GET /api/editions/" + config.edition() + " answered 404): pass an existing --edition, or, "
                    + "if the server has only just started, wait until it has caught up with its log");
        }
        JsonNode base = reply.body();
        String stage = base.path("stage").asText();
        // A draft that already has reviewers or works (a run that stopped early) is not reused:
        // registering the same reviewers again would be refused.
        boolean untouched = "DRAFT".equals(stage) && count(base.path("reviewers")) == 0
                && count(base.path("works")) == 0;
        if (untouched) {
            e = config.edition();
            edition = base;
            done(1, "Edition " + e, "in DRAFT, used as it is");
        } else {
            int n = 1;
            while (api.get("/api/editions/" + config.edition() + "-run-" + n, Account.ORGANISER, Set.of(200, 404))
                    .status() == 200) {
                n++;
            }
            e = config.edition() + "-run-" + n;
            ObjectNode body = Api.JSON.createObjectNode();
            body.put("id", e);
            for (String field : List.of("title", "theme", "eligibleFrom", "eligibleTo", "timeZone")) {
                if (base.hasNonNull(field)) {
                    body.set(field, base.get(field));
                }
            }
            ArrayNode categories = body.putArray("categories");
            for (JsonNode c : base.path("categories")) {
                ObjectNode copy = categories.addObject();
                for (String field : List.of("code", "name", "shortlistQuota", "finalQuota")) {
                    if (c.hasNonNull(field)) {
                        copy.set(field, c.get(field));
                    }
                }
            }
            for (String field : List.of("voting", "review", "weights")) {
                if (base.hasNonNull(field)) {
                    body.set(field, base.get(field));
                }
            }
            api.post("/api/editions", Account.ORGANISER, body, 201);
            edition = api.get("/api/editions/" + e, Account.ORGANISER);
            done(1, "Edition " + e, "edition " + config.edition() + " is already in " + stage
                    + ("DRAFT".equals(stage) ? " with reviewers or works" : "")
                    + ", so this run uses a fresh copy of its rules");
        }
        out.println("      follow it in a browser: " + api.baseUrl() + "/console/ (organiser/organiser; choose edition "
                + e + "), live voting at " + api.baseUrl() + "/console/#/live, the public results at "
                + api.baseUrl() + "/results/" + e);
        categoryCodes = new ArrayList<>();
        int i = 0;
        for (JsonNode c : edition.path("categories")) {
            String code = c.path("code").asText();
            categoryCodes.add(code);
            kinds.put(code, Synth.kindOf(code, c.path("name").asText(""), i++));
        }
        if (categoryCodes.isEmpty()) {
            throw new DemoException("edition " + e + " has no categories: " + edition);
        }
    }

    // ---------------------------------------------------------------- step 2: reviewers

    private void registerReviewers() {
        begin();
        int minScores = minScores();
        List<Expert> experts = Synth.experts(config.reviewers(), random);
        int c = categoryCodes.size();
        int next = 0;
        for (int i = 0; i < experts.size(); i++) {
            Expert expert = experts.get(i);
            int covers = Math.min(c, i < (experts.size() + 1) / 2 ? 3 : 2);
            List<String> categories = new ArrayList<>();
            for (int k = 0; k < covers; k++) {
                categories.add(categoryCodes.get(next++ % c));
            }
            String id = e + "-" + expert.idStem();
            String password = String.format("pw-%016x", random.nextLong());
            Reviewer reviewer = new Reviewer(id, expert.name(), expert.organisation(), List.copyOf(categories), password);
            reviewers.add(reviewer);
            reviewerById.put(id, reviewer);
            reviewerBias.put(id, random.nextGaussian() * 3);
            reviewerDecimals.put(id, random.nextInt(3) == 0);
        }
        for (String code : categoryCodes) {
            long n = reviewers.stream().filter(r -> r.categories().contains(code)).count();
            if (n < minScores + 1) {
                throw new DemoException("with " + config.reviewers() + " reviewers, category " + code + " gets only "
                        + n + " of them; it needs " + (minScores + 1) + " (minScores " + minScores
                        + ", plus one for conflicts of interest): pass a larger --reviewers");
            }
        }
        for (Reviewer r : reviewers) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.id());
            body.put("name", r.name());
            body.put("organisation", r.organisation());
            body.put("categories", r.categories());
            body.put("password", r.password());
            api.post(path("/reviewers"), Account.ORGANISER, body, 201);
        }
        StringBuilder perCategory = new StringBuilder();
        for (String code : categoryCodes) {
            perCategory.append(perCategory.length() == 0 ? "" : ", ").append(code).append(' ')
                    .append(reviewers.stream().filter(r -> r.categories().contains(code)).count());
        }
        done(2, "Reviewers registered", reviewers.size() + " experts (per category: " + perCategory + ")");
    }

    // ---------------------------------------------------------------- step 3: collecting

    private record Line(String json, Work work, String expectedCode) {
    }

    private void importWorks() {
        begin();
        transition("COLLECTING");
        LocalDate from = LocalDate.parse(edition.path("eligibleFrom").asText());
        LocalDate to = LocalDate.parse(edition.path("eligibleTo").asText());
        int span = (int) ChronoUnit.DAYS.between(from, to) + 1;
        List<String> units = Synth.recommendingUnits();
        double[] unitWeights = Synth.organisationWeights(units.size());
        double[] categoryWeights = new double[categoryCodes.size()];
        for (int i = 0; i < categoryWeights.length; i++) {
            categoryWeights[i] = 1.0 - 0.08 * i;
        }
        int minScores = minScores();
        Set<String> normalisedUrls = new HashSet<>();
        List<Line> lines = new ArrayList<>();
        List<Work> candidates = new ArrayList<>();
        for (int n = 1; n <= config.works(); n++) {
            String category = categoryCodes.get(weighted(categoryWeights));
            String organisation;
            do {
                organisation = units.get(weighted(unitWeights));
            } while (eligibleReviewers(category, organisation).size() < minScores);
            LocalDate publishedOn = from.plusDays(random.nextInt(span));
            String url;
            do {
                url = Synth.url(kinds.get(category), random, n, publishedOn);
            } while (!normalisedUrls.add(normalise(url)));
            String id = e + "-W" + String.format("%05d", n);
            Work work = new Work(id, Synth.title(kinds.get(category), random), url, category, publishedOn.toString(),
                    organisation, 0);
            candidates.add(work);
            quality.put(id, Math.max(25, Math.min(97, 70 + random.nextGaussian() * 10)));
            lines.add(new Line(workJson(work), work, null));
        }
        // Lines meant to be refused, spread through the import: the same URL spelt differently,
        // dates outside the eligibility window, a category the edition does not have.
        List<Work> withoutQuery = candidates.stream().filter(w -> !w.url().contains("?")).toList();
        Work dup1 = withoutQuery.get(withoutQuery.size() / 10);
        Work dup2 = withoutQuery.get(withoutQuery.size() / 3);
        URI u1 = URI.create(dup1.url());
        URI u2 = URI.create(dup2.url());
        String sameUrl1 = u1.getScheme().toUpperCase(Locale.ROOT) + "://" + u1.getHost().toUpperCase(Locale.ROOT)
                + u1.getRawPath() + "/";
        String sameUrl2 = u2.getScheme() + "://" + u2.getHost()
                + (u2.getScheme().equals("https") ? ":443" : ":80") + u2.getRawPath() + "#comments";
        String otherCategory = categoryCodes.get(0);
        Kind otherKind = kinds.get(otherCategory);
        String unknown = "PODCASTS";
        while (categoryCodes.contains(unknown)) {
            unknown = unknown + "X";
        }
        List<Line> bad = List.of(
                badLine(e + "-X1", Synth.title(kinds.get(dup1.category()), random), sameUrl1, dup1.category(),
                        LocalDate.parse(dup1.publishedOn()), units.get(0), "DUPLICATE_URL"),
                badLine(e + "-X2", Synth.title(otherKind, random), Synth.url(otherKind, random, 900_001, from),
                        otherCategory, from.minusDays(1), units.get(1), "OUT_OF_ELIGIBILITY_WINDOW"),
                badLine(e + "-X3", Synth.title(kinds.get(dup2.category()), random), sameUrl2, dup2.category(),
                        LocalDate.parse(dup2.publishedOn()), units.get(2), "DUPLICATE_URL"),
                badLine(e + "-X4", Synth.title(otherKind, random), Synth.url(otherKind, random, 900_002, to),
                        otherCategory, to.plusDays(2), units.get(3), "OUT_OF_ELIGIBILITY_WINDOW"),
                badLine(e + "-X5", "Podcast | Voices of the Grand Canal", "https://www.ximalaya.com/album/"
                        + (77_000_000 + config.seed() % 1000), unknown, from.plusDays(40), units.get(4),
                        "UNKNOWN_CATEGORY"));
        int[] after = {candidates.indexOf(dup1) + 7, lines.size() / 4, candidates.indexOf(dup2) + 3,
                lines.size() * 3 / 4, lines.size() - 2};
        List<Line> all = new ArrayList<>(lines);
        // Insert from the back so earlier positions stay valid; each duplicate follows its original.
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        order.sort(Comparator.comparingInt((Integer i) -> after[i]).reversed());
        for (int i : order) {
            all.add(Math.min(after[i] + 1, all.size()), bad.get(i));
        }

        Map<String, Integer> refusedByCode = new TreeMap<>();
        int submissionNo = 0;
        for (int start = 0, chunk = 0; start < all.size(); start += IMPORT_CHUNK, chunk++) {
            List<Line> part = all.subList(start, Math.min(all.size(), start + IMPORT_CHUNK));
            StringBuilder ndjson = new StringBuilder();
            for (Line line : part) {
                ndjson.append(line.json()).append('\n');
            }
            JsonNode reply = api.postNdjson(path("/works:import"), Account.ORGANISER, ndjson.toString());
            Map<Integer, JsonNode> refused = new HashMap<>();
            for (JsonNode r : reply.path("refused")) {
                refused.put(r.path("line").asInt(), r);
            }
            int base = baseOf(refused.keySet(), part);
            for (int i = 0; i < part.size(); i++) {
                Line line = part.get(i);
                JsonNode refusal = refused.get(i + base);
                if (line.expectedCode() == null && refusal != null) {
                    throw new DemoException("import chunk " + (chunk + 1) + ": the server refused line " + (i + base)
                            + ", a good work: " + refusal + "\n  line: " + line.json());
                }
                if (line.expectedCode() != null) {
                    if (refusal == null) {
                        throw new DemoException("import chunk " + (chunk + 1) + ": the server accepted line "
                                + (i + base) + ", which it should refuse with " + line.expectedCode() + "\n  line: "
                                + line.json() + "\n  reply: " + reply);
                    }
                    String code = refusal.path("code").asText();
                    if (!code.equals(line.expectedCode())) {
                        throw new DemoException("import chunk " + (chunk + 1) + ": line " + (i + base)
                                + " was refused with " + code + ", expected " + line.expectedCode() + ": " + refusal
                                + "\n  line: " + line.json());
                    }
                    importRefusals.add(new ImportRefusal(chunk + 1, i + base, line.expectedCode(), code,
                            refusal.path("detail").asText()));
                    refusedByCode.merge(code, 1, Integer::sum);
                } else {
                    Work w = line.work();
                    Work accepted = new Work(w.id(), w.title(), w.url(), w.category(), w.publishedOn(),
                            w.organisation(), ++submissionNo);
                    works.add(accepted);
                    workById.put(accepted.id(), accepted);
                }
            }
            int expectedAccepted = (int) part.stream().filter(l -> l.expectedCode() == null).count();
            if (reply.path("accepted").asInt(-1) != expectedAccepted) {
                throw new DemoException("import chunk " + (chunk + 1) + ": the server says accepted "
                        + reply.path("accepted") + ", but refused only the lines meant to be refused ("
                        + expectedAccepted + " good lines): " + reply);
            }
        }
        done(3, "Works imported", String.format(Locale.ROOT, "%,d", works.size()) + " accepted in " + ((all.size() + IMPORT_CHUNK - 1) / IMPORT_CHUNK)
                + " NDJSON chunks; " + importRefusals.size() + " bad lines refused as intended " + refusedByCode);
        for (ImportRefusal r : importRefusals) {
            out.println("        chunk " + r.chunk() + " line " + r.line() + ": " + r.code() + " (" + r.detail() + ")");
        }
    }

    private Line badLine(String id, String title, String url, String category, LocalDate publishedOn,
                         String organisation, String expectedCode) {
        Work work = new Work(id, title, url, category, publishedOn.toString(), organisation, 0);
        return new Line(workJson(work), null, expectedCode);
    }

    /** Line numbers in the reply are 1-based by the usual reading of the contract; accept 0-based too. */
    private static int baseOf(Set<Integer> refusedLines, List<Line> part) {
        Set<Integer> oneBased = new HashSet<>();
        Set<Integer> zeroBased = new HashSet<>();
        for (int i = 0; i < part.size(); i++) {
            if (part.get(i).expectedCode() != null) {
                oneBased.add(i + 1);
                zeroBased.add(i);
            }
        }
        if (!refusedLines.equals(oneBased) && refusedLines.equals(zeroBased)) {
            return 0;
        }
        return 1;
    }

    private String workJson(Work w) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", w.id());
        line.put("title", w.title());
        line.put("url", w.url());
        line.put("category", w.category());
        line.put("publishedOn", w.publishedOn());
        line.put("organisation", w.organisation());
        try {
            return Api.JSON.writeValueAsString(line);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The demo's own URL normalisation, only to keep its generated URLs distinct. */
    private static String normalise(String url) {
        URI u = URI.create(url);
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    // ---------------------------------------------------------------- step 4: preliminary review

    private void preliminaryReview() {
        begin();
        transition("PRELIMINARY_REVIEW");
        int minScores = minScores();
        int trimFrom = edition.path("review").path("trimFrom").asInt(5);
        List<Score> first = new ArrayList<>();
        Map<Integer, Integer> histogram = new TreeMap<>();
        for (Work w : works) {
            List<Reviewer> eligible = eligibleReviewers(w.category(), w.organisation());
            int roll = random.nextInt(100);
            int want = roll < 15 ? trimFrom : roll < 25 ? minScores + 1 : minScores;
            want = Math.max(minScores, Math.min(want, eligible.size()));
            histogram.merge(want, 1, Integer::sum);
            Collections.shuffle(eligible, random);
            double q = quality.get(w.id());
            for (Reviewer r : eligible.subList(0, want)) {
                first.add(new Score(w.id(), r.id(), Synth.score(q + reviewerBias.get(r.id()), 6,
                        reviewerDecimals.get(r.id()), random), 1));
            }
        }
        // A few reviewers change their mind: the later score replaces the earlier.
        List<Score> second = new ArrayList<>();
        for (Score s : first) {
            if (random.nextInt(100) == 0) {
                second.add(new Score(s.workId(), s.reviewerId(), Synth.score(quality.get(s.workId()), 8,
                        reviewerDecimals.get(s.reviewerId()), random), 2));
            }
        }
        sendScores("preliminary-scores", first, "preliminary scores");
        sendScores("preliminary-scores", second, "revised preliminary scores");
        preliminaryScores.addAll(first);
        preliminaryScores.addAll(second);
        String conflict = tryConflictOfInterest("preliminary-scores");
        List<String> perWork = new ArrayList<>();
        histogram.forEach((n, count) -> perWork.add(String.format(Locale.ROOT, "%,d%s with %d", count,
                perWork.isEmpty() ? " works" : "", n)));
        done(4, "Preliminary review", String.format(Locale.ROOT, "%,d scores + %,d revisions (%s scores)%s",
                first.size(), second.size(), String.join(", ", perWork), conflict));
    }

    /** One deliberate conflict of interest, which the server must refuse. */
    private String tryConflictOfInterest(String kind) {
        for (Work w : works) {
            for (Reviewer r : reviewers) {
                if (r.organisation().equals(w.organisation()) && r.categories().contains(w.category())) {
                    Api.Reply reply = api.post(path("/works/" + w.id() + "/" + kind), r.account(),
                            Map.of("score", 99), Set.of(422));
                    if (!"CONFLICT_OF_INTEREST".equals(reply.code())) {
                        throw new DemoException("a conflict-of-interest score (" + r.id() + " of " + r.organisation()
                                + " on " + w.id() + ") was refused with code " + reply.code()
                                + ", expected CONFLICT_OF_INTEREST: " + reply.body());
                    }
                    return "; " + r.name() + " (" + r.organisation() + ") scoring " + w.id()
                            + " of the same unit was refused: CONFLICT_OF_INTEREST";
                }
            }
        }
        return "";
    }

    private void sendScores(String kind, List<Score> scores, String what) {
        if (scores.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger sent = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>(scores.size());
            for (Score s : scores) {
                futures.add(pool.submit(() -> {
                    api.post(path("/works/" + s.workId() + "/" + kind),
                            reviewerById.get(s.reviewerId()).account(), Map.of("score", s.score()), 201);
                    int n = sent.incrementAndGet();
                    int quarter = scores.size() / 4;
                    if (scores.size() >= 2000 && (n == quarter || n == 2 * quarter || n == 3 * quarter)) {
                        synchronized (out) {
                            out.printf(Locale.ROOT, "        ... %,d of %,d %s (%.0f/s)%n", n, scores.size(), what,
                                    n / ((System.nanoTime() - t0) / 1e9));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(ex.getCause());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while sending " + what);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- step 5: shortlist

    private void publishShortlist() {
        begin();
        transition("SHORTLIST_PUBLISHED");
        shortlist = api.get(path("/shortlist"), Account.ORGANISER);
        StringBuilder counts = new StringBuilder();
        for (String code : categoryCodes) {
            counts.append(counts.length() == 0 ? "" : ", ").append(code).append(' ')
                    .append(categories(shortlist).path(code).size()).append('/')
                    .append(works.stream().filter(w -> w.category().equals(code)).count());
        }
        done(5, "Shortlist published", "shortlisted/submitted per category: " + counts);
    }

    // ---------------------------------------------------------------- step 6: voting

    private void vote() {
        begin();
        transition("VOTING");
        JsonNode voting = edition.path("voting");
        Instant opens = Instant.parse(voting.path("opensAt").asText());
        Instant closes = Instant.parse(voting.path("closesAt").asText());
        ZoneId zone = ZoneId.of(edition.path("timeZone").asText("Asia/Shanghai"));
        int perCategoryPerDay = voting.path("perCategoryPerDay").asInt(10);

        List<String> listed = listedWorks(shortlist);
        Set<String> listedSet = new HashSet<>(listed);
        // Popularity loosely follows quality; votes follow popularity with a Zipf-Mandelbrot tail.
        Map<String, Double> appeal = new HashMap<>();
        for (String id : listed) {
            appeal.put(id, quality.get(id) + random.nextGaussian() * 15);
        }
        List<String> popularity = new ArrayList<>(listed);
        popularity.sort(Comparator.comparing(appeal::get, Comparator.reverseOrder()));
        double[] popularityWeights = new double[popularity.size()];
        for (int i = 0; i < popularityWeights.length; i++) {
            popularityWeights[i] = 1.0 / Math.pow(i + 6, 0.9);
        }
        double[] popularityCumulative = cumulative(popularityWeights);
        Map<String, List<String>> listedByCategory = new LinkedHashMap<>();
        for (String id : popularity) {
            listedByCategory.computeIfAbsent(workById.get(id).category(), k -> new ArrayList<>()).add(id);
        }
        List<String> notListed = works.stream().map(Work::id).filter(id -> !listedSet.contains(id)).toList();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = opens.atZone(zone).toLocalDate(); !d.isAfter(closes.minusNanos(1).atZone(zone).toLocalDate());
             d = d.plusDays(1)) {
            days.add(d);
        }
        int voters = Math.max(200, config.votes() * 3 / 10);
        int enthusiasts = Math.max(5, voters / 100);

        record Draft(String voterId, String workId, Instant castAt) {
        }
        List<Draft> drafts = new ArrayList<>(config.votes());
        int outside = config.votes() == 0 ? 0 : Math.max(2, config.votes() / 200);
        int unlisted = notListed.isEmpty() || config.votes() == 0 ? 0 : Math.max(2, config.votes() / 200);
        int burstBudget = config.votes() / 9;
        // Enthusiasts: on some day, a burst of votes for more works of one category than the daily
        // limit allows, and now and then the same work twice.
        while (drafts.size() < burstBudget && !listed.isEmpty()) {
            String voter = voterId(random.nextInt(enthusiasts));
            LocalDate day = days.get(random.nextInt(days.size()));
            List<String> pool = new ArrayList<>(listedByCategory.get(
                    workById.get(popularity.get(sample(popularityCumulative))).category()));
            int k = Math.min(pool.size(), perCategoryPerDay + 1 + random.nextInt(5));
            Instant t = castAt(day, zone, opens, closes);
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                chosen.add(pool.remove(random.nextInt(Math.min(pool.size(), 8))));
            }
            if (random.nextInt(3) == 0) {
                chosen.add(1 + random.nextInt(chosen.size() - 1 > 0 ? chosen.size() - 1 : 1), chosen.get(0));
            }
            for (String work : chosen) {
                t = t.plusSeconds(5 + random.nextInt(90));
                drafts.add(new Draft(voter, work, t.isBefore(closes) ? t : closes.minusSeconds(1)));
            }
        }
        int regular = config.votes() - outside - unlisted;
        while (drafts.size() < regular && !listed.isEmpty()) {
            int v = (int) (voters * Math.pow(random.nextDouble(), 1.3));
            LocalDate day = days.get(weightedDay(days.size()));
            drafts.add(new Draft(voterId(v), popularity.get(sample(popularityCumulative)), castAt(day, zone, opens, closes)));
        }
        if (!drafts.isEmpty()) {
            // The very first instant of the window counts; the first instant after it does not.
            Draft d0 = drafts.get(0);
            drafts.set(0, new Draft(d0.voterId(), d0.workId(), opens));
        }
        for (int i = 0; i < outside; i++) {
            Instant t = i == 0 ? closes
                    : i % 2 == 0 ? closes.plusSeconds(random.nextInt(3 * 86_400))
                    : opens.minusSeconds(1 + random.nextInt(2 * 86_400));
            String work = listed.isEmpty() ? works.get(0).id() : popularity.get(sample(popularityCumulative));
            drafts.add(new Draft(voterId(random.nextInt(voters)), work, t));
        }
        for (int i = 0; i < unlisted; i++) {
            drafts.add(new Draft(voterId(random.nextInt(voters)), notListed.get(random.nextInt(notListed.size())),
                    castAt(days.get(random.nextInt(days.size())), zone, opens, closes)));
        }
        drafts.sort(Comparator.comparing(Draft::castAt));
        List<Vote> planned = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            planned.add(new Vote(e + "-V" + String.format("%07d", i + 1), d.voterId(), d.workId(), d.castAt()));
        }

        // A popular work is disqualified after about 60% of the votes, at a batch boundary.
        int split = planned.size() < 2 * VOTE_CHUNK ? planned.size() / 2
                : (int) Math.round(planned.size() * 0.6 / VOTE_CHUNK) * VOTE_CHUNK;
        String target = popularity.size() > 3 ? popularity.get(3) : null;
        String backfillNote = "";
        long t0 = System.nanoTime();
        votesPlanned = planned.size();
        votesStarted = t0;
        sendVotes(planned.subList(0, split));
        if (target != null) {
            api.post(path("/works/" + target + "/disqualification"), Account.ORGANISER,
                    Map.of("reason", "Plagiarism confirmed: large parts copied from an earlier work by another author"),
                    200);
            disqualified = target;
            disqualifiedAfter = split;
            shortlistAfterDisqualification = api.get(path("/shortlist"), Account.ORGANISER);
            List<String> now = listedWorks(shortlistAfterDisqualification);
            List<String> joined = now.stream().filter(id -> !listedSet.contains(id)).toList();
            if (now.contains(target)) {
                backfillNote = "; WARNING: the shortlist still lists " + target + " after its disqualification";
            } else {
                backfillNote = "; " + target + " (" + workById.get(target).category() + ") disqualified after "
                        + String.format("%,d", split) + " votes, "
                        + (joined.isEmpty() ? "no work took its place" : String.join(", ", joined)
                        + " took its place");
            }
            // Voters find the newly listed work: some later votes go to it.
            for (int i = split; i < planned.size() && !joined.isEmpty(); i++) {
                if (random.nextInt(250) == 0) {
                    Vote v = planned.get(i);
                    if (!v.castAt().isBefore(opens) && v.castAt().isBefore(closes) && listedSet.contains(v.workId())) {
                        planned.set(i, new Vote(v.id(), v.voterId(), joined.get(random.nextInt(joined.size())),
                                v.castAt()));
                    }
                }
            }
        } else {
            shortlistAfterDisqualification = shortlist;
        }
        sendVotes(planned.subList(split, planned.size()));
        votes.addAll(planned);
        double seconds = (System.nanoTime() - t0) / 1e9;
        done(6, "Voting", String.format(Locale.ROOT, "%,d votes sent by %,d voters over %d days (%,.0f votes/s): "
                        + "%,d accepted, %,d refused (%,d of them sent on purpose outside the window or for "
                        + "works not shortlisted)%s", planned.size(), voters, days.size(), planned.size() / Math.max(seconds, 1e-9),
                votesAccepted, votesRefused, outside + unlisted, backfillNote));
    }

    private void sendVotes(List<Vote> batch) {
        for (int start = 0; start < batch.size(); start += VOTE_CHUNK) {
            List<Vote> part = batch.subList(start, Math.min(batch.size(), start + VOTE_CHUNK));
            StringBuilder ndjson = new StringBuilder(part.size() * 110);
            for (Vote v : part) {
                ndjson.append("{\"id\":\"").append(v.id()).append("\",\"voterId\":\"").append(v.voterId())
                        .append("\",\"workId\":\"").append(v.workId()).append("\",\"castAt\":\"").append(v.castAt())
                        .append("\"}\n");
            }
            JsonNode reply = api.postNdjson(path("/votes:batch"), Account.GATEWAY, ndjson.toString());
            if (reply.path("invalidLines").size() > 0) {
                throw new DemoException("votes:batch reported invalid lines for well-formed votes: "
                        + reply.path("invalidLines"));
            }
            long accepted = reply.path("accepted").asLong();
            long refused = reply.path("refused").asLong();
            if (accepted + refused != part.size()) {
                throw new DemoException("votes:batch decided " + (accepted + refused) + " of " + part.size()
                        + " votes: " + reply);
            }
            votesAccepted += accepted;
            votesRefused += refused;
            pace(votesAccepted + votesRefused);
        }
    }

    /** With --pace, waits until the share of the pace that the votes sent so far stand for has passed. */
    private void pace(long sent) {
        if (config.paceSeconds() <= 0 || votesPlanned == 0) {
            return;
        }
        long due = votesStarted + (long) (config.paceSeconds() * 1e9 * sent / votesPlanned);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String voterId(int n) {
        return "voter-" + String.format("%06d", n + 1);
    }

    /** A moment on {@code day} in Beijing time, busier at lunch and in the evening, inside the window. */
    private Instant castAt(LocalDate day, ZoneId zone, Instant opens, Instant closes) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int hour = HOURS[random.nextInt(HOURS.length)];
            Instant t = day.atTime(hour, random.nextInt(60), random.nextInt(60)).atZone(zone).toInstant();
            if (!t.isBefore(opens) && t.isBefore(closes)) {
                return t;
            }
        }
        return opens.plusSeconds(random.nextInt((int) Math.max(1, Math.min(Integer.MAX_VALUE,
                closes.getEpochSecond() - opens.getEpochSecond()))));
    }

    private static final int[] HOURS = {0, 1, 7, 8, 8, 9, 10, 10, 11, 12, 12, 12, 13, 13, 14, 15, 16, 17, 18, 19, 19,
            20, 20, 20, 21, 21, 21, 22, 22, 23};

    /** Days of the vote: busier on the first and the last day. */
    private int weightedDay(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i == 0 || i == n - 1 ? 1.6 : 1.0;
        }
        return weighted(w);
    }

    // ---------------------------------------------------------------- step 7: final review

    private void finalReview() {
        begin();
        transition("FINAL_REVIEW");
        finalShortlist = api.get(path("/shortlist"), Account.ORGANISER);
        int minScores = minScores();
        int trimFrom = edition.path("review").path("trimFrom").asInt(5);
        List<Score> first = new ArrayList<>();
        for (String id : listedWorks(finalShortlist)) {
            Work w = workById.get(id);
            if (w == null) {
                throw new DemoException("the shortlist lists " + id + ", a work this run never submitted");
            }
            List<Reviewer> eligible = eligibleReviewers(w.category(), w.organisation());
            int want = Math.max(minScores, Math.min(random.nextInt(5) == 0 ? trimFrom : minScores, eligible.size()));
            Collections.shuffle(eligible, random);
            double q = quality.get(id) + random.nextGaussian() * 3;
            for (Reviewer r : eligible.subList(0, Math.min(want, eligible.size()))) {
                first.add(new Score(id, r.id(), Synth.score(q + reviewerBias.get(r.id()), 5,
                        reviewerDecimals.get(r.id()), random), 1));
            }
        }
        List<Score> second = new ArrayList<>();
        for (Score s : first) {
            if (random.nextInt(100) == 0) {
                second.add(new Score(s.workId(), s.reviewerId(), Synth.score(quality.get(s.workId()), 6,
                        reviewerDecimals.get(s.reviewerId()), random), 2));
            }
        }
        sendScores("final-scores", first, "final scores");
        sendScores("final-scores", second, "revised final scores");
        finalScores.addAll(first);
        finalScores.addAll(second);
        done(7, "Final review", String.format(Locale.ROOT, "%,d final scores + %,d revisions for %,d shortlisted works",
                first.size(), second.size(), listedWorks(finalShortlist).size()));
    }

    // ---------------------------------------------------------------- summary

    private void printSummary(Result r) {
        JsonNode winners = categories(r.winners());
        JsonNode tallies = r.tallies();
        out.println();
        out.println("Results of edition " + r.editionId() + ": " + edition.path("title").asText(""));
        out.printf(Locale.ROOT, "  %-14s %9s %10s %8s %12s%n", "category", "submitted", "shortlist", "winners",
                "valid votes");
        for (String code : categoryCodes) {
            long valid = 0;
            for (JsonNode t : categories(tallies).path(code)) {
                valid += t.path("validVotes").asLong();
            }
            out.printf(Locale.ROOT, "  %-14s %,9d %,10d %,8d %,12d%n", code,
                    works.stream().filter(w -> w.category().equals(code)).count(),
                    categories(r.finalShortlist()).path(code).size(), winners.path(code).size(), valid);
        }
        out.printf(Locale.ROOT, "  votes: %,d accepted, %,d refused %s%n", r.votesAccepted(), r.votesRefused(),
                tallies.path("refusedVotes"));
        for (String code : categoryCodes) {
            out.println();
            out.println("  Top three in " + code);
            String row = "    %4s  %-" + (e.length() + 8) + "s %7s %6s  %s%n";
            out.printf(Locale.ROOT, row, "rank", "work", "final", "votes", "title");
            int shown = 0;
            for (JsonNode w : winners.path(code)) {
                if (shown++ == 3) {
                    break;
                }
                out.printf(Locale.ROOT, row, w.path("rank").asText(), w.path("workId").asText(),
                        show(w.path("finalScore")), String.format(Locale.ROOT, "%,d", w.path("validVotes").asLong()),
                        w.path("title").asText(""));
            }
        }
        out.println();
    }

    private static String show(JsonNode score) {
        return score.isNumber() ? score.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString() : score.toString();
    }

    // ---------------------------------------------------------------- helpers

    /** The object of category → list in a read model, whether wrapped in {@code categories} or not. */
    public static JsonNode categories(JsonNode readModel) {
        if (readModel == null) {
            return Api.JSON.createObjectNode();
        }
        return readModel.has("categories") ? readModel.get("categories") : readModel;
    }

    /** Work ids of a shortlist, category by category, in rank order. */
    public static List<String> listedWorks(JsonNode shortlist) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> category : categories(shortlist).properties()) {
            for (JsonNode w : category.getValue()) {
                ids.add(w.path("workId").asText());
            }
        }
        return ids;
    }

    private List<Reviewer> eligibleReviewers(String category, String organisation) {
        List<Reviewer> eligible = new ArrayList<>();
        for (Reviewer r : reviewers) {
            if (r.categories().contains(category) && !r.organisation().equals(organisation)) {
                eligible.add(r);
            }
        }
        return eligible;
    }

    /** A count the server may give as a number or as a list. */
    private static int count(JsonNode node) {
        return node.isArray() ? node.size() : node.asInt(0);
    }

    private int minScores() {
        return Math.max(3, edition.path("review").path("minScores").asInt(3));
    }

    private void transition(String to) {
        JsonNode reply = api.post(path("/transitions"), Account.ORGANISER, Map.of("to", to), 200);
        if (reply != null && reply.has("stage") && !to.equals(reply.path("stage").asText())) {
            throw new DemoException("POST " + path("/transitions") + " {\"to\":\"" + to + "\"} answered 200 but the "
                    + "edition is in " + reply.path("stage").asText());
        }
    }

    private String path(String suffix) {
        return "/api/editions/" + e + suffix;
    }

    private int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            c[i] = total;
        }
        return c;
    }

    /** An index drawn with the weights whose running sums are {@code cumulative}. */
    private int sample(double[] cumulative) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(i < 0 ? -i - 1 : i + 1, cumulative.length - 1);
    }

    private void begin() {
        stepStarted = System.nanoTime();
    }

    private void done(int step, String what, String detail) {
        out.printf(Locale.ROOT, "[%d/%d] %-20s %6.1f s  %s%n", step, STEPS, what,
                (System.nanoTime() - stepStarted) / 1e9, detail);
    }

    /** A run that cannot go on, with the reason in words. */
    public static final class DemoException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public DemoException(String message) {
            super(message);
        }
    }

    /** Exposed for callers that only want the HTTP door (the test uses it to prepare an edition). */
    public static Api api(String url) {
        return new Api(url);
    }
}
