package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in a child JVM, killed with SIGKILL while clients send votes concurrently over
 * {@code POST /votes} and {@code POST /votes:batch}: once during intake, once during a read-model
 * rebuild, once during the transition VOTING to FINAL_REVIEW (which certifies the tallies). After
 * each restart over the same store: every acknowledged vote still has its one decision, the votes
 * that got no answer are resent with the same ids and get one, and at the end the log holds each
 * vote id once and the server's recount (the audit) agrees with the tallies. On H2 always, on
 * PostgreSQL where one answers. The kill points are drawn from a seed printed with the summary
 * ({@code -Dselection.crash.seed=} repeats a run).
 */
@org.junit.jupiter.api.Tag("slow")
class KilledDuringVotingTest {

    private static final String EDITION = "crash";
    private static final String E = "/api/editions/" + EDITION;
    private static final int BATCH = 100;

    @TempDir
    Path dataDir;

    private ServiceProcess service;
    private ServiceProcess second;
    private String database;
    private EmbeddedKafkaKraftBroker broker;
    private KafkaProducer<String, String> producer;
    /** Votes put on the topic directly (acknowledged by the broker): the service must decide each once. */
    private final java.util.Set<String> onTopic = ConcurrentHashMap.newKeySet();

    @Test
    void on_h2_no_acknowledged_vote_is_lost_or_doubled_across_kills() throws Exception {
        service = new ServiceProcess(dataDir);
        survivesKills("H2");
    }

    @Test
    @EnabledIf(value = "io.selection.api.TestPostgres#answers", disabledReason = TestPostgres.SKIPPED)
    void on_postgres_no_acknowledged_vote_is_lost_or_doubled_across_kills() throws Exception {
        database = TestPostgres.createDatabase("selection_crash_");
        service = new ServiceProcess(dataDir, "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + TestPostgres.url(database),
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=");
        survivesKills("PostgreSQL");
    }

    /**
     * The Kafka door: a broker in this JVM, the service (a child JVM) consuming its topic, votes
     * put there directly by a producer and by the HTTP doors, which on this profile go through the
     * topic too. Every record is decided exactly once across the kills: the consumer's position
     * resumes where the last durable decision left it.
     */
    @Test
    void on_h2_with_the_kafka_door_every_record_is_decided_once_across_kills() throws Exception {
        startBroker();
        service = new ServiceProcess(dataDir, "--spring.profiles.active=kafka",
                "--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.topic=crash-votes", "--selection.kafka.group-id=crash",
                "--selection.kafka.edition=" + EDITION, "--selection.kafka.max-poll-records=500",
                "--selection.kafka.session-timeout-ms=6000");
        survivesKills("H2+Kafka");
    }

    /**
     * Two instances on one PostgreSQL database and one consumer group; one is killed mid-stream.
     * The other is given its partitions and resumes at the dead one's last durable position:
     * every record decided once.
     */
    @Test
    @EnabledIf(value = "io.selection.api.TestPostgres#answers", disabledReason = TestPostgres.SKIPPED)
    void on_postgres_two_instances_one_killed_mid_stream_the_other_takes_over_exactly() throws Exception {
        long seed = Long.getLong("selection.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        database = TestPostgres.createDatabase("selection_crash_");
        startBroker();
        String[] arguments = {"--spring.profiles.active=postgres,kafka",
                "--spring.datasource.url=" + TestPostgres.url(database),
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=",
                "--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.topic=crash-votes", "--selection.kafka.group-id=crash-pair",
                "--selection.kafka.edition=" + EDITION, "--selection.kafka.max-poll-records=500",
                "--selection.kafka.session-timeout-ms=6000"};
        service = new ServiceProcess(java.nio.file.Files.createDirectories(dataDir.resolve("one")), arguments);
        second = new ServiceProcess(java.nio.file.Files.createDirectories(dataDir.resolve("two")), arguments);
        TestHttp one = service.start();
        VotingEditionSetup.open(one, EDITION);
        TestHttp two = second.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Awaitility.await("both instances hold partitions").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> {
                        var members = admin.describeConsumerGroups(List.of("crash-pair")).all().get()
                                .get("crash-pair").members();
                        return members.size() == 2 && members.stream()
                                .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        }
        for (int phase = 1; phase <= 2; phase++) {
            for (int n = 0; n < 10_000; n++) {
                String id = "q" + phase + "n" + n;
                String voter = "voter" + random.nextInt(300);
                String json = VotingEditionSetup.vote(id, voter, VotingEditionSetup.SHORTLISTED.get(random.nextInt(6)),
                        VotingEditionSetup.castAt(random.nextInt(7)).plusSeconds(random.nextInt(3600)));
                sent.put(id, json);
                producer.send(new ProducerRecord<>("crash-votes", voter, json));
            }
            producer.flush();
            if (phase == 1) {
                long threshold = 1000 + random.nextInt(6000);
                Awaitility.await("decisions before the kill").atMost(Duration.ofSeconds(120))
                        .until(() -> VotingEditionSetup.decided(two, EDITION) >= threshold);
                service.kill();
            }
        }
        Awaitility.await("every record decided by the survivor").atMost(Duration.ofSeconds(120))
                .until(() -> VotingEditionSetup.decided(two, EDITION) >= sent.size());
        Awaitility.await("no more decisions than records").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10)).until(() -> VotingEditionSetup.decided(two, EDITION) == sent.size());
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(two, E);
        long doubled = doubled(log);
        long missing = sent.keySet().stream().filter(id -> !log.containsKey(id)).count();
        JsonNode audit = two.get("auditor", E + "/audit").body();
        System.out.printf("KilledDuringVoting[PostgreSQL+Kafka, two instances] seed=%d: kills survived 1, records %d, "
                + "missing %d, doubled %d%n", seed, sent.size(), missing, doubled);
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(log.keySet()).isEqualTo(sent.keySet());
        assertThat(doubled).isZero();
    }

