package io.selection.audit.format;

import io.selection.audit.proofs.Merkle;
import io.selection.audit.Exports;
import io.selection.audit.verifier.Report;

import io.selection.sample.SampleEdition;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins export format v1 byte for byte: the small sample edition ({@link SampleEdition.Params#small()},
 * 2 categories of 4 works, 30 votes in groups of 8, all seven stages), written as NDJSON (each
 * line's canonical JSON and "\n", then the closing line), must equal the committed file
 * {@code src/test/resources/audit/golden-v1.ndjson}.
 *
 * <p>The bytes of an export and every digest in it (line hashes, the chain, the log digests that
 * publishing events name, the list digests) are promises made to auditors and voters who keep
 * copies and receipts. They are computed from the events field by field ({@link LogCodec}), never
 * from how the event store serialises a payload, so a change of storage payloads (a Jackson
 * setting, an Axon serializer, a new {@code @Revision}, a renamed Java field) must never change
 * these bytes or a digest. If this test fails, the change is the bug. The only legitimate reason
 * to regenerate the file is a deliberate new export format, which gets a new version number, a
 * new golden file beside this one and a verifier that still reads v1. (Regenerating, for that
 * case only: {@code ./mvnw -q -pl selection-rules test -Dtest=GoldenExportTest
 * -Dselection.golden.update=true}.) A change of {@link SampleEdition} itself also changes the
 * bytes; keep the generator's small sample stable, or pin a copy of it here.
 */
class GoldenExportTest {

    private static final String RESOURCE = "/audit/golden-v1.ndjson";
    private static final Path SOURCE = Path.of("src/test/resources/audit/golden-v1.ndjson");
    /** The log digest of the golden sample: the Merkle tree head over its 75 line hashes. */
    private static final String GOLDEN_DIGEST = "93a9732d0973afda2d368c1617bb339180405e4098946770dac14927229b0e20";
    private static final long GOLDEN_LINES = 75;

    @Test
    void the_small_sample_exports_to_the_committed_golden_file_byte_for_byte() {
        byte[] written = Exports.ndjson(SampleEdition.Params.small());
        if (System.getProperty("selection.golden.update") != null) {
            write(written);
        }
        byte[] golden = golden();
        List<String> writtenLines = Exports.lines(new String(written, StandardCharsets.UTF_8));
        List<String> goldenLines = Exports.lines(new String(golden, StandardCharsets.UTF_8));
        // line by line first, so that a failure names the first line that differs
        for (int i = 0; i < Math.min(writtenLines.size(), goldenLines.size()); i++) {
            assertThat(writtenLines.get(i)).as("line %d of the export", i + 1).isEqualTo(goldenLines.get(i));
        }
        assertThat(written).isEqualTo(golden);
    }

    @Test
    void the_golden_file_names_the_pinned_log_digest_in_its_closing_line() {
        List<Map<String, Object>> lines = Exports.parse(new String(golden(), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> head = (Map<String, Object>) lines.get(lines.size() - 1).get("head");
        assertThat(head.get("digest")).isEqualTo(GOLDEN_DIGEST);
        assertThat(((Number) head.get("size")).longValue()).isEqualTo(GOLDEN_LINES);
        assertThat(lines).hasSize((int) GOLDEN_LINES + 1);
    }

    @Test
    void the_golden_file_verifies_ok() {
        Report report = Exports.verify(new String(golden(), StandardCharsets.UTF_8));
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.summary().get("lines")).isEqualTo(GOLDEN_LINES);
    }

    /**
     * The golden file as the sample generator wrote it before lines had to keep time order and
     * before invalidations carried their set's definition: its reviewers were registered a week
     * before the last works were submitted, and its two invalidations name a set id only. The same
     * format, so every line is read; it is refused by those two rules alone, each with its reason.
     */
    @Test
    void an_earlier_v1_export_is_read_and_refused_by_the_times_and_set_rules_alone() throws Exception {
        byte[] old;
        try (var in = GoldenExportTest.class.getResourceAsStream("/audit/golden-v1-unordered-times.ndjson")) {
            old = in.readAllBytes();
        }
        Report report = Exports.verify(new String(old, StandardCharsets.UTF_8));

        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadSeq()).as(report.toText()).isEqualTo(11L);
        assertThat(report.checks().stream().filter(c -> !c.ok()).map(Report.Check::name))
                .as(report.toText()).containsExactly("rules", "times");
        assertThat(report.check("times").details().get(0)).contains("more than 5 minutes before line 10");
        assertThat(report.check("rules").details()).hasSize(2)
                .allSatisfy(d -> assertThat(d).contains("VotesInvalidated").contains("defines its set"));
    }

    @Test
    void every_line_of_the_golden_file_is_already_in_canonical_form() {
        String text = new String(golden(), StandardCharsets.UTF_8);
        for (String line : Exports.lines(text)) {
            assertThat(Canonical.string(Exports.parseLine(line))).isEqualTo(line);
        }
        assertThat(text).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void the_same_params_give_the_same_bytes_and_another_seed_other_bytes() {
        SampleEdition.Params small = SampleEdition.Params.small();
        assertThat(Exports.ndjson(small)).isEqualTo(Exports.ndjson(small));
        assertThat(Exports.ndjson(small.withSeed(small.seed() + 1))).isNotEqualTo(Exports.ndjson(small));
    }

    private static byte[] golden() {
        try (InputStream in = GoldenExportTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("the committed golden file " + RESOURCE).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(byte[] bytes) {
        try {
            Files.createDirectories(SOURCE.getParent());
            Files.write(SOURCE, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
