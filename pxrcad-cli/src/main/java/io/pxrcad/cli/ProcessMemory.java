package io.pxrcad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set ({@code VmHWM} of {@code /proc/self/status}): JVM, libtorch and arrays together. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Peak RSS in MiB, or -1 where {@code /proc} is not available. */
    static double peakRssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
