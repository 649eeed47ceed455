package io.selection.projections;

import io.selection.projections.Views.SuspiciousSet;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteGroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds flagged sets among one edition's vote decisions as they are folded in, a vote group at a
 * time, column by column. Two kinds of counting window, kept apart:
 * <ul>
 * <li>bursts (accepted votes per network address or device) in fixed slices of castAt time;</li>
 * <li>limit hitters (a voter's daily-limit refusals) per calendar day of the vote.</li>
 * </ul>
 * Memory follows the active keys of the latest two slices and the latest two days, not the length
 * of the log:
 * <ul>
 * <li>burst windows more than a slice behind the latest <em>accepted</em> vote's slice are
 * dropped when a newer slice begins. Only accepted votes move that mark: the clock-skew rule
 * bounds an accepted vote's castAt by the time it was received, so a vote dated far ahead (a
 * hostile or broken client, always refused) cannot move it and strand every later window;</li>
 * <li>limit-hitter windows live until their day is more than one day behind the latest such
 * refusal, so a voter hitting limits all day long is counted over the whole day.</li>
 * </ul>
 * A late vote (castAt behind the mark) still counts in its own window while that window is kept.
 * Lanes that run far apart (a Kafka door catching up reads one partition's week before the next
 * one's) would keep every window between them, so unflagged windows are also capped
 * ({@code maxWindows}, 250,000 by default, some 50 MB): past the cap the oldest slices and days are
 * dropped first, down to half the cap. A burst counted after its window was dropped this way can go
 * unflagged; flags only point an organiser at votes, they never decide one. Flagged windows are
 * never dropped: a set is described by its rule, key and time range, and its votes are the
 * accepted votes matching it. All of this depends on the log's order only, so a rebuild gives
 * the same sets.
 */
final class SuspiciousVotes {

    private static final int SAMPLE = 5;

    private final SuspicionRules rules;
    private final long windowSeconds;
    /** Burst windows by slice, then by key: {@code ip-burst} and {@code device-burst} apart. */
    private final TreeMap<Long, Map<String, Window>> ipWindows = new TreeMap<>();
    private final TreeMap<Long, Map<String, Window>> deviceWindows = new TreeMap<>();
    /** Limit-hitter windows by epoch day, then by voter. */
    private final TreeMap<Long, Map<String, Window>> dayWindows = new TreeMap<>();
    private final Map<String, SuspiciousSet> flagged = new TreeMap<>();
    private long latestSlice = Long.MIN_VALUE;
    private long latestDay = Long.MIN_VALUE;
    private final int maxWindows;
    /** Unflagged windows kept now. */
    private int unflagged;

    SuspiciousVotes(SuspicionRules rules) {
        this(rules, 250_000);
    }

    SuspiciousVotes(SuspicionRules rules, int maxWindows) {
        this.rules = rules;
        this.windowSeconds = rules.windowMinutes() * 60L;
        this.maxWindows = maxWindows;
    }

    /** Folds in every decision of the group, in order. */
    void fold(VoteGroup g) {
        for (int i = 0; i < g.size(); i++) {
            fold(g, i);
        }
        if (unflagged > maxWindows) {
            shed();
        }
    }

    /** Drops unflagged windows, oldest slice or day first, until half the cap is left. */
    private void shed() {
        Iterator<Map.Entry<Long, Map<String, Window>>> ips = ipWindows.entrySet().iterator();
        Iterator<Map.Entry<Long, Map<String, Window>>> devices = deviceWindows.entrySet().iterator();
        Iterator<Map.Entry<Long, Map<String, Window>>> days = dayWindows.entrySet().iterator();
        Map.Entry<Long, Map<String, Window>> ip = next(ips);
        Map.Entry<Long, Map<String, Window>> device = next(devices);
        Map.Entry<Long, Map<String, Window>> day = next(days);
        while (unflagged > maxWindows / 2 && (ip != null || device != null || day != null)) {
            // in seconds: slices are windowSeconds long, days a day long
            long ipAt = ip == null ? Long.MAX_VALUE : ip.getKey() * windowSeconds;
            long deviceAt = device == null ? Long.MAX_VALUE : device.getKey() * windowSeconds;
            long dayAt = day == null ? Long.MAX_VALUE : day.getKey() * 86_400;
            if (ip != null && ipAt <= deviceAt && ipAt <= dayAt) {
                drop(ips, ip);
                ip = next(ips);
            } else if (device != null && deviceAt <= dayAt) {
                drop(devices, device);
                device = next(devices);
            } else {
                drop(days, day);
                day = next(days);
            }
        }
    }

    private static Map.Entry<Long, Map<String, Window>> next(Iterator<Map.Entry<Long, Map<String, Window>>> it) {
        return it.hasNext() ? it.next() : null;
    }

    /** Drops the unflagged windows of the slice just returned by {@code it}, and the slice if none is left. */
    private void drop(Iterator<Map.Entry<Long, Map<String, Window>>> it, Map.Entry<Long, Map<String, Window>> slice) {
        Map<String, Window> keys = slice.getValue();
        int before = keys.size();
        keys.values().removeIf(w -> !w.flagged);
        unflagged -= before - keys.size();
        if (keys.isEmpty()) {
            it.remove();
        }
    }

    private void fold(VoteGroup g, int i) {
        if (g.accepted(i)) {
            long slice = Math.floorDiv(g.castAtSecond(i), windowSeconds);
            if (slice > latestSlice) {
                latestSlice = slice;
                forgetBefore(ipWindows, slice - 1);
                forgetBefore(deviceWindows, slice - 1);
            }
            int ip = g.ipIndex(i);
            if (ip != VoteGroup.NONE && !g.ipOf(ip).isBlank()) {
                count(ipWindows, "ip-burst", "ip", g.ipOf(ip), slice, windowSeconds, rules.perIp(), g.voteId(i));
            }
            int device = g.deviceIndex(i);
            if (device != VoteGroup.NONE && !g.deviceOf(device).isBlank()) {
                count(deviceWindows, "device-burst", "device", g.deviceOf(device), slice, windowSeconds,
                        rules.perDevice(), g.voteId(i));
            }
        } else {
            RefusalReason reason = g.reason(i);
            long day = g.epochDay(i);
            if (day != VoteGroup.NO_DAY && (reason == RefusalReason.DAILY_WORK_LIMIT
                    || reason == RefusalReason.DAILY_CATEGORY_LIMIT)) {
                if (day > latestDay) {
                    latestDay = day;
                    forgetBefore(dayWindows, day - 1);
                }
                count(dayWindows, "limit-hitter", "voter", g.voterId(i), day, 86_400, rules.limitRefusals() - 1,
                        g.voteId(i));
            }
        }
    }

    /** Drops the unflagged windows of every slice before {@code keepFrom}. */
    private void forgetBefore(TreeMap<Long, Map<String, Window>> windows, long keepFrom) {
        Iterator<Map.Entry<Long, Map<String, Window>>> slices = windows.headMap(keepFrom, false).entrySet().iterator();
        while (slices.hasNext()) {
            drop(slices, slices.next());
        }
    }

    private void count(TreeMap<Long, Map<String, Window>> windows, String rule, String kind, String key, long slice,
                       long seconds, int limit, String voteId) {
        Map<String, Window> keys = windows.computeIfAbsent(slice, s -> new HashMap<>());
        Window w = keys.get(key);
        if (w == null) {
            w = new Window();
            keys.put(key, w);
            unflagged++;
        }
        w.count++;
        if (w.sample.size() < SAMPLE) {
            w.sample.add(voteId);
        }
        if (w.count > limit) {
            // the set's id and times are made only for windows that are flagged
            if (!w.flagged) {
                unflagged--;
            }
            w.flagged = true;
            Instant from = Instant.ofEpochSecond(slice * seconds); // a day's window starts at 00:00 UTC of its day
            String id = rule + ":" + key + ":" + from;
            flagged.put(id, new SuspiciousSet(id, rule, kind, key, w.count, from, from.plusSeconds(seconds),
                    List.copyOf(w.sample)));
        }
    }

    /** Windows kept now (flagged or not): what the memory bound is about. */
    int windowsKept() {
        return size(ipWindows) + size(deviceWindows) + size(dayWindows);
    }

    private static int size(TreeMap<Long, Map<String, Window>> windows) {
        return windows.values().stream().mapToInt(Map::size).sum();
    }

    List<SuspiciousSet> sets() {
        return List.copyOf(flagged.values());
    }

    SuspiciousSet set(String id) {
        return flagged.get(id);
    }

    private static final class Window {
        int count;
        boolean flagged;
        final List<String> sample = new ArrayList<>(SAMPLE);
    }
}
