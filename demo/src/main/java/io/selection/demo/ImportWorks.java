package io.selection.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.ImportRefusal;
import io.selection.demo.Demo.Work;
import io.selection.demo.Synth.Kind;

import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 3: collecting. The works arrive as NDJSON in chunks, with a few lines meant to be refused
 * spread through them (the same URL spelt differently, dates outside the eligibility window, a
 * category the edition does not have); the server must refuse exactly those, with their codes.
 */
final class ImportWorks implements Step {

    private static final int IMPORT_CHUNK = 500;

    private record Line(String json, Work work, String expectedCode) {
    }

    @Override
    public String name(EditionRun run) {
        return "Works imported";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("COLLECTING");
        List<Line> all = lines(run);
        Map<String, Integer> refusedByCode = new TreeMap<>();
        int submissionNo = 0;
        for (int start = 0, chunk = 0; start < all.size(); start += IMPORT_CHUNK, chunk++) {
            List<Line> part = all.subList(start, Math.min(all.size(), start + IMPORT_CHUNK));
            StringBuilder ndjson = new StringBuilder();
            for (Line line : part) {
                ndjson.append(line.json()).append('\n');
            }
            JsonNode reply = run.api.postNdjson(run.path("/works:import"), Account.ORGANISER, ndjson.toString());
            Map<Integer, JsonNode> refused = new HashMap<>();
            for (JsonNode r : reply.path("refused")) {
                refused.put(r.path("line").asInt(), r);
            }
            int base = baseOf(refused.keySet(), part);
            for (int i = 0; i < part.size(); i++) {
                Line line = part.get(i);
                JsonNode refusal = refused.get(i + base);
                if (line.expectedCode() == null && refusal != null) {
                    throw new DemoException("import chunk " + (chunk + 1) + ": the server refused line " + (i + base)
                            + ", a good work: " + refusal + "\n  line: " + line.json());
                }
                if (line.expectedCode() != null) {
                    if (refusal == null) {
                        throw new DemoException("import chunk " + (chunk + 1) + ": the server accepted line "
                                + (i + base) + ", which it should refuse with " + line.expectedCode() + "\n  line: "
                                + line.json() + "\n  reply: " + reply);
                    }
                    String code = refusal.path("code").asText();
                    if (!code.equals(line.expectedCode())) {
                        throw new DemoException("import chunk " + (chunk + 1) + ": line " + (i + base)
                                + " was refused with " + code + ", expected " + line.expectedCode() + ": " + refusal
                                + "\n  line: " + line.json());
                    }
                    run.importRefusals.add(new ImportRefusal(chunk + 1, i + base, line.expectedCode(), code,
                            refusal.path("detail").asText()));
                    refusedByCode.merge(code, 1, Integer::sum);
                } else {
                    Work w = line.work();
                    Work accepted = new Work(w.id(), w.title(), w.url(), w.category(), w.publishedOn(),
                            w.organisation(), ++submissionNo);
                    run.works.add(accepted);
                    run.workById.put(accepted.id(), accepted);
                }
            }
            int expectedAccepted = (int) part.stream().filter(l -> l.expectedCode() == null).count();
            if (reply.path("accepted").asInt(-1) != expectedAccepted) {
                throw new DemoException("import chunk " + (chunk + 1) + ": the server says accepted "
                        + reply.path("accepted") + ", but refused only the lines meant to be refused ("
                        + expectedAccepted + " good lines): " + reply);
            }
        }
        List<String> notes = new ArrayList<>();
        for (ImportRefusal r : run.importRefusals) {
            notes.add("chunk " + r.chunk() + " line " + r.line() + ": " + r.code() + " (" + r.detail() + ")");
        }
        return new Done(String.format(Locale.ROOT, "%,d", run.works.size()) + " accepted in "
                + ((all.size() + IMPORT_CHUNK - 1) / IMPORT_CHUNK) + " NDJSON chunks; " + run.importRefusals.size()
                + " bad lines refused as intended " + refusedByCode, notes);
    }

