package io.pxrcad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set from {@code /proc/self/status}: JVM, libtorch and arrays together. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Peak RSS ({@code VmHWM}) in MiB, or -1 where {@code /proc} is not available. */
    static double peakRssMb() {
        return statusMb("VmHWM:");
    }

    /** Current RSS ({@code VmRSS}) in MiB, or -1 where {@code /proc} is not available. */
    static double residentMb() {
        return statusMb("VmRSS:");
    }

    private static double statusMb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
