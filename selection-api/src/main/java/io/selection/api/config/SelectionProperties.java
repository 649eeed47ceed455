package io.selection.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code selection.*}; see docs/operations.md. */
@ConfigurationProperties(prefix = "selection")
public record SelectionProperties(String dataDir, Accounts accounts, boolean seed2023, Votes votes,
                                  ReadModels readModels) {

    public record Accounts(String organiserPassword, String auditorPassword, String gatewayPassword) {
    }

    public record Votes(int groupSize, int queueCapacity) {
    }

    public record ReadModels(long awaitMillis) {
    }
}
