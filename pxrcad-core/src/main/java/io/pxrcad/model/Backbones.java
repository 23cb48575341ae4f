package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

/** The feature extractor an {@link Architecture} names. */
public final class Backbones {
    private Backbones() {}

    /** The hyper-parameters of this architecture's feature extractor. */
    public static BackboneSpec spec(Architecture a) {
        return switch (a) {
            case DENSENET121 -> DenseNet.densenet121();
            case TINY_DENSENET -> DenseNet.tiny();
            case RESNET18 -> ResNet.resnet18();
            case TINY_RESNET -> ResNet.tiny();
            case TINY_VGG -> Vgg.tiny();
            case SMALL_INPUT_RESNET -> ResNet.forSmallInputs();
        };
    }

    /** A fresh, uninitialised feature extractor of this architecture. */
    static Backbone of(Architecture a) {
        return spec(a).features(a);
    }
}
