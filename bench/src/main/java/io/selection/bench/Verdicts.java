package io.selection.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The targets of PERFORMANCE.md and the verdicts against them: each row's ratio against the rows
 * it answers to (same run, same votes), its target, met or not, and the service's heap during each
 * row. The rows hand in here what a verdict needs beyond their count and time.
 */
final class Verdicts {

    /** The service's old generation during each service row, by row (see {@link HeapSampler}). */
    private final Map<String, HeapSampler.Summary> heaps = new LinkedHashMap<>();
    private Histogram singleLatency;
    private Histogram ceilingLatency;
    private Ours.Rebuilt rebuilt;

    /** Keeps the heap of the row {@code label} (a row key, then maybe which instance) and describes it. */
    String heap(String label, HeapSampler.Summary summary) {
        heaps.put(label, summary);
        return summary.describe();
    }

    void singleLatency(Histogram latency) {
        singleLatency = latency;
    }

    void ceilingLatency(Histogram latency) {
        ceilingLatency = latency;
    }

    void rebuilt(Ours.Rebuilt r) {
        rebuilt = r;
    }

    /** The latency at {@code percentile}, in milliseconds. */
    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Gives every row its ratio, target and verdict, once every row is in; the heap of each service row below the table. */
    void judge(Report report, long votes) {
        Report.Row naive = report.find("naive-axon");
        Report.Row minPre = report.find("minimal-prefilled");
        Report.Row minE2e = report.find("minimal-e2e");
        String scale = votes < 10_000_000 ? String.format(Locale.ROOT, " (run at %,d votes; targets are for 10 million)",
                votes) : "";
        report.judge("naive-axon", "1 (the baseline)", "baseline; PERFORMANCE.md: ~470/s", "");
        report.judge("raw-producer", "", "reference; PERFORMANCE.md: 245,000-676,000/s", "");
        report.judge("raw-consumer", "", "reference; PERFORMANCE.md: ~1,000,000/s", "");
        report.judge("raw-jdbc", ratio(report.find("raw-jdbc"), naive, "naive"),
                "reference; PERFORMANCE.md: ~32,000/s on H2", "");
        report.judge("minimal-prefilled", ratio(minPre, naive, "naive"), "the ceiling; PERFORMANCE.md: 610,000-660,000/s (H2)", "");
        report.judge("minimal-e2e", ratio(minE2e, naive, "naive"), "the ceiling; PERFORMANCE.md: 310,000-320,000/s", "");

        Report.Row e2e = report.find("ours-kafka-e2e");
        judge(report, e2e, ">= 200,000/s; >= 0.6 x minimal; >= 400 x naive", true,
                () -> versus(e2e, minE2e, "minimal e2e") + "; " + ratio(e2e, naive, "naive"),
                () -> met(e2e.perSecond() >= 200_000 && sameCount(e2e, minE2e) && fraction(e2e, minE2e) >= 0.6
                        && fraction(e2e, naive) >= 400) + scale);
        Report.Row rebuild = report.find("ours-rebuild");
        double allowed = rebuild == null ? 0 : 30.0 * Math.max(1, rebuild.count()) / 10_000_000;
        judge(report, rebuild, measured(rebuild)
                        ? String.format(Locale.ROOT, "<= 30 s for 10 M votes (%.2f s for these)", allowed)
                        : "<= 30 s for 10 M votes", rebuilt != null,
                () -> String.format(Locale.ROOT, "%.2f s; read models %s before/after", rebuild.seconds(),
                        rebuilt.identical() ? "identical" : "NOT identical"),
                () -> met(rebuild.seconds() <= allowed && rebuilt.identical()) + scale);
        Report.Row two = report.find("ours-kafka-two-instances");
        judge(report, two, "beside ours-kafka-e2e (one instance)", true,
                () -> versus(two, e2e, "one instance") + "; " + versus(two, minE2e, "minimal e2e"), () -> "");
        Report.Row pre = report.find("ours-kafka-prefilled");
        judge(report, pre, ">= 400,000/s", true, () -> versus(pre, minPre, "minimal pre-filled"),
                () -> met(pre.perSecond() >= 400_000) + scale);
        Report.Row batch = report.find("ours-http-batch");
        Report.Row kafkaBatch = report.find("ours-kafka-http-batch");
        judge(report, kafkaBatch, ">= 100,000/s (the batch door's)", true,
                () -> versus(kafkaBatch, batch, "default profile") + "; " + versus(kafkaBatch, minE2e, "minimal e2e"),
                () -> met(kafkaBatch.perSecond() >= 100_000) + scale);
        judge(report, batch, ">= 100,000/s; >= 0.5 x minimal e2e", true,
                () -> ratio(batch, naive, "naive") + "; " + versus(batch, minE2e, "minimal e2e"),
                () -> {
                    // the exact ratio, not the two decimals the ratio column shows
                    double ofMinimal = sameCount(batch, minE2e) ? fraction(batch, minE2e) : Double.NaN;
                    return "absolute: " + met(batch.perSecond() >= 100_000) + "; " + (Double.isNaN(ofMinimal)
                            ? "ratio: not compared" : String.format(Locale.ROOT, "ratio (%.3f): %s", ofMinimal,
                            met(ofMinimal >= 0.5))) + scale;
                });
        Report.Row ceiling = report.find("ceiling-http-single");
        judge(report, ceiling, "reference: the single door's ceiling", ceilingLatency != null,
                () -> String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", ms(ceilingLatency, 50),
                        ms(ceilingLatency, 99)), () -> "");
        Report.Row single = report.find("ours-http-single");
        judge(report, single, ">= 10,000/s, p99 <= 50 ms (64 clients); >= 0.7 x ceiling", singleLatency != null,
                () -> String.format(Locale.ROOT, "%s; p50 %.1f ms, p99 %.1f ms; %s", ratio(single, ceiling, "ceiling"),
                        ms(singleLatency, 50), ms(singleLatency, 99), ratio(single, naive, "naive")),
                () -> {
                    double ofCeiling = fraction(single, ceiling);
                    return "absolute: " + met(single.perSecond() >= 10_000 && ms(singleLatency, 99) <= 50) + "; "
                            + (Double.isNaN(ofCeiling) ? "ratio: no ceiling measured"
                            : "ratio: " + met(ofCeiling >= 0.7)) + scale;
                });

