package io.selection.api.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models' reader waits on this instance's commits, not on a timeout: the store's stream
 * is only ever asked without waiting (here a queue standing in for it, whose "nothing yet" is as
 * final as that of a stream nobody wakes).
 */
class CommitWokenEventSourceTest {

    private final QueueSource store = new QueueSource();
    private final CommitWokenEventSource.Commits commits = new CommitWokenEventSource.Commits();

    @Test
    void a_commit_wakes_a_waiting_reader_long_before_its_next_look() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        CompletableFuture<Boolean> waiting = waitFor(stream, 60_000);
        store.add("first");
        commits.committed();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
    }

    @Test
    void an_event_committed_elsewhere_is_found_at_the_next_look() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(20).openStream(null);
        CompletableFuture<Boolean> waiting = waitFor(stream, 60_000);
        store.add("from another instance"); // no commit seen here
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void with_nothing_to_read_the_wait_ends_at_its_timeout() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source(60_000).openStream(null);
        long start = System.nanoTime();
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        commits.committed(); // a commit of nothing this reader can see
        assertThat(stream.hasNextAvailable()).isFalse();
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
    }

    /** Without committed payloads: every message as the store gives it. */
    private CommitWokenEventSource source(long pollMillis) {
        return new CommitWokenEventSource(store, commits, pollMillis, new CommittedPayloads(0));
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
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.remove();
                }

                @Override
                public void close() {
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
