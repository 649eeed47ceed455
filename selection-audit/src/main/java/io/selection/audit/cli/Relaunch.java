package io.selection.audit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a large file in a second JVM with the parallel collector, when the auditor ran the jar
 * with the default one: on a 10-million-vote log the default (G1) takes 1.3 to 1.5 times as long
 * and twice the memory (docs/performance.md). The child is the same jar with the same JVM options
 * plus {@code -XX:+UseParallelGC}; its output is this process's, and its exit status is returned.
 * Nothing is relaunched when the file is small (under {@code selection.audit.relaunch-bytes}, 256 MB
 * by default), when the auditor chose a collector, when the JVM already runs the parallel one, when
 * the tool was not started with {@code java -jar}, or when {@code SELECTION_AUDIT_RELAUNCH=no}.
 */
final class Relaunch {

    static final String RELAUNCHED = "selection.audit.relaunched";
    static final long DEFAULT_BYTES = 256L << 20;

    private Relaunch() {
    }

    /** The child's exit status, or null where this JVM verifies the file itself. */
    static Integer withParallelGc(Path file, List<String> args, PrintWriter err) throws InterruptedException {
        List<String> command = command(file, args);
        if (command == null) {
            return null;
        }
        err.println("verify: a large file; verifying it in a JVM with -XX:+UseParallelGC, which is faster here "
                + "(SELECTION_AUDIT_RELAUNCH=no, or any collector option, verifies in this one)");
        err.flush();
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            err.println("verify: could not start it (" + e.getMessage() + "); verifying here");
            err.flush();
            return null;
        }
        Thread stop = new Thread(child::destroy, "stop-verifier");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    /** The child's command line, or null where nothing is to be relaunched. */
    static List<String> command(Path file, List<String> args) {
        if (Boolean.getBoolean(RELAUNCHED) || "no".equalsIgnoreCase(System.getenv("SELECTION_AUDIT_RELAUNCH"))) {
            return null;
        }
        try {
            if (Files.size(file) < Long.getLong("selection.audit.relaunch-bytes", DEFAULT_BYTES)) {
                return null;
            }
        } catch (IOException e) {
            return null; // the verification names the problem
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean chosen = jvm.stream().anyMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"));
        boolean parallel = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("PS "));
        String jar = System.getProperty("java.class.path", "");
        String launcher = ProcessHandle.current().info().command().orElse(null);
        if (chosen || parallel || launcher == null || !jar.endsWith(".jar") || jar.contains(java.io.File.pathSeparator)) {
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(launcher);
        command.addAll(jvm);
        command.add("-XX:+UseParallelGC");
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        return command;
    }
}
