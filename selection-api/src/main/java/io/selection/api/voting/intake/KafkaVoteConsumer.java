package io.selection.api.voting.intake;


import io.selection.api.config.SelectionProperties;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka door: one consumer in the group {@code selection.kafka.group-id}. Each assigned
 * partition is a vote lane; its position lives in the lane's last event, committed in the same
 * transaction as the decisions, and the consumer seeks there on assignment. Kafka's own offset
 * commits are off: the database is the one record of what was consumed.
 */
@Component
@ConditionalOnProperty(name = "selection.kafka.enabled", havingValue = "true")
public class KafkaVoteConsumer {

    private static final Logger log = LoggerFactory.getLogger(KafkaVoteConsumer.class);

    private final SelectionProperties.Kafka config;
    private final LaneCommitter committer;
    private final EventStore eventStore;
    private final EditionStates editions;
    private final DecisionWaiters waiters;
    private final Clock clock;
    private final ReceivedStamp stamp;
    private final int sessionTimeoutMs;
    private final String defaultEdition;
    private final Map<Integer, VoteLane> lanes = new ConcurrentHashMap<>();
    /** The vote ids the lanes of this consumer decided, shared: one vote id is one vote across partitions. */
    private final DoorVoteIds ids = new DoorVoteIds();
    private final AtomicLong lag = new AtomicLong();
    /** Partitions assigned (or failed) whose lanes must be rebuilt from the log before they are read; paused till then. */
    private final java.util.Set<Integer> stale = ConcurrentHashMap.newKeySet();
    private final Backoff backoff = new Backoff(100, 5_000);
    private final VoteDoors.Door door;
    /** A failure happened: every lane is rebuilt from the log before anything more is decided. */
    private boolean recovering;
    /** While backing off after a failure: when to try again ({@link System#nanoTime()}). */
    private long retryAt;
    private boolean backingOff;
    private long lagMeasuredAt = System.nanoTime() - 2_000_000_000L;
    private final Counter unreadable;
    /** Each partition's latest castAt (epoch second) of the votes accepted from it since it was last sought; absent: none yet. */
    private final Map<Integer, Long> marks = new java.util.HashMap<>();
    /** When records of each partition were last read ({@link System#nanoTime()}), whatever was decided of them. */
    private final Map<Integer, Long> readAt = new java.util.HashMap<>();
    /** Partitions paused because they ran more than the lane spread ahead of the slowest (by castAt). */
    private final java.util.Set<Integer> heldBack = ConcurrentHashMap.newKeySet();
    private final Counter heldBackCount;
    private KafkaConsumer<String, byte[]> consumer;
    private VoteWriter writer;
    private Thread thread;
    private volatile boolean running = true;

