package io.pxrcad.artifact;

import java.util.Map;

/**
 * The content of {@code model.json}: the {@link ArtifactInfo} the trainer gave, plus one entry per
 * network (configuration, weight file, its SHA-256 and parameter count), versions and time.
 *
 * @param formatVersion {@link ModelArtifact#FORMAT_VERSION}
 * @param lseR          r of the stage-1 (or LSE baseline) network, for readers of the card; null if none
 * @param versions      {@code pxrcad}, {@code djl}, {@code pytorch}, {@code java}
 * @param createdAt     ISO-8601 instant
 */
public record ModelMetadata(int formatVersion, ArtifactInfo info, Float lseR, Map<String, NetworkEntry> networks,
                            Map<String, String> versions, String createdAt) {

    /**
     * @param config     rebuilds the network ({@code io.pxrcad.model.Networks.build})
     * @param file       weight file name inside the artifact folder
     * @param sha256     lower-case hex SHA-256 of the file
     * @param parameters trainable parameter count
     */
    public record NetworkEntry(NetworkConfig config, String file, String sha256, long parameters) {}
}
