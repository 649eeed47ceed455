package io.selection.api;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka door against a real KRaft broker in the test JVM: decisions equal to the HTTP door's,
 * redelivery, a consumer stopped mid-stream, and two instances sharing one consumer group and
 * one database. Expected counts come from a plain recomputation of the workload here.
 */
@org.junit.jupiter.api.Tag("slow")
class KafkaVoteDoorTest {

    private static final int PARTITIONS = 4;
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, String> producer;

    @TempDir
    Path dataDir;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, "same", "replay", "restart", "pair",
                "deciders", "paced", "unpaced");
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    /** A workload and what the rules must make of it: first vote per voter, work and day counts. */
    record Workload(List<String[]> votes, Map<String, Long> valid, long decisions) {
    }

    /**
     * Votes over the voting week in no order of castAt (a voter's later days may come first):
     * each is judged against its own day. Kafka keeps each voter's records in order, so the
     * first vote sent per voter, work and day is the one counted.
     */
    static Workload workload(String prefix, int n, long seed) {
        Random random = new Random(seed);
        record Raw(String voter, String work, boolean onList, int day, Instant castAt) {
        }
        List<Raw> raws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean onList = random.nextInt(10) > 0;
            int day = random.nextInt(7);
            raws.add(new Raw(prefix + "voter" + random.nextInt(400), onList
                    ? VotingEditionSetup.SHORTLISTED.get(random.nextInt(6))
                    : VotingEditionSetup.NOT_SHORTLISTED.get(random.nextInt(2)), onList, day,
                    VotingEditionSetup.castAt(day).plusSeconds(random.nextInt(3600))));
        }
        List<String[]> votes = new ArrayList<>();
        Map<String, Long> valid = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            votes.add(new String[]{r.voter(), VotingEditionSetup.vote(prefix + i, r.voter(), r.work(), r.castAt())});
            if (r.onList() && seen.add(r.voter() + "|" + r.work() + "|" + r.day())) {
                valid.merge(r.work(), 1L, Long::sum);
            }
        }
        return new Workload(votes, valid, n);
    }

    private TestHttp start(String topic, String group, String edition, String... more) {
        // as arguments: they must win over application.yml
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--selection.data-dir=" + dataDir, "--selection.seed-2023=false",
                "--selection.kafka.enabled=" + (topic != null), "--selection.kafka.topic=" + topic,
                "--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.group-id=" + group, "--selection.kafka.edition=" + edition,
                "--selection.kafka.max-poll-records=500"));
        args.addAll(List.of(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SelectionApplication.class).run(
                args.toArray(String[]::new));
        instances.add(context);
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        return new TestHttp("http://localhost:" + port);
    }

    private static void produce(String topic, Workload workload) {
        for (String[] vote : workload.votes()) {
            producer.send(new ProducerRecord<>(topic, vote[0], vote[1]));
        }
        producer.flush();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }

    /** A second look after a while: a double count would show up as more decisions than votes. */
    private static void staysAt(TestHttp http, String edition, long decisions) {
        Awaitility.await("no more decisions than votes").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> VotingEditionSetup.decided(http, edition) == decisions);
    }

    /** The edition's export, verified by the core verifier as an auditor's tool would. */
    private static io.selection.audit.verifier.Report verified(TestHttp http, String edition) {
        Response export = http.get("auditor", "/api/editions/" + edition + "/events");
        assertThat(export.status()).isEqualTo(200);
        io.selection.audit.verifier.Report report = AuditTrail.verify(AuditTrail.lines(export.raw()));
        assertThat(report.ok()).as(report.toText()).isTrue();
        return report;
    }

    private static List<Long> expected(Workload w) {
        return VotingEditionSetup.SHORTLISTED.stream().map(id -> w.valid().getOrDefault(id, 0L)).toList();
    }

    @Test
    void votes_from_the_topic_get_the_same_decisions_as_over_http() throws Exception {
        Workload w = workload("s", 3000, 1);
        TestHttp kafka = start("same", "g-same", "same");
        VotingEditionSetup.open(kafka, "same");
        produce("same", w);
        await("all decisions from the topic", () -> VotingEditionSetup.decided(kafka, "same") == w.decisions());
        assertThat(VotingEditionSetup.validVotes(kafka, "same")).isEqualTo(expected(w));

        TestHttp local = start(null, "unused", "unused");
        VotingEditionSetup.open(local, "same-http");
        StringBuilder batch = new StringBuilder();
        w.votes().forEach(v -> batch.append(v[1]).append('\n'));
        Response answer = local.postNdjson("gateway", "/api/editions/same-http/votes:batch", batch.toString());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        for (int i = 0; i < w.votes().size(); i += 97) {
            Response overKafka = kafka.get("gateway", "/api/editions/same/votes/s" + i);
            Response overHttp = local.get("gateway", "/api/editions/same-http/votes/s" + i);
            assertThat(overKafka.body().get("decision")).isEqualTo(overHttp.body().get("decision"));
            assertThat(overKafka.body().get("reason")).isEqualTo(overHttp.body().get("reason"));
        }
        assertThat(VotingEditionSetup.validVotes(local, "same-http")).isEqualTo(expected(w));
        // out of cast order, through the topic's partitions and through the local lanes alike, the
        // certified tallies are what the log gives, and both logs certify the same counts
        VotingEditionSetup.transition(kafka, "/api/editions/same", "FINAL_REVIEW");
        VotingEditionSetup.transition(local, "/api/editions/same-http", "FINAL_REVIEW");
        assertThat(verified(kafka, "same").summary().get("tallies"))
                .isEqualTo(verified(local, "same-http").summary().get("tallies"));
    }

    /**
     * Whoever writes to the topic cannot move the clock-skew baseline: a receivedAt in the JSON, a
     * producer's timestamp and a header signed with another key are all ignored; only the stamp of
     * this service's own HTTP door, signed with the shared key, is believed.
     */
    @Test
    void a_time_the_record_claims_for_itself_is_never_believed() throws Exception {
        TestHttp kafka = start("stamp", "g-stamp", "stamp", "--selection.kafka.stamp-key=shared-test-key");
        VotingEditionSetup.open(kafka, "stamp");
        long future = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
        String claimsLater = "{\"id\":\"claims\",\"voterId\":\"x1\",\"workId\":\"A1\","
                + "\"castAt\":\"2029-06-01T00:00:00Z\",\"receivedAt\":\"2030-01-01T00:00:00Z\"}";
        String producerTime = VotingEditionSetup.vote("producer-time", "x2", "A1", Instant.parse("2029-06-01T00:00:00Z"));
        String forged = VotingEditionSetup.vote("forged", "x3", "A1", Instant.parse("2029-06-01T00:00:00Z"));
        String stamped = VotingEditionSetup.vote("stamped", "x4", "A1", Instant.parse("2024-02-28T00:30:00Z"));
        org.apache.kafka.common.header.internals.RecordHeaders forgedHeaders =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        new io.selection.api.voting.intake.ReceivedStamp("another-key").stamp(forgedHeaders,
                Instant.parse("2030-01-01T00:00:00Z"), forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.apache.kafka.common.header.internals.RecordHeaders goodHeaders =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        new io.selection.api.voting.intake.ReceivedStamp("shared-test-key").stamp(goodHeaders,
                Instant.parse("2024-02-28T01:00:00Z"), stamped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>("stamp", "x1", claimsLater));
        producer.send(new ProducerRecord<>("stamp", null, future, "x2", producerTime));
        producer.send(new ProducerRecord<>("stamp", null, null, "x3", forged, forgedHeaders));
        producer.send(new ProducerRecord<>("stamp", null, null, "x4", stamped, goodHeaders));
        producer.flush();
        await("four decisions", () -> VotingEditionSetup.decided(kafka, "stamp") == 4);
        Instant now = Instant.now();
        for (String id : List.of("claims", "producer-time", "forged")) {
            Response vote = kafka.get("gateway", "/api/editions/stamp/votes/" + id);
            assertThat(vote.body().get("reason").asText()).as(id).isEqualTo("CLOCK_SKEW");
            assertThat(Instant.parse(vote.body().get("receivedAt").asText())).as(id)
                    .isBefore(now.plusSeconds(1)).isAfter(now.minusSeconds(300));
        }
        Response good = kafka.get("gateway", "/api/editions/stamp/votes/stamped");
        assertThat(good.body().get("decision").asText()).isEqualTo("ACCEPTED");
        assertThat(good.body().get("receivedAt").asText()).isEqualTo("2024-02-28T01:00:00Z");
    }

    @Test
    void replaying_the_topic_changes_no_count() throws Exception {
        Workload w = workload("r", 2000, 2);
        TestHttp http = start("replay", "g-replay", "replay");
        VotingEditionSetup.open(http, "replay");
        produce("replay", w);
        await("first delivery", () -> VotingEditionSetup.decided(http, "replay") == w.decisions());
        produce("replay", w); // every record again: same ids
        for (int p = 0; p < 8; p++) { // records that are not votes are skipped, and the position moves past them
            producer.send(new ProducerRecord<>("replay", "junk" + p, p % 2 == 0 ? "{not json" : "{\"id\":\"x" + p + "\"}"));
        }
        // One new vote per voter key afterwards; once all are decided, every partition is past the repeats.
        Workload after = workload("after", 400, 3);
        produce("replay", after);
        await("the votes after the repeats",
                () -> VotingEditionSetup.decided(http, "replay") == w.decisions() + after.decisions());
        Map<String, Long> both = new HashMap<>(w.valid());
        assertThat(VotingEditionSetup.decided(http, "replay")).isEqualTo(w.decisions() + after.decisions());
        List<Long> valid = VotingEditionSetup.validVotes(http, "replay");
        List<Long> firstOnly = expected(w);
        for (int i = 0; i < valid.size(); i++) {
            String work = VotingEditionSetup.SHORTLISTED.get(i);
            assertThat(valid.get(i)).as(work).isEqualTo(firstOnly.get(i) + after.valid().getOrDefault(work, 0L));
        }
        assertThat(both).isNotEmpty();
        assertThat(instances.get(0).getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("selection.votes.unreadable").count()).isEqualTo(8);
    }

    @Test
    void a_consumer_stopped_mid_stream_and_restarted_loses_and_doubles_nothing() throws Exception {
        Workload w = workload("x", 20000, 4);
        TestHttp first = start("restart", "g-restart", "restart");
        VotingEditionSetup.open(first, "restart");
        produce("restart", w);
        await("some decisions", () -> VotingEditionSetup.decided(first, "restart") > 2000);
        instances.remove(0).close(); // stops between or inside groups, whichever it is at
        TestHttp second = start("restart", "g-restart", "restart");
        await("every decision", () -> VotingEditionSetup.decided(second, "restart") >= w.decisions());
        staysAt(second, "restart", w.decisions());
        assertThat(VotingEditionSetup.validVotes(second, "restart")).isEqualTo(expected(w));
    }

    @Test
    void two_instances_in_one_group_split_the_partitions_and_count_exactly() throws Exception {
        Workload w = workload("p", 20000, 5);
        TestHttp one = start("pair", "g-pair", "pair");
        VotingEditionSetup.open(one, "pair");
        TestHttp two = start("pair", "g-pair", "pair");
        await("both instances hold partitions", () -> partitions(0) > 0 && partitions(1) > 0);
        assertThat(partitions(0) + partitions(1)).isEqualTo(PARTITIONS);
        produce("pair", w);
        await("every decision", () -> VotingEditionSetup.decided(one, "pair") >= w.decisions()
                && VotingEditionSetup.decided(two, "pair") >= w.decisions());
        staysAt(one, "pair", w.decisions());
        assertThat(VotingEditionSetup.validVotes(one, "pair")).isEqualTo(expected(w));
        assertThat(VotingEditionSetup.validVotes(two, "pair")).isEqualTo(expected(w));
        // two instances wrote the lanes side by side; each gives the same verified log
        VotingEditionSetup.transition(one, "/api/editions/pair", "FINAL_REVIEW");
        io.selection.audit.verifier.Report fromOne = verified(one, "pair");
        io.selection.audit.verifier.Report fromTwo = verified(two, "pair");
        assertThat(fromTwo.summary().get("head")).isEqualTo(fromOne.summary().get("head"));
    }

    /**
     * Two deciders split each poll's partitions between them: the counts are the rules' exactly,
     * the log verifies, and a vote id sent under two voters at once, keyed to two different
     * partitions (so the two threads may decide both copies at the same moment), is decided once;
     * sent again later, it changes nothing.
     */
    @Test
    void two_deciders_split_a_poll_by_partition_and_count_exactly() throws Exception {
        Workload w = workload("d", 12000, 11);
        TestHttp http = start("deciders", "g-deciders", "deciders", "--selection.votes.deciders=2");
        VotingEditionSetup.open(http, "deciders");
        produce("deciders", w);
        // new ids, each under two voters at once; both copies cast the same second for the same work
        int twins = 400;
        for (int i = 0; i < twins; i++) {
            Instant at = VotingEditionSetup.castAt(i % 7).plusSeconds(i);
            String work = VotingEditionSetup.SHORTLISTED.get(i % 6);
            String a = "twinA" + i;
            String b = "twinB" + i;
            for (int k = 0; partition(b) == partition(a); k++) {
                b = "twinB" + i + "-" + k;
            }
            producer.send(new ProducerRecord<>("deciders", a, VotingEditionSetup.vote("twin" + i, a, work, at)));
            producer.send(new ProducerRecord<>("deciders", b, VotingEditionSetup.vote("twin" + i, b, work, at)));
        }
        producer.flush();
        long decisions = w.decisions() + twins;
        await("every decision", () -> VotingEditionSetup.decided(http, "deciders") >= decisions);
        staysAt(http, "deciders", decisions);
        // each twin is one valid vote for its work, whichever voter's copy was decided
        List<Long> valid = new ArrayList<>(expected(w));
        for (int i = 0; i < twins; i++) {
            valid.set(i % 6, valid.get(i % 6) + 1);
        }
        assertThat(VotingEditionSetup.validVotes(http, "deciders")).isEqualTo(valid);
        Map<String, List<String>> log = AuditTrail.decisionsByVoteId(http, "/api/editions/deciders");
        assertThat(log).hasSize((int) decisions);
        assertThat(log.values()).allSatisfy(d -> assertThat(d).hasSize(1));
        io.micrometer.core.instrument.MeterRegistry meters = instances.get(0)
                .getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double splitLots = meters.counter("selection.votes.lots.split").count();
        assertThat(splitLots).as("polls whose partitions two threads decided").isPositive();

        // sent again under other voters: repeats, answered with their first decisions, counted nowhere
        for (int i = 0; i < 300; i++) {
            String[] vote = w.votes().get(i);
            producer.send(new ProducerRecord<>("deciders", "other" + i, vote[1].replace(vote[0], "other" + i)));
        }
        producer.flush();
        // read to the end: the lag (measured about once a second) back at 0 after a measure that saw them
        Awaitility.await("the repeats read").pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(60))
                .until(() -> meters.get("selection.kafka.consumer.lag").gauge().value() == 0);
        staysAt(http, "deciders", decisions);
        assertThat(VotingEditionSetup.validVotes(http, "deciders")).isEqualTo(valid);
        VotingEditionSetup.transition(http, "/api/editions/deciders", "FINAL_REVIEW");
        verified(http, "deciders");
    }

    @Test
    void a_partition_far_ahead_by_cast_time_waits_for_the_slowest_one() throws Exception {
        // a pre-filled topic: 8,000 votes of day 0 on partition 0, 3,000 of day 5 on each other one
        long paced = votesOfOtherLanesBeforeTheSlowestEnds("paced", 60);
        long unpaced = votesOfOtherLanesBeforeTheSlowestEnds("unpaced", -1);
        // each partition ahead gives at most the poll that showed how far ahead it is (500 records at most here)
        assertThat(paced).as("votes of the partitions ahead decided before partition 0's last")
                .isLessThanOrEqualTo(3 * 500);
        assertThat(unpaced).as("the same without pacing (the test can tell the difference)").isGreaterThan(6_000);
    }

    /**
     * Fills the topic, then reads it with a door whose lanes may run {@code spread} seconds apart;
     * answers how many votes of partitions 1 to 3 the log holds before partition 0's last group,
     * once every vote is decided exactly once and the log verifies.
     */
    private long votesOfOtherLanesBeforeTheSlowestEnds(String topic, long spread) throws Exception {
        TestHttp setUp = start(null, "g-" + topic, topic);
        VotingEditionSetup.open(setUp, topic);
        instances.remove(instances.size() - 1).close();
        int[] sizes = {8_000, 3_000, 3_000, 3_000};
        for (int p = 0; p < PARTITIONS; p++) {
            Instant day = VotingEditionSetup.castAt(p == 0 ? 0 : 5);
            for (int i = 0; i < sizes[p]; i++) {
                String voter = topic + "-p" + p + "-v" + (i % 500);
                String work = VotingEditionSetup.SHORTLISTED.get(i % 6);
                producer.send(new ProducerRecord<>(topic, p, voter,
                        VotingEditionSetup.vote(topic + "-" + p + "-" + i, voter, work, day.plusSeconds(i))));
            }
        }
        producer.flush();
        long total = java.util.Arrays.stream(sizes).sum();
        // small fetches: every partition's first records come in the first poll, whatever order Kafka fetches them in
        TestHttp http = start(topic, "g-" + topic, topic, "--selection.kafka.lane-spread-seconds=" + spread,
                "--selection.kafka.max-partition-fetch-bytes=16384");
        await("every decision", () -> VotingEditionSetup.decided(http, topic) >= total);
        staysAt(http, topic, total);
        Response export = http.get("auditor", "/api/editions/" + topic + "/events");
        List<String> lines = AuditTrail.lines(export.raw());
        String slowest = "kafka-" + topic + "-0";
        long[] others = {0};
        long[] beforeLast = {0};
        AuditTrail.fold(lines, (event, seq) -> {
            if (event instanceof io.selection.events.VotesDecidedEvent group) {
                if (slowest.equals(group.lane())) {
                    beforeLast[0] = others[0];
                } else {
                    others[0] += group.votes().size();
                }
            }
        });
        assertThat(others[0]).isEqualTo(total - sizes[0]);
        if (spread > 0) {
            double pauses = instances.get(instances.size() - 1).getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .counter("selection.kafka.partitions.held.back.pauses").count();
            assertThat(pauses).as("partitions paused for running ahead").isPositive();
        }
        VotingEditionSetup.transition(http, "/api/editions/" + topic, "FINAL_REVIEW");
        verified(http, topic);
        instances.remove(instances.size() - 1).close();
        return beforeLast[0];
    }

    /** The partition the producer's default partitioner gives a key (its own function). */
    private static int partition(String key) {
        return org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8), PARTITIONS);
    }

    private int partitions(int instance) {
        return instances.get(instance).getBean(io.selection.api.voting.intake.KafkaVoteConsumer.class).partitions();
    }
}
