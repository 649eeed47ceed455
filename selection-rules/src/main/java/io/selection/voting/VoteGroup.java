package io.selection.voting;


import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The decisions of one vote group, stored column by column (the payload of a
 * {@code VotesDecidedEvent}, form 2): a column per field, works (with their categories),
 * outcomes, network addresses and devices coded by a dictionary of the group, both times as
 * milliseconds from the group's first value (plus a column of sub-millisecond nanoseconds, absent
 * when every one is zero), and the day as an offset from the group's first day. Written and read
 * without an object per vote: Jackson fills the arrays directly, and the folds read them by index.
 * The two 64-bit hashes of each vote id (what {@link IdTable} keys it by, in the lanes and the
 * recount) are computed once per group, on first use, and kept with it in memory.
 *
 * <p>{@link #decisions()} gives the same votes as {@link VoteDecision} records, one made per
 * read, for the code paths where a group is read rarely.
 */
public final class VoteGroup {

    /** The day column's value for a vote whose castAt has no calendar day. */
    public static final int NO_DAY = Integer.MIN_VALUE;
    /** A dictionary column's value for an absent (null) address or device. */
    public static final int NONE = -1;
    private static final String ACCEPTED = "ACCEPTED";

    public static final VoteGroup EMPTY = new Builder().build();

    private final String[] voteId;
    private final String[] voterId;
    private final String[] works;
    private final String[] categories;
    private final int[] work;
    private final String[] outcomes;
    private final int[] outcome;
    private final Times castAt;
    private final Times receivedAt;
    private final long dayBase;
    private final int[] day;
    private final String[] ips;
    private final int[] ip;
    private final String[] devices;
    private final int[] device;
    /** Derived: the refusal reason of each outcome of the dictionary (null for ACCEPTED). */
    private final RefusalReason[] reasons;
    private volatile long[] hashes;
    public VoteGroup(String[] voteId, String[] voterId,
                     String[] works, String[] categories,
                     int[] work,
                     String[] outcomes, int[] outcome,
                     Times castAt, Times receivedAt,
                     long dayBase, int[] day,
                     String[] ips, int[] ip,
                     String[] devices, int[] device) {
        this.voteId = orEmpty(voteId);
        int n = this.voteId.length;
        this.voterId = column(voterId, n, "voterId");
        this.works = orEmpty(works);
        this.categories = categories == null ? new String[this.works.length] : categories;
        this.work = column(work, n, "work");
        this.outcomes = orEmpty(outcomes);
        this.outcome = column(outcome, n, "outcome");
        this.castAt = Objects.requireNonNull(castAt, "castAt").checked(n, "castAt");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").checked(n, "receivedAt");
        this.dayBase = dayBase;
        this.day = column(day, n, "day");
        this.ips = orEmpty(ips);
        this.ip = column(ip, n, "ip");
        this.devices = orEmpty(devices);
        this.device = column(device, n, "device");
        if (this.categories.length != this.works.length) {
            throw new IllegalArgumentException("categories and works differ in length");
        }
        this.reasons = new RefusalReason[this.outcomes.length];
        for (int i = 0; i < this.outcomes.length; i++) {
            reasons[i] = ACCEPTED.equals(this.outcomes[i]) ? null : RefusalReason.valueOf(this.outcomes[i]);
        }
        for (int i = 0; i < n; i++) {
            check(this.work[i], this.works.length, "work");
            check(this.outcome[i], this.outcomes.length, "outcome");
            if (this.ip[i] != NONE) {
                check(this.ip[i], this.ips.length, "ip");
            }
            if (this.device[i] != NONE) {
                check(this.device[i], this.devices.length, "device");
            }
        }
    }

    private static void check(int index, int size, String column) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(column + " index " + index + " is outside its dictionary");
        }
    }

    private static String[] orEmpty(String[] a) {
        return a == null ? new String[0] : a;
    }

    private static String[] column(String[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException("column " + name + " must hold " + n + " values");
        }
        return a;
    }

    private static int[] column(int[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException("column " + name + " must hold " + n + " values");
        }
        return a;
    }

    private static long[] column(long[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException("column " + name + " must hold " + n + " values");
        }
        return a;
    }

    /** The same votes, in order, as a group. */
    public static VoteGroup of(List<VoteDecision> decisions) {
        Builder b = new Builder(decisions.size());
        decisions.forEach(b::add);
        return b.build();
    }

    public int size() {
        return voteId.length;
    }

    public String voteId(int i) {
        return voteId[i];
    }

    public String voterId(int i) {
        return voterId[i];
    }

    /** The index of the vote's work in {@link #workCount() the group's works}. */
    public int workIndex(int i) {
        return work[i];
    }

    public int workCount() {
        return works.length;
    }

    public String work(int index) {
        return works[index];
    }

    public String workId(int i) {
        return works[work[i]];
    }

    public String category(int i) {
        return categories[work[i]];
    }

    public boolean accepted(int i) {
        return reasons[outcome[i]] == null;
    }

    /** The refusal reason, or null for an accepted vote. */
    public RefusalReason reason(int i) {
        return reasons[outcome[i]];
    }

    public Decision decision(int i) {
        return accepted(i) ? Decision.ACCEPTED : Decision.REFUSED;
    }

    /** castAt in whole seconds from the epoch (rounded down). */
    public long castAtSecond(int i) {
        return castAt.second(i);
    }

    public Instant castAt(int i) {
        return castAt.instant(i);
    }

    public Instant receivedAt(int i) {
        return receivedAt.instant(i);
    }

    /** The latest receipt time of the group's votes (what its log line is dated by), or null for no votes. */
    public Instant latestReceivedAt() {
        int i = receivedAt.latest();
        return i < 0 ? null : receivedAt.instant(i);
    }

    /** The vote's day as an epoch day, or {@link #NO_DAY}. */
    public long epochDay(int i) {
        return day[i] == NO_DAY ? NO_DAY : dayBase + day[i];
    }

    public LocalDate day(int i) {
        return day[i] == NO_DAY ? null : LocalDate.ofEpochDay(dayBase + day[i]);
    }

    /** The index of the vote's network address in the group's dictionary, or {@link #NONE}. */
    public int ipIndex(int i) {
        return ip[i];
    }

    /** The size of the group's dictionary of network addresses. */
    public int ipCount() {
        return ips.length;
    }

    public String ipOf(int index) {
        return ips[index];
    }

    public String ip(int i) {
        return ip[i] == NONE ? null : ips[ip[i]];
    }

    public int deviceIndex(int i) {
        return device[i];
    }

    /** The size of the group's dictionary of devices. */
    public int deviceCount() {
        return devices.length;
    }

    public String deviceOf(int index) {
        return devices[index];
    }

    public String device(int i) {
        return device[i] == NONE ? null : devices[device[i]];
    }

    /**
     * Computes the id hashes now (they are otherwise computed on first use): a reader that prepares
     * groups on one thread for a counter on another moves the hashing off the counting thread.
     */
    public VoteGroup hashed() {
        hashes();
        return this;
    }

    /** {@link Hash64} of the vote id. */
    public long idHash(int i) {
        return hashes()[2 * i];
    }

    /** A second 64-bit hash of the vote id, independent of {@link Hash64} ({@link Hash64#second}). */
    public long idHash2(int i) {
        return hashes()[2 * i + 1];
    }

    private long[] hashes() {
        long[] h = hashes;
        if (h == null) {
            h = new long[2 * voteId.length];
            for (int i = 0; i < voteId.length; i++) {
                h[2 * i] = Hash64.of(voteId[i]);
                h[2 * i + 1] = Hash64.second(voteId[i]);
            }
            hashes = h;
        }
        return h;
    }

    /** Vote {@code i} as a record. */
    public VoteDecision record(int i) {
        return new VoteDecision(voteId(i), voterId(i), workId(i), category(i), castAt(i), receivedAt(i), day(i),
                decision(i), reason(i), ip(i), device(i));
    }

    /** The votes as records, one made for each read. */
    public List<VoteDecision> decisions() {
        return new Decisions();
    }

    private final class Decisions extends AbstractList<VoteDecision> implements RandomAccess {
        @Override
        public VoteDecision get(int i) {
            return record(i);
        }

        @Override
        public int size() {
            return voteId.length;
        }
    }

    /**
     * One column of instants: {@code base} plus each {@code delta}, in milliseconds with the
     * sub-millisecond nanoseconds in {@code nanos} (null when all are zero); or, for a group with an
     * instant beyond the range of epoch milliseconds, {@code unit} "s": seconds, and the whole
     * nanosecond of the second in {@code nanos}. Exact for every {@link Instant}.
     */
    public static final class Times {
        private final String unit;
        private final long base;
        private final long[] delta;
        private final int[] nanos;
        Times(String unit, long base, long[] delta,
              int[] nanos) {
            if (unit != null && !unit.equals("s")) {
                throw new IllegalArgumentException("unknown time unit " + unit);
            }
            this.unit = unit;
            this.base = base;
            this.delta = delta == null ? new long[0] : delta;
            this.nanos = nanos;
        }

        private Times checked(int n, String name) {
            if (delta.length != n || (nanos != null && nanos.length != n)) {
                throw new IllegalArgumentException("column " + name + " must hold " + n + " values");
            }
            return this;
        }

        private boolean seconds() {
            return unit != null;
        }

        long second(int i) {
            return seconds() ? base + delta[i] : Math.floorDiv(base + delta[i], 1000L);
        }

        /** The index of the latest time of the column (the first of equal ones), or -1 when it is empty. */
        int latest() {
            int best = -1;
            for (int i = 0; i < delta.length; i++) {
                if (best < 0 || delta[i] > delta[best]
                        || delta[i] == delta[best] && nanos != null && nanos[i] > nanos[best]) {
                    best = i;
                }
            }
            return best;
        }

        Instant instant(int i) {
            int n = nanos == null ? 0 : nanos[i];
            if (seconds()) {
                return Instant.ofEpochSecond(base + delta[i], n);
            }
            long millis = base + delta[i];
            return Instant.ofEpochSecond(Math.floorDiv(millis, 1000L), Math.floorMod(millis, 1000L) * 1_000_000L + n);
        }

        static Times of(Instant[] values, int n) {
            try {
                long base = n == 0 ? 0 : values[0].toEpochMilli();
                long[] delta = new long[n];
                int[] nanos = new int[n];
                boolean anyNanos = false;
                for (int i = 0; i < n; i++) {
                    delta[i] = Math.subtractExact(values[i].toEpochMilli(), base);
                    nanos[i] = values[i].getNano() % 1_000_000;
                    anyNanos |= nanos[i] != 0;
                }
                return new Times(null, base, delta, anyNanos ? nanos : null);
            } catch (ArithmeticException beyondMillis) {
                long base = values[0].getEpochSecond();
                long[] delta = new long[n];
                int[] nanos = new int[n];
                boolean anyNanos = false;
                for (int i = 0; i < n; i++) {
                    delta[i] = values[i].getEpochSecond() - base; // within 2 x 3.2e16: no overflow
                    nanos[i] = values[i].getNano();
                    anyNanos |= nanos[i] != 0;
                }
                return new Times("s", base, delta, anyNanos ? nanos : null);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Times t && Objects.equals(unit, t.unit) && base == t.base
                    && Arrays.equals(delta, t.delta) && Arrays.equals(nanos, t.nanos);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unit, base, Arrays.hashCode(delta));
        }
    }

    // ---- the stored form (JSON properties) ----
    String[] voteIdColumn() {
        return voteId;
    }
    String[] voterIdColumn() {
        return voterId;
    }
    String[] worksColumn() {
        return works;
    }
    String[] categoriesColumn() {
        return categories;
    }
    int[] workColumn() {
        return work;
    }
    String[] outcomesColumn() {
        return outcomes;
    }
    int[] outcomeColumn() {
        return outcome;
    }
    Times castAtColumn() {
        return castAt;
    }
    Times receivedAtColumn() {
        return receivedAt;
    }
    long dayBaseValue() {
        return dayBase;
    }
    int[] dayColumn() {
        return day;
    }
    String[] ipsColumn() {
        return ips;
    }
    int[] ipColumn() {
        return ip;
    }
    String[] devicesColumn() {
        return devices;
    }
    int[] deviceColumn() {
        return device;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VoteGroup g && Arrays.equals(voteId, g.voteId) && Arrays.equals(voterId, g.voterId)
                && Arrays.equals(works, g.works) && Arrays.equals(categories, g.categories)
                && Arrays.equals(work, g.work) && Arrays.equals(outcomes, g.outcomes)
                && Arrays.equals(outcome, g.outcome) && castAt.equals(g.castAt) && receivedAt.equals(g.receivedAt)
                && dayBase == g.dayBase && Arrays.equals(day, g.day) && Arrays.equals(ips, g.ips)
                && Arrays.equals(ip, g.ip) && Arrays.equals(devices, g.devices) && Arrays.equals(device, g.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(voteId), castAt, Arrays.hashCode(outcome));
    }

    @Override
    public String toString() {
        return "VoteGroup[" + size() + " votes]";
    }

    /** Builds a group vote by vote, in order; dictionaries in order of first use. */
    public static final class Builder {
        private int n;
        private String[] voteId;
        private String[] voterId;
        private int[] work;
        private int[] outcome;
        private Instant[] castAt;
        private Instant[] receivedAt;
        private long[] day;
        private int[] ip;
        private int[] device;
        private final Dictionary works = new Dictionary(64);
        /** A work's index by its id alone (its first category): no key built a vote for the usual case. */
        private final Map<String, Integer> workIds = new HashMap<>();
        private final java.util.ArrayList<String> categories = new java.util.ArrayList<>();
        private final Dictionary outcomes = new Dictionary(8);
        private final Dictionary ips;
        private final Dictionary devices;

        public Builder() {
            this(16);
        }

        /** A builder sized for about {@code expectedVotes} votes (it grows past them). */
        public Builder(int expectedVotes) {
            int n = Math.max(16, expectedVotes);
            voteId = new String[n];
            voterId = new String[n];
            work = new int[n];
            outcome = new int[n];
            castAt = new Instant[n];
            receivedAt = new Instant[n];
            day = new long[n];
            ip = new int[n];
            device = new int[n];
            ips = new Dictionary(n);
            devices = new Dictionary(n);
        }

        public int size() {
            return n;
        }

        public Builder add(VoteDecision d) {
            return add(d.voteId(), d.voterId(), d.workId(), d.category(), d.castAt(), d.receivedAt(), d.day(),
                    d.reason(), d.ip(), d.device());
        }

        /** Adds one vote; {@code reason} null means accepted. */
        public Builder add(String voteId, String voterId, String workId, String category, Instant castAt,
                           Instant receivedAt, LocalDate day, RefusalReason reason, String ip, String device) {
            if (n == this.voteId.length) {
                grow();
            }
            this.voteId[n] = voteId;
            this.voterId[n] = voterId;
            Integer w = workIds.get(workId);
            if (w == null || !Objects.equals(categories.get(w), category)) { // first of this work, or another category
                w = works.index(workId + '\u0000' + category);
                if (w == categories.size()) {
                    categories.add(category);
                    works.values.set(w, workId);
                }
                workIds.putIfAbsent(workId, w);
            }
            this.work[n] = w;
            this.outcome[n] = outcomes.index(reason == null ? ACCEPTED : reason.name());
            this.castAt[n] = Objects.requireNonNull(castAt, "castAt");
            this.receivedAt[n] = Objects.requireNonNull(receivedAt, "receivedAt");
            this.day[n] = day == null ? Long.MIN_VALUE : day.toEpochDay();
            this.ip[n] = ip == null ? NONE : ips.index(ip);
            this.device[n] = device == null ? NONE : devices.index(device);
            n++;
            return this;
        }

        private void grow() {
            int m = n * 2;
            voteId = Arrays.copyOf(voteId, m);
            voterId = Arrays.copyOf(voterId, m);
            work = Arrays.copyOf(work, m);
            outcome = Arrays.copyOf(outcome, m);
            castAt = Arrays.copyOf(castAt, m);
            receivedAt = Arrays.copyOf(receivedAt, m);
            day = Arrays.copyOf(day, m);
            ip = Arrays.copyOf(ip, m);
            device = Arrays.copyOf(device, m);
        }

        public VoteGroup build() {
            long dayBase = 0;
            for (int i = 0; i < n; i++) {
                if (day[i] != Long.MIN_VALUE) {
                    dayBase = day[i];
                    break;
                }
            }
            int[] days = new int[n];
            for (int i = 0; i < n; i++) {
                days[i] = day[i] == Long.MIN_VALUE ? NO_DAY : Math.toIntExact(day[i] - dayBase);
            }
            return new VoteGroup(Arrays.copyOf(voteId, n), Arrays.copyOf(voterId, n), works.values.toArray(String[]::new),
                    categories.toArray(String[]::new), Arrays.copyOf(work, n), outcomes.values.toArray(String[]::new),
                    Arrays.copyOf(outcome, n), Times.of(castAt, n), Times.of(receivedAt, n), dayBase, days,
                    ips.values.toArray(String[]::new), Arrays.copyOf(ip, n), devices.values.toArray(String[]::new),
                    Arrays.copyOf(device, n));
        }
    }

    /** Values in order of first use and the index of each, in a {@link KeyTable}: no entry or boxed index a value. */
    private static final class Dictionary {
        final java.util.ArrayList<String> values;
        private final KeyTable indexes;

        Dictionary(int expected) {
            values = new java.util.ArrayList<>(Math.min(expected, 1 << 16));
            indexes = new KeyTable(expected);
        }

        int index(String value) {
            int index = indexes.getOrPut(value, values.size());
            if (index == values.size()) {
                values.add(value);
            }
            return index;
        }
    }
}
