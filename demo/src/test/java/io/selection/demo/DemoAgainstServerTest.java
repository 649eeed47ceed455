package io.selection.demo;

import io.selection.api.SelectionApplication;
import io.selection.demo.Demo.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the demo against the real server on a random port, then checks every list the server
 * published against {@link Recompute}, which recomputes them from what the demo sent, what it printed
 * while the votes ran, that the checkpoint and commands it printed check out with no account, and
 * that each sign-in it printed signs in to the console. The context is closed after the class so that
 * the server's files can be deleted with the temporary directory.
 */
@SpringBootTest(classes = SelectionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@org.junit.jupiter.api.Tag("slow")
class DemoAgainstServerTest {

    /** Fresh for each run, so the server starts with only the seeded 2023 edition; deleted afterwards. */
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void serverDataDir(DynamicPropertyRegistry registry) {
        registry.add("selection.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void publishes_the_shortlist_tallies_and_winners_that_an_independent_recomputation_gives() throws Exception {
        String url = "http://localhost:" + port;
        // The 2023 rules with small quotas, so that with 300 works the shortlist cut, the backfill
        // after a disqualification and the winners cut all matter.
        String edition = OracleCheck.smallCopyOf(url, "2023", "demo-test", 20, 10);

        // A pace of a few seconds, so the progress lines say where the pace stands.
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Result result;
        try {
            result = new Demo(new Config(url, 300, 20_000, 12, 7, edition, 4, Config.DEMO_REVIEWER_PASSWORD),
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        } finally {
            System.out.print(printed.toString(StandardCharsets.UTF_8)); // the run in the build's output, even a failed one
        }
        String output = printed.toString(StandardCharsets.UTF_8);

        OracleCheck.assertServerAgreesWithOracle(result);
        AuditorCheck.assertVerifiableFromItsExport(url, edition, dataDir);
        NoAccountCheck.assertPrintedCheckpointChecksOut(output, result, dataDir);
        assertPrintsTheVoteAsItRuns(output, url, result);
        assertTheCountsTableLinesUp(output);
        SignInCheck.assertEachPrintedSignInSignsIn(url, result, output);
    }

    private static void assertPrintsTheVoteAsItRuns(String output, String url, Result result) {
        assertThat(output).contains("voting started: 20,000 votes from 6,000 voters over 7 days, spread over at least "
                + "4 s (--pace); watch them arrive at " + url + "/console/#/live");
        assertThat(output).containsPattern("votes: 5,000 of 20,000 sent \\(25%\\): [0-9,]+ accepted, [0-9,]+ refused; "
                + "[0-9,]+ votes/s; [0-9]+ s of the 4 s pace");
        assertThat(output).contains(result.disqualifiedWorkId() + " (").contains(") disqualified after "
                + String.format(Locale.ROOT, "%,d", result.disqualifiedAfterVotes()) + " votes");
        assertThat(output).contains("voting ended after ").contains(String.format(
                Locale.ROOT, "20,000 sent, %,d accepted, %,d refused", result.votesAccepted(), result.votesRefused()));
        // in that order: started, progress, ended, then the step's line
        assertThat(output.indexOf("voting started")).isLessThan(output.indexOf("votes: 5,000 of"));
        assertThat(output.indexOf("votes: 5,000 of")).isLessThan(output.indexOf("voting ended"));
        assertThat(output.indexOf("voting ended")).isLessThan(output.indexOf("[6/8] Voting"));
    }

    /** The rows per category, from the header to the votes line: as wide as each other, the last column right-aligned. */
    private static void assertTheCountsTableLinesUp(String output) {
        List<String> lines = output.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("category ")) {
                header = i;
            }
        }
        assertThat(header).isNotNegative();
        List<String> table = new ArrayList<>();
        for (String line : lines.subList(header, lines.size())) {
            if (line.trim().startsWith("votes:")) {
                break;
            }
            table.add(line);
        }
        assertThat(table).hasSize(6); // the header and five categories, two of them longer than the old 14 columns
        assertThat(table).anyMatch(line -> line.contains("special-columns")).anyMatch(line -> line.contains("theme-activities"));
        int width = Table.width(table.get(0));
        assertThat(table).allSatisfy(line -> assertThat(Table.width(line)).as(line).isEqualTo(width));
    }
}
