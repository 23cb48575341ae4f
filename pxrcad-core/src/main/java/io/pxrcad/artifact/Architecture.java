package io.pxrcad.artifact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The backbones pxrcad builds; the id is what configurations and {@code model.json} say. */
public enum Architecture {
    DENSENET121("densenet121"),
    RESNET18("resnet18"),
    TINY_DENSENET("tiny-densenet"),
    TINY_RESNET("tiny-resnet"),
    /** The reduced presets' network for small inputs ({@code Vgg.tiny()}). */
    TINY_VGG("tiny-vgg"),
    /** The reduced presets' ResNet for small inputs ({@code ResNet.forSmallInputs()}). */
    SMALL_INPUT_RESNET("small-input-resnet");

    private final String id;

    Architecture(String id) { this.id = id; }

    @JsonValue
    public String id() { return id; }

    @JsonCreator
    public static Architecture fromId(String id) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(id) || a.name().equalsIgnoreCase(id)) return a;
        }
        throw new IllegalArgumentException("expected backbone " + Arrays.stream(values()).map(Architecture::id)
                .collect(Collectors.joining("|")) + " but was '" + id + "'");
    }


    @Override
    public String toString() { return id; }
}
