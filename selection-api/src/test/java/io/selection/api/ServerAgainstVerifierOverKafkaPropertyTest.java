package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The server and the verifier apply one rulebook over the Kafka door too ({@link PropertyStream}): the
 * service with the Kafka door on (a real KRaft broker in this JVM, 4 partitions, so 4 lanes), where
 * the HTTP doors put their votes on the topic and a third of the chunks go straight onto it, as a
 * voting front-end's would. A seed that fails names itself in the test's name.
 */
@org.junit.jupiter.api.Tag("slow")
class ServerAgainstVerifierOverKafkaPropertyTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, String> producer;
    private static ConfigurableApplicationContext service;
    private static TestHttp http;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 4, "property-votes");
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
        service = new SpringApplicationBuilder(io.selection.api.SelectionApplication.class).run("--server.port=0",
                "--selection.data-dir=" + dataDir, "--selection.seed-2023=false", "--selection.kafka.enabled=true",
                "--selection.kafka.topic=property-votes", "--selection.kafka.group-id=property",
                "--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.max-poll-records=50", "--selection.votes.latency-budget-millis=10000");
        http = new TestHttp("http://localhost:" + ((ServletWebServerApplicationContext) service).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        producer.close();
        broker.destroy();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void a_random_stream_over_every_door_verifies_and_every_id_answers_its_first_decision(long seed) throws Exception {
        String edition = "kprop" + seed;
        new PropertyStream(http, votes -> send(edition, votes)).run(edition, seed);
    }

    /** Each vote as a voting front-end puts it on the topic: keyed by voter, with its edition. */
    private static void send(String edition, List<ObjectNode> votes) {
        for (ObjectNode vote : votes) {
            ObjectNode record = vote.deepCopy().put("editionId", edition);
            producer.send(new ProducerRecord<>("property-votes", vote.get("voterId").asText(), record.toString()));
        }
        producer.flush();
    }
}
