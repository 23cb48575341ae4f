package io.pxrcad.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a float32 graph of {@link OnnxExport} into a QDQ graph (QuantizeLinear/DequantizeLinear
 * around float operators), the form ONNX Runtime's CPU provider fuses into integer kernels
 * (QLinearConv, QLinearAdd, QLinearConcat, QLinearAveragePool, uint8 MaxPool). Its rules, from
 * ONNX Runtime's QDQ selectors ({@code qdq_selectors.cc}): an operator becomes integer only when
 * <em>every</em> input comes through a DequantizeLinear (a Conv's bias too, as int32) and its
 * output goes through a QuantizeLinear of the same type as its input; a Relu between a Conv (or
 * Add) and that QuantizeLinear is dropped when the zero point is the type's lowest value; MaxPool
 * keeps its quantized input only when input and output share scale and zero point.
 *
 * <p>Hence the choices:
 * <ul>
 *   <li>Only the backbone, the nodes up to the feature map, is quantized; the heads (sigmoid map,
 *       LSE, grid pooling, linear layers) stay float32: they are a small share of the time and
 *       they are where a probability is read off, so rounding there costs accuracy for nothing.</li>
 *   <li>Activations: uint8, asymmetric, one scale per tensor from the calibrated range (widened
 *       to include 0, so that 0 is exact and a ReLU output gets zero point 0 and its Relu is
 *       dropped). uint8 activations with int8 weights (u8s8) are what ONNX Runtime's quantization
 *       tool writes by default for x86 and what the VNNI instruction {@code vpdpbusd} multiplies
 *       natively; int8 activations (s8s8) were not tried.</li>
 *   <li>Weights: int8, symmetric (zero point 0), one scale per output channel (DequantizeLinear
 *       axis 0), range [-127, 127]: per-channel scales matter because batch norm folding gives
 *       the channels of one convolution very different magnitudes. On AVX2 machines without
 *       VNNI, ONNX Runtime documents that u8s8 products summed in 16-bit pairs can saturate
 *       (its remedy is 7-bit weights); the host measured here has VNNI.</li>
 *   <li>Biases: int32 with scale {@code input scale x weight scale} per channel, as QLinearConv
 *       requires.</li>
 *   <li>A MaxPool's output takes its input's parameters (the maximum never leaves the range), so
 *       it runs on uint8 without requantising.</li>
 *   <li>DenseNet's pre-activation batch norms (after a concatenation) have no integer kernel;
 *       {@link Int8Export} has them written as depthwise 1x1 Convs ({@link OnnxLayers#bn}), which
 *       are quantized here like any Conv. A BatchNormalization left in the graph would stay float
 *       between a DequantizeLinear and a QuantizeLinear.</li>
 * </ul>
 * Each consumer gets its own DequantizeLinear, as the fusion expects one consumer per
 * DequantizeLinear.
 */
final class QdqRewrite {
    /** Operators whose output is quantized when all their inputs are (integer kernels exist for them). */
    private static final Set<String> PASS_THROUGH = Set.of("MaxPool", "AveragePool", "Concat", "Add");

    private QdqRewrite() {}

    /** A calibrated range of one tensor. */
    record Range(float min, float max) {
        Range union(Range o) {
            return o == null ? this : new Range(Math.min(min, o.min), Math.max(max, o.max));
        }
    }

    /** uint8 parameters of a range: {@code x = scale * (q - zeroPoint)}. */
    record UInt8(float scale, int zeroPoint) {
        static UInt8 of(Range r) {
            double lo = Math.min(0, r.min()), hi = Math.max(0, r.max());
            double scale = hi - lo > 0 ? (hi - lo) / 255 : 1;
            int zp = (int) Math.max(0, Math.min(255, Math.round(-lo / scale)));
            return new UInt8((float) scale, zp);
        }
    }

    /**
     * The activation tensors to quantize, in graph order: every input of a backbone Conv and its
     * output (after the Relu that follows it, if one does), and the output of a MaxPool,
     * AveragePool, Concat or Add (after its Relu) whose inputs are all quantized.
     *
     * @param features the backbone's output: nodes after its producer are heads
     */
    static List<String> activations(OnnxMl.GraphProto g, String features) {
        int end = backboneEnd(g, features);
        Map<String, List<OnnxMl.NodeProto>> consumers = consumers(g);
        Set<String> s = new LinkedHashSet<>();
        for (int i = 0; i <= end; i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Conv")) {
                s.add(n.getInput(0));
                s.add(afterRelu(n.getOutput(0), consumers, features));
            }
        }
        for (int i = 0; i <= end; i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            if (PASS_THROUGH.contains(n.getOpType()) && s.containsAll(n.getInputList())) {
                s.add(afterRelu(n.getOutput(0), consumers, features));
            }
        }
        List<String> ordered = new ArrayList<>();
        for (OnnxMl.ValueInfoProto in : g.getInputList()) if (s.contains(in.getName())) ordered.add(in.getName());
        for (int i = 0; i <= end; i++) {
            for (String o : g.getNode(i).getOutputList()) if (s.contains(o)) ordered.add(o);
        }
        return ordered;
    }

    /**
     * The activations whose range is measured: all but the outputs of MaxPool and Concat, whose
     * ranges follow from their inputs' ({@link #share}); measuring those would mean reducing
     * DenseNet's whole concatenation again in every layer.
     */
    static List<String> measured(OnnxMl.GraphProto g, String features) {
        Set<String> derived = new HashSet<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("MaxPool") || n.getOpType().equals("Concat")) derived.add(n.getOutput(0));
        }
        return activations(g, features).stream().filter(t -> !derived.contains(t)).toList();
    }

    /**
     * Ranges of all activations from the measured ones: a MaxPool's output shares its input's
     * range (so that it runs on uint8 without requantising), a Concat's output spans its inputs'.
     * Not one range for a whole dense block, although QLinearConcat would then copy instead of
     * requantising the growing concatenation: the layers' new features differ in magnitude
     * several times over, and a block-wide step erased the small ones (features 3 to 12 times
     * further from float32 on the test's DenseNets than with a range per concatenation).
     */
    static Map<String, Range> share(OnnxMl.GraphProto g, List<String> acts, Map<String, Range> measured) {
        Map<String, OnnxMl.NodeProto> producers = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) producers.put(o, n);
        }
        Map<String, Range> out = new HashMap<>();
        for (String a : acts) {
            Range r = measured.get(a);
            OnnxMl.NodeProto p = producers.get(a);
            if (r == null && p != null && p.getOpType().equals("MaxPool")) r = out.get(p.getInput(0));
            if (r == null && p != null && p.getOpType().equals("Concat")) {
                for (String in : p.getInputList()) r = out.get(in).union(r);
            }
            if (r == null) throw new IllegalArgumentException("no calibrated range for tensor " + a);
            out.put(a, r);
        }
        return out;
    }

    /**
     * {@code m} with the minimum and maximum of each of {@code tensors} as extra scalar outputs
     * ({@code <tensor>.min}, {@code <tensor>.max}) after its own, so that one float pass gives the
     * ranges without copying the tensors out. The reductions follow their tensor's producer in
     * the node list: ONNX Runtime runs nodes in that order, and reductions at the end kept every
     * activation of DenseNet-121 at 961 px alive at once (5 GB).
     */
    static OnnxMl.ModelProto calibration(OnnxMl.ModelProto m, List<String> tensors) {
        OnnxMl.GraphProto src = m.getGraph();
        OnnxMl.GraphProto.Builder g = src.toBuilder().clearNode();
        Set<String> wanted = new HashSet<>(tensors);
        List<String> inputs = src.getInputList().stream().map(OnnxMl.ValueInfoProto::getName).filter(wanted::contains).toList();
        for (String t : inputs) reduce(g, t);
        for (OnnxMl.NodeProto n : src.getNodeList()) {
            g.addNode(n);
            for (String o : n.getOutputList()) if (wanted.contains(o)) reduce(g, o);
        }
        for (String t : tensors) {
            for (String suffix : new String[] {".min", ".max"}) {
                g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(t + suffix).setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                                .setShape(OnnxMl.TensorShapeProto.getDefaultInstance()))));
            }
        }
        return m.toBuilder().setGraph(g).build();
    }

    private static void reduce(OnnxMl.GraphProto.Builder g, String t) {
        for (String op : new String[] {"ReduceMin", "ReduceMax"}) {
            String out = t + (op.equals("ReduceMin") ? ".min" : ".max");
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out).addInput(t).addOutput(out)
                    .addAttribute(OnnxGraph.integer("keepdims", 0)));
        }
    }

    /** The QDQ form of float model {@code m}, given the ranges of the {@link #measured} activations. */
    static OnnxMl.ModelProto quantize(OnnxMl.ModelProto m, String features, Map<String, Range> ranges) {
        OnnxMl.GraphProto g = m.getGraph();
        List<String> acts = activations(g, features);
        int end = backboneEnd(g, features);
        Map<String, UInt8> params = new HashMap<>();
        share(g, acts, ranges).forEach((a, r) -> params.put(a, UInt8.of(r)));
        Map<String, OnnxMl.TensorProto> inits = new HashMap<>();
        for (OnnxMl.TensorProto t : g.getInitializerList()) inits.put(t.getName(), t);

        Writer w = new Writer(g);
        for (String in : acts) {
            if (isGraphInput(g, in)) w.quantize(in, params.get(in));
        }
        Set<String> replaced = new HashSet<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            OnnxMl.NodeProto.Builder b = n.toBuilder().clearInput();
            boolean conv = i <= end && n.getOpType().equals("Conv");
            for (int k = 0; k < n.getInputCount(); k++) {
                String in = n.getInput(k);
                if (conv && k == 1) {
                    b.addInput(w.weight(inits.get(in)));
                    replaced.add(in);
                } else if (conv && k == 2) {
                    b.addInput(w.bias(inits.get(in), params.get(n.getInput(0)).scale(), inits.get(n.getInput(1))));
                    replaced.add(in);
                } else if (params.containsKey(in)) {
                    b.addInput(w.dequantize(in));
                } else {
                    b.addInput(in);
                }
            }
            w.nodes.add(b.build());
            for (String out : n.getOutputList()) {
                if (params.containsKey(out)) w.quantize(out, params.get(out));
            }
        }
        OnnxMl.GraphProto.Builder out = g.toBuilder().clearNode().addAllNode(w.nodes).clearInitializer();
        for (OnnxMl.TensorProto t : g.getInitializerList()) if (!replaced.contains(t.getName())) out.addInitializer(t);
        out.addAllInitializer(w.initializers);
        return m.toBuilder().setGraph(out).build();
    }

    /** Index of the node that makes {@code features}. */
    private static int backboneEnd(OnnxMl.GraphProto g, String features) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutputList().contains(features)) return i;
        }
        throw new IllegalArgumentException("no node makes tensor " + features);
    }

    private static Map<String, List<OnnxMl.NodeProto>> consumers(OnnxMl.GraphProto g) {
        Map<String, List<OnnxMl.NodeProto>> c = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) c.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
        return c;
    }

    /** The output of the Relu that alone reads {@code t}, else {@code t} (not past the backbone's end). */
    private static String afterRelu(String t, Map<String, List<OnnxMl.NodeProto>> consumers, String features) {
        List<OnnxMl.NodeProto> c = consumers.getOrDefault(t, List.of());
        if (!t.equals(features) && c.size() == 1 && c.get(0).getOpType().equals("Relu")) return c.get(0).getOutput(0);
        return t;
    }

    private static boolean isGraphInput(OnnxMl.GraphProto g, String name) {
        return g.getInputList().stream().anyMatch(v -> v.getName().equals(name));
    }

    static float[] floats(OnnxMl.TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** The rewritten graph's new nodes and initializers. */
    private static final class Writer {
        final List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        /** Activation -> its QuantizeLinear's output, scale and zero point. */
        private final Map<String, String[]> quantized = new HashMap<>();

        Writer(OnnxMl.GraphProto g) {
            for (OnnxMl.TensorProto t : g.getInitializerList()) names.add(t.getName());
            for (OnnxMl.NodeProto n : g.getNodeList()) names.addAll(n.getOutputList());
            for (OnnxMl.ValueInfoProto v : g.getInputList()) names.add(v.getName());
        }

        /** QuantizeLinear of activation {@code t} into {@code t.q} (uint8), with its scale and zero point. */
        void quantize(String t, UInt8 p) {
            String scale = scalar(t + ".scale", p.scale());
            String zp = initializer(t + ".zero_point", OnnxMl.TensorProto.DataType.UINT8, new long[0],
                    new byte[] {(byte) p.zeroPoint()});
            String q = unique(t + ".q");
            nodes.add(node("QuantizeLinear", q, List.of(t, scale, zp), null));
            quantized.put(t, new String[] {q, scale, zp});
        }

        /** A DequantizeLinear of activation {@code t} for one consumer. */
        String dequantize(String t) {
            String[] q = quantized.get(t);
            if (q == null) throw new IllegalStateException("tensor " + t + " is read before it is quantized");
            String dq = unique(t + ".dq");
            nodes.add(node("DequantizeLinear", dq, List.of(q), null));
            return dq;
        }

        /** Conv weight {@code (O,I,k,k)} as int8 with one symmetric scale per output channel. */
        String weight(OnnxMl.TensorProto t) {
            float[] v = floats(t);
            int out = (int) t.getDims(0), per = v.length / out;
            float[] scales = weightScales(v, out);
            byte[] q = new byte[v.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < per; i++) {
                    q[o * per + i] = (byte) Math.max(-127, Math.min(127, Math.round(v[o * per + i] / scales[o])));
                }
            }
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            String data = initializer(t.getName() + ".int8", OnnxMl.TensorProto.DataType.INT8, dims, q);
            String scale = floatsInit(t.getName() + ".scale", scales);
            String zp = initializer(t.getName() + ".zero_point", OnnxMl.TensorProto.DataType.INT8, new long[] {out}, new byte[out]);
            String dq = unique(t.getName() + ".dq");
            nodes.add(node("DequantizeLinear", dq, List.of(data, scale, zp), OnnxGraph.integer("axis", 0)));
            return dq;
        }

        /** Conv bias as int32 at scale {@code inputScale x weight scale} of each channel. */
        String bias(OnnxMl.TensorProto t, float inputScale, OnnxMl.TensorProto weight) {
            float[] v = floats(t), w = floats(weight);
            float[] ws = weightScales(w, v.length);
            float[] scales = new float[v.length];
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o < v.length; o++) {
                scales[o] = inputScale * ws[o];
                b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round((double) v[o] / scales[o]))));
            }
            String data = initializer(t.getName() + ".int32", OnnxMl.TensorProto.DataType.INT32, new long[] {v.length}, b.array());
            String scale = floatsInit(t.getName() + ".scale", scales);
            String zp = initializer(t.getName() + ".zero_point", OnnxMl.TensorProto.DataType.INT32, new long[] {v.length},
                    new byte[v.length * 4]);
            String dq = unique(t.getName() + ".dq");
            nodes.add(node("DequantizeLinear", dq, List.of(data, scale, zp), OnnxGraph.integer("axis", 0)));
            return dq;
        }

        private static float[] weightScales(float[] v, int out) {
            int per = v.length / out;
            float[] s = new float[out];
            for (int o = 0; o < out; o++) {
                float max = 0;
                for (int i = 0; i < per; i++) max = Math.max(max, Math.abs(v[o * per + i]));
                s[o] = max > 0 ? max / 127 : 1;
            }
            return s;
        }

        private String scalar(String name, float value) {
            return initializer(name, OnnxMl.TensorProto.DataType.FLOAT, new long[0],
                    ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        }

        private String floatsInit(String name, float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return initializer(name, OnnxMl.TensorProto.DataType.FLOAT, new long[] {values.length}, b.array());
        }

        private String initializer(String name, OnnxMl.TensorProto.DataType type, long[] dims, byte[] raw) {
            String n = unique(name);
            OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(n).setDataType(type.getNumber())
                    .setRawData(ByteString.copyFrom(raw));
            for (long d : dims) t.addDims(d);
            initializers.add(t.build());
            return n;
        }

        private static OnnxMl.NodeProto node(String op, String out, List<String> inputs, OnnxMl.AttributeProto attribute) {
            OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out)
                    .addAllInput(inputs);
            if (attribute != null) b.addAttribute(attribute);
            return b.build();
        }

        private String unique(String name) {
            String n = name;
            for (int i = 1; !names.add(n); i++) n = name + "_" + i;
            return n;
        }
    }
}
