package io.pxrcad.infer;

import java.util.List;

/**
 * One network's evaluation-mode forward pass on some engine: the seam between the chain (plain
 * Java) and DJL/PyTorch today, ONNX Runtime next. Input {@code (N,3,H,W)} normalised images;
 * outputs in the network's order (see {@link io.pxrcad.artifact.NetworkConfig.Role}). Must be
 * thread-safe; closing releases the engine's memory.
 */
public interface NetworkRunner extends AutoCloseable {
    List<Tensor> forward(Tensor input);

    @Override
    void close();
}
