package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.ImportRefusal;
import io.selection.demo.Demo.Result;
import io.selection.demo.Demo.Reviewer;
import io.selection.demo.Demo.Score;
import io.selection.demo.Demo.Vote;
import io.selection.demo.Demo.Work;
import io.selection.demo.Synth.Kind;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the steps of one run share: the options, the door to the server, the seeded random source
 * and everything sent and read back so far. Every synthetic choice draws from {@link #random}, in
 * step order, so the same seed gives the same edition.
 */
final class EditionRun {

    final Config config;
    final Api api;
    final PrintStream out;
    final Random random;

    /** The edition this run drives, chosen by the first step. */
    String id;
    JsonNode edition;
    final List<String> categoryCodes = new ArrayList<>();
    final Map<String, Kind> kinds = new HashMap<>();

    final List<Reviewer> reviewers = new ArrayList<>();
    final Map<String, Reviewer> reviewerById = new HashMap<>();
    /** How much each reviewer scores above or below a work's quality, and whether with a decimal. */
    final Map<String, Double> reviewerBias = new HashMap<>();
    final Map<String, Boolean> reviewerDecimals = new HashMap<>();

    final List<Work> works = new ArrayList<>();
    final Map<String, Work> workById = new HashMap<>();
    /** The hidden quality of each work, which scores and popularity loosely follow. */
    final Map<String, Double> quality = new HashMap<>();
    final List<ImportRefusal> importRefusals = new ArrayList<>();
    final List<Score> preliminaryScores = new ArrayList<>();
    final List<Score> finalScores = new ArrayList<>();

    final List<Vote> votes = new ArrayList<>();
    String disqualified;
    int disqualifiedAfter;
    long votesAccepted;
    long votesRefused;

    JsonNode shortlist;
    JsonNode shortlistAfterDisqualification;
    JsonNode finalShortlist;
    JsonNode tallies;
    JsonNode winners;

    EditionRun(Config config, Api api, PrintStream out) {
        this.config = config;
        this.api = api;
        this.out = out;
        this.random = new Random(config.seed());
    }

    Result result() {
        return new Result(id, edition, List.copyOf(reviewers), List.copyOf(works), List.copyOf(importRefusals),
                List.copyOf(preliminaryScores), List.copyOf(finalScores), List.copyOf(votes), disqualified,
                disqualifiedAfter, votesAccepted, votesRefused, shortlist, shortlistAfterDisqualification,
                finalShortlist, tallies, winners);
    }

    /** An address under this run's edition, e.g. {@code path("/shortlist")}. */
    String path(String suffix) {
        return "/api/editions/" + id + suffix;
    }

    void transition(String to) {
        JsonNode reply = api.post(path("/transitions"), Account.ORGANISER, Map.of("to", to), 200);
        if (reply != null && reply.has("stage") && !to.equals(reply.path("stage").asText())) {
            throw new DemoException("POST " + path("/transitions") + " {\"to\":\"" + to + "\"} answered 200 but the "
                    + "edition is in " + reply.path("stage").asText());
        }
    }

    int minScores() {
        return Math.max(3, edition.path("review").path("minScores").asInt(3));
    }

    int trimFrom() {
        return edition.path("review").path("trimFrom").asInt(5);
    }

    long worksIn(String category) {
        return works.stream().filter(w -> w.category().equals(category)).count();
    }

    /** The reviewers who may score a work: of its category, and not of its organisation. */
    List<Reviewer> eligibleReviewers(String category, String organisation) {
        List<Reviewer> eligible = new ArrayList<>();
        for (Reviewer r : reviewers) {
            if (r.categories().contains(category) && !r.organisation().equals(organisation)) {
                eligible.add(r);
            }
        }
        return eligible;
    }

    /** An index drawn with the given weights. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The object of category → list in a read model, whether wrapped in {@code categories} or not. */
    static JsonNode categories(JsonNode readModel) {
        if (readModel == null) {
            return Api.JSON.createObjectNode();
        }
        return readModel.has("categories") ? readModel.get("categories") : readModel;
    }

    /** Work ids of a shortlist, category by category, in rank order. */
    static List<String> listedWorks(JsonNode shortlist) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> category : categories(shortlist).properties()) {
            for (JsonNode w : category.getValue()) {
                ids.add(w.path("workId").asText());
            }
        }
        return ids;
    }
}
