package io.selection.api.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.selection.api.web.ReadModels;
import io.selection.audit.format.Hex;
import io.selection.audit.proofs.Sha256;
import io.selection.edition.Category;
import io.selection.projections.ReadModelProjector;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.ReadModelStore;
import io.selection.projections.Views;
import io.selection.query.ReadModelQueries;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drops the read models and replays the whole log into them (ORGANISER). The answer names a
 * digest of every read model of every edition before and after: equal digests are the proof that
 * the read models follow from the log alone. While it runs, {@code GET /api/admin/read-models}
 * (and the log, every second) shows how far the replay has come.
 */
@RestController
public class ReadModelAdminController {

    private static final Logger log = LoggerFactory.getLogger(ReadModelAdminController.class);

    public record Rebuilt(long position, long millis, boolean identical, Map<String, Map<String, String>> before,
                          Map<String, Map<String, String>> after) {
    }

    public record Progress(boolean rebuilding, long position, long head) {
    }

    private final EventProcessingConfiguration processing;
    private final ReadModels readModels;
    private final ReadModelStore store;
    private final ReadModelQueryHandlers queries;
    private final ObjectMapper canonical;
    private volatile boolean rebuilding;
    private final long stallMillis;

    public ReadModelAdminController(EventProcessingConfiguration processing, ReadModels readModels,
                                    ReadModelStore store, ReadModelQueryHandlers queries, ObjectMapper mapper,
                                    io.selection.api.config.SelectionProperties properties) {
        this.queries = queries;
        this.stallMillis = properties.readModels().awaitMillis();
        this.processing = processing;
        this.readModels = readModels;
        this.store = store;
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    @PostMapping("/api/admin/read-models:rebuild")
    public synchronized Rebuilt rebuild() throws InterruptedException {
        readModels.awaitHead();
        Map<String, Map<String, String>> before = digests();
        long start = System.nanoTime();
        TrackingEventProcessor processor = processing
                .eventProcessor(ReadModelProjector.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        rebuilding = true;
        try {
            long head = readModels.head();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            long last = -1;
            long stalledSince = System.nanoTime();
            while (!store.awaitPosition(head, 1000)) {
                long position = store.position();
                log.info("rebuilding the read models: log position {} of {}", position, head);
                if (position != last) {
                    last = position;
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > stallMillis * 1_000_000) {
                    // a replay that stops moving fails loudly rather than leaving half-built read models unsaid
                    throw new ReadModels.ReadModelsBehind(head, position, stallMillis);
                }
            }
        } finally {
            rebuilding = false;
        }
        readModels.awaitHead();
        Map<String, Map<String, String>> after = digests();
        return new Rebuilt(readModels.head(), (System.nanoTime() - start) / 1_000_000, before.equals(after), before,
                after);
    }

    @GetMapping("/api/admin/read-models")
    public Progress progress() {
        return new Progress(rebuilding, store.position(), readModels.head());
    }

    /** Per edition, the SHA-256 of each read model's answer as JSON with sorted keys. */
    private Map<String, Map<String, String>> digests() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String editionId : store.editionIds()) {
            Views.EditionView edition = readModels.askNow(new ReadModelQueries.FindEditionQuery(editionId),
                    Views.EditionView.class);
            Map<String, String> views = new LinkedHashMap<>();
            views.put("edition", digest(edition));
            for (Category c : edition.categories()) {
                views.put("preliminary-ranking:" + c.code(), digest(readModels.askNow(
                        new ReadModelQueries.FindPreliminaryRankingQuery(editionId, c.code()),
                        Views.PreliminaryRankingView.class)));
            }
            views.put("shortlist", digest(readModels.askNow(new ReadModelQueries.FindShortlistQuery(editionId),
                    Views.ShortlistView.class)));
            views.put("tallies", digest(readModels.askNow(new ReadModelQueries.FindTalliesQuery(editionId),
                    Views.TalliesView.class)));
            views.put("final-ranking", digest(readModels.askNow(new ReadModelQueries.FindFinalRankingQuery(editionId),
                    Views.RankingView.class)));
            views.put("winners", digest(readModels.askNow(new ReadModelQueries.FindWinnersQuery(editionId),
                    Views.RankingView.class)));
            views.put("suspicious-vote-sets", digest(readModels.askNow(
                    new ReadModelQueries.FindSuspiciousVoteSetsQuery(editionId), Views.SuspiciousSetsView.class)));
            views.put("vote-rate", digest(queries.live(editionId).voteRate()));
            views.put("works", digest(store.workDigestInput(editionId)));
            all.put(editionId, views);
        }
        return all;
    }

    private String digest(Object view) {
        try {
            return Hex.of(Sha256.of(canonical.writeValueAsBytes(view)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
