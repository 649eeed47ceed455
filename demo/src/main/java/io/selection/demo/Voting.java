package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Vote;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Step 6: the public vote, a week of it sent in NDJSON batches as a voting front-end would: popular
 * works draw most votes, enthusiasts go over the daily limits, some votes fall outside the window or
 * name works not on the shortlist. After about 60% of the votes the {@link Disqualification} happens,
 * and the votes after it meet the amended shortlist.
 */
final class Voting implements Step {

    /** Votes per batch; the disqualification falls on a batch boundary. */
    static final int VOTE_CHUNK = 5_000;

    private static final int[] HOURS = {0, 1, 7, 8, 8, 9, 10, 10, 11, 12, 12, 12, 13, 13, 14, 15, 16, 17, 18, 19, 19,
            20, 20, 20, 21, 21, 21, 22, 22, 23};

    /**
     * The votes to send, in the order sent, and what the disqualification needs to know of them.
     * {@code votes} may still change from a batch boundary on (voters finding a backfilled work).
     */
    record Plan(List<Vote> votes, Set<String> listed, List<String> popularity, Instant opens, Instant closes,
                int voters, int days, int sentToBeRefused) {
    }

    private final Disqualification disqualification;

    Voting(Disqualification disqualification) {
        this.disqualification = disqualification;
    }

    @Override
    public String name(EditionRun run) {
        return "Voting";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("VOTING");
        Plan plan = plan(run);
        List<Vote> planned = plan.votes();
        // A popular work is disqualified after about 60% of the votes, at a batch boundary.
        int split = planned.size() < 2 * VOTE_CHUNK ? planned.size() / 2
                : (int) Math.round(planned.size() * 0.6 / VOTE_CHUNK) * VOTE_CHUNK;
        String target = plan.popularity().size() > 3 ? plan.popularity().get(3) : null;
        VoteProgress progress = VoteProgress.start(run.out, planned.size(), run.config.paceSeconds());
        run.out.println(VoteProgress.INDENT + String.format(Locale.ROOT, "voting started: %,d votes from %,d voters "
                        + "over %d days%s; watch them arrive at %s/console/#/live (organiser/organiser, edition %s)",
                planned.size(), plan.voters(), plan.days(), run.config.paceSeconds() > 0
                        ? ", spread over at least " + run.config.paceSeconds() + " s (--pace)" : "",
                run.api.baseUrl(), run.id));
        send(run, planned.subList(0, split), progress);
        if (target != null) {
            disqualification.disqualify(run, target, plan, split);
        } else {
            run.shortlistAfterDisqualification = run.shortlist;
        }
        send(run, planned.subList(split, planned.size()), progress);
        run.votes.addAll(planned);
        progress.ended(run.votesAccepted, run.votesRefused);
        return new Done(String.format(Locale.ROOT, "%,d votes sent by %,d voters over %d days (%,.0f votes/s): "
                        + "%,d accepted, %,d refused (%,d of them sent on purpose outside the window or for "
                        + "works not shortlisted)", planned.size(), plan.voters(), plan.days(),
                progress.rate(), run.votesAccepted, run.votesRefused, plan.sentToBeRefused()));
    }

    private static Plan plan(EditionRun run) {
        JsonNode voting = run.edition.path("voting");
        Instant opens = Instant.parse(voting.path("opensAt").asText());
        Instant closes = Instant.parse(voting.path("closesAt").asText());
        ZoneId zone = ZoneId.of(run.edition.path("timeZone").asText("Asia/Shanghai"));
        int perCategoryPerDay = voting.path("perCategoryPerDay").asInt(10);
        int votes = run.config.votes();

        List<String> listed = EditionRun.listedWorks(run.shortlist);
        Set<String> listedSet = new HashSet<>(listed);
        // Popularity loosely follows quality; votes follow popularity with a Zipf-Mandelbrot tail.
        Map<String, Double> appeal = new HashMap<>();
        for (String id : listed) {
            appeal.put(id, run.quality.get(id) + run.random.nextGaussian() * 15);
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
            listedByCategory.computeIfAbsent(run.workById.get(id).category(), k -> new ArrayList<>()).add(id);
        }
        List<String> notListed = run.works.stream().map(Demo.Work::id).filter(id -> !listedSet.contains(id)).toList();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = opens.atZone(zone).toLocalDate(); !d.isAfter(closes.minusNanos(1).atZone(zone).toLocalDate());
             d = d.plusDays(1)) {
            days.add(d);
        }
        int voters = Math.max(200, votes * 3 / 10);
        int enthusiasts = Math.max(5, voters / 100);

