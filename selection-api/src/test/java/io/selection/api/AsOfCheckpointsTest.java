package io.selection.api;

import io.selection.api.config.SelectionProperties;
import io.selection.api.log.EditionLogs;
import io.selection.api.readmodel.AsOf;
import io.selection.api.readmodel.DiffController;
import io.selection.api.web.ReadModels;
import io.selection.projections.PointInTime;
import io.selection.projections.ReadModelStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folded points kept as checkpoints: a question about a later seq folds the nearest earlier kept
 * point forward (only the lines after it are read), a diff folds its later side on from its earlier
 * one, and every answer equals, byte for byte, the answer of a point folded afresh from line 1,
 * whatever the order of the questions and however many run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfCheckpointsTest extends ApiTestBase {

    private static final String ID = "checkpoints";
    private static final String E = "/api/editions/" + ID;

    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    SelectionProperties properties;
    @Autowired
    ReadModelStore store;
    @Autowired
    ReadModels readModels;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private long size;
    /** Each point's answers, folded afresh from line 1 by an AsOf of its own. */
    private final Map<Long, String> fresh = new HashMap<>();

    /** The store's log, counting the lines read. */
    private final class CountingLogs extends EditionLogs {
        final AtomicLong lines = new AtomicLong();

        CountingLogs() {
            super(jdbcTemplate, serializer, properties, new io.selection.api.log.LogFormats(jdbcTemplate),
                    new io.selection.api.config.CommittedPayloads(0), transactions);
        }

        @Override
        public void forEachEvent(String editionId, long from, long to, Consumer<Stored> sink) {
            super.forEachEvent(editionId, from, to, line -> {
                lines.incrementAndGet();
                sink.accept(line);
            });
        }
    }

    @BeforeAll
    void anEditionThroughEveryStage() {
        VotingEditionSetup.open(http(), ID);
        VotingEditionSetup.burstAndCalmVotes(http(), E);
        for (int batch = 0; batch < 6; batch++) {
            StringBuilder votes = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                votes.append(VotingEditionSetup.vote("more" + batch + "-" + i, "voter" + batch + "-" + i,
                        i % 2 == 0 ? "B1" : "A4", VotingEditionSetup.castAt(2 + batch % 3))).append('\n');
            }
            assertThat(postNdjson("gateway", E + "/votes:batch", votes.toString()).status()).isEqualTo(200);
        }
        VotingEditionSetup.disqualifyA3(http(), E);
        VotingEditionSetup.invalidateTheBurst(http(), E);
        VotingEditionSetup.transition(http(), E, "FINAL_REVIEW");
        VotingEditionSetup.juryScores(http(), ID); // A4 95, the others 70
        VotingEditionSetup.transition(http(), E, "RESULTS_PUBLISHED");
        size = jdbc.queryForObject("SELECT MAX(seq) FROM edition_log WHERE edition_id = ?", Long.class, ID);
        assertThat(size).isGreaterThan(50);
        for (long seq = 1; seq <= size; seq++) {
            fresh.put(seq, new AsOf(new CountingLogs(), store, readModels).ask(ID, String.valueOf(seq),
                    this::answers));
        }
    }

    /** What the read-model endpoints answer at a point, as JSON. */
    private String answers(PointInTime p) {
        List<Object> all = new ArrayList<>(Arrays.asList(p.edition(), p.tallies(), p.shortlist(), p.winners(),
                p.finalRanking(), p.preliminaryRanking("A"), p.work("A2"), p.work("A4"), p.history("A2"),
                p.history("A4"), p.history("B1")));
        try {
            return json.writeValueAsString(all);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String ask(AsOf asOf, long seq) {
        return asOf.ask(ID, String.valueOf(seq), this::answers);
    }

    @Test
    void a_later_question_folds_only_the_lines_after_the_nearest_earlier_kept_point() {
        CountingLogs logs = new CountingLogs();
        // its kept line hashes (the digests) caught up, as the server's sealer keeps them
        logs.read(ID, kept -> null);
        logs.lines.set(0);
        AsOf asOf = new AsOf(logs, store, readModels);
        long half = size / 2;

        assertThat(ask(asOf, half)).isEqualTo(fresh.get(half));
        assertThat(logs.lines.getAndSet(0)).isEqualTo(half);
        assertThat(ask(asOf, half)).isEqualTo(fresh.get(half));
        assertThat(logs.lines.getAndSet(0)).as("a point kept there").isZero();
        assertThat(ask(asOf, half + 5)).isEqualTo(fresh.get(half + 5));
        assertThat(logs.lines.getAndSet(0)).as("folded on from the kept point").isEqualTo(5);
        assertThat(ask(asOf, 3)).isEqualTo(fresh.get(3L));
        assertThat(logs.lines.getAndSet(0)).as("no kept point before it").isEqualTo(3);
        assertThat(ask(asOf, 10)).isEqualTo(fresh.get(10L));
        assertThat(logs.lines.getAndSet(0)).isEqualTo(7);
        assertThat(ask(asOf, size)).isEqualTo(fresh.get(size));
        assertThat(logs.lines.getAndSet(0)).isEqualTo(size - half - 5);

        // a diff folds its later side on from its earlier one: the lines between are read once
        DiffController diff = new DiffController(asOf);
        String across = diffJson(diff, 11, 20);
        assertThat(logs.lines.getAndSet(0)).as("line 11 on the point kept at 10, then 12..20 on the same point")
                .isEqualTo(10);
        assertThat(across).isEqualTo(freshDiff(11, 20));
        // a point kept at "to" already: the earlier side is folded (no kept point before 15), the lines
        // between are read, and the later side is the kept point
        String again = diffJson(diff, 15, 20);
        assertThat(logs.lines.getAndSet(0)).isEqualTo(15 + 5);
        assertThat(again).isEqualTo(freshDiff(15, 20));
    }

    /** The diff with both points folded afresh. */
    private String freshDiff(long from, long to) {
        return diffJson(new DiffController(new AsOf(new CountingLogs(), store, readModels)), from, to);
    }

    private String diffJson(DiffController diff, long from, long to) {
        try {
            return json.writeValueAsString(diff.diff(ID, String.valueOf(from), String.valueOf(to)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void answers_in_any_order_and_at_once_equal_points_folded_afresh() throws Exception {
        AsOf asOf = new AsOf(new CountingLogs(), store, readModels);
        DiffController diff = new DiffController(asOf);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(11 + t);
                done.add(threads.submit((Callable<Integer>) () -> {
                    int asked = 0;
                    for (int i = 0; i < 60; i++) {
                        long seq = switch (i % 3) {
                            case 0 -> 1 + random.nextInt((int) size); // anywhere
                            case 1 -> Math.min(size, 40 + i / 2); // walking forward, as the other threads do
                            default -> size - i / 3; // walking back
                        };
                        assertThat(ask(asOf, seq)).as("as of " + seq).isEqualTo(fresh.get(seq));
                        asked++;
                        if (i % 10 == 9 && seq > 1) {
                            long from = 1 + random.nextInt((int) seq - 1);
                            assertThat(diffJson(diff, from, seq)).as("diff " + from + ".." + seq)
                                    .isEqualTo(freshDiff(from, seq));
                        }
                    }
                    return asked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(60);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
