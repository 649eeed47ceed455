package io.selection.audit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSameOptionsGiveTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Path c = dir.resolve("c.ndjson");
        String[] options = {"--votes", "120", "--categories", "1", "--works-per-category", "4", "--group-size", "25"};

        Cli.Result r = Cli.run(concat("sample", options, "--seed", "1", a.toString()));
        Cli.run(concat("sample", options, "--seed", "1", b.toString()));
        Cli.run(concat("sample", options, "--seed", "2", c.toString()));

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("120 votes").contains("log digest");
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1L);
        assertThat(Files.readAllLines(a).get(Files.readAllLines(a).size() - 1)).startsWith("{\"head\":{");
        assertThat(Cli.run("verify", c.toString()).exit()).isZero();
    }

    @Test
    void badParamsAreUsageErrors() {
        assertThat(Cli.run("sample", dir.resolve("x").toString()).exit()).isEqualTo(2); // --votes is required
        Cli.Result r = Cli.run("sample", "--votes", "10", "--categories", "0", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("categories");
        assertThat(Cli.run("sample", "--votes", "10", dir.toString()).exit()).isEqualTo(2);
    }

    private static String[] concat(String first, String[] middle, String... rest) {
        String[] all = new String[1 + middle.length + rest.length];
        all[0] = first;
        System.arraycopy(middle, 0, all, 1, middle.length);
        System.arraycopy(rest, 0, all, 1 + middle.length, rest.length);
        return all;
    }
}
