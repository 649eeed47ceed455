package io.selection.api;

import io.selection.api.web.ReadModels;
import io.selection.events.WorkSubmittedEvent;
import io.selection.projections.ReadModelProjector;
import io.selection.projections.ReadModelStore;
import io.selection.work.SubmitWorkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once the read models have fallen far behind (further than the 16 recent events Axon's event
 * store used to cache for them) and events kept coming while they caught up, a write followed by
 * a read of it answers at once: the read-model processor does not wait out a timeout while there
 * are events to read (decision 0018). Before, each such round trip took about a second.
 */
class ReadModelsAfterALagHttpTest extends ApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    CommandGateway commands;
    @Autowired
    ReadModelStore store;
    @Autowired
    ReadModels readModels;

    @Test
    void a_write_then_a_read_answers_at_once_after_the_read_models_fell_far_behind() throws Exception {
        String id = "lag1";
        String e = "/api/editions/" + id;
        assertThat(post("organiser", "/api/editions", edition(id, 4, 2, "a")).status()).isEqualTo(201);
        assertThat(post("organiser", e + "/transitions", to("COLLECTING")).status()).isEqualTo(200);

        TrackingEventProcessor readModelProcessor = processing
                .eventProcessor(ReadModelProjector.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        Holds holds = new Holds("lag-w01", "lag-w20");
        Registration interceptor = readModelProcessor.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof WorkSubmittedEvent submitted) {
                holds.pass(submitted.workId());
            }
            return chain.proceed();
        });
        try {
            // a burst of 40 events while the read models are held at its first one: more than Axon's
            // cache of recent events held, so they caught up on a stream of their own
            for (int i = 1; i <= 40; i++) {
                submit(id, "lag-w%02d".formatted(i));
            }
            holds.awaitHeld("lag-w01");
            holds.release("lag-w01");
            // and events keep coming while they catch up
            holds.awaitHeld("lag-w20");
            for (int i = 41; i <= 43; i++) {
                submit(id, "lag-w%02d".formatted(i));
            }
            holds.release("lag-w20");
            long head = readModels.head();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.position() >= head);
        } finally {
            holds.releaseAll();
            interceptor.cancel();
        }

        // now idle and caught up: each write, read back at once, must not wait out a timeout
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            long start = System.nanoTime();
            Response r = post("organiser", e + "/works", work("lag-after" + i, "a", "Unit"));
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("median of the round trips %s ms", millis)
                .isLessThan(400);
    }

    private void submit(String editionId, String workId) {
        commands.sendAndWait(new SubmitWorkCommand(editionId, workId, "Work " + workId,
                "https://news.example.cn/" + workId, "a", LocalDate.of(2023, 6, 1), "Unit",
                Instant.now(), "organiser")); // dated as the server dates it: now
    }

    /** Stops the read-model processor on the named works until the test lets it go on. */
    private static final class Holds {
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();

        Holds(String... workIds) {
            for (String w : workIds) {
                held.put(w, new CountDownLatch(1));
                released.put(w, new CountDownLatch(1));
            }
        }

        void pass(String workId) throws InterruptedException {
            CountDownLatch release = released.get(workId);
            if (release != null) {
                held.get(workId).countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        }

        void awaitHeld(String workId) throws InterruptedException {
            assertThat(held.get(workId).await(30, TimeUnit.SECONDS)).as("held at " + workId).isTrue();
        }

        void release(String workId) {
            released.get(workId).countDown();
        }

        void releaseAll() {
            released.values().forEach(CountDownLatch::countDown);
        }
    }
}
