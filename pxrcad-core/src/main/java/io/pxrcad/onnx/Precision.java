package io.pxrcad.onnx;

import java.util.Locale;

/**
 * The number format of an exported network: {@link #FP32} as trained, or {@link #INT8} with
 * QuantizeLinear/DequantizeLinear pairs that ONNX Runtime fuses into integer kernels (see
 * {@link QdqRewrite}). Reduced precision is measured, not assumed: docs/PERFORMANCE.md has the
 * speed and the test-set AUC of both.
 */
public enum Precision {
    FP32("fp32", ""),
    INT8("int8", ".int8");

    private final String id;
    private final String infix;

    Precision(String id, String infix) {
        this.id = id;
        this.infix = infix;
    }

    /** The name users give, {@code fp32} or {@code int8}. */
    public String id() { return id; }

    /** File name of network {@code name} at this precision: {@code stage1.onnx}, {@code stage1.int8.onnx}. */
    public String fileName(String name) {
        return name + infix + OnnxExport.SUFFIX;
    }

    /** The precision called {@code name} (case and surrounding blanks ignored). */
    public static Precision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.id.equals(n)) return p;
        }
        throw new IllegalArgumentException("expected precision fp32 or int8 but was '" + name + "'");
    }
}
