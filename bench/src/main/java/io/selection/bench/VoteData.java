package io.selection.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's votes: a pure function of (seed, index), so every row of one run sees exactly
 * the same votes without holding ten million of them in memory, and any range can be made by
 * any thread. Realistic on purpose: voters from a pool (so the daily limits bite sometimes),
 * popular works voted more (Zipf within a category), a few double-clicks, votes for works that
 * are not shortlisted and votes outside the window, castAt in time order across the voting week,
 * about 150 bytes of JSON each.
 */
public final class VoteData {

    /** Fixed shape of the edition the votes are for (see {@link EditionShape}). */
    public static final Instant OPENS_AT = Instant.parse("2024-02-26T16:00:00Z");  // 2024-02-27 00:00 Beijing
    public static final Instant CLOSES_AT = Instant.parse("2024-03-04T16:00:00Z"); // 2024-03-05 00:00 Beijing

    /** Share of votes, in 1/1000, of each special kind; the rest are plain votes for shortlisted works. */
    static final int PER_MILLE_NOT_SHORTLISTED = 30;
    static final int PER_MILLE_OUTSIDE_WINDOW = 10;
    static final int PER_MILLE_DOUBLE_CLICK = 15;
    static final int PER_MILLE_HEAVY_VOTER = 5;

    private static final int HEAVY_VOTERS = 16;

    /** One vote. {@code castAtMillis} is epoch milliseconds. */
    public record Vote(long index, String id, String voterId, String workId, long castAtMillis, String ip,
                       String device) {
    }

    private final long seed;
    private final long count;
    private final String idPrefix;
    private final EditionShape shape;
    private final long voterPool;
    private final List<List<String>> shortlistedByCategory;
    private final List<String> notShortlisted;
    private final double[][] zipfCdf;
    private final long opensAt;
    private final long closesAt;
    private final long windowMillis;

    /**
     * @param idPrefix a short tag (1 to 4 characters) put in front of every vote id, so the same
     *                 votes can be sent to several editions of one server without sharing ids
     */
    public VoteData(long seed, long count, String idPrefix, EditionShape shape) {
        this(seed, count, idPrefix, shape, OPENS_AT, CLOSES_AT);
    }

