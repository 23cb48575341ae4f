package io.pxrcad.onnx;

import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.artifact.SafeTensors;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A network's tensors by torchvision name, taken one by one as the graph is written: a missing
 * tensor, a wrong shape or a tensor left over is an error, so the graph uses exactly the weights
 * the DJL network loads.
 */
final class Weights {
    private final Map<String, SafeTensors.Entry> tensors;
    private final String source;
    private final Set<String> unused;

    Weights(Map<String, SafeTensors.Entry> tensors, String source) {
        this.tensors = tensors;
        this.source = source;
        this.unused = new LinkedHashSet<>(tensors.keySet());
    }

    /** The values of tensor {@code name}, which must have {@code shape} (a -1 dimension matches any). */
    float[] take(String name, long... shape) {
        SafeTensors.Entry e = tensors.get(name);
        if (e == null) {
            throw new ModelArtifactException("weight file " + source + " has no tensor " + name + " (expected shape "
                    + Arrays.toString(shape) + ")");
        }
        long[] actual = e.shape();
        boolean fits = actual.length == shape.length;
        for (int i = 0; fits && i < shape.length; i++) fits = shape[i] < 0 || shape[i] == actual[i];
        if (!fits) {
            throw new ModelArtifactException("tensor " + name + " in " + source + " has shape " + Arrays.toString(actual)
                    + " but expected " + Arrays.toString(shape));
        }
        unused.remove(name);
        return e.values();
    }

    /** Dimension {@code d} of tensor {@code name} (to learn a layer's width from its weights). */
    long dim(String name, int d) {
        SafeTensors.Entry e = tensors.get(name);
        if (e == null || e.shape().length <= d) {
            throw new ModelArtifactException("weight file " + source + " has no tensor " + name + " with dimension " + d);
        }
        return e.shape()[d];
    }

    /** Fails when a tensor of the file was not used (the file is not of this network). */
    void requireAllUsed() {
        if (!unused.isEmpty()) {
            throw new ModelArtifactException("weight file " + source + " has " + unused.size()
                    + " tensors the network does not use, e.g. " + unused.iterator().next());
        }
    }
}
