package io.selection.demo;

import io.selection.demo.Api.ApiException;
import io.selection.demo.Demo.Config;
import io.selection.demo.Demo.DemoException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code java -jar demo/target/selection-demo.jar [--url U] [--works N] [--votes N]
 * [--reviewers N] [--seed N] [--edition E] [--pace SECONDS]}. Exit status 0 when the whole edition ran, 1 when the
 * server answered something unexpected (the problem body is printed), 2 for bad arguments.
 */
public final class DemoRun {

    private static final String USAGE = """
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
              --help             this text
            """;

    private DemoRun() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            out.print(USAGE);
            return;
        }
        try {
            new Demo(config, out).run();
        } catch (ApiException e) {
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            if (e.body() != null && !e.body().isBlank()) {
                System.err.println(e.body());
            }
            System.exit(1);
        } catch (DemoException e) {
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("FAILED: the demo hit an error it did not expect (a bug in the demo, or a reply "
                    + "shaped differently from docs/api.md):");
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The configuration the arguments ask for, or null when they ask for help. */
    static Config parse(String[] args) {
        Config d = Config.defaults();
        String url = d.url();
        int works = d.works();
        int votes = d.votes();
        int reviewers = d.reviewers();
        long seed = d.seed();
        String edition = d.edition();
        int pace = d.paceSeconds();
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
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Config(url, works, votes, reviewers, seed, edition, pace);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value);
        }
    }
}
