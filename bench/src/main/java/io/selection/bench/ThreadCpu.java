package io.selection.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time of a process's threads on Linux, from {@code /proc/PID/task/TID/stat}, added up by
 * kind of HotSpot thread: the collector's pause workers ({@code GC Thread#n}), its concurrent
 * marking ({@code G1 Main Marker}, {@code G1 Conc#n}), its refinement of remembered sets
 * ({@code G1 Refine#n}), the VM thread, the JIT compilers, and the service's own threads by what
 * they do (the doors' deciding, the writers' commits, the read models, the request threads, the
 * kept log's sealer), and every other thread. Each thread is followed by its id, so a thread that ended between two readings is
 * left out of both and one started between them counts from nothing. This splits what the
 * collector costs where the JVM's own counters cannot: on Java 17, G1 reports neither its
 * concurrent marking nor its refinement to the management beans that Micrometer reads.
 */
final class ThreadCpu {

    /** Clock ticks a second of {@code /proc}'s times: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;
    /**
     * The kinds, in the order they are told, each with the names of its threads as the kernel keeps
     * them (cut to 15 characters): HotSpot's own, then the service's. A thread of none of them is of
     * {@link #OTHER}.
     */
    private static final List<Map.Entry<String, Pattern>> KINDS = List.of(
            kind("collector's pause workers", "GC Thread#.*"),
            kind("collector's concurrent marking", "G1 Main Marker.*|G1 Conc#.*"),
            kind("collector's refinement", "G1 Refine#.*"),
            kind("VM thread", "VM Thread"),
            kind("JIT compilers", "C[12] CompilerThre.*"),
            kind("deciding", "vote-kafka-cons.*|vote-intake-.*|vote-decider.*"),
            kind("writing", "vote-writer-.*"),
            kind("read models", "EventProcessor\\[.*|read-models-rea.*"),
            kind("requests", "http-nio-.*"),
            kind("log sealer", "log-sealer"));
    private static final String OTHER = "all other threads";

    private static Map.Entry<String, Pattern> kind(String kind, String names) {
        return Map.entry(kind, Pattern.compile(names));
    }

    private ThreadCpu() {
    }

    /** One thread at one reading: its kind and its CPU seconds so far. */
    record Reading(String kind, double seconds) {
    }

    /** What the threads alive at {@code after} used since {@code before}, by kind. */
    static Map<String, Double> since(Map<Long, Reading> before, Map<Long, Reading> after) {
        Map<String, Double> cpu = new TreeMap<>();
        after.forEach((tid, now) -> {
            Reading then = before.get(tid);
            cpu.merge(now.kind(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        return cpu;
    }

    /** CPU seconds of each thread by its id now, or null when they cannot be read (not Linux, or the process is gone). */
    static Map<Long, Reading> of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        Map<Long, Reading> cpu = new TreeMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    // "tid (name) state ..." where the name may hold spaces and parentheses: split after the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields 14 and 15 of the line (utime, stime) are 12 and 13 after the name and the state
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                    cpu.put(Long.parseLong(thread.getFileName().toString()), new Reading(kind(name), seconds));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while read: left out
                }
            }
        } catch (IOException gone) {
            return null;
        }
        return cpu;
    }

    /** The kind of a thread by its name as the kernel keeps it (15 characters at most). */
    static String kind(String name) {
        for (Map.Entry<String, Pattern> kind : KINDS) {
            if (kind.getValue().matcher(name).matches()) {
                return kind.getKey();
            }
        }
        return OTHER;
    }

    /** "collector's pause workers 21.3 s, ..., all other threads 130.2 s (of 160.0 s)". */
    static String describe(Map<String, Double> cpu) {
        StringBuilder s = new StringBuilder();
        double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        for (String kind : Stream.concat(KINDS.stream().map(Map.Entry::getKey), Stream.of(OTHER))
                .toList()) {
            Double seconds = cpu.get(kind);
            if (seconds != null) {
                s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", kind, seconds));
            }
        }
        return s.append(String.format(Locale.ROOT, " (of %.1f s)", total)).toString();
    }
}
