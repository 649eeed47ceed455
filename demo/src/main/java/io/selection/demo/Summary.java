package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Demo.Result;
import io.selection.demo.Table.Align;

import java.io.PrintStream;
import java.math.RoundingMode;
import java.util.Locale;

/** The end of a run: per category the counts of each stage, then the top three winners of each. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, Result r) {
        JsonNode winners = EditionRun.categories(r.winners());
        JsonNode shortlist = EditionRun.categories(r.finalShortlist());
        JsonNode tallies = EditionRun.categories(r.tallies());
        out.println();
        out.println("Results of edition " + r.editionId() + ": " + r.edition().path("title").asText(""));
        Table counts = new Table(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT)
                .row("category", "name", "submitted", "shortlist", "winners", "valid votes");
        for (JsonNode category : r.edition().path("categories")) {
            String code = category.path("code").asText();
            long valid = 0;
            for (JsonNode t : tallies.path(code)) {
                valid += t.path("validVotes").asLong();
            }
            long submitted = r.works().stream().filter(w -> w.category().equals(code)).count();
            counts.row(code, category.path("name").asText(""), number(submitted), number(shortlist.path(code).size()),
                    number(winners.path(code).size()), number(valid));
        }
        counts.lines("  ").forEach(out::println);
        out.printf(Locale.ROOT, "  votes: %,d accepted, %,d refused %s%n", r.votesAccepted(), r.votesRefused(),
                r.tallies().path("refusedVotes"));
        for (JsonNode category : r.edition().path("categories")) {
            String code = category.path("code").asText();
            out.println();
            out.println("  Top three in " + code);
            Table top = new Table(Align.RIGHT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.LEFT)
                    .row("rank", "work", "final", "votes", "title");
            int shown = 0;
            for (JsonNode w : winners.path(code)) {
                if (shown++ == 3) {
                    break;
                }
                top.row(w.path("rank").asText(), w.path("workId").asText(), score(w.path("finalScore")),
                        number(w.path("validVotes").asLong()), w.path("title").asText(""));
            }
            top.lines("    ").forEach(out::println);
        }
        out.println();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String score(JsonNode score) {
        return score.isNumber() ? score.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString()
                : score.toString();
    }
}
