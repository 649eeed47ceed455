package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Demo.Result;
import io.selection.demo.Demo.Score;
import io.selection.demo.Demo.Vote;
import io.selection.demo.Demo.Work;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent oracle: recomputes, from what the demo sent, everything the server publishes
 * (preliminary scores, shortlist, vote decisions and tallies, final ranking, winners), straight
 * from docs/rules.md and without any of the server's code. Arithmetic is exact (fractions); scores
 * are only rounded, half-up to two decimals, for display and comparison with the server.
 */
final class Recompute {

    record Category(String code, int shortlistQuota, int finalQuota) {
    }

    record Rules(List<Category> categories, int trimFrom, Instant opensAt, Instant closesAt, ZoneId zone,
                 int perWorkPerDay, int perCategoryPerDay, int juryWeight, int voteWeight) {

        static Rules of(JsonNode edition) {
            List<Category> categories = new ArrayList<>();
            for (JsonNode c : edition.path("categories")) {
                int finalQuota = c.path("finalQuota").asInt();
                categories.add(new Category(c.path("code").asText(), c.path("shortlistQuota").asInt(2 * finalQuota),
                        finalQuota));
            }
            JsonNode voting = edition.path("voting");
            return new Rules(categories, edition.path("review").path("trimFrom").asInt(5),
                    Instant.parse(voting.path("opensAt").asText()), Instant.parse(voting.path("closesAt").asText()),
                    ZoneId.of(edition.path("timeZone").asText("Asia/Shanghai")),
                    voting.path("perWorkPerDay").asInt(1), voting.path("perCategoryPerDay").asInt(10),
                    edition.path("weights").path("jury").asInt(70), edition.path("weights").path("vote").asInt(30));
        }
    }

    /** One line of a final ranking, exact. */
    record Ranked(int rank, String workId, Fraction juryScore, long validVotes, Fraction voteScore,
                  Fraction finalScore, int submissionNo) {
    }

    static final String ACCEPTED = "ACCEPTED";

    private final Rules rules;
    private final Map<String, Work> works = new LinkedHashMap<>();
    private final Map<String, Fraction> preliminary = new HashMap<>();
    private final Map<String, Fraction> jury = new HashMap<>();
    private final Map<String, List<String>> shortlistBefore = new LinkedHashMap<>();
    private final Map<String, List<String>> shortlistAfter = new LinkedHashMap<>();
    private final List<String> decisions = new ArrayList<>();
    private final Map<String, Long> validVotes = new HashMap<>();
    private final Map<String, Long> refused = new TreeMap<>();
    private final Map<String, List<Ranked>> finalRanking = new LinkedHashMap<>();

    static Recompute from(Result result) {
        return new Recompute(Rules.of(result.edition()), result.works(), result.preliminaryScores(),
                result.finalScores(), result.votes(), result.disqualifiedWorkId(), result.disqualifiedAfterVotes());
    }

    /**
     * @param disqualified          a work disqualified during the vote, or null
     * @param disqualifiedAfterVotes how many of {@code votes} were decided before that disqualification
     */
    Recompute(Rules rules, List<Work> works, List<Score> preliminaryScores, List<Score> finalScores,
              List<Vote> votes, String disqualified, int disqualifiedAfterVotes) {
        this.rules = rules;
        for (Work w : works) {
            this.works.put(w.id(), w);
        }
        for (Map.Entry<String, Collection<BigDecimal>> e : latest(preliminaryScores).entrySet()) {
            preliminary.put(e.getKey(), trimmedMean(e.getValue(), rules.trimFrom()));
        }
        for (Category c : rules.categories()) {
            shortlistBefore.put(c.code(), shortlist(c, null));
            shortlistAfter.put(c.code(), shortlist(c, disqualified));
        }
        decide(votes, disqualified, disqualifiedAfterVotes);
        for (Map.Entry<String, Collection<BigDecimal>> e : latest(finalScores).entrySet()) {
            jury.put(e.getKey(), trimmedMean(e.getValue(), rules.trimFrom()));
        }
        for (Category c : rules.categories()) {
            finalRanking.put(c.code(), rank(shortlistAfter.get(c.code()), disqualified));
        }
    }

    // ------------------------------------------------------------ scores

