package io.selection.projections;

import io.selection.edition.VotingRules;
import io.selection.projections.Views.SuspiciousSet;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteGroup;
import io.selection.voting.VoteSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds flagged sets among one edition's vote decisions as they are folded in, a vote group at a
 * time, column by column.
 *
 * <p><b>Bursts</b> ({@code ip-burst}, {@code device-burst}; {@link Bursts}) are counted in sliding
 * windows: a key is flagged when more than its limit of accepted votes have castAt in one window
 * [t, t + window-minutes), for any second t (castAt counts to the second, rounded down). The
 * flagged set is the union of all such windows of the key, windows that overlap merged into one.
 * Its members are all the key's accepted votes in that union; it is shown, and invalidated, as
 * [from, to): from the second of its first vote to the second after its last, which holds exactly
 * those votes, and is what {@link VoteSet} takes; {@code votes} counts them. The set's id is
 * {@code rule:key:from/to}: it names the range, so an id always takes the same votes (bar a vote
 * cast inside the range that arrives late). A set grows as its burst goes on, under a new id, and
 * the id read before still invalidates the range it named; two sets of a key merge when a vote
 * joins their windows.
 *
 * <p>Memory: each key keeps its votes from a <em>floor</em> on, one int each, and nothing before
 * it. Each lane has a mark, the latest castAt of its accepted votes (a lane is left out once the
 * edition's last {@value #IDLE_GROUPS} groups with accepted votes include none of its); the floor
 * is the earliest mark less the window and the edition's clock skew, and it never goes down. The
 * sets are exactly those of the definition as long as no vote is cast more than the clock skew
 * before a vote its lane logged earlier (a lane logs its votes in the order it received them, and
 * the clock-skew rule keeps an accepted castAt within the skew after its receipt) and every lane
 * has had a group before the floor passes its votes. A vote dated behind the floor still counts in
 * a set that covers it, but starts none. Past {@code maxKept} votes kept (4 million by default: 16
 * MB of ints, up to twice that with the arrays' room to grow), the floor rises until half are left:
 * a burst counted after that can go unflagged. Flags only point an organiser at votes, they never
 * decide one, and a set never counts a vote outside it or misses one inside it. Flagged sets are
 * never dropped.
 *
 * <p><b>Limit hitters</b> (a voter's daily-limit refusals) are counted per calendar day of the vote;
 * windows live until their day is more than one day behind the latest such refusal, and past
 * {@code maxDayWindows} (250,000) unflagged ones the oldest days are dropped first.
 *
 * <p>All of this depends on the log's order and content only, so a rebuild gives the same sets.
 */
final class SuspiciousVotes {

    /** A lane leaves the floor once none of the edition's latest this many groups with accepted votes is its. */
    static final int IDLE_GROUPS = 1_024;
    private static final int SAMPLE = 5;
    private static final int UNRESOLVED = -2;

    private final SuspicionRules rules;
    private final long windowSeconds;
    private final Bursts ips;
    private final Bursts devices;
    private final long maxKept;
    private long skewSeconds = VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    private java.time.ZoneId zone = java.time.ZoneOffset.UTC;
    /** Each lane's latest castAt second of an accepted vote, and the group it was last seen in. */
    private final Map<String, long[]> lanes = new TreeMap<>();
    private long groups;
    private long floor = Long.MIN_VALUE;
    private long sweptAt = Long.MIN_VALUE;

    /** Limit-hitter windows by epoch day, then by voter. */
    private final TreeMap<Long, Map<String, Window>> dayWindows = new TreeMap<>();
    private final Map<String, SuspiciousSet> flaggedDays = new TreeMap<>();
    private long latestDay = Long.MIN_VALUE;
    private final int maxDayWindows;
    /** Unflagged day windows kept now. */
    private int unflagged;

    SuspiciousVotes(SuspicionRules rules) {
        this(rules, 4_000_000, 250_000);
    }

    SuspiciousVotes(SuspicionRules rules, long maxKept, int maxDayWindows) {
        this.rules = rules;
        this.windowSeconds = rules.windowMinutes() * 60L;
        if (windowSeconds <= 0 || windowSeconds > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("window-minutes must be between 1 and "
                    + Integer.MAX_VALUE / 4 / 60 + ": " + rules.windowMinutes());
        }
        this.ips = new Bursts("ip-burst", "ip", rules.perIp(), (int) windowSeconds);
        this.devices = new Bursts("device-burst", "device", rules.perDevice(), (int) windowSeconds);
        this.maxKept = maxKept;
        this.maxDayWindows = maxDayWindows;
    }

    /** The edition's clock skew: how far the floor stays behind the lanes' latest castAt, beyond the window. */
    void clockSkew(int seconds) {
        this.skewSeconds = Math.max(0, seconds);
    }

    /** The edition's time zone: a voter's day, and so a limit hitter's set, runs from its midnight there. */
    void timeZone(java.time.ZoneId zone) {
        this.zone = zone;
    }

    /** What the reads ahead read, kept so that they are not left out as unused. */
    private long readAhead;

    /**
     * Reads ahead what folding the group will look up, changing nothing: every address and device
     * of its dictionaries in the rules' key tables, then their slots. Each is a cache miss or two
     * in tables of a few hundred thousand keys; read in loops that do nothing else, the misses of
     * a whole dictionary overlap, where the fold, vote by vote, met them one after another.
     */
    private void readAhead(VoteGroup g) {
        long read = 0;
        for (boolean slotsKnown : new boolean[] {false, true}) {
            for (int k = 0; k < g.ipCount(); k++) {
                read += ips.readAhead(g.ipOf(k), slotsKnown);
            }
            for (int k = 0; k < g.deviceCount(); k++) {
                read += devices.readAhead(g.deviceOf(k), slotsKnown);
            }
        }
        readAhead += read;
    }

    /** Folds in every decision of a group of {@code lane}, in order. */
    void fold(String lane, VoteGroup g) {
        readAhead(g);
        int[] ipSlots = null;
        int[] deviceSlots = null;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < g.size(); i++) {
            if (!g.accepted(i)) {
                foldRefusal(g, i);
                continue;
            }
            long second = g.castAtSecond(i);
            latest = Math.max(latest, second);
            int ip = g.ipIndex(i);
            if (ip != VoteGroup.NONE) {
                if (ipSlots == null) {
                    ipSlots = unresolved(g.ipCount());
                }
                int slot = ipSlots[ip];
                if (slot == UNRESOLVED) {
                    slot = ipSlots[ip] = ips.slotOf(g.ipOf(ip));
                }
                if (slot != Bursts.SKIP) {
                    ips.add(slot, second, floor, g.voteId(i));
                }
            }
            int device = g.deviceIndex(i);
            if (device != VoteGroup.NONE) {
                if (deviceSlots == null) {
                    deviceSlots = unresolved(g.deviceCount());
                }
                int slot = deviceSlots[device];
                if (slot == UNRESOLVED) {
                    slot = deviceSlots[device] = devices.slotOf(g.deviceOf(device));
                }
                if (slot != Bursts.SKIP) {
                    devices.add(slot, second, floor, g.voteId(i));
                }
            }
        }
        if (latest != Long.MIN_VALUE) {
            moveFloor(lane == null ? "" : lane, latest);
        }
        if (unflagged > maxDayWindows) {
            shedDays();
        }
    }

    private static int[] unresolved(int size) {
        int[] slots = new int[size];
        Arrays.fill(slots, UNRESOLVED);
        return slots;
    }

    /**
     * After a group with accepted votes: the lane's latest castAt, then the floor (never lower than
     * before), then, once the floor has moved a quarter of a window since the last one or the cap is
     * passed, a sweep of the keys left with no vote from the floor on.
     */
    private void moveFloor(String lane, long latest) {
        long[] mark = lanes.computeIfAbsent(lane, l -> new long[] {Long.MIN_VALUE, 0});
        mark[0] = Math.max(mark[0], latest);
        mark[1] = groups++;
        long earliest = Long.MAX_VALUE;
        for (Iterator<long[]> it = lanes.values().iterator(); it.hasNext(); ) {
            long[] m = it.next();
            if (m[1] < groups - IDLE_GROUPS) {
                it.remove(); // an idle lane; if it comes back it starts again from its next group
            } else {
                earliest = Math.min(earliest, m[0]);
            }
        }
        if (earliest != Long.MIN_VALUE) {
            floor = Math.max(floor, earliest - windowSeconds - skewSeconds);
        }
        boolean full = ips.kept() + devices.kept() > maxKept;
        if (full) {
            floor = Math.max(floor, shedFloor());
        }
        if (full || (floor != Long.MIN_VALUE && (sweptAt == Long.MIN_VALUE || floor - sweptAt >= windowSeconds / 4))) {
            ips.sweep(floor, full);
            devices.sweep(floor, full);
            sweptAt = floor;
        }
    }

    /** The lowest floor that leaves at most half of {@code maxKept} votes kept. */
    private long shedFloor() {
        long[] a = ips.keptRange();
        long[] b = devices.keptRange();
        long min = Math.min(a == null ? Long.MAX_VALUE : a[0], b == null ? Long.MAX_VALUE : b[0]);
        long max = Math.max(a == null ? Long.MIN_VALUE : a[1], b == null ? Long.MIN_VALUE : b[1]);
        if (min > max) {
            return floor;
        }
        long[] counts = new long[4_096];
        long width = Math.max(1, (max - min) / counts.length + 1);
        ips.histogram(counts, min, width);
        devices.histogram(counts, min, width);
        long drop = ips.kept() + devices.kept() - maxKept / 2;
        long dropped = 0;
        for (int b2 = 0; b2 < counts.length; b2++) {
            dropped += counts[b2];
            if (dropped >= drop) {
                return min + (b2 + 1) * width;
            }
        }
        return max + 1;
    }

    private void foldRefusal(VoteGroup g, int i) {
        RefusalReason reason = g.reason(i);
        long day = g.epochDay(i);
        if (day != VoteGroup.NO_DAY && (reason == RefusalReason.DAILY_WORK_LIMIT
                || reason == RefusalReason.DAILY_CATEGORY_LIMIT)) {
            if (day > latestDay) {
                latestDay = day;
                forgetDaysBefore(day - 1);
            }
            countDay(g.voterId(i), day, g.voteId(i));
        }
    }

    /** Drops the unflagged day windows of every day before {@code keepFrom}. */
    private void forgetDaysBefore(long keepFrom) {
        Iterator<Map.Entry<Long, Map<String, Window>>> days = dayWindows.headMap(keepFrom, false).entrySet().iterator();
        while (days.hasNext()) {
            drop(days, days.next());
        }
    }

    /** Drops unflagged day windows, oldest day first, until half the cap is left. */
    private void shedDays() {
        Iterator<Map.Entry<Long, Map<String, Window>>> days = dayWindows.entrySet().iterator();
        while (unflagged > maxDayWindows / 2 && days.hasNext()) {
            drop(days, days.next());
        }
    }

    /** Drops the unflagged windows of the day just returned by {@code it}, and the day if none is left. */
    private void drop(Iterator<Map.Entry<Long, Map<String, Window>>> it, Map.Entry<Long, Map<String, Window>> day) {
        Map<String, Window> voters = day.getValue();
        int before = voters.size();
        voters.values().removeIf(w -> !w.flagged);
        unflagged -= before - voters.size();
        if (voters.isEmpty()) {
            it.remove();
        }
    }

    private void countDay(String voter, long day, String voteId) {
        Map<String, Window> voters = dayWindows.computeIfAbsent(day, d -> new HashMap<>());
        Window w = voters.get(voter);
        if (w == null) {
            w = new Window();
            voters.put(voter, w);
            unflagged++;
        }
        w.count++;
        if (w.sample.size() < SAMPLE) {
            w.sample.add(voteId);
        }
        if (w.count > rules.limitRefusals() - 1) {
            if (!w.flagged) {
                unflagged--;
            }
            w.flagged = true;
            // the voter's day as the edition counts it: from its midnight to the next, in the edition's zone
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
            Instant from = date.atStartOfDay(zone).toInstant();
            String id = "limit-hitter:" + voter + ":" + from;
            flaggedDays.put(id, new SuspiciousSet(id, "limit-hitter", "voter", voter, w.count, from,
                    date.plusDays(1).atStartOfDay(zone).toInstant(), List.copyOf(w.sample)));
        }
    }

    /** Burst votes kept now: what the memory bound is about. */
    long votesKept() {
        return ips.kept() + devices.kept();
    }

    /** The slots the address and device rules' arrays have room for now. */
    int slotCapacity() {
        return ips.capacity() + devices.capacity();
    }

    /** Addresses and devices with a slot now. */
    int keysKept() {
        return ips.keys() + devices.keys();
    }

    /** Limit-hitter windows kept now (flagged or not). */
    int dayWindowsKept() {
        return dayWindows.values().stream().mapToInt(Map::size).sum();
    }

    /** The flagged sets, in order of id. */
    List<SuspiciousSet> sets() {
        List<SuspiciousSet> sets = new ArrayList<>(flaggedDays.values());
        ips.sets(sets);
        devices.sets(sets);
        sets.sort(Comparator.comparing(SuspiciousSet::id));
        return List.copyOf(sets);
    }

    /** What invalidating the set {@code id} takes, or null when no flagged set answers it. */
    VoteSet flaggedSet(String id) {
        SuspiciousSet day = flaggedDays.get(id);
        if (day != null) {
            return new VoteSet(day.id(), day.rule(), day.kind(), day.key(), day.from(), day.to());
        }
        VoteSet set = ips.invalidation(id);
        return set != null ? set : devices.invalidation(id);
    }

    private static final class Window {
        int count;
        boolean flagged;
        final List<String> sample = new ArrayList<>(SAMPLE);
    }
}
