package io.selection.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both benchmarks print of the machine they ran on: other load on it lowers every figure. */
final class Machine {

    private Machine() {
    }

    /** The load average over 1, 5 and 15 minutes, or "unknown" where /proc has none. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The machine's RAM, e.g. "23 GiB RAM". */
    static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024L * 1024 * 1024) + " GiB RAM";
        }
        return "RAM unknown";
    }
}
