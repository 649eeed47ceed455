package io.selection.audit.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * A progress bar by bytes on the command's error stream, or nothing. Drawn by the progress bar's
 * own thread about once a second; {@link #accept} only records a number.
 */
final class Progress implements LongConsumer, AutoCloseable {

    /** Files above this get a bar even when stderr is not a terminal. */
    static final long LARGE_FILE = 8L << 20;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress none() {
        return new Progress(null);
    }

    /** A bar of {@code max} bytes ({@code -1} when unknown) written to {@code err}. */
    static Progress bytes(String task, long max, PrintWriter err) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" MB", 1L << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .showSpeed()
                .setConsumer(new WriterConsumer(err, width()))
                .build();
        return new Progress(bar);
    }

    /** Whether stderr is a terminal (Linux: /proc/self/fd/2 names a tty); else whether there is a console. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception | LinkageError e) {
            return System.console() != null;
        }
    }

    @Override
    public void accept(long bytes) {
        if (bar != null) {
            bar.stepTo(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim());
            return Math.max(40, columns - 1);
        } catch (NumberFormatException e) {
            return 99;
        }
    }

    /** Redraws the bar on one line with '\r'; no terminal library needed. */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;

        WriterConsumer(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }
}
