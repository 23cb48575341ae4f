package io.pxrcad.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The environment line the benchmarks print first, so that figures from different runs can be compared fairly. */
final class BenchEnvironment {
    private BenchEnvironment() {}

    /**
     * {@code environment: ENGINE, Java V, N cores, DNNL_MAX_CPU_ISA X, OMP_WAIT_POLICY P, GLIBC_TUNABLES T, load
     * average L}: the load at the start says whether other work shared the machine.
     */
    static String line(String engine) {
        return "environment: " + engine + ", Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, DNNL_MAX_CPU_ISA "
                + System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "unset") + ", OMP_WAIT_POLICY "
                + System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset") + ", GLIBC_TUNABLES "
                + System.getenv().getOrDefault("GLIBC_TUNABLES", "unset") + ", load average "
                + loadAverage();
    }

    /** The one-minute load average, e.g. {@code 1.87} (a benchmark prints it again at its end). */
    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
