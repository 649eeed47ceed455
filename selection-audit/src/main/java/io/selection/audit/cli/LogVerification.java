package io.selection.audit.cli;

import io.selection.audit.verifier.Report;
import io.selection.audit.verifier.Verifier;
import io.selection.voting.VoteSet;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * Verifies an NDJSON export as a stream, on two threads: one reads the bytes, splits them into
 * lines and parses each with Jackson; the calling thread feeds the parsed lines, in order, to the
 * one {@link Verifier}. Between them is a bounded queue of small batches, so memory stays constant
 * (apart from the Verifier's own) whatever the size of the file: at most {@value #QUEUE_BATCHES}
 * batches of about {@value #BATCH_BYTES} bytes of source each are waiting, and the read buffer
 * grows only to the longest line (a vote group of 20,000 votes is about 5 MB).
 */
public final class LogVerification {

    /** A line longer than this is reported as unreadable and skipped, rather than exhausting memory. */
    static final int MAX_LINE = 256 << 20;
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCH_LINES = 4096;
    private static final int QUEUE_BATCHES = 4;
    private static final int FIRST_BUFFER = 1 << 20;
    private static final int READ_CHUNK = 1 << 20;

    private record Batch(List<LogItem> items, long end, Throwable error, boolean last) {
    }

    private LogVerification() {
    }

    /**
     * Reads {@code in} to its end and returns the Verifier's report; {@code progress} is told how
     * many bytes have been verified. I/O errors of the stream are thrown, not reported as a check.
     */
    public static Report run(Path file, LongConsumer progress) throws IOException {
        return run(file, progress, v -> v);
    }

    /** As {@link #run(Path, LongConsumer)}, with the verifier set up first (the log's keys, checkpoints kept). */
    public static Report run(Path file, LongConsumer progress, java.util.function.UnaryOperator<Verifier> setup)
            throws IOException {
        List<VoteSet> sets = invalidations(file);
        try (InputStream in = new FileInputStream(file.toFile())) {
            return run(in, progress, sets, setup);
        }
    }

    /**
     * The first of the two passes over a file: the sets its invalidation lines define, so that the
     * second pass gathers their members as the votes go by ({@link Verifier#watch}). Only lines
     * that hold the text {@code VotesInvalidated} are parsed; the others are only split.
     */
    static List<VoteSet> invalidations(Path file) throws IOException {
        List<VoteSet> sets = new ArrayList<>();
        try (InputStream in = new FileInputStream(file.toFile())) {
            new Splitter(in) {
                @Override
                void line(int start, int len, boolean skipped, long end) {
                    if (!skipped && mentions(buf, start, len, INVALIDATED)) {
                        if (LineParser.parse(buf, start, len, lineNumber, end) instanceof LogItem.Line l) {
                            VoteSet set = Verifier.invalidation(l.line().line());
                            if (set != null) {
                                sets.add(set);
                            }
                        }
                    }
                }
            }.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        return sets;
    }

    private static final byte[] INVALIDATED = "VotesInvalidated".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECIDED_TAIL = "\"type\":\"VotesDecided\",\"v\":1}".getBytes(StandardCharsets.US_ASCII);

    /** Whether the line holds {@code word}; a vote group in canonical form is known by its tail without a search. */
    static boolean mentions(byte[] b, int start, int len, byte[] word) {
        int tail = DECIDED_TAIL.length;
        if (len >= tail && Arrays.equals(b, start + len - tail, start + len, DECIDED_TAIL, 0, tail)) {
            return false;
        }
        outer:
        for (int i = start, last = start + len - word.length; i <= last; i++) {
            if (b[i] != word[0]) {
                continue;
            }
            for (int k = 1; k < word.length; k++) {
                if (b[i + k] != word[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Verifies a stream that cannot be read twice: its invalidations must be among {@code sets}
     * (found by a first pass, {@link #invalidations}), or the verifier fails at them.
     */
    static Report run(InputStream in, LongConsumer progress, List<VoteSet> sets) throws IOException {
        return run(in, progress, sets, v -> v);
    }

    static Report run(InputStream in, LongConsumer progress, List<VoteSet> sets,
                      java.util.function.UnaryOperator<Verifier> setup) throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        Thread parser = new Thread(() -> parse(in, queue), "ndjson-parser");
        parser.setDaemon(true);
        parser.start();
        Verifier verifier = setup.apply(new Verifier().watch(sets));
        boolean done = false;
        try {
            while (!done) {
                Batch batch = queue.take();
                for (LogItem item : batch.items()) {
                    if (item instanceof LogItem.Line l) {
                        verifier.accept(l.line());
                    } else if (item instanceof LogItem.Head h) {
                        verifier.acceptCheckpoints(h.checkpoints());
                        verifier.acceptHead(h.size(), h.digest(), h.chain(), h.v());
                    } else if (item instanceof LogItem.Unreadable u) {
                        verifier.unreadable(u.lineNumber(), u.reason());
                    }
                }
                if (batch.error() != null) {
                    throw batch.error() instanceof IOException e ? e
                            : new IOException("reading the log failed: " + batch.error(), batch.error());
                }
                progress.accept(batch.end());
                done = batch.last();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying");
        } finally {
            if (!done) {
                parser.interrupt();
            }
        }
        return verifier.finish();
    }

    private static void parse(InputStream in, BlockingQueue<Batch> queue) {
        try {
            new Queued(in, queue).run();
        } catch (InterruptedException e) {
            // the verifying thread gave up; nobody is listening
        } catch (Throwable t) {
            try {
                queue.put(new Batch(List.of(), -1, t instanceof UncheckedIOException u ? u.getCause() : t, true));
            } catch (InterruptedException ignored) {
                // nobody is listening
            }
        }
    }

    /** Splits the stream at '\n' (dropping a '\r' before it) and hands each line over where it lies in the buffer. */
    private abstract static class Splitter {
        private final InputStream in;
        byte[] buf = new byte[FIRST_BUFFER];
        private long base; // stream offset of buf[0]
        long lineNumber;

        Splitter(InputStream in) {
            this.in = in;
        }

        /** Line {@code lineNumber}: {@code len} bytes of {@code buf} from {@code start}, ending at stream offset {@code end}. */
        abstract void line(int start, int len, boolean skipped, long end) throws InterruptedException;

        /** The stream ended at offset {@code end}. */
        void ended(long end) throws InterruptedException {
        }

        void run() throws IOException, InterruptedException {
            int start = 0;
            int scan = 0;
            int limit = 0;
            boolean skipping = false; // inside a line longer than MAX_LINE
            boolean eof = false;
            while (true) {
                int nl = indexOfNewline(buf, scan, limit);
                if (nl >= 0) {
                    int len = nl - start;
                    if (len > 0 && buf[nl - 1] == '\r') {
                        len--;
                    }
                    lineNumber++;
                    line(start, len, skipping, base + nl + 1);
                    skipping = false;
                    start = scan = nl + 1;
                    continue;
                }
                if (eof) {
                    if (start < limit || skipping) {
                        lineNumber++;
                        line(start, limit - start, skipping, base + limit);
                    }
                    ended(base + limit);
                    return;
                }
                if (skipping) {
                    base += limit;
                    start = scan = limit = 0;
                } else if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    base += start;
                    limit -= start;
                    start = 0;
                }
                scan = limit;
                if (limit == buf.length) {
                    if (buf.length >= MAX_LINE) {
                        skipping = true;
                        base += limit;
                        start = scan = limit = 0;
                    } else {
                        buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, MAX_LINE));
                    }
                }
                int n = in.read(buf, limit, Math.min(buf.length - limit, READ_CHUNK));
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        private static int indexOfNewline(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Parses every line and hands them to the verifying thread in batches. */
    private static final class Queued extends Splitter {
        private final BlockingQueue<Batch> queue;
        private List<LogItem> items = new ArrayList<>();
        private long batchStart;

        Queued(InputStream in, BlockingQueue<Batch> queue) {
            super(in);
            this.queue = queue;
        }

        @Override
        void ended(long end) throws InterruptedException {
            queue.put(new Batch(items, end, null, true));
        }

        @Override
        void line(int start, int len, boolean skipped, long end) throws InterruptedException {
            items.add(skipped ? new LogItem.Unreadable(lineNumber, "line longer than " + (MAX_LINE >> 20)
                    + " MB", end) : LineParser.parse(buf, start, len, lineNumber, end));
            if (end - batchStart >= BATCH_BYTES || items.size() >= BATCH_LINES) {
                queue.put(new Batch(items, end, null, false));
                items = new ArrayList<>();
                batchStart = end;
            }
        }
    }
}
