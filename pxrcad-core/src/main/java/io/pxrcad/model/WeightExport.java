package io.pxrcad.model;

import io.pxrcad.artifact.ModelArtifact;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.pxrcad.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a block's parameters (running statistics included) as safetensors with torchvision names,
 * the format {@link WeightImport#loadAll} reads back (checkpoints, model artifacts).
 */
public final class WeightExport {
    private WeightExport() {}

    /** Writes {@code block}'s weights to {@code file} atomically; returns the file's SHA-256 (hex). */
    public static String save(Block block, Path file) throws IOException {
        byte[] bytes = encode(block);
        AtomicFiles.writeBytes(file, bytes);
        return ModelArtifact.sha256(bytes);
    }

    /**
     * The parameters of {@code block} by torchvision name, in block order (running statistics
     * included; see {@link Parameter#requiresGradient()} to tell them apart). Stable across runs:
     * use it to name optimizer state.
     */
    public static Map<String, Parameter> parameters(Block block) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(TorchNames.of(block)));
    }

    static byte[] encode(Block block) {
        try (NDManager tmp = TorchEngine.newManager(Device.cpu())) {
            NDList list = new NDList();
            for (Map.Entry<String, Parameter> p : TorchNames.of(block).entrySet()) {
                NDArray a = p.getValue().getArray().toDevice(Device.cpu(), true);
                a.attach(tmp);
                a.setName(p.getKey());
                list.add(a);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
