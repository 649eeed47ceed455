package io.selection.projections;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;

/** Feeds every event of the log, in order, into the read-model store. */
@ProcessingGroup(ReadModelProjector.PROCESSING_GROUP)
public class ReadModelProjector {

    public static final String PROCESSING_GROUP = "read-models";

    private final ReadModelStore store;

    public ReadModelProjector(ReadModelStore store) {
        this.store = store;
    }

    @EventHandler
    public void on(Object event, TrackingToken token, @Timestamp Instant timestamp) {
        store.apply(token, timestamp, event);
    }

    @ResetHandler
    public void reset() {
        store.clear();
    }
}
