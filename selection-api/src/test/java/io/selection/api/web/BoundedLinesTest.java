package io.selection.api.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLinesTest {

    /** Hands out the bytes a few at a time, as a slow network does, so lines span reads. */
    static InputStream trickle(String text, long seed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    static List<String> lines(BoundedLines reader, InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        reader.read(in, (n, bytes, offset, length) -> out.add(n + ":" + new String(bytes, offset, length,
                StandardCharsets.UTF_8)));
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void numbers_every_line_blank_ones_too_whatever_the_reads(long seed) throws IOException {
        assertThat(lines(new BoundedLines(10, 100), trickle("a\n\nbé\r\n  c\nlast", seed)))
                .containsExactly("1:a", "2:", "3:bé\r", "4:  c", "5:last");
    }

    @Test
    void a_final_newline_starts_no_line_and_the_limit_counts_exactly() throws IOException {
        assertThat(lines(new BoundedLines(3, 100), trickle("1\n2\n3\n", 7))).hasSize(3);
        assertThatThrownBy(() -> lines(new BoundedLines(3, 100), trickle("1\n2\n3\n4", 7)))
                .isInstanceOfSatisfying(TooLarge.class, e -> {
                    assertThat(e.limit()).isEqualTo("ndjsonLines");
                    assertThat(e.value()).isEqualTo(3);
                });
    }

    @Test
    void stops_at_a_line_longer_than_the_limit_across_reads_and_within_one() throws IOException {
        assertThat(lines(new BoundedLines(10, 8), trickle("12345678\n12345678", 3))).hasSize(2);
        for (InputStream in : List.of(trickle("ok\n123456789\n", 3),
                new ByteArrayInputStream("ok\n123456789\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("123456789".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> lines(new BoundedLines(10, 8), in))
                    .isInstanceOfSatisfying(TooLarge.class, e -> assertThat(e.limit()).isEqualTo("ndjsonLineBytes"));
        }
    }

    @Test
    void reads_lines_longer_than_its_buffer_within_the_limit() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(lines(new BoundedLines(10, 300_000),
                new ByteArrayInputStream(("a\n" + longLine + "\nb").getBytes(StandardCharsets.UTF_8))))
                .containsExactly("1:a", "2:" + longLine, "3:b");
    }
}
