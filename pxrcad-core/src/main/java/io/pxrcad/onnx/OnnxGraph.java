package io.pxrcad.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * An ONNX graph under construction: float32 initializers, nodes of the default domain and the
 * graph's inputs and outputs. Value names are the caller's (torchvision module paths), made
 * unique here.
 */
final class OnnxGraph {
    /** The symbolic batch dimension of every input and output. */
    static final String BATCH = "N";

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A float32 input {@code (N, dims...)}. */
    String input(String name, long... dims) {
        graph.addInput(valueInfo(unique(name), dims));
        return name;
    }

    /** Declares {@code value} a graph output of shape {@code (N, dims...)}; a -1 dimension is left unnamed. */
    void output(String value, long... dims) {
        graph.addOutput(valueInfo(value, dims));
    }

    /** A float32 constant. */
    String constant(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        String n = unique(name);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(n)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) t.addDims(d);
        graph.addInitializer(t);
        return n;
    }

    /** An int64 constant of shape {@code (values.length)} (Slice's starts, ends and axes). */
    String int64s(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        String n = unique(name);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(n).addDims(values.length)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(b.array())));
        return n;
    }

    /** A scalar float32 constant. */
    String scalar(String name, float value) {
        return constant(name, new long[0], new float[] {value});
    }

    /** A node whose output is exactly {@code name} (a graph output). */
    String named(String op, String name, String[] inputs, OnnxMl.AttributeProto... attributes) {
        if (names.contains(name)) throw new IllegalStateException("value " + name + " exists already");
        return node(op, name, inputs, attributes);
    }

    /** A node with one output named after {@code name}; returns that output. */
    String node(String op, String name, String[] inputs, OnnxMl.AttributeProto... attributes) {
        String out = unique(name);
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
        for (String in : inputs) n.addInput(in);
        for (OnnxMl.AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return out;
    }

    OnnxMl.GraphProto build() {
        return graph.build();
    }

    static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static OnnxMl.AttributeProto integer(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static OnnxMl.AttributeProto real(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    private String unique(String name) {
        String n = name;
        for (int i = 1; !names.add(n); i++) n = name + "_" + i;
        return n;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d >= 0) dim.setDimValue(d);
            shape.addDim(dim);
        }
        OnnxMl.TypeProto.Tensor.Builder tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape);
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
