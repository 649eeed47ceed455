package io.selection.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker of a run: a real KRaft broker inside this JVM (spring-kafka-test), or the one
 * at {@code --bootstrap} (for instance scripts/kafka-broker.sh's 127.0.0.1:9092).
 */
final class Broker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker embedded;
    private final String bootstrap;
    private final Admin admin;

    private Broker(EmbeddedKafkaKraftBroker embedded, String bootstrap) {
        this.embedded = embedded;
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "selection-bench-admin"));
    }

    static Broker start(String bootstrap, int partitions) {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return new Broker(null, bootstrap);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "num.partitions", Integer.toString(partitions),
                "offsets.topic.num.partitions", "8",
                "group.initial.rebalance.delay.ms", "0",
                "log.segment.bytes", Integer.toString(512 * 1024 * 1024),
                "num.io.threads", "4",
                "num.network.threads", "2"));
        broker.afterPropertiesSet();
        return new Broker(broker, broker.getBrokersAsString());
    }

    String bootstrap() {
        return bootstrap;
    }

    String describe() {
        return embedded == null
                ? "broker at " + bootstrap + " (given by --bootstrap)"
                : "KRaft broker in the benchmark's JVM (spring-kafka-test), " + bootstrap;
    }

    /**
     * Creates a topic (replication factor 1: one broker) and waits until the broker leads every
     * partition. Producing to a partition the broker does not lead yet gets NOT_LEADER_OR_FOLLOWER
     * on the first batch while later batches may already be accepted; the idempotent producer
     * then retries that first batch forever with OUT_OF_ORDER_SEQUENCE_NUMBER (seen here).
     */
    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        awaitLeaders(topic, partitions);
    }

    /** Creates the topic unless it exists; either way waits until the broker leads its partitions. */
    void ensureTopic(String topic, int partitions) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
        int existing = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        awaitLeaders(topic, existing);
    }

    private void awaitLeaders(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            all.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                // answered by each partition's leader, so it succeeds only once the broker leads them all
                admin.listOffsets(all).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no leader after 60 s", notYet.getCause());
                }
                Thread.sleep(100);
            }
        }
    }

    /** Members of a consumer group now (0 when the group does not exist). */
    int groupMembers(String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                    .get(group);
            return d == null ? 0 : d.members().size();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Members of a consumer group that hold at least one partition now (0 when the group does not exist). */
    int assignedMembers(String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                    .get(group);
            return d == null ? 0 : (int) d.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            return 0;
        }
    }

    @Override
    public void close() {
        admin.close();
        if (embedded != null) {
            embedded.destroy();
        }
    }
}
