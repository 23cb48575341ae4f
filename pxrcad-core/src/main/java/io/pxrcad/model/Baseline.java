package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The image-level baselines of METHOD.md's Table 1 (each a {@link PooledClassifier}). */
public enum Baseline {
    RESNET18_GAP("resnet18-gap", NetworkConfig.Role.BASELINE_GAP, Architecture.RESNET18),
    RESNET18_LSE("resnet18-lse", NetworkConfig.Role.BASELINE_LSE, Architecture.RESNET18),
    /** Rajpurkar et al. 2017: DenseNet-121 + GAP + linear. */
    CHEXNET("chexnet", NetworkConfig.Role.BASELINE_GAP, Architecture.DENSENET121),
    /** Wang et al. 2017 (ChestX-ray8): DenseNet-121 + LSE of the last feature map + linear. */
    WANG("wang", NetworkConfig.Role.BASELINE_LSE, Architecture.DENSENET121);

    private final String id;
    private final NetworkConfig.Role role;
    private final Architecture backbone;

    Baseline(String id, NetworkConfig.Role role, Architecture backbone) {
        this.id = id;
        this.role = role;
        this.backbone = backbone;
    }

    @JsonValue
    public String id() { return id; }

    @JsonCreator
    public static Baseline fromId(String id) {
        for (Baseline b : values()) {
            if (b.id.equalsIgnoreCase(id) || b.name().equalsIgnoreCase(id)) return b;
        }
        throw new IllegalArgumentException("expected baseline resnet18-gap|resnet18-lse|chexnet|wang but was '" + id + "'");
    }

    /** The configuration with the paper's backbone and r = 10. */
    public NetworkConfig config() {
        return new NetworkConfig(role, backbone, LsePooling.DEFAULT_R, false);
    }

    @Override
    public String toString() { return id; }
}
