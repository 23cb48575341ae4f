package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test weights rebuilt from a seed ({@code pxrcad-testweights-v1}, testdata/README.md "Weights
 * from a formula"), so that the torchvision reference outputs need no weight file. Every element
 * {@code k} of the tensor {@code name} is a function of {@code (seed, FNV-1a 64 of name, k)} only:
 * a splitmix64 finaliser gives 24 uniform bits {@code u} in [0,1), mapped by tensor kind
 * (running variance, running mean, 1-D weight, other 1-D, or a fan-in scaled uniform for 2+
 * dimensions), computed in double and rounded once to float. All arithmetic is unsigned 64-bit
 * modulo 2^64: Java's {@code long} multiplication and addition wrap the same way, and {@code >>>}
 * is the logical shift.
 */
final class FormulaWeights {
    /** The {@code weights} metadata value of the reference files this formula belongs to. */
    static final String VERSION = "pxrcad-testweights-v1";

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    FormulaWeights(long seed) {
        this.seed = seed;
    }

    /**
     * The formula with the seed of a reference file's safetensors {@code __metadata__}
     * ({@code "weights": "pxrcad-testweights-v1"}, {@code "seed": "<unsigned integer>"}).
     */
    static FormulaWeights fromMetadata(Path safetensors) {
        JsonNode meta = header(safetensors).path("__metadata__");
        String weights = meta.path("weights").asText(null);
        if (!VERSION.equals(weights)) {
            throw new IllegalStateException("expected __metadata__ weights '" + VERSION + "' but was '" + weights
                    + "' in " + safetensors);
        }
        String seed = meta.path("seed").asText(null);
        if (seed == null) throw new IllegalStateException("expected a __metadata__ seed in " + safetensors);
        return new FormulaWeights(Long.parseUnsignedLong(seed));
    }

    long seed() {
        return seed;
    }

    /** FNV-1a 64 of the UTF-8 bytes of {@code name}. */
    static long fnv1a64(String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The 64 mixed bits of element {@code k} of the tensor whose name hashes to {@code h}. */
    static long mix(long h, long seed, long k) {
        long z = (h ^ (seed * GOLDEN)) + k * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Every element of tensor {@code name} of {@code shape}, row-major. */
    float[] values(String name, Shape shape) {
        return values(name, shape, Math.toIntExact(shape.size()));
    }

    /** The first {@code count} elements (row-major) of tensor {@code name} of {@code shape}. */
    float[] values(String name, Shape shape, int count) {
        if (shape.dimension() == 0 || name.endsWith("num_batches_tracked")) {
            throw new IllegalArgumentException("no formula for " + name + " of shape " + shape);
        }
        long h = fnv1a64(name);
        double scale = shape.dimension() >= 2 ? Math.sqrt(3.0 / (shape.size() / shape.get(0))) : 0;
        float[] out = new float[count];
        for (int k = 0; k < count; k++) {
            double u = (mix(h, seed, k) >>> 40) * 0x1p-24;
            double v;
            if (name.endsWith("running_var")) v = 0.5 + 1.5 * u;
            else if (name.endsWith("running_mean")) v = 0.4 * u - 0.2;
            else if (shape.dimension() == 1) v = name.endsWith("weight") ? 0.5 + u : 0.4 * u - 0.2;
            else v = (2 * u - 1) * scale;
            out[k] = (float) v;
        }
        return out;
    }

    /**
     * A torchvision state dict for the initialised {@code block} as safetensors bytes: each of its
     * parameters (running statistics included) under its torchvision name ({@link TorchNames}),
     * with its shape, filled from the formula.
     */
    byte[] stateDict(Block block) {
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDList list = new NDList();
            for (Map.Entry<String, Parameter> e : TorchNames.of(block).entrySet()) {
                Shape shape = e.getValue().getArray().getShape();
                NDArray a = m.create(values(e.getKey(), shape), shape);
                a.setName(e.getKey());
                list.add(a);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON header of a safetensors file: an 8-byte little-endian length, then that many bytes. */
    private static JsonNode header(Path safetensors) {
        try (InputStream in = Files.newInputStream(safetensors)) {
            DataInputStream data = new DataInputStream(in);
            byte[] len = new byte[8];
            data.readFully(len);
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > Files.size(safetensors) - 8) {
                throw new IllegalStateException("expected a safetensors header length but read " + n + " in " + safetensors);
            }
            byte[] json = new byte[(int) n];
            data.readFully(json);
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
