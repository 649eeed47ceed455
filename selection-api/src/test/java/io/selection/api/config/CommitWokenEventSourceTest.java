package io.selection.api.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The read models' reader waits on this instance's commits, not on a timeout: the store's stream
 * is only ever asked without waiting (here a queue standing in for it, whose "nothing yet" is as
 * final as that of a stream nobody wakes). It is read on a thread of its own, a bounded number of
 * events ahead of the processor, in order, failures included.
 */
class CommitWokenEventSourceTest {

    private final QueueSource store = new QueueSource();
    private final CommitWokenEventSource.Commits commits = new CommitWokenEventSource.Commits();

    @Test
    void a_commit_wakes_a_waiting_reader_long_before_its_next_look() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        lookedOnceAndFoundNothing(stream);
        CompletableFuture<Boolean> waiting = waitFor(stream, 60_000);
        store.add("first");
        commits.committed();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
        stream.close();
    }

    @Test
    void an_event_committed_elsewhere_is_found_at_the_next_look() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(20).openStream(null);
        lookedOnceAndFoundNothing(stream);
        CompletableFuture<Boolean> waiting = waitFor(stream, 60_000);
        store.add("from another instance"); // no commit seen here
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        stream.close();
    }

    @Test
    void with_nothing_to_read_the_wait_ends_at_its_timeout() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        long start = System.nanoTime();
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        commits.committed(); // a commit of nothing this reader can see
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.close();
    }

    @Test
    void reads_every_event_in_order_across_waits() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        for (int round = 0; round < 3; round++) {
            CompletableFuture<Boolean> waiting = waitFor(stream, 60_000);
            for (int i = 0; i < 20; i++) {
                store.add(round + ":" + i);
            }
            commits.committed();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                assertThat(stream.nextAvailable().getPayload()).isEqualTo(round + ":" + i);
            }
            assertThat(stream.hasNextAvailable()).isFalse();
        }
        stream.close();
    }

    @Test
    void reads_ahead_of_the_processor_but_no_further_than_its_bound() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        assertThat(stream.peek()).isEmpty(); // asked once: its reading thread starts
        for (int i = 0; i < 3 * CommitWokenEventSource.AHEAD; i++) {
            store.add("e" + i);
        }
        commits.committed();
        // read on the stream's own thread before the processor asks: a queue full, and one in hand
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                .until(() -> store.taken.get() == CommitWokenEventSource.AHEAD + 1);
        assertThat(store.takenBy).containsOnly("read-models-reader");
        for (int i = 0; i < 3 * CommitWokenEventSource.AHEAD; i++) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.peek().<Object>map(TrackedEventMessage::getPayload)).contains("e" + i);
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("e" + i);
        }
        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        stream.close();
    }

    @Test
    void a_failed_read_reaches_the_processor_after_the_events_read_before_it() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        store.add("before");
        store.failNext = new IllegalStateException("connection lost");
        commits.committed();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
        assertThatThrownBy(() -> stream.hasNextAvailable(10, TimeUnit.SECONDS)).hasMessage("connection lost");
        assertThatThrownBy(stream::nextAvailable).hasMessage("connection lost"); // and again, until it is closed
        stream.close();
    }

    @Test
    void closing_stops_the_reading_thread_at_once_and_closes_the_store_stream() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(600_000).openStream(null); // it would look again in 10 min
        store.add("read");
        commits.committed();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("read");
        long start = System.nanoTime();
        stream.close(); // joins the reading thread, for 30 s at most
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(store.closed.get()).isTrue();
        store.add("after the close");
        commits.committed();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> store.taken.get() == 1);
    }

    /** Starts the stream's reading thread and waits until it has asked the store once and found nothing. */
    private void lookedOnceAndFoundNothing(BlockingStream<TrackedEventMessage<?>> stream) {
        assertThat(stream.peek()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.looks.get() >= 1);
    }

    /** Without committed payloads: every message as the store gives it. */
    private CommitWokenEventSource source(long pollMillis) {
        return new CommitWokenEventSource(store, commits, pollMillis, new CommittedPayloads(0), id -> null);
    }

    private static CompletableFuture<Boolean> waitFor(BlockingStream<TrackedEventMessage<?>> stream, int millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Events in a queue; its stream answers only what is there when asked, and never waits. */
    private static final class QueueSource implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final ConcurrentLinkedQueue<TrackedEventMessage<?>> events = new ConcurrentLinkedQueue<>();
        private long next;
        final AtomicInteger taken = new AtomicInteger();
        /** Times the store was asked whether it has an event. */
        final AtomicInteger looks = new AtomicInteger();
        final java.util.Set<String> takenBy = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicBoolean closed = new AtomicBoolean();
        /** Thrown by the next read after the events there now. */
        volatile RuntimeException failNext;

        synchronized void add(String payload) {
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(next++),
                    GenericEventMessage.asEventMessage(payload)));
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    // a waiting store stream would hang the reader: the source must never let it wait
                    assertThat(timeout).isZero();
                    looks.incrementAndGet();
                    RuntimeException failure = failNext;
                    if (failure != null && events.isEmpty()) {
                        throw failure;
                    }
                    return !events.isEmpty();
                }

                @Override
                public boolean hasNextAvailable() {
                    return hasNextAvailable(0, TimeUnit.MILLISECONDS);
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    takenBy.add(Thread.currentThread().getName());
                    taken.incrementAndGet();
                    return events.remove();
                }

                @Override
                public void close() {
                    closed.set(true);
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return null;
        }

        @Override
        public TrackingToken createTokenAt(java.time.Instant dateTime) {
            return null;
        }
    }
}
