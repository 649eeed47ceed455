package io.selection.api.voting.doors;

import io.selection.api.config.SelectionProperties;
import io.selection.api.voting.intake.VoteDoors;
import io.selection.api.web.Unavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load shedding on the HTTP vote doors. A request is let in only while the oldest request still
 * waiting for its durable answer has waited less than the latency budget
 * ({@code selection.votes.latency-budget-millis}), and while the votes waiting stay within the
 * queue's capacity; otherwise it is refused at once with 503 and {@code Retry-After}, before any
 * of its votes is decided. Under overload the intake thus holds about what the writer commits
 * within the budget, and every admitted caller is answered within about the budget, instead of
 * queueing without bound. A caller let in waits at most {@code answer-timeout-millis} for its
 * answer, then gets a 503 (its votes may yet be recorded: sent again with the same ids they
 * answer their first decision). Nothing is let in while a door cannot decide ({@link VoteDoors}).
 */
@Component
public class VoteAdmission {

    private final VoteDoors doors;
    private final long budgetNanos;
    private final long answerTimeoutNanos;
    private final long capacity;
    private final AtomicLong tickets = new AtomicLong();
    /** Requests let in and not yet answered: ticket number to the {@link System#nanoTime()} it was let in. */
    private final ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();
    private final AtomicLong votesWaiting = new AtomicLong();
    private final Counter shed;
    private final Counter timedOut;

    public VoteAdmission(VoteDoors doors, SelectionProperties properties, MeterRegistry meters) {
        this.doors = doors;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(properties.votes().latencyBudgetMillis());
        this.answerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(properties.votes().answerTimeoutMillis());
        this.capacity = Math.max(1, properties.votes().queueCapacity());
        this.shed = Counter.builder("selection.votes.shed")
                .description("votes refused at once with 503 because the intake was over its latency budget, "
                        + "full, or could not decide").register(meters);
        this.timedOut = Counter.builder("selection.votes.answer.timeouts")
                .description("requests answered 503 after waiting answer-timeout-millis for a durable decision")
                .register(meters);
        Gauge.builder("selection.votes.waiting", votesWaiting, AtomicLong::get)
                .description("votes let in over HTTP and not yet answered").register(meters);
        Gauge.builder("selection.votes.oldest.wait.seconds", this, a -> a.oldestWaitNanos(System.nanoTime()) / 1e9)
                .description("how long the oldest request let in has waited for its answer").register(meters);
    }

    /** One request let in: close it once answered (or given up on). */
    public final class Ticket implements AutoCloseable {
        private final long number;
        private final int votes;
        private final long deadline;
        private boolean closed;

        private Ticket(long number, int votes, long now) {
            this.number = number;
            this.votes = votes;
            this.deadline = now + answerTimeoutNanos;
        }

        /** The durable answer, waiting no later than the ticket's deadline; 503 after it. */
        public <T> T await(CompletableFuture<T> answer) {
            try {
                return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                timedOut.increment();
                throw new Unavailable("no durable decision within "
                        + TimeUnit.NANOSECONDS.toMillis(answerTimeoutNanos) + " ms; the vote may yet be recorded: "
                        + "send it again with the same id, which answers its first decision", 1);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while waiting for the decision", 1);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                waiting.remove(number);
                votesWaiting.addAndGet(-votes);
            }
        }
    }

    /** Lets {@code votes} votes in, or refuses them all at once (503 with Retry-After). */
    public Ticket enter(int votes) {
        try {
            doors.refuseUnlessDeciding();
        } catch (Unavailable e) {
            shed.increment(votes);
            throw e;
        }
        long now = System.nanoTime();
        long oldest = oldestWaitNanos(now);
        if (oldest > budgetNanos) {
            shed.increment(votes);
            throw new Unavailable("the vote intake is over its latency budget (the oldest vote waiting "
                    + "has waited " + TimeUnit.NANOSECONDS.toMillis(oldest) + " ms, budget "
                    + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms); nothing of this request was decided: "
                    + "send it again later", 1 + oldest / 1_000_000_000L);
        }
        long before = votesWaiting.getAndAdd(votes);
        if (before > 0 && before + votes > capacity) {
            votesWaiting.addAndGet(-votes);
            shed.increment(votes);
            throw new Unavailable("the vote intake holds " + before + " votes, its capacity is " + capacity
                    + "; nothing of this request was decided: send it again later", 1);
        }
        long number = tickets.incrementAndGet();
        waiting.put(number, now);
        return new Ticket(number, votes, now);
    }

    private long oldestWaitNanos(long now) {
        Map.Entry<Long, Long> oldest = waiting.firstEntry();
        return oldest == null ? 0 : Math.max(0, now - oldest.getValue());
    }
}
