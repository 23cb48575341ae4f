package io.pxrcad.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the weight files of an artifact (safetensors: an 8-byte little-endian header length, a
 * JSON header of name -> dtype, shape, byte range, then the raw little-endian data) into float32
 * arrays without an engine, for readers other than DJL (the ONNX exporter).
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One tensor (read once and handed on, so compared by identity).
     *
     * @param shape  its dimensions
     * @param values row-major float32 values
     */
    public record Entry(long[] shape, float[] values) {
        public Entry {
            shape = shape.clone();
        }

        @Override
        public long[] shape() { return shape.clone(); }

        @Override
        public String toString() { return "Entry" + Arrays.toString(shape); }
    }

    private SafeTensors() {}

    /**
     * The tensors of {@code bytes} by name, in file order; F32, F64 and BF16 are read as
     * float32.
     *
     * @param source names the file in messages
     * @throws ModelArtifactException on a truncated or malformed file
     */
    public static Map<String, Entry> read(byte[] bytes, String source) {
        if (bytes.length < 8) throw malformed(source, "shorter than its 8-byte header length");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = b.getLong(0);
        if (headerLength < 2 || headerLength > bytes.length - 8) throw malformed(source, "header length " + headerLength);
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw malformed(source, "header is not JSON");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) continue;
            out.put(f.getKey(), entry(b, dataStart, f.getKey(), f.getValue(), source));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry entry(ByteBuffer b, int dataStart, String name, JsonNode t, String source) {
        JsonNode shapeNode = t.path("shape"), offsets = t.path("data_offsets");
        String dtype = t.path("dtype").asText("");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw malformed(source, "tensor " + name + " has no shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) throw malformed(source, "tensor " + name + " has a negative dimension");
            count *= shape[i];
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F64" -> 8;
            case "BF16" -> 2;
            default -> throw malformed(source, "tensor " + name + " has type " + dtype + " but expected F32|F64|BF16");
        };
        long from = dataStart + offsets.get(0).asLong(-1), to = dataStart + offsets.get(1).asLong(-1);
        if (from < dataStart || to > b.capacity() || to - from != count * width) {
            throw malformed(source, "tensor " + name + " has byte range " + offsets + " that does not fit its shape or the file");
        }
        float[] v = new float[Math.toIntExact(count)];
        int p = (int) from;
        for (int i = 0; i < v.length; i++, p += width) {
            v[i] = switch (dtype) {
                case "F32" -> b.getFloat(p);
                case "F64" -> (float) b.getDouble(p);
                default -> Float.intBitsToFloat((b.getShort(p) & 0xffff) << 16);
            };
        }
        return new Entry(shape, v);
    }

    private static ModelArtifactException malformed(String source, String what) {
        return new ModelArtifactException("cannot read " + source + " as safetensors: " + what);
    }
}