    public KafkaVoteConsumer(SelectionProperties properties, LaneCommitter committer, EventStore eventStore,
                             EditionStates editions, DecisionWaiters waiters, Clock clock,
                             MeterRegistry meters, ReceivedStamp stamp, VoteDoors doors,
                             @org.springframework.beans.factory.annotation.Value("${selection.kafka.edition:2023}")
                             String defaultEdition,
                             @org.springframework.beans.factory.annotation.Value(
                                     "${selection.kafka.session-timeout-ms:45000}") int sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.door = doors.register("kafka");
        this.stamp = stamp;
        this.config = properties.kafka();
        this.committer = committer;
        this.eventStore = eventStore;
        this.editions = editions;
        this.waiters = waiters;
        this.clock = clock;
        this.defaultEdition = defaultEdition;
        this.unreadable = Counter.builder("selection.votes.unreadable")
                .description("Kafka records that are not a vote; skipped").register(meters);
        Gauge.builder("selection.kafka.consumer.lag", lag, AtomicLong::get)
                .description("records on the assigned partitions not yet decided").register(meters);
        Gauge.builder("selection.kafka.partitions", lanes, Map::size).register(meters);
        Gauge.builder("selection.kafka.partitions.held.back", heldBack, java.util.Set::size)
                .description("partitions paused because their votes ran ahead (by castAt) of the slowest "
                        + "partition's by more than selection.kafka.lane-spread-seconds").register(meters);
        this.heldBackCount = Counter.builder("selection.kafka.partitions.held.back.pauses")
                .description("times a partition was paused for running ahead of the others").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024,
                // a little of every partition a fetch, so no lane runs hours of votes ahead of the others
                // while the door catches up (the burst rules keep every key from the slowest lane's
                // time on; docs/performance.md, "Balanced fetches")
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxPartitionFetchBytes(),
                // wait a few milliseconds for a fuller poll: bigger groups, fewer commits
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20));
        // how long the group waits for a silent instance before its partitions go to the others
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, sessionTimeoutMs / 3));
        consumer = new KafkaConsumer<>(settings,
                new StringDeserializer(), new ByteArrayDeserializer());
        writer = new VoteWriter(committer, "vote-writer-kafka", 2);
        thread = new Thread(this::run, "vote-kafka-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    awaitWriter(); // what was decided for these partitions is committed (or not) first
                    partitions.forEach(p -> {
                        VoteLane lane = lanes.remove(p.partition());
                        if (lane != null) {
                            ids.remove(lane);
                        }
                        stale.remove(p.partition());
                        forgetPace(p.partition());
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // no store read here: a failure would escape poll(); the loop rebuilds them, paused till then
                    for (TopicPartition p : partitions) {
                        lanes.put(p.partition(), new VoteLane("kafka-" + p.topic() + "-" + p.partition(), ids));
                        stale.add(p.partition());
                    }
                    consumer.pause(partitions);
                }
            });
            while (running) {
                try {
                    if (backingOff && retryAt - System.nanoTime() > 0) {
                        // backing off: everything paused, but still polling, so the group keeps this member
                        consumer.poll(Duration.ofMillis(Math.min(200, (retryAt - System.nanoTime()) / 1_000_000 + 1)));
                        measureLag();
                        continue;
                    }
                    backingOff = false;
                    if (recovering || writer.failed()) {
                        recover();
                    }
                    if (!stale.isEmpty()) {
                        rebuildStale();
                    }
                    if (door.state() != VoteDoors.State.UP) {
                        door.up();
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        decide(records);
                    }
                    pace(); // also after an empty poll: the slowest partition may have reached its end
                    measureLag();
                } catch (WakeupException stopping) {
                    if (!running) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Throwable e) { // a worker never dies silently: tell health, back off, rebuild, go on
                    recovering = true;
                    long wait = backoff.advance();
                    retryAt = System.nanoTime() + wait * 1_000_000;
                    backingOff = true;
                    door.down(e, wait);
                    log.warn("the Kafka vote door cannot decide ({}); its partitions are paused and resumed from "
                            + "their recorded positions in {} ms", VoteDoors.describe(e), wait);
                    try {
                        consumer.pause(consumer.assignment());
                    } catch (RuntimeException pausing) {
                        log.debug("pausing the partitions failed", pausing);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("the Kafka vote consumer could not subscribe; it stopped", e);
            door.down(e, 60_000);
        } finally {
            awaitWriter();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void awaitWriter() {
        try {
            writer.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After a failure: nothing of the failed commit, nor of what was decided after it, was
     * recorded. Once nothing is in flight, every lane is rebuilt from the log (another instance may
     * have taken a partition meanwhile) and its partition read again from the lane's recorded
     * position. Throws while the store does not answer; the partitions stay paused.
     */
    private void recover() throws InterruptedException {
        writer.awaitIdle();
        ids.rebuildAll(eventStore, editions); // with the ids forgotten: what failed to commit is no repeat
        stale.addAll(lanes.keySet());
        resume(new ArrayList<>(stale));
        writer.recovered();
        recovering = false;
        backoff.reset();
        log.info("the Kafka vote door resumed every partition from its recorded position");
    }

    /** Rebuilds the lanes of the partitions assigned or failed since (in parallel), seeks and resumes them. */
    private void rebuildStale() {
        List<Integer> partitions = new ArrayList<>(stale);
        // new to this consumer, so nothing of theirs is uncommitted: their durable ids join the shared ones
        partitions.parallelStream().map(lanes::get).filter(java.util.Objects::nonNull)
                .forEach(lane -> lane.rebuildOwn(eventStore, editions));
        resume(partitions);
    }

    /** Seeks the partitions' rebuilt lanes to their recorded positions and resumes them. */
    private void resume(List<Integer> partitions) {
        for (Integer p : partitions) {
            VoteLane lane = lanes.get(p);
            if (lane != null) {
                TopicPartition partition = new TopicPartition(config.topic(), p);
                seek(partition, lane);
                consumer.resume(List.of(partition));
            }
            forgetPace(p); // read again from its recorded position: its votes are read again too
            stale.remove(p);
        }
    }

    /**
     * Records on the held partitions not yet durably decided: the end of each partition less the
     * lane's recorded position, asked of the broker about once a second, also while the door is
     * down or backing off (so a lag alert can fire then).
     */
    private void measureLag() {
        long now = System.nanoTime();
        if (now - lagMeasuredAt < 1_000_000_000L) {
            return;
        }
        lagMeasuredAt = now;
        java.util.Set<TopicPartition> held = consumer.assignment();
        if (held.isEmpty()) {
            lag.set(0);
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(held, Duration.ofMillis(500));
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                VoteLane lane = lanes.get(end.getKey().partition());
                Long position = lane == null ? null : lane.nextOffset();
                behind += Math.max(0, end.getValue() - (position == null ? 0 : position));
            }
            lag.set(behind);
        } catch (RuntimeException e) {
            log.debug("the partitions' ends could not be read; the lag keeps its last value", e);
        }
    }

    private void seek(TopicPartition partition, VoteLane lane) {
        if (lane.nextOffset() != null) {
            consumer.seek(partition, lane.nextOffset());
        } else {
            consumer.seekToBeginning(List.of(partition));
        }
    }

    /**
     * One poll, all its partitions, one transaction: the group commit of the Kafka door. The poll is
     * decided here and committed by the writer while the next one is read and decided.
     */
    private void decide(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Instant receivedAt = clock.instant();
        List<LaneCommitter.LaneGroup> groups = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        VoteJson.Fields fields = new VoteJson.Fields();
        for (TopicPartition partition : records.partitions()) {
            VoteLane lane = lanes.get(partition.partition());
            if (lane == null) {
                continue;
            }
            List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
            List<LaneCommitter.Entry> group = new ArrayList<>(polled.size());
            for (ConsumerRecord<String, byte[]> record : polled) {
                LaneCommitter.Entry entry = parse(record, receivedAt, fields);
                if (entry == null) {
                    unreadable.increment();
                } else {
                    group.add(entry);
                }
            }
            groups.add(new LaneCommitter.LaneGroup(lane, group, polled.get(polled.size() - 1).offset() + 1));
            partitions.add(partition.partition());
        }
        if (groups.isEmpty()) {
            return;
        }
        // on failure the lanes may hold part of this poll: the loop rebuilds them and reads again from the log's positions
        LaneCommitter.Decided decided = committer.decide(groups);
        mark(groups, partitions, decided.outcomes());
        writer.submit(VoteWriter.Job.of(decided, () -> {
            if (waiters.anyWaiting()) {
                decided.outcomes().forEach(o -> o.forEach(waiters::complete));
            }
        }, cause -> {
            if (!(cause instanceof VoteWriter.Discarded)) {
                log.warn("vote groups of {} lanes not committed; they are read again", groups.size(), cause);
            }
        }));
    }

    /**
     * Moves each partition's mark to the latest castAt of the votes just accepted from it, as the
     * burst rules move their lanes' marks: a refused vote (cast outside the voting window, or
     * claiming a time after its receipt) says nothing of how far its partition has come.
     */
    private void mark(List<LaneCommitter.LaneGroup> groups, List<Integer> partitions,
                      List<List<io.selection.voting.VoteOutcome>> outcomes) {
        for (int g = 0; g < groups.size(); g++) {
            List<LaneCommitter.Entry> entries = groups.get(g).entries();
            List<io.selection.voting.VoteOutcome> decided = outcomes.get(g);
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < entries.size(); i++) {
                io.selection.voting.VoteOutcome o = decided.get(i);
                if (o != null && !o.repeated() && o.decision() == io.selection.voting.Decision.ACCEPTED) {
                    latest = Math.max(latest, entries.get(i).vote().castAt().getEpochSecond());
                }
            }
            readAt.put(partitions.get(g), System.nanoTime());
            if (latest != Long.MIN_VALUE) {
                marks.merge(partitions.get(g), latest, Math::max);
            }
        }
    }

    /** Forgets what pacing knew of the partition (its mark, its last read, its being held back): it is sought, or gone. */
    private void forgetPace(int partition) {
        marks.remove(partition);
        readAt.remove(partition);
        heldBack.remove(partition);
    }

    /** A partition none of whose records were read for this long holds nobody back, records left or not (its leader may be gone). */
    private static final long STILL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    /**
     * Keeps the partitions that are catching up within {@code lane-spread-seconds} of each other
     * by castAt: one further ahead of the slowest is paused, and resumed once the slowest comes
     * within the spread again, reaches its end, or stops moving. A partition's lane is a lane of
     * the burst rules, which keep every address and device from the slowest lane's time on; while
     * a door catches up, Kafka hands out some partitions far faster than others (in the
     * benchmark's pre-filled topic, lanes 40 hours of castAt apart, and the rules held hundreds of
     * thousands of keys where the window needs thousands: a cache miss each). Only the order in
     * which partitions are read changes: each partition is still read in order, and the slowest
     * one is never paused, so every record is read.
     *
     * <p>What holds others back: a partition with records left (its lag not known yet counts as
     * some) of which records were read in the last 10 s. What is held back: a partition with records left
     * whose mark is more than the spread ahead of the slowest and more than the spread behind the
     * clock. A partition that keeps up with the votes as they are cast is never paused, so a
     * partition that stalls (its leader gone) cannot stop the live ones, and one read nothing of
     * for 10 s stops holding the others.
     */
    private void pace() {
        long spread = config.laneSpreadSeconds();
        if (spread < 0) {
            return;
        }
        long now = System.nanoTime();
        long live = clock.instant().getEpochSecond() - spread;
        long slowest = Long.MAX_VALUE;
        List<TopicPartition> left = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            Long mark = marks.get(partition.partition());
            if (mark == null || stale.contains(partition.partition())) {
                continue;
            }
            java.util.OptionalLong lagOf = consumer.currentLag(partition);
            if (lagOf.isPresent() && lagOf.getAsLong() == 0) {
                continue; // read to its end: it holds nobody back and is never held back
            }
            left.add(partition);
            if (now - readAt.get(partition.partition()) < STILL_NANOS) {
                slowest = Math.min(slowest, mark);
            }
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : left) {
            long mark = marks.get(partition.partition());
            boolean ahead = slowest != Long.MAX_VALUE && mark > slowest + spread && mark < live;
            if (ahead && !heldBack.contains(partition.partition())) {
                pause.add(partition);
            } else if (!ahead && heldBack.contains(partition.partition())) {
                resume.add(partition);
            }
        }
        for (Integer p : heldBack) { // read to its end meanwhile (a paused partition's lag stays as last fetched)
            TopicPartition partition = new TopicPartition(config.topic(), p);
            if (!left.contains(partition) && !resume.contains(partition)) {
                resume.add(partition);
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            resume.forEach(t -> heldBack.remove(t.partition()));
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            pause.forEach(t -> heldBack.add(t.partition()));
            heldBackCount.increment(pause.size());
        }
    }

    /** The record as a vote, read straight into fields and checked as the HTTP doors check one; null if it is not one. */
    private LaneCommitter.Entry parse(ConsumerRecord<String, byte[]> record, Instant receivedAt, VoteJson.Fields f) {
        byte[] value = record.value();
        // a vote on the topic needs its id
        if (value == null || VoteJson.read(value, 0, value.length, f) != null || f.id == null
                || !VoteShape.check(f.id, f.voterId, f.workId, f.castAt, f.ip, f.device).isEmpty()) {
            return null;
        }
        String editionId = f.editionId == null ? defaultEdition : f.editionId;
        // never the record's own word on when it arrived (a receivedAt field is ignored): ReceivedStamp
        return new LaneCommitter.Entry(editionId, new Vote(f.id, f.voterId, f.workId, f.castAt,
                stamp.receivedAt(record, receivedAt), f.ip, f.device));
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** How many partitions this instance holds now (for tests and the health page). */
    public int partitions() {
        return lanes.size();
    }
}
