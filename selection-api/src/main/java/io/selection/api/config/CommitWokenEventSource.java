package io.selection.api.config;

import io.selection.events.VotesDecidedEvent;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
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
    private final CommittedPayloads payloads;

    /**
     * @param events     Axon's event store, built with {@code optimizeEventConsumption(false)}: its
     *                   streams then answer "nothing yet" at once when asked without waiting, and
     *                   read the database again when asked again
     * @param commits    told of every commit of events by the event store
     * @param pollMillis how long a reader waits for a commit before it looks again anyway
     * @param payloads   the vote groups this instance committed last: a group read back is handed on
     *                   with the committed object as its payload, not parsed from its stored bytes
     */
    public CommitWokenEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Commits commits,
                                  long pollMillis, CommittedPayloads payloads) {
        this.events = events;
        this.commits = commits;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        this.payloads = payloads;
    }

    /**
     * The message as read, or, for a vote group this instance committed and still holds, the same
     * message (identifier, stream, sequence, time, metadata, token) around the committed payload;
     * the stored payload is then never parsed.
     */
    TrackedEventMessage<?> withCommittedPayload(TrackedEventMessage<?> read) {
        if (!(read instanceof DomainEventMessage<?> domain)
                || !VotesDecidedEvent.class.getName().equals(read.getPayloadType().getName())) {
            return read;
        }
        VotesDecidedEvent committed = payloads.take(read.getIdentifier());
        if (committed == null) {
            return read;
        }
        return new GenericTrackedDomainEventMessage<>(read.trackingToken(), domain.getType(),
                domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                new GenericMessage<>(read.getIdentifier(), VotesDecidedEvent.class, committed, read.getMetaData()),
                read::getTimestamp);
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

        /** The message last handed on with its committed payload, so a peek and the next read give one object. */
        private TrackedEventMessage<?> substituted;
        private TrackedEventMessage<?> substitutedFor;

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek().map(this::substitute);
        }

        private TrackedEventMessage<?> substitute(TrackedEventMessage<?> read) {
            if (read != substitutedFor) {
                substitutedFor = read;
                substituted = withCommittedPayload(read);
            }
            return substituted;
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
            return substitute(stream.nextAvailable());
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
