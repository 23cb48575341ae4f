package io.pxrcad.model;

import io.pxrcad.artifact.ModelArtifactException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads weights from safetensors files with torchvision parameter names (timm's {@code *.tv_in1k}
 * weights use the same names; {@code module.} prefixes and legacy DenseNet names are accepted).
 * Strict: a tensor missing from the file, an extra tensor or a wrong shape is a
 * {@link ModelArtifactException} naming the tensor and both shapes. Call before
 * {@code model.newTrainer(...)}.
 */
public final class WeightImport {
    private WeightImport() {}

    /**
     * Loads the backbone of {@code network} from an ImageNet checkpoint of the whole torchvision
     * classifier (or of the backbone alone), ignoring the classifier ({@code classifier.*}, {@code fc.*}).
     * The heads keep their initialisation.
     */
    public static ImportReport loadBackbone(Network network, Path file) {
        return load(network.backbone(), read(file), file.getFileName().toString(), true);
    }

    /** Loads every parameter of {@code block} (no tensor of the file may be left over). */
    public static ImportReport loadAll(Block block, Path file) {
        return load(block, read(file), file.getFileName().toString(), false);
    }

    /** As {@link #loadAll(Block, Path)} from safetensors bytes already in memory. */
    static ImportReport loadAll(Block block, byte[] safetensors, String source) {
        return load(block, safetensors, source, false);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelArtifactException("cannot read weight file " + file + ": " + e, e);
        }
    }

    private static ImportReport load(Block block, byte[] bytes, String source, boolean ignoreImageNetHead) {
        Map<String, Parameter> expected = TorchNames.of(block);
        Device device = expected.values().iterator().next().getArray().getDevice();
        try (NDManager tmp = TorchEngine.newManager(device)) {
            NDList tensors = decode(tmp, bytes, source);
            Map<String, NDArray> found = new LinkedHashMap<>();
            List<String> ignored = new ArrayList<>();
            for (NDArray a : tensors) {
                String name = TorchNames.normalise(a.getName());
                if (TorchNames.isIgnoredBuffer(name)
                        || ignoreImageNetHead && (name.startsWith("classifier.") || name.startsWith("fc."))) {
                    ignored.add(a.getName());
                } else {
                    found.put(name, a);
                }
            }
            check(expected, found, source);
            return TorchEngine.withoutGradients(() -> {
                for (Map.Entry<String, NDArray> e : found.entrySet()) {
                    NDArray dst = expected.get(e.getKey()).getArray();
                    NDArray src = e.getValue().toType(dst.getDataType(), false).toDevice(dst.getDevice(), false);
                    // NDArray.set(Buffer) runs under libtorch's deprecated AutoNonVariableTypeMode guard, which
                    // prints a 600-character warning; subtract-then-add copies the same (finite) values in place
                    dst.subi(dst).addi(src);
                }
                return new ImportReport(source, new ArrayList<>(found.keySet()), ignored);
            });
        }
    }

    private static NDList decode(NDManager manager, byte[] bytes, String source) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            NDList list = NDList.decode(manager, in);
            for (NDArray a : list) {
                if (a.getName() == null) {
                    throw new ModelArtifactException("weight file " + source + " has an unnamed tensor of shape "
                            + a.getShape() + ": expected safetensors with torchvision names");
                }
            }
            return list;
        } catch (ModelArtifactException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelArtifactException("cannot decode " + source + " as safetensors (truncated or not a"
                    + " safetensors file?): " + e.getMessage(), e);
        }
    }

    private static void check(Map<String, Parameter> expected, Map<String, NDArray> found, String source) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            NDArray a = found.get(e.getKey());
            Shape want = e.getValue().getArray().getShape();
            if (a == null) {
                problems.add("missing tensor " + e.getKey() + " (expected shape " + want + ")");
            } else if (!a.getShape().equals(want)) {
                problems.add("tensor " + e.getKey() + " has shape " + a.getShape() + " but expected " + want);
            } else if (!a.getDataType().isFloating()) {
                problems.add("tensor " + e.getKey() + " has type " + a.getDataType() + " but expected a float type");
            }
        }
        for (Map.Entry<String, NDArray> e : found.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                problems.add("extra tensor " + e.getKey() + " of shape " + e.getValue().getShape()
                        + " (no such parameter in the network; expected shape: none)");
            }
        }
        if (!problems.isEmpty()) {
            int n = problems.size();
            throw new ModelArtifactException("weight file " + source + " does not match the network: "
                    + String.join("; ", n > 10 ? problems.subList(0, 10) : problems)
                    + (n > 10 ? "; ... (" + n + " problems in all)" : "")
                    + " (" + expected.size() + " tensors expected, " + found.size() + " found)");
        }
    }
}
