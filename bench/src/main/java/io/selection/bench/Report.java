package io.selection.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run: one row per measurement, printed as a table (and optionally written as
 * markdown), with the workload and durability beside every figure and each ratio against the
 * target it answers to.
 */
final class Report {

    /** A measured row, or one that could not be measured ({@code unavailable} says why). */
    record Row(String key, String what, String workload, long count, double seconds, String ratio, String target,
               String verdict, String note, String unavailable) {

        double perSecond() {
            return seconds > 0 ? count / seconds : 0;
        }

        boolean available() {
            return unavailable == null;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> context = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void context(String line) {
        context.add(line);
        out.println("  " + line);
    }

    Row add(String key, String what, String workload, long count, double seconds, String note) {
        Row row = new Row(key, what, workload, count, seconds, "", "", "", note == null ? "" : note, null);
        rows.add(row);
        out.printf(Locale.ROOT, "ROW %-22s %,12d in %8.2f s = %,12.0f /s   %s%n", key, count, seconds,
                row.perSecond(), row.note());
        return row;
    }

    Row unavailable(String key, String what, String workload, String reason) {
        Row row = new Row(key, what, workload, 0, 0, "", "", "", "", reason);
        rows.add(row);
        out.printf(Locale.ROOT, "ROW %-22s not available: %s%n", key, reason);
        return row;
    }

    /** A line printed under the table (and in the markdown), e.g. the heap beside each row. */
    void footer(String line) {
        footer.add(line);
    }

    List<String> footer() {
        return List.copyOf(footer);
    }

    /** Puts the rows in the order of {@code keys} (rows of other keys last, as they came). */
    void order(List<String> keys) {
        rows.sort(java.util.Comparator.comparingInt(r -> {
            int i = keys.indexOf(r.key());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
    }

    Row find(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Replaces a row's ratio, target and verdict (computed once every row is in). */
    void judge(String key, String ratio, String target, String verdict) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.key().equals(key)) {
                rows.set(i, new Row(r.key(), r.what(), r.workload(), r.count(), r.seconds(), ratio, target, verdict,
                        r.note(), r.unavailable()));
            }
        }
    }

    String markdown(String title) {
        StringBuilder s = new StringBuilder();
        s.append("### ").append(title).append("\n\n");
        for (String line : context) {
            s.append("- ").append(line).append('\n');
        }
        s.append('\n');
        s.append("| what | workload | count | seconds | per second | ratio | target | verdict | notes |\n");
        s.append("|---|---|---:|---:|---:|---|---|---|---|\n");
        for (Row r : rows) {
            if (r.available()) {
                s.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %s | %s | %s | %s |%n",
                        r.what(), r.workload(), r.count(), r.seconds(), r.perSecond(), r.ratio(), r.target(),
                        r.verdict(), r.note()));
            } else {
                s.append(String.format(Locale.ROOT, "| %s | %s | - | - | - | - | %s | not available | %s |%n",
                        r.what(), r.workload(), r.target(), r.unavailable()));
            }
        }
        if (!footer.isEmpty()) {
            s.append('\n');
            for (String line : footer) {
                s.append(line.startsWith("  ") ? "- " + line.trim() : line).append('\n');
            }
        }
        return s.toString();
    }

    void printTable() {
        out.println();
        String header = String.format(Locale.ROOT, "%-44s %12s %9s %12s  %-34s %-26s %s", "what", "count", "seconds",
                "per second", "ratio", "target", "verdict");
        out.println(header);
        out.println("-".repeat(header.length() + 8));
        for (Row r : rows) {
            if (r.available()) {
                out.printf(Locale.ROOT, "%-44s %,12d %9.2f %,12.0f  %-34s %-26s %s%n", r.what(), r.count(),
                        r.seconds(), r.perSecond(), r.ratio(), r.target(), r.verdict());
            } else {
                out.printf(Locale.ROOT, "%-44s %12s %9s %12s  %-34s %-26s not available: %s%n", r.what(), "-", "-",
                        "-", "-", r.target(), r.unavailable());
            }
            out.printf(Locale.ROOT, "    workload: %s%s%n", r.workload(), r.note().isEmpty() ? "" : "; " + r.note());
        }
        if (!footer.isEmpty()) {
            out.println();
            footer.forEach(out::println);
        }
        out.println();
    }

    void write(Path file, String title) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, markdown(title));
    }
}
