package io.selection.api;

import org.awaitility.Awaitility;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as a child JVM on the test's class path, for tests that kill it without warning
 * (SIGKILL: no shutdown hook, no flush) and start it again over the same store. Each start logs to
 * its own file in the data directory, named in every failure.
 */
final class ServiceProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> arguments;
    private final TestHttp http;
    /** The same service for health probes: a probe that hangs fails after a while instead of holding the wait. */
    private final TestHttp probe;
    private Process process;
    private int starts;

    /** {@code arguments}: Spring arguments beyond port, data directory and the 2023 seed (off). */
    ServiceProcess(Path dataDir, String... arguments) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.arguments = List.of(arguments);
        this.http = new TestHttp("http://localhost:" + port);
        this.probe = new TestHttp("http://localhost:" + port, Duration.ofSeconds(10));
    }

    TestHttp http() {
        return http;
    }

    /** Starts the child and returns once its health endpoint answers. */
    TestHttp start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SelectionApplication.class.getName());
        command.add("--server.port=" + port);
        command.add("--selection.data-dir=" + dataDir);
        command.add("--selection.seed-2023=false");
        command.addAll(arguments);
        Path log = dataDir.resolve("server-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = process;
        try {
            Awaitility.await("the service in " + log + " answers").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the service process died; see " + log, () -> !started.isAlive())
                    .ignoreExceptionsInstanceOf(IllegalStateException.class) // not listening yet
                    .until(() -> probe.get(null, "/actuator/health").status() == 200);
        } catch (RuntimeException notUp) {
            // the temporary directory goes with the test: the failure carries what the service said
            // its first line is what a build's summary shows: the health answer and the service's last warning
            List<String> lines = lines(log);
            String warning = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .reduce((first, second) -> second).orElse("none");
            throw new AssertionError("the service " + (started.isAlive() ? "(alive)" : "(dead)")
                    + " did not answer healthy: health " + abbreviate(lastHealth(), 400) + "; its last warning: "
                    + abbreviate(warning, 600) + "\n" + notUp.getMessage() + "\nthreads:\n" + threads(started)
                    + "\nlast lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size())), notUp);
        }
        return http;
    }

    /** The health answer with its details (as an organiser sees it), or why there is none. */
    private String lastHealth() {
        try {
            Response r = probe.get("organiser", "/actuator/health");
            return r.status() + " " + r.raw();
        } catch (RuntimeException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    /** The child's threads, as {@code jcmd Thread.print} shows them. */
    private static String threads(Process process) {
        if (!process.isAlive()) {
            return "(gone)";
        }
        try {
            Process jcmd = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                    + "jcmd", Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(jcmd failed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String abbreviate(String text, int max) {
        String one = text.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }

    private static List<String> lines(Path file) {
        try {
            return new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
