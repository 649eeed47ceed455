package io.selection.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The CPU of a process's threads by kind, read from /proc: this test JVM's own. */
class ThreadCpuTest {

    @Test
    void names_the_kinds_of_hotspot_threads() {
        assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo("collector's pause workers");
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo("collector's concurrent marking");
        assertThat(ThreadCpu.kind("G1 Main Marker")).isEqualTo("collector's concurrent marking");
        assertThat(ThreadCpu.kind("G1 Refine#0")).isEqualTo("collector's refinement");
        assertThat(ThreadCpu.kind("VM Thread")).isEqualTo("VM thread");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.kind("kafka-votes")).isEqualTo("all other threads");
        assertThat(ThreadCpu.kind("vote-kafka-cons")).isEqualTo("deciding");
        assertThat(ThreadCpu.kind("vote-intake-loc")).isEqualTo("deciding");
        assertThat(ThreadCpu.kind("vote-decider")).isEqualTo("deciding");
        assertThat(ThreadCpu.kind("vote-writer-kaf")).isEqualTo("writing");
        assertThat(ThreadCpu.kind("EventProcessor[")).isEqualTo("read models");
        assertThat(ThreadCpu.kind("read-models-rea")).isEqualTo("read models");
        assertThat(ThreadCpu.kind("http-nio-127.0.")).isEqualTo("requests");
        assertThat(ThreadCpu.kind("log-sealer")).isEqualTo("log sealer");
        assertThat(ThreadCpu.kind("main")).isEqualTo("all other threads");
    }

    @Test
    void a_thread_that_ended_between_readings_is_left_out_and_a_new_one_counts_from_nothing() {
        String other = "all other threads";
        Map<Long, ThreadCpu.Reading> before = Map.of(1L, new ThreadCpu.Reading(other, 5.0),
                2L, new ThreadCpu.Reading(other, 9.0), 4L, new ThreadCpu.Reading("VM thread", 1.0));
        Map<Long, ThreadCpu.Reading> after = Map.of(1L, new ThreadCpu.Reading(other, 5.5),
                3L, new ThreadCpu.Reading(other, 0.25), 4L, new ThreadCpu.Reading("VM thread", 1.5));
        assertThat(ThreadCpu.since(before, after)).containsExactlyInAnyOrderEntriesOf(
                Map.of(other, 0.75, "VM thread", 0.5));
    }

    @Test
    void a_thread_that_works_shows_in_the_cpu_of_the_application_threads() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        Map<Long, ThreadCpu.Reading> before = ThreadCpu.of(pid);
        assumeTrue(before != null, "no /proc here (not Linux): thread CPU is not read");
        // work for at least 300 ms of this thread's own CPU time
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long x = 0;
        while (mx.getCurrentThreadCpuTime() - start < 300_000_000L) {
            for (int i = 0; i < 100_000; i++) {
                x += (x ^ i) * 31;
            }
        }
        // a thread that starts, works a little and ends between the readings is left out, and takes nothing away
        Thread brief = new Thread(() -> {
            long t = mx.getCurrentThreadCpuTime();
            while (mx.getCurrentThreadCpuTime() - t < 50_000_000L) {
                Thread.onSpinWait();
            }
        });
        brief.start();
        brief.join();
        Map<String, Double> used = ThreadCpu.since(before, ThreadCpu.of(pid));
        assertThat(used.get("all other threads")).as("CPU seconds of the application's threads (%d)", x)
                .isGreaterThanOrEqualTo(0.25);
        assertThat(used.values()).allMatch(seconds -> seconds >= 0);
        assertThat(ThreadCpu.describe(used)).contains("all other threads").endsWith(" s)");
    }
}
