package io.selection.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The Kafka baselines: a plain {@code kafka-clients} producer of the vote records and a plain
 * consumer that polls and parses them with Jackson, deciding nothing. The producer settings are
 * the ones PERFORMANCE.md measured (acks=all, idempotent, lz4, linger 5 ms, 256 KB batches) and
 * the same producer feeds every Kafka row, so all of them see the same bytes.
 */
final class RawKafka {

    private RawKafka() {
    }

    static final String PRODUCER_SETTINGS = "acks=all, idempotent, lz4, linger.ms=5, batch.size=256KB";

    static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "selection-bench-producer");
        return config;
    }

    /** What a produce run sent. */
    record Produced(long records, long bytes, double seconds) {
    }

    /**
     * Sends votes {@code [0, count)} of {@code data} for {@code editionId} to {@code topic}, keyed by
     * voter, and waits until every one is acknowledged. {@code progress} hears the count sent so far.
     */
    static Produced produce(String bootstrap, String topic, String editionId, VoteData data, long count,
                            LongConsumer progress) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        long bytes = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                VoteData.Vote v = data.vote(i);
                byte[] value = VoteData.kafkaJson(editionId, v);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, v.voterId(), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                if ((i & 0xFFFF) == 0) {
                    if (failure.get() != null) {
                        break;
                    }
                    if (progress != null) {
                        progress.accept(i);
                    }
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed after " + acked.get() + " records",
                    failure.get());
        }
        if (acked.get() != count) {
            throw new IllegalStateException("only " + acked.get() + " of " + count + " records were acknowledged");
        }
        return new Produced(count, bytes, seconds);
    }

    /**
     * {@link #produce} on a thread of its own, so that a row can time what consumes the votes
     * meanwhile, end to end.
     */
    static final class Background {
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<Produced> produced = new AtomicReference<>();
        private final Thread thread;

        Background(String bootstrap, String topic, String editionId, VoteData data, long count, String threadName) {
            thread = new Thread(() -> {
                try {
                    produced.set(produce(bootstrap, topic, editionId, data, count, null));
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, threadName);
            thread.start();
        }

        boolean failed() {
            return failure.get() != null;
        }

        /** Waits at most {@code seconds} for the producer to finish. */
        void join(long seconds) throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(seconds));
        }

        /** What it produced, or null while it is still going; throws when it failed. */
        Produced produced() {
            if (failure.get() != null) {
                throw new IllegalStateException("producer failed", failure.get());
            }
            return produced.get();
        }
    }

    /** The record value as the consumers read it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class KafkaVote {
        public String editionId;
        public String id;
        public String voterId;
        public String workId;
        public String castAt;
        public Source source;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Source {
        public String ip;
        public String device;
    }

    static final ObjectReader VOTE_READER = new ObjectMapper().readerFor(KafkaVote.class);

    static Map<String, Object> consumerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    /** What a consume run read. */
    record Consumed(long records, double seconds, long checksum) {
    }

    /** Reads {@code count} records of {@code topic} from the beginning, parsing each with Jackson. */
    static Consumed consume(String bootstrap, String topic, long count) throws IOException {
        long checksum = 0;
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(bootstrap, "selection-bench-raw-consumer"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long started = System.nanoTime();
            long idleSince = System.nanoTime();
            while (read < count) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (System.nanoTime() - idleSince > 60_000_000_000L) {
                        throw new IllegalStateException("raw consumer: no record for 60 s after " + read + " of "
                                + count);
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    KafkaVote vote = VOTE_READER.readValue(record.value());
                    checksum += vote.voterId.length() + vote.castAt.length();
                    read++;
                }
            }
            return new Consumed(read, (System.nanoTime() - started) / 1e9, checksum);
        }
    }
}