        if (!heaps.isEmpty()) {
            report.footer("The service's heap during each row (PERFORMANCE.md: <= 2 GiB heap while ingesting, flat, "
                    + "not growing with the log): the live heap after a full collection (jcmd GC.run) before and "
                    + "after the row, outside its timing ('flat': at most 32 MB or a tenth more); the old generation "
                    + "sampled every second from /actuator/prometheus, 'grew' when the last third of the samples "
                    + "averages a fifth (and 32 MB) above the first third:");
            List<Map.Entry<String, HeapSampler.Summary>> inOrder = new java.util.ArrayList<>(heaps.entrySet());
            inOrder.sort(java.util.Comparator.comparingInt(e -> Benchmark.ROWS.indexOf(e.getKey().split(" ")[0])));
            List<String> collector = new java.util.ArrayList<>();
            for (Map.Entry<String, HeapSampler.Summary> h : inOrder) {
                HeapSampler.Summary s = h.getValue();
                Report.Row row = report.find(h.getKey().split(" ")[0]);
                // the rebuild and the ceiling take in no votes: no retention or bytes a vote to tell
                boolean ingests = !h.getKey().startsWith("ours-rebuild") && !h.getKey().startsWith("ceiling");
                long n = row == null || !ingests ? 0 : row.count();
                report.footer(String.format(Locale.ROOT, "  %s: %s => %s", h.getKey(), s.describe(),
                        s.verdict(n, scale)));
                collector.add(String.format(Locale.ROOT, "  %s: %s", h.getKey(), s.describeGc(n)));
            }
            report.footer("The collector's work during each row, from the service's own counters in "
                    + "/actuator/prometheus (what they grew by between the first and the last sample), and the CPU "
                    + "of the service's threads by kind (/proc): bytes and pauses move less from run to run than the "
                    + "rates do; CPU-seconds move with the machine's speed, so compare the kinds within a run:");
            collector.forEach(report::footer);
        }
    }

    /**
     * A row's target, and its ratio and verdict when it was measured (and {@code figures}, what
     * they need beyond the row, are in); only its target otherwise. Nothing when the row is not in the report.
     */
    private static void judge(Report report, Report.Row row, String target, boolean figures, Supplier<String> ratio,
                              Supplier<String> verdict) {
        if (row == null) {
            return;
        }
        boolean judged = row.available() && figures;
        report.judge(row.key(), judged ? ratio.get() : "", target, judged ? verdict.get() : "");
    }

    private static boolean measured(Report.Row row) {
        return row != null && row.available();
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    private static boolean sameCount(Report.Row row, Report.Row base) {
        return row != null && base != null && row.count() == base.count();
    }

    /** The ratio of two rows over the same number of votes, saying so; refused when the counts differ. */
    private static String versus(Report.Row row, Report.Row base, String name) {
        if (row == null || base == null || !row.available() || !base.available()) {
            return "- x " + name;
        }
        if (!sameCount(row, base)) {
            return String.format(Locale.ROOT, "not compared with %s (%,d votes against %,d)", name, row.count(),
                    base.count());
        }
        return ratio(row, base, name) + String.format(Locale.ROOT, " (both %,d)", row.count());
    }

    private static double fraction(Report.Row row, Report.Row base) {
        if (row == null || base == null || !row.available() || !base.available() || base.perSecond() == 0) {
            return Double.NaN;
        }
        return row.perSecond() / base.perSecond();
    }

    private static String ratio(Report.Row row, Report.Row base, String name) {
        double f = fraction(row, base);
        if (Double.isNaN(f)) {
            return "- x " + name;
        }
        return f >= 10 ? String.format(Locale.ROOT, "%,.0f x %s", f, name)
                : String.format(Locale.ROOT, "%.2f x %s", f, name);
    }
}
