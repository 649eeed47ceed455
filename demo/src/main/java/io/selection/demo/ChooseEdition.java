package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;

import java.util.List;
import java.util.Set;

/**
 * Step 1: the edition to run. The given edition when it is an untouched draft, otherwise a fresh
 * edition {@code ID-run-N} with a copy of its rules, so the demo can be run again and again.
 */
final class ChooseEdition implements Step {

    @Override
    public String name(EditionRun run) {
        return "Edition " + run.id;
    }

    @Override
    public Done run(EditionRun run) {
        Config config = run.config;
        Api api = run.api;
        Api.Reply reply = api.get("/api/editions/" + config.edition(), Account.ORGANISER, Set.of(200, 404));
        if (reply.status() == 404) {
            throw new DemoException("edition " + config.edition() + " does not exist on " + api.baseUrl()
                    + " (GET /api/editions/" + config.edition() + " answered 404): pass an existing --edition, or, "
                    + "if the server has only just started, wait until it has caught up with its log");
        }
        JsonNode base = reply.body();
        String stage = base.path("stage").asText();
        // A draft that already has reviewers or works (a run that stopped early) is not reused:
        // registering the same reviewers again would be refused.
        boolean untouched = "DRAFT".equals(stage) && count(base.path("reviewers")) == 0
                && count(base.path("works")) == 0;
        String detail;
        if (untouched) {
            run.id = config.edition();
            run.edition = base;
            detail = "in DRAFT, used as it is";
        } else {
            int n = 1;
            while (api.get("/api/editions/" + config.edition() + "-run-" + n, Account.ORGANISER, Set.of(200, 404))
                    .status() == 200) {
                n++;
            }
            run.id = config.edition() + "-run-" + n;
            api.post("/api/editions", Account.ORGANISER, copyOfRules(base, run.id), 201);
            run.edition = api.get("/api/editions/" + run.id, Account.ORGANISER);
            detail = "edition " + config.edition() + " is already in " + stage
                    + ("DRAFT".equals(stage) ? " with reviewers or works" : "")
                    + ", so this run uses a fresh copy of its rules";
        }
        int i = 0;
        for (JsonNode c : run.edition.path("categories")) {
            String code = c.path("code").asText();
            run.categoryCodes.add(code);
            run.kinds.put(code, Synth.kindOf(code, c.path("name").asText(""), i++));
        }
        if (run.categoryCodes.isEmpty()) {
            throw new DemoException("edition " + run.id + " has no categories: " + run.edition);
        }
        return new Done(detail, List.of("follow it in a browser: " + api.baseUrl() + "/console/ (organiser/organiser; "
                + "choose edition " + run.id + "), live voting at " + api.baseUrl() + "/console/#/live, the public "
                + "results at " + api.baseUrl() + "/results/" + run.id));
    }

    /** A new edition's body: the rules of {@code base} under the id {@code id}. */
    private static ObjectNode copyOfRules(JsonNode base, String id) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("id", id);
        for (String field : List.of("title", "theme", "eligibleFrom", "eligibleTo", "timeZone")) {
            if (base.hasNonNull(field)) {
                body.set(field, base.get(field));
            }
        }
        ArrayNode categories = body.putArray("categories");
        for (JsonNode c : base.path("categories")) {
            ObjectNode copy = categories.addObject();
            for (String field : List.of("code", "name", "shortlistQuota", "finalQuota")) {
                if (c.hasNonNull(field)) {
                    copy.set(field, c.get(field));
                }
            }
        }
        for (String field : List.of("voting", "review", "weights")) {
            if (base.hasNonNull(field)) {
                body.set(field, base.get(field));
            }
        }
        return body;
    }

    /** A count the server may give as a number or as a list. */
    private static int count(JsonNode node) {
        return node.isArray() ? node.size() : node.asInt(0);
    }
}