        record Draft(String voterId, String workId, Instant castAt) {
        }
        List<Draft> drafts = new ArrayList<>(votes);
        int outside = votes == 0 ? 0 : Math.max(2, votes / 200);
        int unlisted = notListed.isEmpty() || votes == 0 ? 0 : Math.max(2, votes / 200);
        int burstBudget = votes / 9;
        // Enthusiasts: on some day, a burst of votes for more works of one category than the daily
        // limit allows, and now and then the same work twice.
        while (drafts.size() < burstBudget && !listed.isEmpty()) {
            String voter = voterId(run.random.nextInt(enthusiasts));
            LocalDate day = days.get(run.random.nextInt(days.size()));
            List<String> pool = new ArrayList<>(listedByCategory.get(
                    run.workById.get(popularity.get(sample(run, popularityCumulative))).category()));
            int k = Math.min(pool.size(), perCategoryPerDay + 1 + run.random.nextInt(5));
            Instant t = castAt(run, day, zone, opens, closes);
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                chosen.add(pool.remove(run.random.nextInt(Math.min(pool.size(), 8))));
            }
            if (run.random.nextInt(3) == 0) {
                chosen.add(1 + run.random.nextInt(chosen.size() - 1 > 0 ? chosen.size() - 1 : 1), chosen.get(0));
            }
            for (String work : chosen) {
                t = t.plusSeconds(5 + run.random.nextInt(90));
                drafts.add(new Draft(voter, work, t.isBefore(closes) ? t : closes.minusSeconds(1)));
            }
        }
        int regular = votes - outside - unlisted;
        while (drafts.size() < regular && !listed.isEmpty()) {
            int v = (int) (voters * Math.pow(run.random.nextDouble(), 1.3));
            LocalDate day = days.get(weightedDay(run, days.size()));
            drafts.add(new Draft(voterId(v), popularity.get(sample(run, popularityCumulative)),
                    castAt(run, day, zone, opens, closes)));
        }
        if (!drafts.isEmpty()) {
            // The very first instant of the window counts; the first instant after it does not.
            Draft d0 = drafts.get(0);
            drafts.set(0, new Draft(d0.voterId(), d0.workId(), opens));
        }
        for (int i = 0; i < outside; i++) {
            Instant t = i == 0 ? closes
                    : i % 2 == 0 ? closes.plusSeconds(run.random.nextInt(3 * 86_400))
                    : opens.minusSeconds(1 + run.random.nextInt(2 * 86_400));
            String work = listed.isEmpty() ? run.works.get(0).id() : popularity.get(sample(run, popularityCumulative));
            drafts.add(new Draft(voterId(run.random.nextInt(voters)), work, t));
        }
        for (int i = 0; i < unlisted; i++) {
            drafts.add(new Draft(voterId(run.random.nextInt(voters)), notListed.get(run.random.nextInt(notListed.size())),
                    castAt(run, days.get(run.random.nextInt(days.size())), zone, opens, closes)));
        }
        drafts.sort(Comparator.comparing(Draft::castAt));
        List<Vote> planned = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            planned.add(new Vote(run.id + "-V" + String.format("%07d", i + 1), d.voterId(), d.workId(), d.castAt()));
        }
        return new Plan(planned, listedSet, popularity, opens, closes, voters, days.size(), outside + unlisted);
    }

    private static void send(EditionRun run, List<Vote> batch, VoteProgress progress) {
        for (int start = 0; start < batch.size(); start += VOTE_CHUNK) {
            List<Vote> part = batch.subList(start, Math.min(batch.size(), start + VOTE_CHUNK));
            StringBuilder ndjson = new StringBuilder(part.size() * 110);
            for (Vote v : part) {
                ndjson.append("{\"id\":\"").append(v.id()).append("\",\"voterId\":\"").append(v.voterId())
                        .append("\",\"workId\":\"").append(v.workId()).append("\",\"castAt\":\"").append(v.castAt())
                        .append("\"}\n");
            }
            JsonNode reply = run.api.postNdjson(run.path("/votes:batch"), Account.GATEWAY, ndjson.toString());
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
            run.votesAccepted += accepted;
            run.votesRefused += refused;
            progress.sent(run.votesAccepted, run.votesRefused);
        }
    }

    private static String voterId(int n) {
        return "voter-" + String.format("%06d", n + 1);
    }

    /** A moment on {@code day} in Beijing time, busier at lunch and in the evening, inside the window. */
    private static Instant castAt(EditionRun run, LocalDate day, ZoneId zone, Instant opens, Instant closes) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int hour = HOURS[run.random.nextInt(HOURS.length)];
            Instant t = day.atTime(hour, run.random.nextInt(60), run.random.nextInt(60)).atZone(zone).toInstant();
            if (!t.isBefore(opens) && t.isBefore(closes)) {
                return t;
            }
        }
        return opens.plusSeconds(run.random.nextInt((int) Math.max(1, Math.min(Integer.MAX_VALUE,
                closes.getEpochSecond() - opens.getEpochSecond()))));
    }

    /** Days of the vote: busier on the first and the last day. */
    private static int weightedDay(EditionRun run, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i == 0 || i == n - 1 ? 1.6 : 1.0;
        }
        return run.weighted(w);
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
    private static int sample(EditionRun run, double[] cumulative) {
        double x = run.random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(i < 0 ? -i - 1 : i + 1, cumulative.length - 1);
    }
}
