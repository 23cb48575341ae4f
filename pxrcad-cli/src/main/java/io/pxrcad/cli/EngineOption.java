package io.pxrcad.cli;

import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.onnx.Engines;
import io.pxrcad.onnx.Precision;
import picocli.CommandLine.Option;

/** {@code --engine} and {@code --precision}, shared by the commands that run a model (a picocli mixin). */
final class EngineOption {
    @Option(names = "--engine", defaultValue = Engines.AUTO,
            description = "Inference engine: auto (onnx on the CPU, djl on a GPU named by --device), djl (PyTorch) or onnx "
                    + "(ONNX Runtime, CPU; the networks are exported in memory at load) (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--precision", defaultValue = "fp32",
            description = "Number format: fp32, or int8 with --engine onnx (integer backbone calibrated on generated phantoms at load; docs/PERFORMANCE.md has its speed and AUC) (default: ${DEFAULT-VALUE}).")
    String precision;

    /** The engine, checked with the device and precision before any work. */
    InferenceEngine checked(String device) {
        Precision p = precision(precision);
        try {
            return Engines.named(name, device, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().startsWith("precision") ? "--precision: " : "--engine: ")
                    + e.getMessage(), e);
        }
    }

    /** {@code value} of a {@code --precision} option, or a usage error naming it. */
    static Precision precision(String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--precision: " + e.getMessage(), e);
        }
    }

    /** The engine's name as {@link Engines#named} takes it, {@code auto} resolved for {@code device}. */
    String resolved(String device) {
        return Engines.resolve(name, device);
    }
}
