package io.pxrcad.onnx;

import io.pxrcad.model.BackboneSpec;
import io.pxrcad.model.DenseNet;
import io.pxrcad.model.ResNet;
import io.pxrcad.model.Vgg;

/**
 * The feature extractors of io.pxrcad.model as ONNX nodes, layer for layer as DenseNet, ResNet
 * and Vgg build them in DJL: {@code (N,3,H,W) -> (N,C,h,w)}, non-negative.
 */
final class BackboneGraphs {
    private BackboneGraphs() {}

    static String features(OnnxLayers l, BackboneSpec spec, String x) {
        if (spec instanceof DenseNet d) return denseNet(l, d, x);
        if (spec instanceof ResNet r) return resNet(l, r, x);
        return vgg(l, (Vgg) spec, x);
    }

    /** torchvision's DenseNet {@code features} plus the final ReLU. */
    private static String denseNet(OnnxLayers l, DenseNet d, String x) {
        String y = l.relu(l.convBn(x, "features.conv0", "features.norm0", 7, 2, 3), "features.relu0");
        y = l.maxPool(y, "features.pool0", 3, 2, 1);
        int[] blocks = d.blocks();
        for (int i = 0; i < blocks.length; i++) {
            String block = "features.denseblock" + (i + 1);
            for (int k = 1; k <= blocks[i]; k++) {
                String p = block + ".denselayer" + k;
                // norm1 reads a concatenation, so it stays; norm2 follows conv1 and is folded into it
                String a = l.relu(l.bn(y, p + ".norm1"), p + ".relu1");
                String b = l.relu(l.convBn(a, p + ".conv1", p + ".norm2", 1, 1, 0), p + ".relu2");
                String c = l.conv(b, p + ".conv2", 3, 1, 1, false);
                y = l.concat(p + ".concat", 1, y, c);
            }
            if (i != blocks.length - 1) {
                String t = "features.transition" + (i + 1);
                String a = l.relu(l.bn(y, t + ".norm"), t + ".relu");
                y = l.avgPool(l.conv(a, t + ".conv", 1, 1, 0, false), t + ".pool", 2, 2);
            }
        }
        return l.relu(l.bn(y, "features.norm5"), "features.relu5");
    }

    /** torchvision's ResNet up to {@code layer4} (or the small-input stem). */
    private static String resNet(OnnxLayers l, ResNet r, String x) {
        String y;
        if (r.smallInput()) {
            y = l.relu(l.convBn(x, "conv1", "bn1", 3, 1, 1), "relu");
        } else {
            y = l.maxPool(l.relu(l.convBn(x, "conv1", "bn1", 7, 2, 3), "relu"), "maxpool", 3, 2, 1);
        }
        int[] layers = r.layers(), widths = r.widths();
        int in = widths[0];
        for (int i = 0; i < 4; i++) {
            for (int b = 0; b < layers[i]; b++) {
                int stride = b == 0 && i > 0 ? 2 : 1;
                String p = "layer" + (i + 1) + "." + b;
                String a = l.relu(l.convBn(y, p + ".conv1", p + ".bn1", 3, stride, 1), p + ".relu1");
                String c = l.convBn(a, p + ".conv2", p + ".bn2", 3, 1, 1);
                String identity = stride != 1 || in != widths[i]
                        ? l.convBn(y, p + ".downsample.0", p + ".downsample.1", 1, stride, 0) : y;
                y = l.relu(l.add(c, identity, p + ".add"), p + ".relu2");
                in = widths[i];
            }
        }
        return y;
    }

    /** Stages of conv-BN-ReLU, each ending in 2x2 max pooling. */
    private static String vgg(OnnxLayers l, Vgg v, String x) {
        String y = x;
        int[] widths = v.widths(), convs = v.convs();
        for (int s = 1; s <= widths.length; s++) {
            String p = "stage" + s;
            for (int c = 1; c <= convs[s - 1]; c++) {
                y = l.relu(l.convBn(y, p + ".conv" + c, p + ".bn" + c, 3, 1, 1), p + ".relu" + c);
            }
            y = l.maxPool(y, p + ".pool", 2, 2, 0);
        }
        return y;
    }

    /** Side of the feature map for an input of side {@code side} (the graph's static spatial size). */
    static int outputSide(BackboneSpec spec, int side) {
        int s = side;
        if (spec instanceof DenseNet d) {
            s = window(window(s, 7, 2, 3), 3, 2, 1);
            for (int i = 0; i < d.blocks().length - 1; i++) s = window(s, 2, 2, 0);
        } else if (spec instanceof ResNet r) {
            if (!r.smallInput()) s = window(window(s, 7, 2, 3), 3, 2, 1);
            for (int i = 1; i < 4; i++) s = window(s, 3, 2, 1);
        } else {
            for (int i = 0; i < ((Vgg) spec).widths().length; i++) s = window(s, 2, 2, 0);
        }
        return s;
    }

    /** Output side of a convolution or pooling window (floor, as torch without ceil mode). */
    private static int window(int s, int kernel, int stride, int padding) {
        return (s + 2 * padding - kernel) / stride + 1;
    }
}
