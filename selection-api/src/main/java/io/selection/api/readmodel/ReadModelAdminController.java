package io.selection.api.readmodel;

import io.selection.api.web.ReadModels;
import io.selection.projections.ReadModelProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Drops the read models and replays the whole log into them (ORGANISER). */
@RestController
public class ReadModelAdminController {

    public record Rebuilt(long position, long millis) {
    }

    private final EventProcessingConfiguration processing;
    private final ReadModels readModels;

    public ReadModelAdminController(EventProcessingConfiguration processing, ReadModels readModels) {
        this.processing = processing;
        this.readModels = readModels;
    }

    @PostMapping("/api/admin/read-models:rebuild")
    public synchronized Rebuilt rebuild() {
        long start = System.nanoTime();
        TrackingEventProcessor processor = processing
                .eventProcessor(ReadModelProjector.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        readModels.awaitHead();
        return new Rebuilt(readModels.head(), (System.nanoTime() - start) / 1_000_000);
    }
}
