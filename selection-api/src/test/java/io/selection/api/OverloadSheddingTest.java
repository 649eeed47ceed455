package io.selection.api;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More single-vote clients than the writer can answer within the latency budget: the doors shed
 * the excess at once (503 UNAVAILABLE with Retry-After, nothing of the request decided) instead of
 * queueing it, and every vote answered 200 is in the log once, with the decision its client was
 * told. The clients are bounded: each sends its next vote only once the last is answered.
 */
class OverloadSheddingTest {

    private static final String EDITION = "overload";
    private static final String E = "/api/editions/" + EDITION;
    private static final int CLIENTS = 256;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void the_excess_is_refused_at_once_and_every_answered_vote_is_recorded_once() throws Exception {
        context = new SpringApplicationBuilder(SelectionApplication.class).run("--server.port=0",
                "--selection.data-dir=" + dataDir, "--selection.seed-2023=false",
                // a budget small enough that 256 clients on two shared cores exceed it
                "--selection.votes.latency-budget-millis=20");
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        TestHttp http = new TestHttp("http://localhost:" + port, Duration.ofSeconds(30));
        VotingEditionSetup.open(http, EDITION);

        Map<String, String> told = new ConcurrentHashMap<>();
        Map<String, String> sentJson = new ConcurrentHashMap<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<Long> okMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> shedMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger shed = new AtomicInteger();
        java.util.Set<String> maybe = ConcurrentHashMap.newKeySet();
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int n = 0; stop.getCount() > 0; n++) {
                    String id = "o" + client + "-" + n;
                    String json = VotingEditionSetup.vote(id, "voter" + client + "-" + (n % 50),
                            VotingEditionSetup.SHORTLISTED.get(n % 6), VotingEditionSetup.castAt(n % 7));
                    sentJson.put(id, json);
                    long start = System.nanoTime();
                    Response r;
                    try {
                        r = http.post("gateway", E + "/votes", json);
                    } catch (IllegalStateException noAnswer) {
                        unexpected.add("no answer: " + noAnswer.getMessage());
                        return;
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (r.status() == 200) {
                        told.put(id, r.body().get("decision").asText());
                        okMillis.add(millis);
                    } else if (r.status() == 503 && "UNAVAILABLE".equals(r.code())
                            && r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) >= 1) {
                        if (r.raw().contains("no durable decision")) {
                            maybe.add(id); // let in, then not answered in time: it may yet be recorded
                        } else {
                            shed.incrementAndGet();
                            shedMillis.add(millis);
                        }
                    } else {
                        unexpected.add(r.status() + " " + r.headers().firstValue("Retry-After") + " " + r.raw());
                        return;
                    }
                }
            }, "overload-client-" + c);
            t.start();
            clients.add(t);
        }
        Awaitility.await("enough answers under overload").atMost(Duration.ofSeconds(120))
                .until(() -> (told.size() >= 3000 && shed.get() >= 100) || !unexpected.isEmpty());
        stop.countDown();
        for (Thread t : clients) {
            t.join(60_000);
            assertThat(t.isAlive()).as(t.getName() + " still waiting").isFalse();
        }

        assertThat(unexpected).isEmpty();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        System.out.printf("OverloadShedding: %d clients, %d answered 200 (p50 %d ms, p99 %d ms), %d shed with 503 "
                        + "(p50 %d ms, p99 %d ms), shed counter %.0f, answers timed out %d%n", CLIENTS, told.size(), percentile(okMillis, 50),
                percentile(okMillis, 99), shed.get(), percentile(shedMillis, 50), percentile(shedMillis, 99),
                meters.get("selection.votes.shed").counter().count(), maybe.size());
        assertThat(shed.get()).as("votes refused at once beyond the budget").isPositive();

        // every 200 is in the log once, with the decision told; nothing shed is in it
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(http, E);
        assertThat(log.keySet()).as("the log holds every vote answered 200").containsAll(told.keySet());
        assertThat(log.keySet().stream().filter(id -> !told.containsKey(id) && !maybe.contains(id)))
                .as("votes shed at once, yet recorded").isEmpty();
        told.forEach((id, decision) -> assertThat(log.get(id)).as(id).containsExactly(decision));
        assertThat(log.values()).allMatch(d -> d.size() == 1);
        assertThat(VotingEditionSetup.decided(http, EDITION)).isEqualTo(log.size());
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
