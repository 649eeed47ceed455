package io.selection.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code selection.*}; see docs/operations.md. */
@ConfigurationProperties(prefix = "selection")
public record SelectionProperties(String dataDir, Accounts accounts, boolean seed2023, Votes votes,
                                  ReadModels readModels, Kafka kafka, Suspicion suspicion, Audit audit) {

    /** How often new lines of the log are sealed (hash and chain written once); 0 turns the sealer off. */
    public record Audit(long sealMillis) {
    }

    /** What the flags of suspicious votes count; see docs/operations.md. */
    public record Suspicion(int perIp, int perDevice, int windowMinutes, int limitRefusals) {
    }

    /** The Kafka door (profile {@code kafka}): off by default. */
    public record Kafka(boolean enabled, String bootstrapServers, String topic, String groupId, int maxPollRecords) {
    }

    public record Accounts(String organiserPassword, String auditorPassword, String gatewayPassword) {
    }

    public record Votes(int groupSize, int queueCapacity, int lanes) {
    }

    public record ReadModels(long awaitMillis) {
    }
}
