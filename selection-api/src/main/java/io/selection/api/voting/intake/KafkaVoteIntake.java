package io.selection.api.voting.intake;

import io.selection.api.config.SelectionProperties;
import io.selection.api.voting.VoteLookup;
import io.selection.api.web.Unavailable;
import io.selection.projections.Views.VoteView;
import io.selection.projections.Views;
import io.selection.query.ReadModelQueries;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * With the Kafka door on, the HTTP doors put their votes on the same topic, keyed by voter, so
 * one consumer group decides every vote whatever door it came through; the caller is answered
 * when the decision is durable.
 */
@Component
@ConditionalOnProperty(name = "selection.kafka.enabled", havingValue = "true")
public class KafkaVoteIntake implements VoteIntake {

    private final KafkaProducer<String, byte[]> producer;
    private final DecisionWaiters waiters;
    private final ObjectMapper mapper;
    private final String topic;

    private final VoteLookup lookup;
    private final io.selection.api.web.ReadModels readModels;

    private final ReceivedStamp stamp;

    public KafkaVoteIntake(SelectionProperties properties, DecisionWaiters waiters, ObjectMapper mapper,
                           VoteLookup lookup, io.selection.api.web.ReadModels readModels, ReceivedStamp stamp) {
        this.stamp = stamp;
        this.lookup = lookup;
        this.readModels = readModels;
        this.waiters = waiters;
        this.mapper = mapper;
        this.topic = properties.kafka().topic();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // a broker that does not answer fails the request within seconds (503), never holds it a minute
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.CLIENT_ID_CONFIG, "selection-http-door"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public CompletableFuture<VoteOutcome> submit(String editionId, Vote vote) {
        VoteView known = lookup.find(editionId, vote.voteId(), false);
        return known != null ? repeat(known) : send(editionId, vote);
    }

    /** One question to the read models for the whole batch, then one record a vote not decided yet. */
    @Override
    public List<CompletableFuture<VoteOutcome>> submitAll(String editionId, List<Vote> votes) {
        Map<String, Long> decided = readModels.askNow(new ReadModelQueries.FindVotesQuery(editionId,
                votes.stream().map(Vote::voteId).toList()), Views.VoteLocations.class).seqs();
        List<CompletableFuture<VoteOutcome>> answers = new java.util.ArrayList<>(votes.size());
        for (Vote vote : votes) {
            Long seq = decided.get(vote.voteId());
            VoteLookup.Found known = seq == null ? null : lookup.at(editionId, vote.voteId(), seq);
            answers.add(known != null ? repeat(known.view()) : send(editionId, vote));
        }
        return answers;
    }

    /** Decided before, maybe by another instance: its first decision, counted once. */
    private static CompletableFuture<VoteOutcome> repeat(VoteView known) {
        return CompletableFuture.completedFuture(new VoteOutcome(known.id(), Decision.valueOf(known.decision()),
                known.reason() == null ? null : RefusalReason.valueOf(known.reason()), true));
    }

    private CompletableFuture<VoteOutcome> send(String editionId, Vote vote) {
        CompletableFuture<VoteOutcome> answer = waiters.register(vote.voteId());
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(new KafkaVoteRecord(editionId, vote.voteId(), vote.voterId(),
                    vote.workId(), vote.castAt(), vote.ip() == null && vote.device() == null ? null
                    : new CastVote.Source(vote.ip(), vote.device())));
        } catch (JsonProcessingException e) {
            answer.completeExceptionally(e);
            return answer;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, vote.voterId(), value);
        stamp.stamp(record.headers(), vote.receivedAt(), value);
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    answer.completeExceptionally(new Unavailable("the vote topic did not take the vote ("
                            + VoteDoors.describe(error) + "); send it again with the same id", 1));
                }
            });
        } catch (RuntimeException e) { // no metadata within max.block.ms: the broker does not answer
            answer.completeExceptionally(new Unavailable("the vote topic does not answer ("
                    + VoteDoors.describe(e) + "); send the vote again with the same id", 2));
        }
        return answer.orTimeout(60, TimeUnit.SECONDS);
    }

    @PreDestroy
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
