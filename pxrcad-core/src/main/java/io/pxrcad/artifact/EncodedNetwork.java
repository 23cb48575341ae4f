package io.pxrcad.artifact;

import java.util.Objects;

/**
 * One network as the artifact stores it: what rebuilds it and its weights, encoded as safetensors
 * with torchvision parameter names (the engine writes and reads the encoding).
 *
 * @param config      rebuilds the network
 * @param safetensors the weight file's bytes
 * @param parameters  trainable parameter count (for the model card)
 */
public record EncodedNetwork(NetworkConfig config, byte[] safetensors, long parameters) {
    public EncodedNetwork {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(safetensors, "safetensors");
    }
}
