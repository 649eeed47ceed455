package io.selection.demo;

import io.selection.demo.Api.ApiException;
import io.selection.demo.Demo.DemoException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Command line: {@code java -jar demo/target/selection-demo.jar [--url U] [--works N] [--votes N]
 * [--reviewers N] [--seed N] [--edition E] [--pace SECONDS] [--reviewer-password P]} (see {@link Config}).
 * Exit status 0 when the whole edition ran, 1 when the server answered something unexpected (the
 * problem body is printed), 2 for bad arguments.
 */
public final class DemoRun {

    private DemoRun() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(Config.USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            out.print(Config.USAGE);
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
}