    /** Every line to send, in order: the synthetic works with the bad lines inserted among them. */
    private static List<Line> lines(EditionRun run) {
        String e = run.id;
        LocalDate from = LocalDate.parse(run.edition.path("eligibleFrom").asText());
        LocalDate to = LocalDate.parse(run.edition.path("eligibleTo").asText());
        int span = (int) ChronoUnit.DAYS.between(from, to) + 1;
        List<String> units = Synth.recommendingUnits();
        double[] unitWeights = Synth.organisationWeights(units.size());
        List<String> codes = run.categoryCodes;
        double[] categoryWeights = new double[codes.size()];
        for (int i = 0; i < categoryWeights.length; i++) {
            categoryWeights[i] = 1.0 - 0.08 * i;
        }
        int minScores = run.minScores();
        Set<String> normalisedUrls = new HashSet<>();
        List<Line> lines = new ArrayList<>();
        List<Work> candidates = new ArrayList<>();
        for (int n = 1; n <= run.config.works(); n++) {
            String category = codes.get(run.weighted(categoryWeights));
            String organisation;
            do {
                organisation = units.get(run.weighted(unitWeights));
            } while (run.eligibleReviewers(category, organisation).size() < minScores);
            LocalDate publishedOn = from.plusDays(run.random.nextInt(span));
            String url;
            do {
                url = Synth.url(run.kinds.get(category), run.random, n, publishedOn);
            } while (!normalisedUrls.add(normalise(url)));
            String id = e + "-W" + String.format("%05d", n);
            Work work = new Work(id, Synth.title(run.kinds.get(category), run.random), url, category,
                    publishedOn.toString(), organisation, 0);
            candidates.add(work);
            run.quality.put(id, Math.max(25, Math.min(97, 70 + run.random.nextGaussian() * 10)));
            lines.add(new Line(workJson(work), work, null));
        }
        // Lines meant to be refused, spread through the import: the same URL spelt differently,
        // dates outside the eligibility window, a category the edition does not have.
        List<Work> withoutQuery = candidates.stream().filter(w -> !w.url().contains("?")).toList();
        Work dup1 = withoutQuery.get(withoutQuery.size() / 10);
        Work dup2 = withoutQuery.get(withoutQuery.size() / 3);
        URI u1 = URI.create(dup1.url());
        URI u2 = URI.create(dup2.url());
        String sameUrl1 = u1.getScheme().toUpperCase(Locale.ROOT) + "://" + u1.getHost().toUpperCase(Locale.ROOT)
                + u1.getRawPath() + "/";
        String sameUrl2 = u2.getScheme() + "://" + u2.getHost()
                + (u2.getScheme().equals("https") ? ":443" : ":80") + u2.getRawPath() + "#comments";
        String otherCategory = codes.get(0);
        Kind otherKind = run.kinds.get(otherCategory);
        String unknown = "PODCASTS";
        while (codes.contains(unknown)) {
            unknown = unknown + "X";
        }
        List<Line> bad = List.of(
                badLine(e + "-X1", Synth.title(run.kinds.get(dup1.category()), run.random), sameUrl1,
                        dup1.category(), LocalDate.parse(dup1.publishedOn()), units.get(0), "DUPLICATE_URL"),
                badLine(e + "-X2", Synth.title(otherKind, run.random), Synth.url(otherKind, run.random, 900_001, from),
                        otherCategory, from.minusDays(1), units.get(1), "OUT_OF_ELIGIBILITY_WINDOW"),
                badLine(e + "-X3", Synth.title(run.kinds.get(dup2.category()), run.random), sameUrl2,
                        dup2.category(), LocalDate.parse(dup2.publishedOn()), units.get(2), "DUPLICATE_URL"),
                badLine(e + "-X4", Synth.title(otherKind, run.random), Synth.url(otherKind, run.random, 900_002, to),
                        otherCategory, to.plusDays(2), units.get(3), "OUT_OF_ELIGIBILITY_WINDOW"),
                badLine(e + "-X5", "Podcast | Voices of the Grand Canal", "https://www.ximalaya.com/album/"
                        + (77_000_000 + run.config.seed() % 1000), unknown, from.plusDays(40), units.get(4),
                        "UNKNOWN_CATEGORY"));
        int[] after = {candidates.indexOf(dup1) + 7, lines.size() / 4, candidates.indexOf(dup2) + 3,
                lines.size() * 3 / 4, lines.size() - 2};
        List<Line> all = new ArrayList<>(lines);
        // Insert from the back so earlier positions stay valid; each duplicate follows its original.
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        order.sort(Comparator.comparingInt((Integer i) -> after[i]).reversed());
        for (int i : order) {
            all.add(Math.min(after[i] + 1, all.size()), bad.get(i));
        }
        return all;
    }

    private static Line badLine(String id, String title, String url, String category, LocalDate publishedOn,
                                String organisation, String expectedCode) {
        Work work = new Work(id, title, url, category, publishedOn.toString(), organisation, 0);
        return new Line(workJson(work), null, expectedCode);
    }

    /** Line numbers in the reply are 1-based by the usual reading of the contract; accept 0-based too. */
    private static int baseOf(Set<Integer> refusedLines, List<Line> part) {
        Set<Integer> oneBased = new HashSet<>();
        Set<Integer> zeroBased = new HashSet<>();
        for (int i = 0; i < part.size(); i++) {
            if (part.get(i).expectedCode() != null) {
                oneBased.add(i + 1);
                zeroBased.add(i);
            }
        }
        if (!refusedLines.equals(oneBased) && refusedLines.equals(zeroBased)) {
            return 0;
        }
        return 1;
    }

    private static String workJson(Work w) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", w.id());
        line.put("title", w.title());
        line.put("url", w.url());
        line.put("category", w.category());
        line.put("publishedOn", w.publishedOn());
        line.put("organisation", w.organisation());
        try {
            return Api.JSON.writeValueAsString(line);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The demo's own URL normalisation, only to keep its generated URLs distinct. */
    private static String normalise(String url) {
        URI u = URI.create(url);
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
