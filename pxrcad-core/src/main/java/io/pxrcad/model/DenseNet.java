package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

import ai.djl.nn.Block;

/**
 * DenseNet-BC in torchvision's exact structure (Huang et al. 2017; {@code torchvision.models.densenet}).
 * Parameter names equal torchvision's state-dict names ({@code features.denseblock1.denselayer1.conv1.weight},
 * BN {@code weight, bias, running_mean, running_var}; see {@code TorchNames}).
 *
 * @param growth      channels added per dense layer (32)
 * @param blocks      dense layers per block (6, 12, 24, 16)
 * @param initFeatures channels of the stem convolution (64)
 * @param bnSize      bottleneck width factor (4)
 * @param compression channel factor of each transition (0.5)
 */
public record DenseNet(int growth, int[] blocks, int initFeatures, int bnSize, double compression) implements BackboneSpec {
    public DenseNet {
        if (growth <= 0 || initFeatures <= 0 || bnSize <= 0) {
            throw new IllegalArgumentException("growth, initFeatures and bnSize must be > 0 but were "
                    + growth + ", " + initFeatures + ", " + bnSize);
        }
        if (blocks == null || blocks.length == 0) {
            throw new IllegalArgumentException("blocks must name at least one dense block");
        }
        if (!(compression > 0 && compression <= 1)) {
            throw new IllegalArgumentException("compression must be in (0,1] but was " + compression);
        }
        blocks = blocks.clone();
    }

    /** DenseNet-121: 7,978,856 parameters with the 1000-class classifier, 1024 feature channels. */
    public static DenseNet densenet121() {
        return new DenseNet(32, new int[] {6, 12, 24, 16}, 64, 4, 0.5);
    }

    /** A reduced DenseNet for tests (same code; stride 32, 32 feature channels). */
    public static DenseNet tiny() {
        return new DenseNet(8, new int[] {2, 2, 2, 2}, 16, 2, 0.5);
    }

    @Override
    public int[] blocks() { return blocks.clone(); }

    /** Channels of the last feature map. */
    public int channels() {
        int c = initFeatures;
        for (int i = 0; i < blocks.length; i++) {
            c += blocks[i] * growth;
            if (i != blocks.length - 1) {
                c = (int) Math.floor(c * compression);
            }
        }
        return c;
    }

    /** 4 in the stem (a stride-2 convolution, then stride-2 max pooling), 2 in each transition: 32 for 4 blocks. */
    @Override
    public int stride() { return 4 << (blocks.length - 1); }

    /** The feature extractor: {@code (N,3,H,W) -> relu(features(x))}, {@code (N,channels(),H/32,W/32)}. */
    public Backbone features(Architecture architecture) {
        Stages f = new Stages()
                .add("conv0", Layers.stem(initFeatures, 7, 2, 3))
                .add("norm0", Layers.bn())
                .add("relu0", Layers.relu())
                .add("pool0", Layers.maxPool(3, 2, 1));
        int c = initFeatures;
        for (int i = 0; i < blocks.length; i++) {
            Stages block = new Stages();
            for (int l = 0; l < blocks[i]; l++) {
                block.add("denselayer" + (l + 1), new DenseLayer(growth, bnSize));
            }
            f.add("denseblock" + (i + 1), block);
            c += blocks[i] * growth;
            if (i != blocks.length - 1) {
                c = (int) Math.floor(c * compression);
                f.add("transition" + (i + 1), new Stages()
                        .add("norm", Layers.bn())
                        .add("relu", Layers.relu())
                        .add("conv", Layers.conv(c, 1, 1, 0))
                        .add("pool", Layers.avgPool(2, 2)));
            }
        }
        f.add("norm5", Layers.bn());
        return new Backbone(architecture, "features", f, c, true);
    }

    /** The ImageNet-style classifier {@code (N,3,H,W) -> (N,classes)} logits (head named {@code classifier}). */
    public Block classifier(int classes) {
        return new GapClassifier(features(Architecture.DENSENET121), "classifier", classes);
    }
}
