package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store blips while votes arrive: every few seconds the service's database connections die
 * under it (on PostgreSQL, {@code pg_terminate_backend} on the service's own database; on H2, every
 * call on every connection fails for a moment). The intake must come back by itself each time,
 * say so meanwhile ({@code votes} health DOWN, 503 with {@code Retry-After} to new votes, never a
 * hang), and in the end every vote has exactly one decision: the clients resend on 503 with the
 * same ids until they get a 200, and the log holds each id once with the decision each client was
 * told. On both doors: the local intake (H2, PostgreSQL) and the Kafka door (PostgreSQL and a KRaft
 * broker in this JVM, votes over HTTP and straight onto the topic). And on H2, an {@link Error} thrown
 * by the driver inside a commit, as PgJDBC's assertions throw when a connection dies mid-batch.
 */
@org.junit.jupiter.api.Tag("slow")
class DatabaseBlipDuringVotingTest {

    private static final String EDITION = "blip";
    private static final String E = "/api/editions/" + EDITION;
    private static final int BLIPS = 4;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext context;
    private String database;
    private EmbeddedKafkaKraftBroker broker;
    private KafkaProducer<String, String> producer;

    private final Map<String, String> sent = new ConcurrentHashMap<>();
    /** Votes answered 200 one by one: the decision the client was told. */
    private final Map<String, String> told = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Set<String> onTopic = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailable = new AtomicInteger();
    private final Set<String> healthSeen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch done = new CountDownLatch(1);
    /** The HTTP clients' threads. */
    private final List<Thread> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void on_h2_the_local_door_survives_failing_connections() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        TestHttp http = startOnH2(failing, new AtomicInteger(), Set.of());
        survivesBlips("H2", http, () -> {
            failing.set(true);
            Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            failing.set(false);
        });
    }

    /**
     * An Error, not an exception, thrown by the driver inside the commit of a vote group (PgJDBC's
     * assertions throw one when its connection dies in the middle of a batch): Axon does not roll
     * back on an Error in its commit phase, and the writer's thread kept the open transaction bound,
     * so every later commit joined it and nothing was ever committed again.
     */
    @Test
    void on_h2_the_local_door_survives_an_error_inside_a_commit() throws Exception {
        AtomicInteger errors = new AtomicInteger();
        Set<String> erredOn = ConcurrentHashMap.newKeySet();
        TestHttp http = startOnH2(new AtomicBoolean(), errors, erredOn);
        survivesBlips("H2, an Error in the driver", http, () -> {
            errors.set(1);
            Awaitility.await("the Error thrown").atMost(Duration.ofSeconds(30)).until(() -> errors.get() == 0);
        });
        assertThat(erredOn).as("the Errors were thrown inside the vote writer's commits").contains("vote-writer-local");
    }

    /**
     * The same Error inside a command's commit on an HTTP thread: Axon leaves that transaction bound
     * to the pooled thread, where later requests would join it (holding the edition's locks, never
     * committed) unless {@code RollingBackTransactionManager} rolls it back when the unit of work ends.
     */
    @Test
    void on_h2_an_error_inside_a_commands_commit_leaves_no_transaction_on_the_request_thread() throws Exception {
        AtomicInteger errors = new AtomicInteger();
        Set<String> erredOn = ConcurrentHashMap.newKeySet();
        // Axon's time limit on a command's transaction, short: left running, its janitor interrupts the thread
        TestHttp http = startOnH2(new AtomicBoolean(), errors, erredOn,
                List.of("--axon.timeout.transaction.command-bus.timeout-ms=3000",
                        "--axon.timeout.transaction.command-bus.warning-threshold-ms=2500",
                        "--axon.timeout.transaction.command-bus.warning-interval-ms=500"));
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> janitor =
                new ch.qos.logback.core.read.ListAppender<>();
        janitor.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("axon-janitor")).addAppender(janitor);
        String e = "/api/editions/guard";
        com.fasterxml.jackson.databind.node.ObjectNode edition = TestHttp.JSON.createObjectNode().put("id", "guard")
                .put("title", "Guard").put("eligibleFrom", "2023-01-01").put("eligibleTo", "2023-12-31");
        edition.putArray("categories").addObject().put("code", "A").put("name", "A").put("shortlistQuota", 3)
                .put("finalQuota", 1);
        edition.putObject("voting").put("opensAt", "2024-02-26T16:00:00Z").put("closesAt", "2024-03-04T16:00:00Z");
        assertThat(http.post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        VotingEditionSetup.transition(http, e, "COLLECTING");
        errors.set(1);
        long erredAt = System.nanoTime();
        Response failed = http.post("organiser", e + "/works", work("W0"));
        assertThat(errors.get()).as("the Error was thrown").isZero();
        assertThat(erredOn).as("on a request thread").anyMatch(t -> t.startsWith("http-nio"));
        assertThat(failed.status()).as(failed.raw()).isGreaterThanOrEqualTo(500);
        // every pooled request thread serves some of these: none may join the failed command's transaction
        for (int i = 1; i <= 40; i++) {
            Response r = http.post("organiser", e + "/works", work("W" + i));
            assertThat(r.status()).as("work W" + i + ": " + r.raw()).isEqualTo(201);
        }
        Awaitility.await("the works in the read models").atMost(Duration.ofSeconds(30))
                .until(() -> http.get("organiser", e + "/works").body().get("total").asLong() >= 40);
        assertThat(http.get("organiser", e + "/works").body().get("total").asLong()).isEqualTo(40);
        JsonNode audit = http.get("auditor", e + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(context.getBean(MeterRegistry.class).get("selection.transactions.leaked").counter().count())
                .as("the leaked transaction was counted").isPositive();
        // the failed command's time limit was ended with it: Axon's janitor interrupts no thread once it is past
        Duration pastTheLimit = Duration.ofMillis(Math.max(100,
                4_500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - erredAt)));
        try {
            Awaitility.await("no unit of work left to Axon's janitor").during(pastTheLimit)
                    .atMost(pastTheLimit.plusSeconds(5)).until(() -> janitor.list.stream()
                            .noneMatch(event -> event.getFormattedMessage().contains("exceeded its timeout")));
        } finally {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("axon-janitor"))
                    .detachAppender(janitor);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode work(String id) {
        return TestHttp.JSON.createObjectNode().put("id", id).put("title", "Work " + id)
                .put("url", "https://example.cn/guard/" + id).put("category", "A").put("publishedOn", "2023-05-05")
                .put("organisation", "Unit");
    }

    @Test
    @EnabledIf(value = "io.selection.api.TestPostgres#answers", disabledReason = TestPostgres.SKIPPED)
    void on_postgres_the_local_door_survives_terminated_connections() throws Exception {
        database = TestPostgres.createDatabase("selection_blip_");
        TestHttp http = start(postgres(), null);
        survivesBlips("PostgreSQL", http, this::terminateUntilTheIntakeFails);
    }

    @Test
    @EnabledIf(value = "io.selection.api.TestPostgres#answers", disabledReason = TestPostgres.SKIPPED)
    void on_postgres_the_kafka_door_survives_terminated_connections() throws Exception {
        database = TestPostgres.createDatabase("selection_blip_");
        broker = new EmbeddedKafkaKraftBroker(1, 4, "blip-votes");
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
        List<String> args = new ArrayList<>(postgres());
        args.set(0, "--spring.profiles.active=postgres,kafka");
        args.addAll(List.of("--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.topic=blip-votes", "--selection.kafka.group-id=blip",
                "--selection.kafka.edition=" + EDITION, "--selection.kafka.max-poll-records=500"));
        TestHttp http = start(args, null);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Awaitility.await("the consumer holds its partitions").atMost(Duration.ofSeconds(60))
                .until(() -> meters.get("selection.kafka.partitions").gauge().value() == 4);
        AtomicLong fewestPartitions = new AtomicLong(4);
        Thread partitions = watch(() -> fewestPartitions.accumulateAndGet(
                (long) meters.get("selection.kafka.partitions").gauge().value(), Math::min));
        survivesBlips("PostgreSQL+Kafka", http, this::terminateUntilTheIntakeFails);
        partitions.join();
        assertThat(fewestPartitions.get()).as("partitions held through the blips").isEqualTo(4);
        Awaitility.await("the lag gauge back to 0").atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("selection.kafka.consumer.lag").gauge().value() == 0);
    }

    /** The service on H2, its data source a {@link FailingDataSource} on these switches. */
    private TestHttp startOnH2(AtomicBoolean failing, AtomicInteger errors, Set<String> erredOn) {
        return startOnH2(failing, errors, erredOn, List.of());
    }

    private TestHttp startOnH2(AtomicBoolean failing, AtomicInteger errors, Set<String> erredOn, List<String> more) {
        return start(more, context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && name.equals("dataSource")
                        ? new FailingDataSource(ds, failing, errors, erredOn) : bean;
            }
        }));
    }

    private List<String> postgres() {
        return new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + TestPostgres.url(database),
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password="));
    }

    private TestHttp start(List<String> more,
                           org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext>
                                   initializer) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--selection.data-dir=" + dataDir,
                "--selection.seed-2023=false"));
        args.addAll(more);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SelectionApplication.class);
        if (initializer != null) {
            builder.initializers(initializer);
        }
        context = builder.run(args.toArray(String[]::new));
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        // a request that gets no answer within 30 s is a hang: the test fails on it
        return new TestHttp("http://localhost:" + port, Duration.ofSeconds(30));
    }

    /**
     * Ends the service's connections until one of the intake's commits fails on it: a termination
     * that lands while the intake's connection rests in the pool is mended by the pool unseen, and
     * this test is about the blips the intake meets. Stops early once every client is done.
     */
    private void terminateUntilTheIntakeFails() {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        double before = doorFailures(meters);
        Awaitility.await("a termination that hits a commit of the intake").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (clients.stream().noneMatch(Thread::isAlive)) {
                        return true;
                    }
                    terminateConnections();
                    return doorFailures(meters) > before;
                });
    }

    private static double doorFailures(MeterRegistry meters) {
        return meters.get("selection.votes.door.failures").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Ends every connection the service holds to its database, as a failover or an operator would. */
    private void terminateConnections() {
        try (Connection c = TestPostgres.admin(""); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void survivesBlips(String store, TestHttp http, Runnable blip) throws Exception {
        long began = System.nanoTime();
        VotingEditionSetup.open(http, EDITION);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Random random = new Random(Long.getLong("selection.blip.seed", 7));
        Thread health = watch(() -> healthSeen.add(http.get(null, "/actuator/health").body().get("status").asText()));
        for (int c = 0; c < 8; c++) {
            Map<String, String> votes = votes("c" + c, c < 6 ? 500 : 1500, random);
            if (producer != null && c == 7) { // straight onto the topic, as a front-end writing to Kafka
                votes.forEach((id, json) -> {
                    sent.put(id, json);
                    onTopic.add(id);
                    producer.send(new ProducerRecord<>("blip-votes", parse(json).get("voterId").asText(), json));
                });
                producer.flush();
                continue;
            }
            Thread client = new Thread(new Client(http, c >= 6, votes), "blip-client-" + c);
            client.start();
            clients.add(client);
        }
        for (int b = 1; b <= BLIPS; b++) {
            int before = answered.size();
            Awaitility.await("votes answered again before blip " + b + " (" + store + ")")
                    .atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= before + 200
                            || clients.stream().noneMatch(Thread::isAlive));
            blip.run();
        }
        for (Thread client : clients) {
            client.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(client.isAlive()).as(client.getName() + " still waits for answers").isFalse();
        }
        Awaitility.await("the votes door UP again").atMost(Duration.ofSeconds(60))
                .until(() -> "UP".equals(http.get(null, "/actuator/health").body().get("status").asText()));
        done.countDown();
        health.join();

        assertThat(unexpected).as("answers other than 200 and 503 with Retry-After").isEmpty();
        Awaitility.await("every vote decided").atMost(Duration.ofSeconds(120))
                .until(() -> VotingEditionSetup.decided(http, EDITION) >= sent.size());
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(http, E);
        long doubled = log.values().stream().filter(d -> d.size() > 1).count();
        long lost = told.entrySet().stream().filter(t -> !List.of(t.getValue()).equals(log.get(t.getKey()))).count();
        double failures = doorFailures(meters);
        System.out.printf("DatabaseBlipDuringVoting[%s]: %d blips, door failures %.0f, votes %d (%d on the topic), "
                        + "503 answers %d, health seen %s, doubled %d, told and not so in the log %d, %d s%n", store,
                BLIPS, failures, sent.size(), onTopic.size(), unavailable.get(), healthSeen, doubled, lost,
                (System.nanoTime() - began) / 1_000_000_000);
        if (!store.contains("Error")) { // an Error costs one commit, decided again at once: no outage to see
            assertThat(failures).as("the blips hit the intake").isPositive();
            assertThat(healthSeen).as("health told the truth meanwhile").contains("DOWN");
        }
        assertThat(log.keySet()).as("every vote sent decided, and nothing else").isEqualTo(sent.keySet());
        assertThat(doubled).isZero();
        assertThat(lost).isZero();
        assertThat(VotingEditionSetup.decided(http, EDITION)).isEqualTo(sent.size());
        JsonNode audit = http.get("auditor", E + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
    }

    /** Polls {@code probe} every 25 ms until the scenario is done. */
    private Thread watch(Runnable probe) {
        Thread t = new Thread(() -> {
            try {
                do {
                    try {
                        probe.run();
                    } catch (RuntimeException e) {
                        // the next probe
                    }
                } while (!done.await(25, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "blip-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, String> votes(String prefix, int n, Random random) {
        Map<String, String> votes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int day = random.nextInt(7);
            String work = random.nextInt(10) > 0 ? VotingEditionSetup.SHORTLISTED.get(random.nextInt(6))
                    : VotingEditionSetup.NOT_SHORTLISTED.get(random.nextInt(2));
            votes.put(prefix + "-" + i, VotingEditionSetup.vote(prefix + "-" + i, "voter" + random.nextInt(400), work,
                    VotingEditionSetup.castAt(day).plusSeconds(random.nextInt(3600))));
        }
        return votes;
    }

    /**
     * Sends its votes one by one or in batches of 50; on 503 it checks the Retry-After header and
     * sends the same votes again (a little sooner than told, to keep the test short), until a 200.
     */
    private final class Client implements Runnable {
        private final TestHttp http;
        private final boolean batches;
        private final List<Map.Entry<String, String>> votes;

        Client(TestHttp http, boolean batches, Map<String, String> votes) {
            this.http = http;
            this.batches = batches;
            this.votes = new ArrayList<>(votes.entrySet());
        }

        @Override
        public void run() {
            int step = batches ? 50 : 1;
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            for (int from = 0; from < votes.size(); from += step) {
                List<Map.Entry<String, String>> part = votes.subList(from, Math.min(votes.size(), from + step));
                part.forEach(v -> sent.put(v.getKey(), v.getValue()));
                StringBuilder body = new StringBuilder();
                part.forEach(v -> body.append(v.getValue()).append('\n'));
                while (true) {
                    Response r;
                    try {
                        r = batches ? http.postNdjson("gateway", E + "/votes:batch", body.toString())
                                : http.post("gateway", E + "/votes", part.get(0).getValue());
                    } catch (IllegalStateException noAnswer) {
                        unexpected.add("no answer within 30 s: " + noAnswer.getMessage());
                        return;
                    }
                    if (r.status() == 200) {
                        part.forEach(v -> answered.add(v.getKey()));
                        if (!batches) {
                            told.put(part.get(0).getKey(), r.body().get("decision").asText());
                        }
                        break;
                    }
                    String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                    if (r.status() != 503 || !"UNAVAILABLE".equals(r.code()) || retryAfter == null
                            || Long.parseLong(retryAfter) < 1) {
                        unexpected.add(r.status() + " Retry-After=" + retryAfter + " " + r.raw());
                        return;
                    }
                    unavailable.incrementAndGet();
                    if (System.nanoTime() > giveUp) {
                        unexpected.add("still 503 after 3 minutes: " + r.raw());
                        return;
                    }
                    try {
                        if (done.await(Math.min(Long.parseLong(retryAfter) * 1000, 250), TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return TestHttp.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        done.countDown();
        if (context != null) {
            context.close();
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

    /**
     * The service's data source, failing every call on every connection (and every new connection)
     * while {@code failing} is set: a database that stops answering for a moment, on H2, where no
     * other process can end the service's sessions.
     */
    static final class FailingDataSource extends DelegatingDataSource {
        private final AtomicBoolean failing;
        /** How many of the next batches throw an {@link AssertionError}, as PgJDBC with assertions on. */
        private final AtomicInteger errors;
        /** The threads those errors were thrown on. */
        private final Set<String> erredOn;

        FailingDataSource(DataSource target, AtomicBoolean failing, AtomicInteger errors, Set<String> erredOn) {
            super(target);
            this.failing = failing;
            this.errors = errors;
            this.erredOn = erredOn;
        }

        @Override
        public Connection getConnection() throws SQLException {
            check();
            return wrap(super.getConnection(), Connection.class);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            check();
            return wrap(super.getConnection(username, password), Connection.class);
        }

        private void check() throws SQLException {
            if (failing.get()) {
                throw new SQLTransientConnectionException("the database does not answer (test blip)", "08006");
            }
        }

        @SuppressWarnings("unchecked")
        private <T> T wrap(T target, Class<T> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                boolean harmless = name.equals("close") || name.equals("isClosed") || name.equals("toString")
                        || name.equals("hashCode") || name.equals("equals") || name.equals("unwrap")
                        || name.equals("isWrapperFor");
                if (!harmless) {
                    check();
                }
                if (name.equals("executeBatch") && errors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    erredOn.add(Thread.currentThread().getName());
                    throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw (test)");
                }
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                Class<?> returns = method.getReturnType();
                if (result != null && returns.isInterface() && returns.getName().startsWith("java.sql.")
                        && !name.equals("unwrap")) {
                    return wrap(result, (Class<Object>) returns);
                }
                return result;
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
        }
    }
}
