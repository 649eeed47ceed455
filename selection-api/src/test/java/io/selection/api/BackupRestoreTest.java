package io.selection.api;

import io.selection.audit.verifier.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup of the embedded store, taken while the service runs, restored into a fresh data
 * directory: the restored service exports the very same log, line for line, and the offline
 * verifier accepts it (docs/operations.md, "Backup and restore").
 */
class BackupRestoreTest extends ApiTestBase {

    @TempDir
    Path temp;

    private ConfigurableApplicationContext restored;

    @AfterEach
    void stop() {
        if (restored != null) {
            restored.close();
        }
    }

    @Test
    void an_online_backup_restored_elsewhere_exports_the_same_log_and_verifies() throws IOException {
        String e = "backup";
        VotingEditionSetup.open(http(), e);
        StringBuilder votes = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            votes.append(VotingEditionSetup.vote("bk" + i, "voter" + (i % 50), VotingEditionSetup.SHORTLISTED
                    .get(i % 6), VotingEditionSetup.castAt(i % 7))).append('\n');
        }
        assertThat(postNdjson("gateway", "/api/editions/" + e + "/votes:batch", votes.toString()).status())
                .isEqualTo(200);
        VotingEditionSetup.transition(http(), "/api/editions/" + e, "FINAL_REVIEW");
        String before = get("auditor", "/api/editions/" + e + "/events").raw();

        // H2's online backup: a consistent copy of the database file while the service runs
        Path zip = temp.resolve("selection-backup.zip");
        jdbc.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
        Path dataDir = Files.createDirectories(temp.resolve("restored"));
        unzip(zip, dataDir);
        // the generated signing key is in the database, so the backup keeps it: the restored service
        // signs with the same key, and its own audit holds every checkpoint signed before to it

        restored = new SpringApplicationBuilder(SelectionApplication.class).run("--server.port=0",
                "--selection.data-dir=" + dataDir, "--selection.seed-2023=false");
        int port = ((ServletWebServerApplicationContext) restored).getWebServer().getPort();
        TestHttp again = new TestHttp("http://localhost:" + port);
        String after = again.get("auditor", "/api/editions/" + e + "/events").raw();

        assertThat(after).isEqualTo(before);
        Report report = AuditTrail.verify(AuditTrail.lines(after));
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(again.get("auditor", "/api/editions/" + e + "/audit").body().path("ok").asBoolean()).isTrue();
        // the restored service goes on where the original stood: the certified tallies are there
        assertThat(again.get("auditor", "/api/editions/" + e + "/tallies").body().path("certified").asBoolean())
                .isTrue();
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(Path.of(entry.getName()).getFileName().toString());
                Files.copy(entries, target);
            }
        }
    }
}
