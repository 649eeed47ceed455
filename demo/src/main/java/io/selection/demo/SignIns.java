package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Reviewer;
import io.selection.demo.Table.Align;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The end of a run: every account that can follow the edition in the browser, with the password
 * that works on this server. The run itself proved most of them (the organiser ran it, the gateway
 * sent the votes, each reviewer scored); the auditor's is proved here by reading the panel.
 */
final class SignIns {

    private SignIns() {
    }

    static List<String> lines(EditionRun run) {
        String console = run.api.baseUrl() + "/console/";
        List<String> lines = new ArrayList<>();
        lines.add("Sign in at " + console + " as any of these, and choose edition " + run.id + " in the header:");
        Table table = new Table(Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
                .row("role", "user", "password", "who")
                .row("organiser", Account.ORGANISER.user(), Account.ORGANISER.password(),
                        "runs the edition: Stages, Works, Import works, Suspicious votes, Live voting")
                .row("auditor", Account.AUDITOR.user(), auditorPassword(run),
                        "checks it: Audit, Works, Rankings, Live voting, Lists");
        for (Reviewer r : run.reviewers) {
            table.row("reviewer", r.id(), r.password(),
                    r.name() + ", " + r.organisation() + ": " + String.join(", ", r.categories()));
        }
        table.row("gateway", Account.GATEWAY.user(), Account.GATEWAY.password(),
                "sends the votes: the API only, no console pages");
        lines.addAll(table.lines("  "));
        lines.add("Anyone, without signing in: " + run.api.baseUrl() + "/results/" + run.id);
        return lines;
    }

    /** The auditor's password if the server takes the default one; reading the panel also checks it is whole. */
    private static String auditorPassword(EditionRun run) {
        Api.Reply reply = run.api.get(run.path("/reviewers"), Account.AUDITOR, Set.of(200, 401));
        if (reply.status() == 401) {
            return "(not " + Account.AUDITOR.password() + " on this server)";
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode r : reply.body()) {
            listed.add(r.path("id").asText());
        }
        List<String> registered = run.reviewers.stream().map(Reviewer::id).sorted().toList();
        if (!listed.equals(registered)) {
            throw new DemoException("GET " + run.path("/reviewers") + " lists " + listed + ", but this run registered "
                    + registered);
        }
        return Account.AUDITOR.password();
    }
}
