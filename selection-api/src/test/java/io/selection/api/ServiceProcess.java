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
    private Process process;
    private int starts;

    /** {@code arguments}: Spring arguments beyond port, data directory and the 2023 seed (off). */
    ServiceProcess(Path dataDir, String... arguments) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.arguments = List.of(arguments);
        this.http = new TestHttp("http://localhost:" + port);
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
        Awaitility.await("the service in " + log + " answers").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .failFast("the service process died; see " + log, () -> !started.isAlive())
                .ignoreExceptionsInstanceOf(IllegalStateException.class) // not listening yet
                .until(() -> http.get(null, "/actuator/health").status() == 200);
        return http;
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
