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

import java.nio.file.Path;

/**
 * Runs the demo against the real server on a random port, then checks every list the server
 * published against {@link Recompute}, which recomputes them from what the demo sent. The context
 * is closed after the class so that the server's files can be deleted with the temporary directory.
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

        Result result = new Demo(new Config(url, 300, 20_000, 12, 7, edition), System.out).run();

        OracleCheck.assertServerAgreesWithOracle(result);
        AuditorCheck.assertVerifiableFromItsExport(url, edition, dataDir);
    }
}
