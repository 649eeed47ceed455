package io.selection.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service JVM's options: the collector of docs/operations.md unless the run chooses its own. */
class ServiceJvmOptionsTest {

    @Test
    void g1_marking_at_three_quarters_by_default() {
        assertThat(ServiceProcess.jvmOptions("2g", List.of())).containsExactly("-Xmx2g", "-Xms2g", "-XX:+UseG1GC",
                "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=75",
                "-Daxoniq.update-checker.disabled=true");
    }

    @Test
    void another_collector_or_a_threshold_of_the_run_replaces_the_default() {
        assertThat(ServiceProcess.jvmOptions("512m", List.of("-XX:+UseSerialGC")))
                .containsExactly("-Xmx512m", "-Xms512m", "-Daxoniq.update-checker.disabled=true", "-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmOptions("2g", List.of("-XX:+UseG1GC"))).containsExactly("-Xmx2g", "-Xms2g",
                "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=75",
                "-Daxoniq.update-checker.disabled=true", "-XX:+UseG1GC");
        assertThat(ServiceProcess.jvmOptions("2g", List.of("-XX:+G1UseAdaptiveIHOP")))
                .containsExactly("-Xmx2g", "-Xms2g", "-XX:+UseG1GC", "-Daxoniq.update-checker.disabled=true",
                        "-XX:+G1UseAdaptiveIHOP");
    }
}
