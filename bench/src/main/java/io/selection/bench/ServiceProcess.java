package io.selection.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service, run as it ships: {@code java -jar selection-api.jar} in a child JVM with its
 * own heap, on a free loopback port, with the benchmark's data directory and settings. (Its jar is
 * a Spring Boot executable jar, whose classes cannot be loaded from another module's classpath;
 * a child JVM also keeps the load generators' garbage out of the service's heap.)
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedAt;
    private long readyAt;

    /** Children still running; a shutdown hook stops them if the benchmark is interrupted. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "stop-service-children"));
    }

    private ServiceProcess(Process process, int port, Path log, long launchedAt) {
        RUNNING.add(process);
        this.process = process;
        this.port = port;
        this.log = log;
        this.launchedAt = launchedAt;
    }

    /** The service's executable jar: {@code explicit}, or selection-api/target/selection-api.jar near here. */
    static Path locateJar(Path explicit) {
        if (explicit != null) {
            return Files.isRegularFile(explicit) ? explicit : null;
        }
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("selection-api/target/selection-api.jar"),
                Path.of("../selection-api/target/selection-api.jar")));
        try {
            Path here = Path.of(ServiceProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // bench/target/selection-bench.jar or bench/target/classes -> the repository root
            Path root = here.getParent() == null ? null : here.getParent().getParent();
            if (root != null && root.getParent() != null) {
                candidates.add(root.getParent().resolve("selection-api/target/selection-api.jar"));
            }
        } catch (Exception ignored) {
            // the working directory candidates remain
        }
        return candidates.stream().filter(Files::isRegularFile).map(Path::toAbsolutePath).map(Path::normalize)
                .findFirst().orElse(null);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the service and waits until {@code /actuator/health} answers 200, at most
     * {@code timeoutSeconds}.
     */
    static ServiceProcess start(Path jar, String heap, List<String> javaOptions, Map<String, String> properties,
                                Path log, int timeoutSeconds) throws IOException, InterruptedException {
        ServiceProcess service = launch(jar, heap, javaOptions, properties, log);
        service.awaitHealthy(timeoutSeconds);
        return service;
    }

    /**
     * The collector options docs/operations.md gives for the service ("The JVM"): G1, marking only
     * once the old generation is three-quarters full. With a 2 GiB heap whose live data reaches
     * 0.8 to 1.1 GiB at ten million votes, G1's adaptive threshold stayed below the live data and
     * marked back to back (51 cycles, 32 s of a marking thread in an 80 s row); docs/performance.md.
     */
    static final String COLLECTOR = "-XX:+UseG1GC";
    /** G1's marking threshold of {@link #COLLECTOR}. */
    static final List<String> THRESHOLD = List.of("-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=75");

    /**
     * The service JVM's options: the heap (maximum and initial), {@link #COLLECTOR} unless
     * {@code javaOptions} choose a collector ({@code -XX:+Use...GC}), {@link #THRESHOLD} with G1 unless
     * they set one, no update check, then {@code javaOptions}.
     */
    static List<String> jvmOptions(String heap, List<String> javaOptions) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap));
        boolean collectorChosen = javaOptions.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"));
        boolean g1 = !collectorChosen || javaOptions.contains(COLLECTOR);
        boolean thresholdChosen = javaOptions.stream().anyMatch(o -> o.contains("InitiatingHeapOccupancyPercent")
                || o.contains("G1UseAdaptiveIHOP"));
        if (!collectorChosen) {
            options.add(COLLECTOR);
        }
        if (g1 && !thresholdChosen) {
            options.addAll(THRESHOLD);
        }
        options.add("-Daxoniq.update-checker.disabled=true");
        options.addAll(javaOptions);
        return options;
    }

    /** Starts the service's JVM and returns at once; {@link #awaitHealthy} waits for it. */
    static ServiceProcess launch(Path jar, String heap, List<String> javaOptions, Map<String, String> properties,
                                 Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(heap, javaOptions));
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        long launchedAt = System.nanoTime();
        return new ServiceProcess(builder.start(), port, log, launchedAt);
    }

    boolean alive() {
        return process.isAlive();
    }

    long launchedAtNanos() {
        return launchedAt;
    }

    void awaitHealthy(int timeoutSeconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped while starting (exit " + process.exitValue()
                        + "); last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/actuator/health").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    c.getInputStream().readAllBytes();
                    readyAt = System.nanoTime();
                    return;
                }
                c.disconnect();
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("the service did not answer on " + url() + " within " + timeoutSeconds
                + " s; last lines of " + log + ":\n" + tail(40));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Seconds from launching the JVM to the first healthy answer. */
    double startupSeconds() {
        return (readyAt - launchedAt) / 1e9;
    }

    long readyAtNanos() {
        return readyAt;
    }

    Path log() {
        return log;
    }

    /** The child's peak resident memory (VmHWM), or -1 where /proc does not tell. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not on Linux, or the process is gone
        }
        return -1;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Spring closes its context, Kafka consumers leave their group
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        RUNNING.remove(process);
    }
}
