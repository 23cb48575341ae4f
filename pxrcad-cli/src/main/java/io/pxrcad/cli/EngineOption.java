package io.pxrcad.cli;

import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.onnx.Engines;
import picocli.CommandLine.Option;

/** {@code --engine}, shared by the commands that run a model (a picocli mixin). */
final class EngineOption {
    @Option(names = "--engine", defaultValue = Engines.AUTO,
            description = "Inference engine: auto (onnx on the CPU, djl on a GPU named by --device), djl (PyTorch) or onnx "
                    + "(ONNX Runtime, CPU; the networks are exported in memory at load) (default: ${DEFAULT-VALUE}).")
    String name;

    /** The engine, checked with the device before any work. */
    InferenceEngine checked(String device) {
        try {
            return Engines.named(name, device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine: " + e.getMessage(), e);
        }
    }

    /** The engine's name as {@link Engines#named} takes it, {@code auto} resolved for {@code device}. */
    String resolved(String device) {
        return Engines.resolve(name, device);
    }
}
