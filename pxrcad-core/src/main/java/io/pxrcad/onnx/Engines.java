package io.pxrcad.onnx;

import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.infer.TorchRunner;

import java.util.Locale;

/**
 * The inference engines by the name users give them: {@code djl} (DJL/PyTorch), {@code onnx}
 * (ONNX Runtime) and {@code auto}, the default.
 */
public final class Engines {
    public static final String AUTO = "auto";
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
            case AUTO -> named(resolve(n, device), device, precision);
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
            default -> throw new IllegalArgumentException("expected engine auto, djl or onnx but was '" + name + "'");
        };
    }

    /**
     * The engine name {@code auto} stands for with {@code device}: ONNX Runtime unless the device
     * names a GPU. {@code pxrcad bench inference} measured ONNX Runtime 6.6x faster than DJL at
     * batch 1 on a 2-core CPU (docs/PERFORMANCE.md), and it runs on the CPU only here. Device
     * {@code auto} counts as the CPU: asking PyTorch whether it sees a GPU would load libtorch
     * (hundreds of MB of resident memory) into a process that then never uses it, so a GPU is
     * used when the user names it ({@code --device gpu0}).
     */
    public static String resolve(String name, String device) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals(AUTO)) return n;
        String d = device == null ? AUTO : device.trim().toLowerCase(Locale.ROOT);
        return d.equals(AUTO) || d.equals("cpu") ? ONNX : DJL;
    }
}
