package io.pxrcad.onnx;

import static io.pxrcad.onnx.OnnxGraph.integer;
import static io.pxrcad.onnx.OnnxGraph.ints;
import static io.pxrcad.onnx.OnnxGraph.real;

/**
 * The torchvision layers of io.pxrcad.model as ONNX nodes, reading their parameters by the same
 * names. A batch norm right after a convolution is folded into it (weights scaled per output
 * channel, a bias added, computed in double); one after a concatenation (DenseNet's
 * pre-activation layers) stays a BatchNormalization node. Batch norm epsilon is torch's 1e-5.
 */
final class OnnxLayers {
    static final double EPSILON = 1e-5;

    private final OnnxGraph g;
    private final Weights w;
    private final boolean bnAsConv;

    OnnxLayers(OnnxGraph g, Weights w) {
        this(g, w, false);
    }

    /**
     * @param bnAsConv write a batch norm that cannot be folded as a depthwise 1x1 Conv: the same
     *                 affine map, in a form that has an integer kernel ({@link QdqRewrite})
     */
    OnnxLayers(OnnxGraph g, Weights w, boolean bnAsConv) {
        this.g = g;
        this.w = w;
        this.bnAsConv = bnAsConv;
    }

    OnnxGraph graph() { return g; }

    Weights weights() { return w; }

    /** Convolution {@code conv} (no bias) followed by batch norm {@code bn}, as one Conv node. */
    String convBn(String x, String conv, String bn, int kernel, int stride, int padding) {
        long out = w.dim(conv + ".weight", 0), in = w.dim(conv + ".weight", 1);
        float[] k = w.take(conv + ".weight", out, in, kernel, kernel);
        float[] gamma = w.take(bn + ".weight", out), beta = w.take(bn + ".bias", out);
        float[] mean = w.take(bn + ".running_mean", out), var = w.take(bn + ".running_var", out);
        float[] folded = new float[k.length];
        float[] bias = new float[(int) out];
        int per = (int) (k.length / out);
        for (int o = 0; o < out; o++) {
            double scale = gamma[o] / Math.sqrt(var[o] + EPSILON);
            for (int i = 0; i < per; i++) folded[o * per + i] = (float) (k[o * per + i] * scale);
            bias[o] = (float) (beta[o] - mean[o] * scale);
        }
        String weight = g.constant(conv + ".weight", new long[] {out, in, kernel, kernel}, folded);
        String b = g.constant(conv + ".bias", new long[] {out}, bias);
        return conv(conv, new String[] {x, weight, b}, kernel, stride, padding);
    }

    /** Convolution {@code conv} as saved: without bias, or with one when {@code withBias} (the MIL head). */
    String conv(String x, String conv, int kernel, int stride, int padding, boolean withBias) {
        long out = w.dim(conv + ".weight", 0), in = w.dim(conv + ".weight", 1);
        long[] shape = {out, in, kernel, kernel};
        String weight = g.constant(conv + ".weight", shape, w.take(conv + ".weight", shape));
        if (!withBias) return conv(conv, new String[] {x, weight}, kernel, stride, padding);
        String b = g.constant(conv + ".bias", new long[] {out}, w.take(conv + ".bias", out));
        return conv(conv, new String[] {x, weight, b}, kernel, stride, padding);
    }

    private String conv(String name, String[] inputs, int kernel, int stride, int padding) {
        return g.node("Conv", name, inputs, ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
                ints("pads", padding, padding, padding, padding), ints("dilations", 1, 1), integer("group", 1));
    }

    /**
     * Batch norm {@code bn} in evaluation mode (running statistics): a BatchNormalization node, or
     * with {@code bnAsConv} a depthwise 1x1 Conv of weight {@code gamma / sqrt(var + eps)} and bias
     * {@code beta - mean * weight} per channel. The int8 graph needs the latter: ONNX Runtime has
     * no integer batch norm, and a float one between integer convolutions costs a dequantisation,
     * a quantisation and two layout transposes of DenseNet's whole concatenation in every layer,
     * which measured slower than float32 throughout; as a QLinearConv whose uint8 output has zero
     * point 0 it also absorbs the ReLU that follows.
     */
    String bn(String x, String bn) {
        long c = w.dim(bn + ".weight", 0);
        long[] s = {c};
        if (bnAsConv) {
            float[] gamma = w.take(bn + ".weight", c), beta = w.take(bn + ".bias", c);
            float[] mean = w.take(bn + ".running_mean", c), var = w.take(bn + ".running_var", c);
            float[] scale = new float[(int) c], bias = new float[(int) c];
            for (int i = 0; i < c; i++) {
                double a = gamma[i] / Math.sqrt(var[i] + EPSILON);
                scale[i] = (float) a;
                bias[i] = (float) (beta[i] - mean[i] * a);
            }
            String[] in = {x, g.constant(bn + ".weight", new long[] {c, 1, 1, 1}, scale), g.constant(bn + ".bias", s, bias)};
            return g.node("Conv", bn, in, ints("kernel_shape", 1, 1), ints("strides", 1, 1), ints("pads", 0, 0, 0, 0),
                    ints("dilations", 1, 1), integer("group", c));
        }
        String[] in = {x, g.constant(bn + ".weight", s, w.take(bn + ".weight", c)),
                g.constant(bn + ".bias", s, w.take(bn + ".bias", c)),
                g.constant(bn + ".running_mean", s, w.take(bn + ".running_mean", c)),
                g.constant(bn + ".running_var", s, w.take(bn + ".running_var", c))};
        return g.node("BatchNormalization", bn, in, real("epsilon", (float) EPSILON));
    }

    /** Linear layer {@code name} on {@code (N,C)}: {@code x W^T + b}, {@code (N,out)}. */
    String linear(String x, String name) {
        long out = w.dim(name + ".weight", 0), in = w.dim(name + ".weight", 1);
        String weight = g.constant(name + ".weight", new long[] {out, in}, w.take(name + ".weight", out, in));
        String b = g.constant(name + ".bias", new long[] {out}, w.take(name + ".bias", out));
        return g.node("Gemm", name + ".linear", new String[] {x, weight, b}, integer("transB", 1));
    }

    String relu(String x, String name) {
        return g.node("Relu", name, new String[] {x});
    }

    String sigmoid(String x, String name) {
        return g.node("Sigmoid", name, new String[] {x});
    }

    String maxPool(String x, String name, int kernel, int stride, int padding) {
        return g.node("MaxPool", name, new String[] {x}, ints("kernel_shape", kernel, kernel),
                ints("strides", stride, stride), ints("pads", padding, padding, padding, padding));
    }

    String avgPool(String x, String name, int kernel, int stride) {
        return g.node("AveragePool", name, new String[] {x}, ints("kernel_shape", kernel, kernel),
                ints("strides", stride, stride));
    }

    String add(String a, String b, String name) {
        return g.node("Add", name, new String[] {a, b});
    }

    String concat(String name, int axis, String... xs) {
        return g.node("Concat", name, xs, integer("axis", axis));
    }
}
