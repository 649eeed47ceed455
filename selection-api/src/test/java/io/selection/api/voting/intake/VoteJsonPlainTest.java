package io.selection.api.voting.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain reader of {@link VoteJson} reads a vote only where Jackson's streaming read does, and
 * reads the same fields; everything else it leaves to Jackson. Checked on votes as front-ends send
 * them, and on each of them mutated a byte at a time (removed, doubled, replaced by a byte that
 * matters to JSON). VoteJsonTest checks the whole read against data binding.
 */
class VoteJsonPlainTest {

    private static final String[] BYTES = {"\"", "\\", ":", ",", "{", "}", "[", "]", " ", "\t", "\n", "n", "u", "l",
            "0", "Z", "T", "\u0001", "\u007f", "é", "x", "-", "."};

    private static String vote(SplittableRandom r) {
        List<String> fields = new ArrayList<>();
        fields.add("\"id\":\"v-" + r.nextInt(1_000_000) + "\"");
        fields.add("\"voterId\":" + (r.nextInt(20) == 0 ? "null" : "\"voter-" + r.nextInt(5000) + "\""));
        fields.add("\"workId\":\"w" + r.nextInt(1000) + "\"");
        int day = 1 + r.nextInt(29);
        fields.add("\"castAt\":\"2024-02-" + (day < 10 ? "0" : "") + day + "T0" + r.nextInt(10) + ":1"
                + r.nextInt(10) + ":00" + (r.nextBoolean() ? ".12" + r.nextInt(10) : "") + "Z\"");
        if (r.nextBoolean()) {
            fields.add("\"editionId\":\"2023\"");
        }
        if (r.nextInt(4) == 0) {
            fields.add("\"receivedAt\":\"2024-02-28T01:00:00Z\"");
        }
        switch (r.nextInt(5)) {
            case 0 -> fields.add("\"source\":null");
            case 1 -> fields.add("\"source\":{}");
            case 2 -> fields.add("\"source\":{\"device\":\"d" + r.nextInt(99) + "\"}");
            default -> fields.add("\"source\":{\"ip\":\"10.0." + r.nextInt(255) + ".1\",\"device\":"
                    + (r.nextBoolean() ? "null" : "\"dev-" + r.nextInt(99) + "\"") + "}");
        }
        Collections.shuffle(fields, new Random(r.nextLong()));
        String separator = r.nextInt(4) == 0 ? " , " : ",";
        return (r.nextInt(6) == 0 ? " " : "") + "{" + String.join(separator, fields) + "}";
    }

    private static String mutate(String s, SplittableRandom r) {
        int at = r.nextInt(s.length());
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.charAt(at) + s.substring(at);
            default -> s.substring(0, at) + BYTES[r.nextInt(BYTES.length)] + s.substring(at + 1);
        };
    }

    private static String show(VoteJson.Fields f) {
        return f.editionId + "|" + f.id + "|" + f.voterId + "|" + f.workId + "|" + f.castAt + "|" + f.receivedAt + "|"
                + f.ip + "|" + f.device;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void reads_only_what_jackson_reads_and_the_same_fields(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int plain = 0;
        int declined = 0;
        for (int i = 0; i < 20_000; i++) {
            String line = vote(r);
            if (i % 2 == 1) {
                line = mutate(line, r);
            }
            byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // read from an offset
            VoteJson.Fields fast = new VoteJson.Fields();
            VoteJson.Fields slow = new VoteJson.Fields();
            boolean read = VoteJson.Plain.read(bytes, 2, bytes.length - 4, fast);
            VoteJson.Unreadable jackson = VoteJson.readWithJackson(bytes, 2, bytes.length - 4, slow);
            if (read) {
                plain++;
                assertThat(jackson).as(line).isNull();
                assertThat(show(fast)).as(line).isEqualTo(show(slow));
            } else {
                declined++;
            }
            // the door's read is always Jackson's answer
            VoteJson.Fields door = new VoteJson.Fields();
            assertThat(VoteJson.read(bytes, 2, bytes.length - 4, door)).as(line).isEqualTo(jackson);
            if (jackson == null) {
                assertThat(show(door)).as(line).isEqualTo(show(slow));
            }
        }
        assertThat(plain).as("votes read plainly").isGreaterThan(10_000);
        assertThat(declined).as("mutated votes left to Jackson").isGreaterThan(3_000);
    }

    @Test
    void leaves_escapes_non_ascii_numbers_unknown_fields_and_repeats_to_jackson() {
        for (String line : List.of("{\"id\":\"v\\u0031\"}", "{\"id\":\"票\"}", "{\"id\":12}", "{\"other\":\"x\"}",
                "{\"id\":\"a\",\"id\":\"b\"}", "{\"source\":{\"ip\":\"1\",\"ip\":\"2\"}}", "{\"castAt\":\"soon\"}",
                "{\"id\":nul}", "{\"id\":nullx}", "[]", "", "{\"id\":\"a\",}", "{\"source\":\"x\"}")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(VoteJson.Plain.read(bytes, 0, bytes.length, new VoteJson.Fields())).as(line).isFalse();
        }
        byte[] plain = "{ \"id\" : \"v1\" ,\"source\":{\"ip\":\"10.0.0.1\"}}trailing".getBytes(StandardCharsets.UTF_8);
        VoteJson.Fields f = new VoteJson.Fields();
        assertThat(VoteJson.Plain.read(plain, 0, plain.length, f)).isTrue();
        assertThat(show(f)).isEqualTo("null|v1|null|null|null|null|10.0.0.1|null");
    }

    /**
     * A work's id and the edition's are read as the one string kept for their bytes: the same
     * instance vote after vote (hashed once, compared by identity in the look-ups), the right text
     * for every value however many share a slot of the bounded table, and long values read whole.
     */
    @Test
    void repeated_work_and_edition_ids_are_read_as_one_string_each() {
        VoteJson.Fields first = new VoteJson.Fields();
        VoteJson.Fields again = new VoteJson.Fields();
        byte[] one = "{\"id\":\"v1\",\"workId\":\"work-0042\",\"editionId\":\"2023\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] two = "{\"editionId\":\"2023\",\"id\":\"v2\",\"workId\":\"work-0042\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(VoteJson.Plain.read(one, 0, one.length, first)).isTrue();
        assertThat(VoteJson.Plain.read(two, 0, two.length, again)).isTrue();
        assertThat(again.workId).isEqualTo("work-0042").isSameAs(first.workId);
        assertThat(again.editionId).isEqualTo("2023").isSameAs(first.editionId);
        assertThat(again.id).isEqualTo("v2");
        // far more distinct values than slots: each still reads as itself, first time and again
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20_000; i++) {
                String work = (i % 7 == 0 ? "w".repeat(130) : "w-") + i;
                byte[] line = ("{\"workId\":\"" + work + "\"}").getBytes(StandardCharsets.US_ASCII);
                VoteJson.Fields f = new VoteJson.Fields();
                assertThat(VoteJson.Plain.read(line, 0, line.length, f)).isTrue();
                assertThat(f.workId).isEqualTo(work);
            }
        }
        byte[] nothing = "{\"workId\":null,\"editionId\":null}".getBytes(StandardCharsets.US_ASCII);
        VoteJson.Fields none = new VoteJson.Fields();
        assertThat(VoteJson.Plain.read(nothing, 0, nothing.length, none)).isTrue();
        assertThat(none.workId).isNull();
        assertThat(none.editionId).isNull();
    }
}
