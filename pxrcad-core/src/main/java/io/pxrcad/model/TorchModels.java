package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.Model;
import io.pxrcad.artifact.EncodedNetwork;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DJL side of a {@link ModelArtifact}: encodes trained networks into the artifact and builds
 * runnable models from it. The artifact itself knows no engine.
 */
public final class TorchModels {
    private TorchModels() {}

    /** Saves {@code networks} (name -> network) with {@code info} into {@code dir} ({@link ModelArtifact#save}). */
    public static ModelArtifact save(Path dir, ArtifactInfo info, Map<String, ? extends Network> networks) throws IOException {
        Map<String, EncodedNetwork> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Network> e : networks.entrySet()) {
            Network net = e.getValue();
            encoded.put(e.getKey(), new EncodedNetwork(net.config(), WeightExport.encode(net), Networks.parameterCount(net)));
        }
        return ModelArtifact.save(dir, info, encoded, TorchEngine.versions());
    }

    /**
     * A model of network {@code name} with the saved weights, on {@code device}; the file is hashed
     * again as it is read. Must be closed.
     */
    public static Model load(ModelArtifact artifact, String name, Device device) {
        EncodedNetwork n = artifact.network(name);
        Model model = Networks.newModel(n.config(), device);
        try {
            WeightImport.loadAll(model.getBlock(), n.safetensors(), artifact.weightFile(name).toString());
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
