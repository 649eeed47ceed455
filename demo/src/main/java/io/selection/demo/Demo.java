package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Step.Done;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Runs one whole edition against a running server, through the public HTTP API only, one
 * {@link Step} after another: the edition, reviewers, bulk import (with a few lines meant to be
 * refused), preliminary scores, shortlist, public vote (with a disqualification half-way), final
 * scores and results. It returns everything it sent and everything it read back, so a test can
 * recompute the published lists independently.
 */
public final class Demo {

    public record Reviewer(String id, String name, String organisation, List<String> categories, String password) {

        Account account() {
            return new Account(id, password);
        }
    }

    /** A work the server accepted; {@code submissionNo} counts accepted works from 1, in the order sent. */
    public record Work(String id, String title, String url, String category, String publishedOn, String organisation,
                       int submissionNo) {
    }

    /** A line sent to be refused, and what the server said about it. */
    public record ImportRefusal(int chunk, int line, String expectedCode, String code, String detail) {
    }

    /** A score as sent; within a work, a reviewer's score of a later round replaces the earlier one. */
    public record Score(String workId, String reviewerId, BigDecimal score, int round) {
    }

    public record Vote(String id, String voterId, String workId, Instant castAt) {
    }

    /**
     * Everything sent and read back. {@code votes} are in the order sent; the first
     * {@code disqualifiedAfterVotes} of them were decided before {@code disqualifiedWorkId} was
     * disqualified (null when none was).
     */
    public record Result(String editionId, JsonNode edition, List<Reviewer> reviewers, List<Work> works,
                         List<ImportRefusal> importRefusals, List<Score> preliminaryScores, List<Score> finalScores,
                         List<Vote> votes, String disqualifiedWorkId, int disqualifiedAfterVotes,
                         long votesAccepted, long votesRefused, JsonNode shortlist,
                         JsonNode shortlistAfterDisqualification, JsonNode finalShortlist, JsonNode tallies,
                         JsonNode winners) {
    }

    private final Config config;
    private final PrintStream out;

    public Demo(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public Result run() {
        long started = System.nanoTime();
        EditionRun run = new EditionRun(config, new Api(config.url()), out);
        out.println("Selection demo against " + run.api.baseUrl() + " (seed " + config.seed() + ", " + config.works()
                + " works, " + config.votes() + " votes, " + config.reviewers() + " reviewers)");
        List<Step> steps = List.of(new ChooseEdition(), new RegisterReviewers(), new ImportWorks(),
                new PreliminaryReview(), new PublishShortlist(), new Voting(new Disqualification()), new FinalReview(),
                new PublishResults());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            long stepStarted = System.nanoTime();
            Done done = step.run(run);
            out.printf(Locale.ROOT, "[%d/%d] %-20s %6.1f s  %s%n", i + 1, steps.size(), step.name(run),
                    (System.nanoTime() - stepStarted) / 1e9, done.detail());
            done.notes().forEach(note -> out.println(VoteProgress.INDENT + note));
        }
        Result result = run.result();
        Summary.print(out, result);
        PublicCheck.lines(run).forEach(out::println);
        SignIns.lines(run).forEach(out::println);
        out.println();
        out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return result;
    }

    /** A run that cannot go on, with the reason in words. */
    public static final class DemoException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public DemoException(String message) {
            super(message);
        }
    }

    /** Exposed for callers that only want the HTTP door (the test uses it to prepare an edition). */
    public static Api api(String url) {
        return new Api(url);
    }
}
