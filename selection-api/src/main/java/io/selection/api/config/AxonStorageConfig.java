package io.selection.api.config;

import io.selection.edition.Edition;
import io.selection.projections.ReadModelProjector;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.ReadModelStore;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on the JDBC storage engine over the Flyway-made snake_case tables, the Edition aggregate
 * (cached, so a command does not replay the edition's log), and the read models, rebuilt from
 * the log at every start: their tracking token lives in memory on purpose.
 */
@Configuration
public class AxonStorageConfig {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("token_timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public Cache editionCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public ConfigurerModule editionAggregate(Cache editionCache) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(Edition.class).configureCache(c -> editionCache));
    }

    @Bean
    public ConfigurerModule readModelsInMemory() {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(ReadModelProjector.PROCESSING_GROUP, c -> new InMemoryTokenStore());
    }

    @Bean
    public ReadModelStore readModelStore() {
        return new ReadModelStore();
    }

    @Bean
    public ReadModelProjector readModelProjector(ReadModelStore store) {
        return new ReadModelProjector(store);
    }

    @Bean
    public ReadModelQueryHandlers readModelQueryHandlers(ReadModelStore store) {
        return new ReadModelQueryHandlers(store);
    }
}