    /** Per work, each reviewer's score of the latest round (a later score replaces the earlier). */
    private static Map<String, Collection<BigDecimal>> latest(List<Score> scores) {
        Map<String, Map<String, Score>> byWork = new HashMap<>();
        for (Score s : scores) {
            byWork.computeIfAbsent(s.workId(), k -> new HashMap<>())
                    .merge(s.reviewerId(), s, (old, now) -> now.round() >= old.round() ? now : old);
        }
        Map<String, Collection<BigDecimal>> latest = new HashMap<>();
        byWork.forEach((work, byReviewer) -> latest.put(work,
                byReviewer.values().stream().map(Score::score).toList()));
        return latest;
    }

    static Fraction trimmedMean(Collection<BigDecimal> scores, int trimFrom) {
        if (scores.isEmpty()) {
            return Fraction.ZERO;
        }
        List<BigDecimal> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        if (sorted.size() >= trimFrom) {
            sorted = sorted.subList(1, sorted.size() - 1);
        }
        Fraction sum = Fraction.ZERO;
        for (BigDecimal s : sorted) {
            sum = sum.plus(Fraction.of(s));
        }
        return sum.dividedBy(Fraction.of(sorted.size()));
    }

    Fraction preliminaryScore(String workId) {
        return preliminary.getOrDefault(workId, Fraction.ZERO);
    }

    Fraction juryScore(String workId) {
        return jury.getOrDefault(workId, Fraction.ZERO);
    }

    // ------------------------------------------------------------ shortlist

    private List<String> shortlist(Category c, String disqualified) {
        return works.values().stream()
                .filter(w -> w.category().equals(c.code()) && !w.id().equals(disqualified))
                .sorted(Comparator.comparing((Work w) -> preliminaryScore(w.id()), Comparator.reverseOrder())
                        .thenComparingInt(Work::submissionNo)
                        .thenComparing(Work::id))
                .limit(c.shortlistQuota())
                .map(Work::id)
                .toList();
    }

    /** The shortlist as published, before any disqualification. */
    Map<String, List<String>> shortlistAtPublication() {
        return shortlistBefore;
    }

    /** The shortlist after the disqualification, the disqualified work replaced by the next in rank. */
    Map<String, List<String>> shortlist() {
        return shortlistAfter;
    }

    // ------------------------------------------------------------ votes

    private void decide(List<Vote> votes, String disqualified, int disqualifiedAfterVotes) {
        Set<String> listedBefore = new HashSet<>();
        shortlistBefore.values().forEach(listedBefore::addAll);
        Set<String> listedAfter = new HashSet<>();
        shortlistAfter.values().forEach(listedAfter::addAll);
        // voter|day → accepted votes per work, and accepted distinct works per category
        Map<String, Map<String, Integer>> perWork = new HashMap<>();
        Map<String, Map<String, Set<String>>> perCategory = new HashMap<>();
        for (int i = 0; i < votes.size(); i++) {
            Vote v = votes.get(i);
            boolean afterDisqualification = disqualified != null && i >= disqualifiedAfterVotes;
            Set<String> listed = afterDisqualification ? listedAfter : listedBefore;
            String reason;
            if (v.castAt().isBefore(rules.opensAt()) || !v.castAt().isBefore(rules.closesAt())) {
                reason = "OUTSIDE_VOTING_WINDOW";
            } else if (afterDisqualification && v.workId().equals(disqualified)) {
                reason = "DISQUALIFIED";
            } else if (!listed.contains(v.workId())) {
                reason = "NOT_SHORTLISTED";
            } else {
                LocalDate day = LocalDate.ofInstant(v.castAt(), rules.zone());
                String key = v.voterId() + "|" + day;
                String category = works.get(v.workId()).category();
                Map<String, Integer> counts = perWork.computeIfAbsent(key, k -> new HashMap<>());
                Set<String> distinct = perCategory.computeIfAbsent(key, k -> new HashMap<>())
                        .computeIfAbsent(category, k -> new HashSet<>());
                int already = counts.getOrDefault(v.workId(), 0);
                if (already >= rules.perWorkPerDay()) {
                    reason = "DAILY_WORK_LIMIT";
                } else if (already == 0 && distinct.size() >= rules.perCategoryPerDay()) {
                    reason = "DAILY_CATEGORY_LIMIT";
                } else {
                    reason = ACCEPTED;
                    counts.merge(v.workId(), 1, Integer::sum);
                    distinct.add(v.workId());
                    validVotes.merge(v.workId(), 1L, Long::sum);
                }
            }
            decisions.add(reason);
            if (!reason.equals(ACCEPTED)) {
                refused.merge(reason, 1L, Long::sum);
            }
        }
    }

