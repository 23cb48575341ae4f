package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

/**
 * The hyper-parameters of a feature extractor, from which DJL builds it here and other engines'
 * exporters (io.pxrcad.onnx) write the same graph with the same parameter names.
 */
public sealed interface BackboneSpec permits DenseNet, ResNet, Vgg {
    /** The DJL feature extractor. */
    Backbone features(Architecture architecture);

    /** Channels of the output feature map. */
    int channels();

    /**
     * Total stride: an input whose side is a multiple of it gives a feature map of side
     * {@code side / stride()}, one cell per {@code stride x stride} square of input pixels.
     */
    int stride();
}
