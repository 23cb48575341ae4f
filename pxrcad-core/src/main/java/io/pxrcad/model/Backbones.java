package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

/** Builds the feature extractor an {@link Architecture} names. */
final class Backbones {
    private Backbones() {}

    /** A fresh, uninitialised feature extractor of this architecture. */
    static Backbone of(Architecture a) {
        return switch (a) {
            case DENSENET121 -> DenseNet.densenet121().features(a);
            case TINY_DENSENET -> DenseNet.tiny().features(a);
            case RESNET18 -> ResNet.resnet18().features(a);
            case TINY_RESNET -> ResNet.tiny().features(a);
            case TINY_VGG -> Vgg.tiny().features(a);
            case SMALL_INPUT_RESNET -> ResNet.forSmallInputs().features(a);
        };
    }
}
