package io.pxrcad.cli;

import picocli.CommandLine.Option;

/** {@code --threads}, shared by the commands that render phantoms in parallel (a picocli mixin). */
final class ThreadsOption {
    static final int MAX = 256;

    @Option(names = "--threads", description = "Worker threads, 1 to 256 (default: all cores).")
    private Integer threads;

    /** The number of threads, checked: the one given, else one per core. */
    int count() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Options.between("--threads", threads, 1, MAX);
    }
}
