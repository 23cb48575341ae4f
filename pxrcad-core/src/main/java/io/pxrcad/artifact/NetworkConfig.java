package io.pxrcad.artifact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * What {@code io.pxrcad.model.Networks.build} needs to rebuild a network (stored per network in {@code model.json}).
 *
 * @param role       which network of the method
 * @param backbone   the feature extractor
 * @param lseR       LSE sharpness (stage 1 and the LSE baselines; METHOD.md default 10)
 * @param typeOutput stage 2 only: whether the ROI classifier has the hip/pelvic type output
 */
public record NetworkConfig(Role role, Architecture backbone, float lseR, boolean typeOutput) {
    /** METHOD.md's LSE sharpness r. */
    public static final float DEFAULT_LSE_R = 10f;

    public NetworkConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(backbone, "backbone");
        if (!(lseR > 0) || Float.isInfinite(lseR)) {
            throw new IllegalArgumentException("lseR must be finite and > 0 but was " + lseR);
        }
        if (typeOutput && role != Role.STAGE2_ROI) {
            throw new IllegalArgumentException("typeOutput is for role " + Role.STAGE2_ROI + " only but role was " + role);
        }
    }

    /** Stage 1 MIL FCN with METHOD.md's r = 10. */
    public static NetworkConfig stage1(Architecture backbone) {
        return new NetworkConfig(Role.STAGE1_MIL, backbone, DEFAULT_LSE_R, false);
    }

    /** Stage 2 ROI classifier. */
    public static NetworkConfig stage2(Architecture backbone, boolean typeOutput) {
        return new NetworkConfig(Role.STAGE2_ROI, backbone, DEFAULT_LSE_R, typeOutput);
    }

    public NetworkConfig withLseR(float r) { return new NetworkConfig(role, backbone, r, typeOutput); }

    public NetworkConfig withBackbone(Architecture b) { return new NetworkConfig(role, b, lseR, typeOutput); }

    /** The network's job; decides the head and the outputs (see {@code io.pxrcad.model.Networks.build}). */
    public enum Role {
        /** the MIL FCN: {@code [lse (N,1), map (N,1,h,w), features (N,C)]}. */
        STAGE1_MIL("stage1-mil"),
        /** the ROI classifier: {@code [fracture (N,1)(, type (N,1))]}. */
        STAGE2_ROI("stage2-roi"),
        /** a pooled classifier with global average pooling: {@code [prob (N,1)]}. */
        BASELINE_GAP("baseline-gap"),
        /** a pooled classifier with LSE pooling of the feature map: {@code [prob (N,1)]}. */
        BASELINE_LSE("baseline-lse");

        private final String id;

        Role(String id) { this.id = id; }

        @JsonValue
        public String id() { return id; }

        @JsonCreator
        public static Role fromId(String id) {
            for (Role r : values()) {
                if (r.id.equalsIgnoreCase(id) || r.name().equalsIgnoreCase(id)) return r;
            }
            throw new IllegalArgumentException("expected role stage1-mil|stage2-roi|baseline-gap|baseline-lse but was '" + id + "'");
        }

        @Override
        public String toString() { return id; }
    }
}
