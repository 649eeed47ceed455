package io.selection.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's options, from the command line or from a test: what to run against, how much synthetic
 * data to send, and how slowly. A value the demo cannot run with is refused here, before any request.
 *
 * @param paceSeconds      spread the votes over at least this long, so the live page can be watched
 * @param reviewerPassword the password of every reviewer the demo registers, printed with their ids
 *                         so that anyone following the run can sign in as one of them
 */
public record Config(String url, int works, int votes, int reviewers, long seed, String edition,
                     int paceSeconds, String reviewerPassword) {

    /** Easy to type from the README; a run on a server others reach can choose its own. */
    public static final String DEMO_REVIEWER_PASSWORD = "reviewer";

    static final String USAGE = """
            Runs a whole edition of the selection against a running server, through its HTTP API.

            usage: java -jar demo/target/selection-demo.jar [options]
              --url URL          server to run against            (default http://localhost:8080)
              --works N          works to import                  (default 2000)
              --votes N          public votes to send             (default 100000)
              --reviewers N      expert reviewers to register     (default 12)
              --seed N           seed of the synthetic data       (default 2023)
              --edition ID       edition to run; if it is past DRAFT, a fresh copy
                                 ID-run-N of its rules is created (default 2023)
              --pace SECONDS     spread the votes over at least this long, to watch
                                 the live voting page (default 0: as fast as it goes)
              --reviewer-password P
                                 password of every reviewer it registers, 8 to 72
                                 characters (default reviewer)
              --help             this text
            """;

    public Config(String url, int works, int votes, int reviewers, long seed, String edition) {
        this(url, works, votes, reviewers, seed, edition, 0, DEMO_REVIEWER_PASSWORD);
    }

    public static Config defaults() {
        return new Config("http://localhost:8080", 2000, 100_000, 12, 2023, "2023", 0, DEMO_REVIEWER_PASSWORD);
    }

    public Config {
        if (works < 20) {
            throw new IllegalArgumentException("--works must be at least 20, was " + works);
        }
        if (votes < 0) {
            throw new IllegalArgumentException("--votes must not be negative, was " + votes);
        }
        if (reviewers < 1) {
            throw new IllegalArgumentException("--reviewers must be at least 1, was " + reviewers);
        }
        if (paceSeconds < 0) {
            throw new IllegalArgumentException("--pace must not be negative, was " + paceSeconds);
        }
        // What the server takes at registration (docs/api.md), so the run is not stopped half-way.
        if (reviewerPassword == null || reviewerPassword.length() < 8
                || reviewerPassword.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("--reviewer-password must be 8 to 72 characters (at most 72 bytes "
                    + "in UTF-8)");
        }
        // Ids derived from it (edition-run-N-V0000001) must stay within 64 characters.
        if (edition == null || !edition.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("--edition must be 1 to 40 characters of [A-Za-z0-9._-]");
        }
    }

    /** The configuration the arguments ask for, or null when they ask for help. */
    static Config parse(String[] args) {
        Config d = defaults();
        String url = d.url();
        int works = d.works();
        int votes = d.votes();
        int reviewers = d.reviewers();
        long seed = d.seed();
        String edition = d.edition();
        int pace = d.paceSeconds();
        String reviewerPassword = d.reviewerPassword();
        List<String> list = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                list.add(arg.substring(0, eq));
                list.add(arg.substring(eq + 1));
            } else {
                list.add(arg);
            }
        }
        for (int i = 0; i < list.size(); i++) {
            String option = list.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = list.get(++i);
            switch (option) {
                case "--url" -> url = value;
                case "--works" -> works = number(option, value);
                case "--votes" -> votes = number(option, value);
                case "--reviewers" -> reviewers = number(option, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--edition" -> edition = value;
                case "--pace" -> pace = number(option, value);
                case "--reviewer-password" -> reviewerPassword = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Config(url, works, votes, reviewers, seed, edition, pace, reviewerPassword);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value);
        }
    }
}
