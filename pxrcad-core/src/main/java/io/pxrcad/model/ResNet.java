package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

import ai.djl.nn.Block;

/**
 * Basic-block ResNet in torchvision's exact structure (He et al. 2016; {@code torchvision.models.resnet}).
 * Parameter names equal torchvision's ({@code layer1.0.conv1.weight}, {@code layer2.0.downsample.0.weight}).
 *
 * @param layers blocks per stage (2, 2, 2, 2 for ResNet-18)
 * @param widths channels per stage (64, 128, 256, 512); the stem has {@code widths[0]} channels
 * @param smallInput the stem of He et al.'s CIFAR networks instead of ImageNet's: one 3x3
 *                   convolution at full resolution and no max pooling (stride 8 instead of 32), for
 *                   inputs of a few dozen pixels such as the stage-2 ROIs of the reduced presets
 */
public record ResNet(int[] layers, int[] widths, boolean smallInput) implements BackboneSpec {
    public ResNet {
        if (layers == null || widths == null || layers.length != 4 || widths.length != 4) {
            throw new IllegalArgumentException("layers and widths must have 4 entries (layer1..layer4)");
        }
        for (int i = 0; i < 4; i++) {
            if (layers[i] <= 0 || widths[i] <= 0) {
                throw new IllegalArgumentException("layers and widths must be > 0 but stage " + (i + 1)
                        + " has " + layers[i] + " blocks of width " + widths[i]);
            }
        }
        layers = layers.clone();
        widths = widths.clone();
    }

    /** A ResNet with the ImageNet stem (torchvision's). */
    public ResNet(int[] layers, int[] widths) {
        this(layers, widths, false);
    }

    /** ResNet-18: 11,689,512 parameters with the 1000-class head, 512 feature channels. */
    public static ResNet resnet18() {
        return new ResNet(new int[] {2, 2, 2, 2}, new int[] {64, 128, 256, 512});
    }

    /** A reduced ResNet for tests (same code; stride 32, 32 feature channels). */
    public static ResNet tiny() {
        return new ResNet(new int[] {1, 1, 1, 1}, new int[] {8, 8, 16, 32});
    }

    /** The reduced presets' stage-2 network (small-input stem, widths 8-16-32-64, one block per stage). */
    public static ResNet forSmallInputs() {
        return new ResNet(new int[] {1, 1, 1, 1}, new int[] {8, 16, 32, 64}, true);
    }

    @Override
    public int[] layers() { return layers.clone(); }

    @Override
    public int[] widths() { return widths.clone(); }

    public int channels() { return widths[3]; }

    /** 2 in each of layer2..layer4, times 4 in the ImageNet stem: 32, or 8 with the small-input stem. */
    @Override
    public int stride() { return smallInput ? 8 : 32; }

    /** The feature extractor up to {@code layer4}: {@code (N,3,H,W) -> (N,channels(),H/32,W/32)} (H/8 with the small-input stem). */
    public Backbone features(Architecture architecture) {
        Stages s = smallInput
                ? new Stages()
                        .add("conv1", Layers.stem(widths[0], 3, 1, 1))
                        .add("bn1", Layers.bn())
                        .add("relu", Layers.relu())
                : new Stages()
                        .add("conv1", Layers.stem(widths[0], 7, 2, 3))
                        .add("bn1", Layers.bn())
                        .add("relu", Layers.relu())
                        .add("maxpool", Layers.maxPool(3, 2, 1));
        int in = widths[0];
        for (int i = 0; i < 4; i++) {
            Stages layer = new Stages();
            for (int b = 0; b < layers[i]; b++) {
                int stride = b == 0 && i > 0 ? 2 : 1;
                layer.add(Integer.toString(b), new BasicBlock(in, widths[i], stride));
                in = widths[i];
            }
            s.add("layer" + (i + 1), layer);
        }
        return new Backbone(architecture, TorchNames.TRANSPARENT, s, in, false);
    }

    /** The ImageNet-style classifier {@code (N,3,H,W) -> (N,classes)} logits (head named {@code fc}). */
    public Block classifier(int classes) {
        return new GapClassifier(features(Architecture.RESNET18), "fc", classes);
    }
}
