package io.selection.api.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event store as the read models' processor reads it: each reader on a stream of its own (the
 * event store is built without its shared cache of recent events), woken by every commit of events
 * on this instance and otherwise looking again every {@code pollMillis}, for events another
 * instance committed. Axon's own waiting is never used, so a reader never waits out a timeout while
 * this instance has committed events it has not read (decision 0018).
 */
public final class CommitWokenEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Commits commits;
    private final long pollNanos;

    /**
     * @param events     Axon's event store, built with {@code optimizeEventConsumption(false)}: its
     *                   streams then answer "nothing yet" at once when asked without waiting, and
     *                   read the database again when asked again
     * @param commits    told of every commit of events by the event store
     * @param pollMillis how long a reader waits for a commit before it looks again anyway
     */
    public CommitWokenEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Commits commits,
                                  long pollMillis) {
        this.events = events;
        this.commits = commits;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WokenStream(events.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    /** Counts the commits of events on this instance; the readers wait on the count to move. */
    public static final class Commits {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition moved = lock.newCondition();
        private long count;

        public void committed() {
            lock.lock();
            try {
                count++;
                moved.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long count() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the count is past {@code seen}, or {@code nanos} have passed. */
        void awaitPast(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (count == seen && left > 0) {
                    left = moved.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Asks the store's stream without letting it wait, and waits here instead, on the commits. The
     * count is read before the store is asked, so a commit landing between the two is not missed.
     */
    private final class WokenStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;

        private WokenStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = commits.count();
                if (stream.hasNextAvailable(0, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                commits.awaitPast(seen, Math.min(left, pollNanos));
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                // a wait of 24 days ran out: ask again
            }
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
