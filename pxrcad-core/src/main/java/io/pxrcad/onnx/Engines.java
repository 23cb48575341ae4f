package io.pxrcad.onnx;

import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.infer.TorchRunner;

import java.util.Locale;

/** The inference engines by the name users give them: {@code djl} (DJL/PyTorch) and {@code onnx} (ONNX Runtime). */
public final class Engines {
    public static final String DJL = "djl";
    public static final String ONNX = "onnx";

    private Engines() {}

    /**
     * The engine called {@code name}, checked against {@code device} (ONNX Runtime runs on the CPU
     * only here), so that a wrong pair is refused before any work.
     */
    public static InferenceEngine named(String name, String device) {
        return named(name, device, Precision.FP32);
    }

    /**
     * As {@link #named(String, String)} at {@code precision}: int8 exists for the onnx engine
     * only (DJL runs the networks as trained, in float32).
     */
    public static InferenceEngine named(String name, String device, Precision precision) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case DJL -> {
                if (precision != Precision.FP32) {
                    throw new IllegalArgumentException("precision " + precision.id() + " needs engine onnx (djl runs fp32 only)");
                }
                yield TorchRunner.ENGINE;
            }
            case ONNX -> {
                OrtRunner.requireCpu(device);
                yield OrtRunner.engine(precision);
            }
            default -> throw new IllegalArgumentException("expected engine djl or onnx but was '" + name + "'");
        };
    }
}