    /** Votes for an edition whose voting window is {@code [opensAt, closesAt)}. */
    public VoteData(long seed, long count, String idPrefix, EditionShape shape, Instant opensAt, Instant closesAt) {
        this.opensAt = opensAt.toEpochMilli();
        this.closesAt = closesAt.toEpochMilli();
        this.windowMillis = this.closesAt - this.opensAt;
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("the voting window is empty");
        }
        this.seed = seed;
        this.count = count;
        this.idPrefix = idPrefix;
        this.shape = shape;
        this.voterPool = Math.max(1_000, count / 10);
        this.shortlistedByCategory = shape.shortlistByCategory().stream().filter(l -> !l.isEmpty()).toList();
        if (shortlistedByCategory.isEmpty()) {
            throw new IllegalArgumentException("no shortlisted work to vote for");
        }
        this.notShortlisted = shape.notShortlisted();
        this.zipfCdf = shortlistedByCategory.stream().map(l -> zipfCdf(l.size())).toArray(double[][]::new);
    }

    /** The same votes with another id prefix. */
    public VoteData withPrefix(String prefix) {
        return new VoteData(seed, count, prefix, shape, Instant.ofEpochMilli(opensAt), Instant.ofEpochMilli(closesAt));
    }

    public EditionShape shape() {
        return shape;
    }

    public long count() {
        return count;
    }

    public long voterPool() {
        return voterPool;
    }

    public String idPrefix() {
        return idPrefix;
    }

    public List<String> notShortlisted() {
        return notShortlisted;
    }

    /** Vote number {@code i} (0-based). */
    public Vote vote(long i) {
        long h = mix(seed ^ (i * 0x9E3779B97F4A7C15L));
        int kind = (int) Long.remainderUnsigned(h, 1000);
        long h2 = mix(h + 1);
        long h3 = mix(h + 2);
        long castAt = timeOf(i, h2);
        String voter;
        String work;
        if (kind < PER_MILLE_DOUBLE_CLICK && i > 0) {
            // the same voter sends the same work again a few seconds later: a refusal on the daily
            // limit for that work (or, across midnight, a second valid vote)
            long prev = mix(seed ^ ((i - 1) * 0x9E3779B97F4A7C15L));
            voter = voterOf(i - 1, prev);
            work = plainWork(mix(prev + 3));
            castAt = timeOf(i - 1, mix(prev + 1)) + 1_000 + Long.remainderUnsigned(h3, 20_000);
        } else if (kind < PER_MILLE_DOUBLE_CLICK + PER_MILLE_HEAVY_VOTER) {
            // a handful of very busy accounts: they run into the per-category daily limit
            voter = "voter-heavy-" + Long.remainderUnsigned(h3, HEAVY_VOTERS);
            work = plainWork(mix(h + 3));
        } else if (kind < PER_MILLE_DOUBLE_CLICK + PER_MILLE_HEAVY_VOTER + PER_MILLE_NOT_SHORTLISTED
                && !notShortlisted.isEmpty()) {
            voter = voterOf(i, h);
            work = notShortlisted.get((int) Long.remainderUnsigned(h3, notShortlisted.size()));
        } else if (kind < PER_MILLE_DOUBLE_CLICK + PER_MILLE_HEAVY_VOTER + PER_MILLE_NOT_SHORTLISTED
                + PER_MILLE_OUTSIDE_WINDOW) {
            voter = voterOf(i, h);
            work = plainWork(mix(h + 3));
            // up to two days before the opening or after the close
            long off = 1_000 + Long.remainderUnsigned(h3, 2 * 86_400_000L);
            castAt = (h3 & 1) == 0 ? opensAt - off : closesAt + off;
        } else {
            voter = voterOf(i, h);
            work = plainWork(mix(h + 3));
        }
        long net = mix(h + 4);
        String ip = ipOf(voter, net);
        String device = deviceOf(net);
        return new Vote(i, id(i), voter, work, castAt, ip, device);
    }

    String id(long i) {
        // prefix, '-', then i in base 36 on at least 8 digits
        char[] digits = new char[13];
        int at = digits.length;
        long n = i;
        do {
            digits[--at] = Character.forDigit((int) (n % 36), 36);
            n /= 36;
        } while (n > 0);
        while (digits.length - at < 8) {
            digits[--at] = '0';
        }
        return new StringBuilder(idPrefix.length() + 14).append(idPrefix).append('-')
                .append(digits, at, digits.length - at).toString();
    }

    private String voterOf(long i, long h) {
        return new StringBuilder(14).append("voter-").append(1_000_000 + Long.remainderUnsigned(mix(h + 5), voterPool))
                .toString();
    }

    /** A shortlisted work: category uniform, rank within the category by a Zipf law (s = 1). */
    private String plainWork(long h) {
        int c = (int) Long.remainderUnsigned(h, shortlistedByCategory.size());
        List<String> category = shortlistedByCategory.get(c);
        double[] cdf = zipfCdf[c];
        double u = (mix(h + 7) >>> 11) * 0x1.0p-53;
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return category.get(lo);
    }

    private long timeOf(long i, long h) {
        // in time order over the week, as votes arrive, with a little jitter
        long base = opensAt + (long) ((double) i / Math.max(1, count) * windowMillis);
        long t = base + Long.remainderUnsigned(h, 2_000);
        return Math.min(t, closesAt - 1);
    }

    private static String ipOf(String voter, long h) {
        // mostly carrier NAT addresses: many voters behind a few thousand of them
        int a = 36 + (int) Long.remainderUnsigned(h, 180);
        int b = (int) Long.remainderUnsigned(h >>> 8, 256);
        int c = (int) Long.remainderUnsigned(h >>> 16, 256);
        int d = 1 + (int) Long.remainderUnsigned((long) voter.hashCode() & 0xffffffffL, 254);
        return new StringBuilder(15).append(a).append('.').append(b).append('.').append(c).append('.').append(d)
                .toString();
    }

    private static final String[] DEVICES = {"android", "ios", "harmonyos", "web", "wechat-mini"};

    private static String deviceOf(long h) {
        String kind = DEVICES[(int) Long.remainderUnsigned(h >>> 24, DEVICES.length)];
        int tag = (int) ((h >>> 40) & 0xFFFFFF) | 0x100000;
        StringBuilder s = new StringBuilder(kind.length() + 7).append(kind).append('-');
        for (int shift = 20; shift >= 0; shift -= 4) {
            s.append(Character.forDigit((tag >>> shift) & 0xF, 16));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- wire formats

    /** The vote as docs/api.md's JSON, as sent to {@code POST .../votes} and in NDJSON batches. */
    public static void appendJson(StringBuilder s, Vote v) {
        s.append("{\"id\":\"").append(v.id())
                .append("\",\"voterId\":\"").append(v.voterId())
                .append("\",\"workId\":\"").append(v.workId())
                .append("\",\"castAt\":\"");
        IsoMillis.append(s, v.castAtMillis());
        s.append("\",\"source\":{\"ip\":\"").append(v.ip())
                .append("\",\"device\":\"").append(v.device()).append("\"}}");
    }

    /**
     * The Kafka record value: the same JSON with the edition in front (the service's Kafka door
     * reads {@code editionId}, so one topic can carry several editions).
     */
    public static byte[] kafkaJson(String editionId, Vote v) {
        StringBuilder s = new StringBuilder(208);
        s.append("{\"editionId\":\"").append(editionId).append("\",\"id\":\"").append(v.id())
                .append("\",\"voterId\":\"").append(v.voterId())
                .append("\",\"workId\":\"").append(v.workId())
                .append("\",\"castAt\":\"");
        IsoMillis.append(s, v.castAtMillis());
        s.append("\",\"source\":{\"ip\":\"").append(v.ip())
                .append("\",\"device\":\"").append(v.device()).append("\"}}");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String json(Vote v) {
        StringBuilder s = new StringBuilder(170);
        appendJson(s, v);
        return s.toString();
    }

    // ---------------------------------------------------------------- helpers

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[] zipfCdf(int n) {
        double[] cdf = new double[Math.max(1, n)];
        double sum = 0;
        for (int k = 0; k < cdf.length; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        for (int k = 0; k < cdf.length; k++) {
            cdf[k] /= sum;
        }
        cdf[cdf.length - 1] = 1.0;
        return cdf;
    }

    /**
     * The edition the votes are for: per category, its shortlisted works and the others. The
     * benchmark's own editions score the first half of each category's works onto the shortlist.
     */
    public record EditionShape(List<String> categories, List<List<String>> shortlistByCategory,
                               List<List<String>> othersByCategory) {

        public static final List<String> CATEGORIES = List.of("text", "picture", "audio-video", "column", "activity");

        /** {@code works} works over five categories, the first half of each category shortlisted. */
        public static EditionShape of(int works) {
            int perCategory = Math.max(4, works / CATEGORIES.size());
            List<List<String>> shortlist = new ArrayList<>();
            List<List<String>> others = new ArrayList<>();
            int n = 0;
            for (int c = 0; c < CATEGORIES.size(); c++) {
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < perCategory; k++) {
                    ids.add(String.format("w%05d", ++n));
                }
                shortlist.add(List.copyOf(ids.subList(0, perCategory / 2)));
                others.add(List.copyOf(ids.subList(perCategory / 2, perCategory)));
            }
            return new EditionShape(CATEGORIES, List.copyOf(shortlist), List.copyOf(others));
        }

        public int shortlistQuota() {
            return shortlistByCategory.stream().mapToInt(List::size).max().orElse(0);
        }

        /** Every work of a category, the shortlisted first. */
        public List<String> works(int category) {
            List<String> all = new ArrayList<>(shortlistByCategory.get(category));
            all.addAll(othersByCategory.get(category));
            return all;
        }

        public int totalWorks() {
            int n = 0;
            for (int c = 0; c < categories.size(); c++) {
                n += shortlistByCategory.get(c).size() + othersByCategory.get(c).size();
            }
            return n;
        }

        public List<String> notShortlisted() {
            return othersByCategory.stream().flatMap(List::stream).toList();
        }
    }
}
