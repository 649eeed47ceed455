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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    private final StoredGroups stored;

    /** Reads a vote group's stored payload again by its event identifier; null when the store has no such event. */
    @FunctionalInterface
    public interface StoredGroups {
        VotesDecidedEvent read(String eventIdentifier);
    }

    /**
     * @param events     Axon's event store, built with {@code optimizeEventConsumption(false)}: its
     *                   streams then answer "nothing yet" at once when asked without waiting, and
     *                   read the database again when asked again
     * @param commits    told of every commit of events by the event store
     * @param pollMillis how long a reader waits for a commit before it looks again anyway
     * @param payloads   the vote groups this instance committed last: a group read back is handed on
     *                   with the committed object as its payload, not parsed from its stored bytes
     * @param stored     reads a group's stored payload again, for one whose bytes the store's read left
     *                   out ({@link HeldPayloadsEngine}) and which has left {@code payloads} since
     */
    public CommitWokenEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Commits commits,
                                  long pollMillis, CommittedPayloads payloads, StoredGroups stored) {
        this.events = events;
        this.commits = commits;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        this.payloads = payloads;
        this.stored = stored;
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
        return committed == null ? read : withPayload(domain, committed);
    }

    /** The same message (identifier, stream, sequence, time, metadata, token) around {@code group}. */
    private static TrackedEventMessage<?> withPayload(DomainEventMessage<?> read, VotesDecidedEvent group) {
        return new GenericTrackedDomainEventMessage<>(((TrackedEventMessage<?>) read).trackingToken(), read.getType(),
                read.getAggregateIdentifier(), read.getSequenceNumber(),
                new GenericMessage<>(read.getIdentifier(), VotesDecidedEvent.class, group, read.getMetaData()),
                read::getTimestamp);
    }

    /**
     * The message with its payload parsed: as read, or, for a vote group whose stored bytes do not
     * parse (the store's read left them out, {@link HeldPayloadsEngine}, and the group has left the
     * held ones since), read again from the store by its identifier. Another payload that does not
     * parse, or a group whose stored bytes do not parse either, is handed on unparsed, so the fold
     * meets the failure where it always did (retrying would never end). A group that
     * cannot be read again (the database does not answer) is a failure of the read, thrown: the
     * reading thread hands it to the processor, which opens a new stream from its token, as for any
     * failed read; it is never handed on without its votes, which the read models would skip.
     */
    TrackedEventMessage<?> parsed(TrackedEventMessage<?> read) {
        try {
            read.getPayload();
            return read;
        } catch (RuntimeException unparsable) {
            if (!(read instanceof DomainEventMessage<?> domain)
                    || !VotesDecidedEvent.class.getName().equals(read.getPayloadType().getName())) {
                return read;
            }
            VotesDecidedEvent again;
            try {
                again = stored.read(read.getIdentifier());
            } catch (org.axonframework.serialization.SerializationException storedUnparsable) {
                return read; // its stored bytes do not parse either: the fold meets that, as it always did
            } catch (RuntimeException notRead) {
                notRead.addSuppressed(unparsable);
                throw notRead;
            }
            if (again == null) {
                throw new IllegalStateException("vote group " + read.getIdentifier() + " was read from the store "
                        + "and is not there when read again", unparsable);
            }
            return withPayload(domain, again);
        }
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
            awaitPast(seen, nanos, () -> false);
        }

        /** As {@link #awaitPast(long, long)}, ending early once {@code stop} holds after a {@link #wake}. */
        void awaitPast(long seen, long nanos, java.util.function.BooleanSupplier stop) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (count == seen && left > 0 && !stop.getAsBoolean()) {
                    left = moved.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        /** Wakes every waiting reader without a commit, so that one being closed sees it at once. */
        void wake() {
            lock.lock();
            try {
                moved.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Events a stream reads ahead of its reader: the storage engine's batch (a vote group can be megabytes). */
    static final int AHEAD = 8;

    /** How long the reading thread waits for room in the queue before it looks at {@code closed} again. */
    private static final long ROOM_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * Reads the store's stream on a thread of its own, ahead of the processor: each event is read
     * and its payload parsed there (or taken from the committed groups), up to {@link #AHEAD}
     * events ahead, while the processor folds the ones before. Reading and parsing a vote group
     * was about as much work as folding it, and one thread did both, one after the other (a
     * rebuild, a restart, a reader that fell behind); now the two run side by side, in order, so
     * the fold is the same. The store's stream is asked without letting it wait; the reading
     * thread waits instead on the commits, at most {@code pollNanos} before it asks again. It is
     * never interrupted (a database file read interrupted can close the file): closing wakes
     * it, and it looks at {@code closed} between reads; it alone touches the store's stream, and
     * closes it as it ends. A failure to read is handed on in order and thrown to the processor,
     * which closes the stream and opens another, as before (so is a failure to read again a group
     * whose bytes the store left out, {@link #parsed}); a payload that cannot be parsed is handed
     * on unparsed, so the fold meets it as before. The thread starts when the stream is first
     * asked.
     */
    private final class WokenStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(AHEAD);
        private final Thread reader;
        private volatile boolean closed;
        /** Taken from the queue and not yet handed on (the processor's thread only): a message or a {@link Failed}. */
        private Object next;

        private WokenStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
            this.reader = new Thread(this::readAhead, "read-models-reader");
            reader.setDaemon(true);
        }

        /** Starts the reading thread when the stream is first asked (a stream opened and dropped unread holds no thread). */
        private void started() {
            if (!closed && reader.getState() == Thread.State.NEW) {
                reader.start();
            }
        }

        private void readAhead() {
            boolean interrupted = false;
            HeldPayloadsEngine.readingForReadModels(); // this thread takes held groups: the store may leave out their bytes
            try {
                while (!closed) {
                    long seen = commits.count();
                    if (!stream.hasNextAvailable(0, TimeUnit.NANOSECONDS)) {
                        commits.awaitPast(seen, pollNanos, () -> closed);
                        continue;
                    }
                    // parsed here, beside the fold of the events before it
                    TrackedEventMessage<?> read = parsed(withCommittedPayload(stream.nextAvailable()));
                    while (!closed && !ahead.offer(read, ROOM_NANOS, TimeUnit.NANOSECONDS)) {
                        // the processor is behind: wait for room
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true;
                handOn(new Failed(e));
            } catch (RuntimeException | Error e) {
                handOn(new Failed(e));
            } finally {
                stream.close(); // the store's stream is this thread's alone, to the end
                if (interrupted) {
                    Thread.currentThread().interrupt(); // after the close: an interrupted database read can close the file
                }
            }
        }

        /** Puts the failure after the events read before it, for the processor to throw. */
        private void handOn(Failed failed) {
            try {
                while (!closed && !ahead.offer(failed, ROOM_NANOS, TimeUnit.NANOSECONDS)) {
                    // wait for room
                }
            } catch (InterruptedException e) {
                ahead.offer(failed); // there may be room yet; otherwise the processor finds the queue dry
            }
        }

        /** The next message, taken from the queue if need be (waiting up to {@code nanos}); null when none came. */
        private TrackedEventMessage<?> next(long nanos) throws InterruptedException {
            started();
            if (next == null) {
                next = nanos <= 0 ? ahead.poll() : ahead.poll(nanos, TimeUnit.NANOSECONDS);
            }
            if (next instanceof Failed failed) {
                throw failed.rethrown();
            }
            return (TrackedEventMessage<?>) next;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return Optional.ofNullable(next(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return next(unit.toNanos(timeout)) != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> message;
            while ((message = next(Long.MAX_VALUE)) == null) {
                // a wait of 292 years ran out: ask again
            }
            next = null;
            return message;
        }

        /**
         * Not passed on: the store's stream is the reading thread's alone, and skipping is only a
         * hint (the store's own stream ignores it).
         */
        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        }

        /**
         * Stops the reading thread, which closes the store's stream as it ends: woken if it waits
         * for a commit, and otherwise seeing {@code closed} within 50 ms or when its read of the
         * store returns. Waits for it up to 30 s; a stream never asked is closed here.
         */
        @Override
        public void close() {
            closed = true;
            if (reader.getState() == Thread.State.NEW) {
                stream.close();
                return;
            }
            commits.wake();
            try {
                reader.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failure of the reading thread, handed to the processor in order. */
    private record Failed(Throwable cause) {

        RuntimeException rethrown() {
            if (cause instanceof Error error) {
                throw error;
            }
            return cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("reading the event store failed", cause);
        }
    }
}
