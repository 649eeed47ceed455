package io.selection.api.web;

import io.selection.api.config.SelectionProperties;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an NDJSON stream line by line, never holding more than one line: stops with
 * {@link TooLarge} at the first line past {@code selection.limits.ndjson-lines} or the first line
 * longer than {@code ndjson-line-bytes}, so a huge batch is refused as it arrives instead of being
 * read into memory and decided. Lines are numbered from 1, blank ones included; a final newline
 * does not start another line.
 */
public final class BoundedLines {

    /** Takes one line: its number and its bytes, {@code '\n'} excluded, valid until the next call. */
    @FunctionalInterface
    public interface Handler {
        void line(int number, byte[] bytes, int offset, int length) throws IOException;
    }

    private final int maxLines;
    private final int maxLineBytes;

    public BoundedLines(int maxLines, int maxLineBytes) {
        this.maxLines = maxLines;
        this.maxLineBytes = maxLineBytes;
    }

    public BoundedLines(SelectionProperties.Limits limits) {
        this(limits.ndjsonLines(), limits.ndjsonLineBytes());
    }

    /**
     * Each line with the ASCII blanks around it cut off (as {@link String#strip} would, within
     * ASCII), and lines left empty skipped: how both NDJSON doors read their bodies.
     */
    public void readTrimmed(InputStream in, Handler handler) throws IOException {
        read(in, (number, bytes, offset, length) -> {
            int from = offset;
            int to = offset + length;
            while (from < to && blank(bytes[from])) {
                from++;
            }
            while (to > from && blank(bytes[to - 1])) {
                to--;
            }
            if (from < to) {
                handler.line(number, bytes, from, to - from);
            }
        });
    }

    /** What {@link String#strip} removes within ASCII. */
    public static boolean blank(byte b) {
        return b == ' ' || (b >= 9 && b <= 13) || (b >= 0x1C && b <= 0x1F);
    }

    public void read(InputStream in, Handler handler) throws IOException {
        if (in == null) {
            return;
        }
        byte[] chunk = new byte[64 * 1024];
        byte[] line = new byte[Math.min(maxLineBytes, 8 * 1024)];
        int length = 0;
        int number = 0;
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                int part = i - start;
                number = next(number);
                if (length == 0) {
                    checkLength(part);
                    handler.line(number, chunk, start, part);
                } else {
                    line = append(line, length, chunk, start, part);
                    length += part;
                    handler.line(number, line, 0, length);
                    length = 0;
                }
                start = i + 1;
            }
            int rest = n - start;
            if (rest > 0) {
                line = append(line, length, chunk, start, rest);
                length += rest;
            }
        }
        if (length > 0) {
            handler.line(next(number), line, 0, length);
        }
    }

    private int next(int number) throws TooLarge {
        if (number >= maxLines) {
            throw new TooLarge("ndjsonLines", maxLines, ApiPhrase.NDJSON_LINES, maxLines);
        }
        return number + 1;
    }

    private void checkLength(int length) throws TooLarge {
        if (length > maxLineBytes) {
            throw new TooLarge("ndjsonLineBytes", maxLineBytes, ApiPhrase.NDJSON_LINE_BYTES, maxLineBytes);
        }
    }

    private byte[] append(byte[] line, int length, byte[] from, int offset, int count) throws TooLarge {
        checkLength(length + count);
        byte[] out = line;
        if (length + count > out.length) {
            out = Arrays.copyOf(out, Math.min(maxLineBytes, Math.max(length + count, out.length * 2)));
        }
        System.arraycopy(from, offset, out, length, count);
        return out;
    }
}