    /** Per vote in the order sent: {@link #ACCEPTED} or the refusal reason. */
    List<String> decisions() {
        return decisions;
    }

    long validVotes(String workId) {
        return validVotes.getOrDefault(workId, 0L);
    }

    /** Works with at least one valid vote → their valid votes. */
    Map<String, Long> validVotes() {
        return validVotes;
    }

    long accepted() {
        return validVotes.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> refusedByReason() {
        return refused;
    }

    // ------------------------------------------------------------ final ranking

    private List<Ranked> rank(List<String> listed, String disqualified) {
        List<String> candidates = listed.stream().filter(id -> !id.equals(disqualified)).toList();
        long most = candidates.stream().mapToLong(this::validVotes).max().orElse(0);
        Fraction juryWeight = Fraction.of(rules.juryWeight()).dividedBy(Fraction.of(100));
        Fraction voteWeight = Fraction.of(rules.voteWeight()).dividedBy(Fraction.of(100));
        List<Ranked> scored = new ArrayList<>();
        for (String id : candidates) {
            long valid = validVotes(id);
            Fraction voteScore = most == 0 ? Fraction.ZERO : Fraction.of(100 * valid).dividedBy(Fraction.of(most));
            Fraction finalScore = juryWeight.times(juryScore(id)).plus(voteWeight.times(voteScore));
            scored.add(new Ranked(0, id, juryScore(id), valid, voteScore, finalScore, works.get(id).submissionNo()));
        }
        scored.sort(Comparator.comparing(Ranked::finalScore, Comparator.reverseOrder())
                .thenComparing(Ranked::juryScore, Comparator.reverseOrder())
                .thenComparing(Ranked::validVotes, Comparator.reverseOrder())
                .thenComparingInt(Ranked::submissionNo)
                .thenComparing(Ranked::workId));
        List<Ranked> ranked = new ArrayList<>();
        for (Ranked r : scored) {
            ranked.add(new Ranked(ranked.size() + 1, r.workId(), r.juryScore(), r.validVotes(), r.voteScore(),
                    r.finalScore(), r.submissionNo()));
        }
        return ranked;
    }

    Map<String, List<Ranked>> finalRanking() {
        return finalRanking;
    }

    Map<String, List<Ranked>> winners() {
        Map<String, List<Ranked>> winners = new LinkedHashMap<>();
        for (Category c : rules.categories()) {
            List<Ranked> ranked = finalRanking.get(c.code());
            winners.put(c.code(), ranked.subList(0, Math.min(c.finalQuota(), ranked.size())));
        }
        return winners;
    }

    /** Half-up to two decimals, as scores are shown. */
    static BigDecimal shown(Fraction f) {
        return f.toBigDecimal(2);
    }

    /** An exact rational number, always in lowest terms with a positive denominator. */
    record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {

        static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

        Fraction {
            if (denominator.signum() == 0) {
                throw new ArithmeticException("zero denominator");
            }
            if (denominator.signum() < 0) {
                numerator = numerator.negate();
                denominator = denominator.negate();
            }
            BigInteger g = numerator.gcd(denominator);
            if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
                numerator = numerator.divide(g);
                denominator = denominator.divide(g);
            }
        }

        static Fraction of(long n) {
            return new Fraction(BigInteger.valueOf(n), BigInteger.ONE);
        }

        static Fraction of(BigDecimal d) {
            return d.scale() <= 0
                    ? new Fraction(d.toBigIntegerExact(), BigInteger.ONE)
                    : new Fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        }

        Fraction plus(Fraction o) {
            return new Fraction(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                    denominator.multiply(o.denominator));
        }

        Fraction times(Fraction o) {
            return new Fraction(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
        }

        Fraction dividedBy(Fraction o) {
            return new Fraction(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
        }

        BigDecimal toBigDecimal(int scale) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_UP);
        }

        @Override
        public int compareTo(Fraction o) {
            return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
        }

        @Override
        public String toString() {
            return numerator + "/" + denominator + " (" + toBigDecimal(4) + ")";
        }
    }
}