    private void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 4, "crash-votes");
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (service != null) {
            service.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (database != null) {
            TestPostgres.dropDatabase(database);
        }
    }

    /** Every vote sent so far (over HTTP or onto the topic), by id: its JSON. */
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    /** The votes answered over HTTP, by id: the decision the client was told. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Votes acknowledged inside a 200 batch answer, which gives counts, not per-vote decisions. */
    private static final String IN_A_BATCH = "(batch)";
    private final AtomicInteger clientAcks = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private final long began = System.nanoTime();

    private void survivesKills(String store) throws Exception {
        long seed = Long.getLong("selection.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        TestHttp http = service.start();
        VotingEditionSetup.open(http, EDITION);
        System.out.printf("KilledDuringVoting[%s]: up, edition open, %d s%n", store, (System.nanoTime() - began) / 1_000_000_000);
        List<String> notes = new ArrayList<>();
        int resentTotal = 0;

        // 1. during intake
        List<Client> clients = clients(1, random);
        int threshold = 100 + random.nextInt(1000);
        Awaitility.await("acknowledged votes before the first kill").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= threshold || clients.stream().allMatch(Client::finished));
        service.kill();
        notes.add("intake after " + acknowledged.size() + " acks");
        join(clients);
        resentTotal += restartAndCheck();

        // 2. during a read-model rebuild
        List<Client> second = clients(2, random);
        int before = acknowledged.size();
        Awaitility.await("intake running again").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= before + 100);
        AtomicReference<Response> rebuilt = new AtomicReference<>();
        Thread rebuild = answer(() -> http.post("organiser", "/api/admin/read-models:rebuild", "{}"), rebuilt);
        Awaitility.await("the rebuild under way").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> rebuilt.get() != null
                        || http.get("organiser", "/api/admin/read-models").body().get("rebuilding").asBoolean());
        pause(random.nextInt(400));
        boolean rebuildRunning = rebuilt.get() == null;
        service.kill();
        notes.add("rebuild " + (rebuildRunning ? "running" : "already answered"));
        join(second);
        rebuild.join();
        resentTotal += restartAndCheck();

        // 3. during the transition VOTING -> FINAL_REVIEW
        List<Client> third = clients(3, random);
        int before3 = acknowledged.size();
        Awaitility.await("intake running again").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= before3 + 100);
        AtomicReference<Response> transitioned = new AtomicReference<>();
        Thread transition = answer(() -> http.post("organiser", E + "/transitions",
                TestHttp.JSON.createObjectNode().put("to", "FINAL_REVIEW")), transitioned);
        pause(random.nextInt(1500)); // sometimes before its commit, sometimes after
        boolean transitionRunning = transitioned.get() == null;
        service.kill();
        notes.add("transition " + (transitionRunning ? "unanswered" : "already answered"));
        join(third);
        transition.join();
        resentTotal += restartAndCheck();
        String stage = http.get("organiser", E).body().get("stage").asText();
        assertThat(stage).isIn("VOTING", "FINAL_REVIEW");
        if (transitioned.get() != null && transitioned.get().status() == 200) {
            assertThat(stage).as("an acknowledged transition survives").isEqualTo("FINAL_REVIEW");
        }
        if (stage.equals("VOTING")) {
            VotingEditionSetup.transition(http, E, "FINAL_REVIEW");
        }
        notes.add("stage after restart " + stage);

        // the certified tallies equal the recount of the log, and the log holds each vote once
        JsonNode audit = http.get("auditor", E + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        JsonNode votes = audit.get("votes");
        long doubled = votes.get("duplicateIds").asLong() + votes.get("decisions").asLong()
                - votes.get("distinctIds").asLong();
        JsonNode tallies = http.get("auditor", E + "/tallies").body();
        assertThat(tallies.get("certified").asBoolean()).isTrue();
        assertThat(tallies.get("duplicateVotes").asLong()).isZero();
        assertThat(VotingEditionSetup.decided(http, EDITION)).isEqualTo(sent.size());
        assertThat(votes.get("distinctIds").asLong()).isEqualTo(sent.size());
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(http, E);
        long lost = lost(http, log);
        doubled += doubled(log);
        System.out.printf("KilledDuringVoting[%s] seed=%d: kills survived 3 (%s), votes sent %d, acknowledged to "
                        + "the clients before a kill %d, resent after no answer %d, acknowledged lost %d, doubled %d, "
                        + "%d s%n", store, seed, String.join("; ", notes), sent.size(), clientAcks.get(), resentTotal,
                lost, doubled, (System.nanoTime() - began) / 1_000_000_000);
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
    }

    /**
     * Restarts over the same store; checks every acknowledged vote; resends every vote that got no
     * answer, with the same id, until each has one; a few acknowledged ones again answer repeated
     * with their first decision. Returns how many were resent.
     */
    private int restartAndCheck() throws Exception {
        TestHttp http = service.start();
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(http, E);
        assertThat(lost(http, log)).as("acknowledged votes without their decision after a restart").isZero();
        assertThat(doubled(log)).as("vote ids decided twice").isZero();
        List<String> unanswered = sent.keySet().stream()
                .filter(id -> !acknowledged.containsKey(id) && !onTopic.contains(id)).sorted().toList();
        StringBuilder batch = new StringBuilder();
        int i = 0;
        for (String id : unanswered) {
            if (i++ % 2 == 0) {
                Response r = http.post("gateway", E + "/votes", sent.get(id));
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                acknowledged.put(id, r.body().get("decision").asText());
            } else {
                batch.append(sent.get(id)).append('\n');
            }
        }
        if (!batch.isEmpty()) {
            Response r = http.postNdjson("gateway", E + "/votes:batch", batch.toString());
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().get("invalidLines")).isEmpty();
        }
        for (String id : unanswered) {
            JsonNode decided = http.get("gateway", E + "/votes/" + id).body();
            assertThat(decided.get("decision").asText()).as(id).isNotBlank();
            acknowledged.putIfAbsent(id, IN_A_BATCH);
        }
        acknowledged.entrySet().stream().filter(a -> !a.getValue().equals(IN_A_BATCH)).limit(20).forEach(a -> {
            Response again = http.post("gateway", E + "/votes", sent.get(a.getKey()));
            assertThat(again.body().get("repeated").asBoolean()).as(again.raw()).isTrue();
            assertThat(again.body().get("decision").asText()).isEqualTo(a.getValue());
        });
        JsonNode votes = http.get("auditor", E + "/audit").body();
        assertThat(votes.get("ok").asBoolean()).as(votes.toString()).isTrue();
        assertThat(votes.get("votes").get("duplicateIds").asLong()).isZero();
        Awaitility.await("every vote sent decided").atMost(Duration.ofSeconds(120))
                .until(() -> VotingEditionSetup.decided(http, EDITION) >= sent.size());
        assertThat(VotingEditionSetup.decided(http, EDITION)).isEqualTo(sent.size());
        log = AuditTrail.decisionsByVoteId(http, E);
        assertThat(log.keySet()).as("every vote sent, decided, and nothing else").isEqualTo(sent.keySet());
        assertThat(doubled(log)).as("vote ids decided twice after the resends").isZero();
        System.out.printf("KilledDuringVoting: restart %d checked, %d resent, %d s since the start%n",
                restarts.incrementAndGet(), unanswered.size(), (System.nanoTime() - began) / 1_000_000_000);
        return unanswered.size();
    }

    /**
     * Acknowledged votes that the log no longer holds, or holds with another decision; a sample of
     * them is also asked one by one, as a client would ({@code GET /votes/{id}}).
     */
    private long lost(TestHttp http, Map<String, List<String>> log) {
        long lost = 0;
        int asked = 0;
        for (Map.Entry<String, String> a : new TreeMap<>(acknowledged).entrySet()) {
            List<String> decisions = log.get(a.getKey());
            if (decisions == null || !(a.getValue().equals(IN_A_BATCH) || decisions.contains(a.getValue()))) {
                lost++;
            } else if (asked++ % 97 == 0) {
                Response r = http.get("gateway", E + "/votes/" + a.getKey());
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.body().get("decision").asText()).as(a.getKey()).isEqualTo(decisions.get(0));
            }
        }
        return lost;
    }

    /** Vote ids decided more than once in the log. */
    private static long doubled(Map<String, List<String>> log) {
        return log.values().stream().filter(d -> d.size() > 1).count();
    }

    /** Two clients voting one at a time and two sending batches, each with its own seeded votes. */
    private List<Client> clients(int phase, Random random) {
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Map<String, String> votes = new LinkedHashMap<>();
            for (int n = 0; n < 4000; n++) {
                String id = "p" + phase + "c" + c + "n" + n;
                int day = random.nextInt(7);
                boolean onList = random.nextInt(10) > 0;
                String work = onList ? VotingEditionSetup.SHORTLISTED.get(random.nextInt(6))
                        : VotingEditionSetup.NOT_SHORTLISTED.get(random.nextInt(2));
                votes.put(id, VotingEditionSetup.vote(id, "voter" + random.nextInt(300), work,
                        VotingEditionSetup.castAt(day).plusSeconds(random.nextInt(3600))));
            }
            if (producer != null && c == 3) { // the fourth client writes to the topic instead
                votes.forEach((id, json) -> {
                    sent.put(id, json);
                    onTopic.add(id);
                    producer.send(new ProducerRecord<>("crash-votes", parse(json).get("voterId").asText(), json));
                });
                producer.flush();
                continue;
            }
            Client client = new Client(service.http(), c >= 2, votes);
            client.thread.start();
            clients.add(client);
        }
        return clients;
    }

    private static JsonNode parse(String json) {
        try {
            return TestHttp.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(List<Client> clients) throws InterruptedException {
        for (Client c : clients) {
            c.thread.join(60_000);
            assertThat(c.thread.isAlive()).as("a client still waits on a killed service").isFalse();
        }
    }

    private static Thread answer(java.util.function.Supplier<Response> call, AtomicReference<Response> into) {
        Thread t = new Thread(() -> {
            try {
                into.set(call.get());
            } catch (IllegalStateException killed) {
                // no answer: the service died under it
            }
        });
        t.start();
        return t;
    }

    private static void pause(int millis) {
        Awaitility.await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 1000))
                .until(() -> true);
    }

    /**
     * Sends its votes until the service stops answering: a vote counts as sent once its request
     * leaves, as acknowledged once a 200 answer names its decision (or the batch holding it).
     */
    private final class Client {
        private final Thread thread;
        private volatile boolean finished;

        Client(TestHttp http, boolean batches, Map<String, String> votes) {
            List<Map.Entry<String, String>> all = new ArrayList<>(votes.entrySet());
            this.thread = new Thread(() -> {
                try {
                    for (int from = 0; from < all.size(); from += batches ? BATCH : 1) {
                        List<Map.Entry<String, String>> part = all.subList(from,
                                Math.min(all.size(), from + (batches ? BATCH : 1)));
                        part.forEach(v -> sent.put(v.getKey(), v.getValue()));
                        if (batches) {
                            StringBuilder body = new StringBuilder();
                            part.forEach(v -> body.append(v.getValue()).append('\n'));
                            Response r = http.postNdjson("gateway", E + "/votes:batch", body.toString());
                            if (r.status() != 200) {
                                return;
                            }
                            part.forEach(v -> acknowledged.put(v.getKey(), IN_A_BATCH));
                            clientAcks.addAndGet(part.size());
                        } else {
                            Response r = http.post("gateway", E + "/votes", part.get(0).getValue());
                            if (r.status() != 200 || r.body() == null || !r.body().hasNonNull("decision")) {
                                return;
                            }
                            acknowledged.put(part.get(0).getKey(), r.body().get("decision").asText());
                            clientAcks.incrementAndGet();
                        }
                    }
                } catch (IllegalStateException killed) {
                    // the connection broke: the service was killed under this request
                } finally {
                    finished = true;
                }
            }, "voter-client");
        }

        boolean finished() {
            return finished;
        }
    }
}
