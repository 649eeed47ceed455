package io.selection.api.config;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background thread stopped by its signal: a long pause ends at once, the pass under way
 * finishes before {@code stop} returns, and the thread is never interrupted (an interrupted H2
 * file read or write can close the database under every other user of it).
 */
class StopSignalTest {

    @Test
    void stopping_wakes_a_paused_thread_waits_for_its_pass_and_never_interrupts_it() throws Exception {
        StopSignal signal = new StopSignal();
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch finishPass = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean passEnded = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            while (!signal.stopping()) {
                if (passes.incrementAndGet() == 2) {
                    inPass.countDown();
                    try {
                        finishPass.await(); // a pass under way when stop is called
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    passEnded.set(true);
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                signal.pause(passes.get() == 1 ? 1 : 3_600_000); // then an hour: only the signal ends it
            }
            interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
        }, "stop-signal-test");
        worker.start();
        assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(() -> {
            try {
                signal.stop(worker, 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        // stop waits for the pass under way: the stopper is joined on the worker, the pass not ended
        Awaitility.await("the stopper waits for the worker").atMost(Duration.ofSeconds(10))
                .until(() -> stopper.getState() == Thread.State.TIMED_WAITING || !stopper.isAlive());
        assertThat(stopper.isAlive()).as("stop returns before the pass ends").isTrue();
        assertThat(passEnded).as("the pass under way").isFalse();
        assertThat(signal.stopping()).isTrue();
        finishPass.countDown();
        stopper.join(10_000);
        assertThat(stopper.isAlive()).as("stop returned").isFalse();
        assertThat(worker.isAlive()).as("the worker ended instead of pausing an hour").isFalse();
        assertThat(passEnded).isTrue();
        assertThat(passes.get()).as("no pass after the stop").isEqualTo(2);
        assertThat(interrupted).as("never interrupted").isFalse();
    }

    @Test
    void a_pause_lasts_its_time_when_nobody_stops() throws InterruptedException {
        StopSignal signal = new StopSignal();
        long t0 = System.nanoTime();
        assertThat(signal.pause(50)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        signal.stop(null, 0);
        assertThat(signal.pause(3_600_000)).as("a stopped signal does not pause").isTrue();
    }
}
