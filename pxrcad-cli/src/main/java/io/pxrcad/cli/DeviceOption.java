package io.pxrcad.cli;

import picocli.CommandLine.Option;

/** {@code --device}, shared by every command that runs a network (a picocli mixin). */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default: ${DEFAULT-VALUE}).")
    String spec;

    /** The device spec, checked against the engine first, so that a wrong one is refused before any work. */
    String checked() {
        Options.device(spec);
        return spec;
    }
}
