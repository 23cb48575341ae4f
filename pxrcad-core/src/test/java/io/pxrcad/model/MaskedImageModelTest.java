package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedImageModelTest {
    @Test
    void depthToSpaceIsTorchsPixelShuffle() {
        try (NDManager nd = TorchEngine.newManager(Device.cpu())) {
            // (1, r*r=4, h=1, w=2): channel i*2+j of cell x goes to pixel (i, x*2+j)
            NDArray x = nd.create(new float[] {0, 10, 1, 11, 2, 12, 3, 13}, new Shape(1, 4, 1, 2));
            NDArray y = MaskedImageModel.depthToSpace(x, 2);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
            assertThat(y.toFloatArray()).containsExactly(0, 1, 10, 11, 2, 3, 12, 13);
        }
    }

    @Test
    void patchIsTheBackbonesStride() {
        assertThat(Backbones.spec(Architecture.DENSENET121).stride()).isEqualTo(32);
        assertThat(Backbones.spec(Architecture.RESNET18).stride()).isEqualTo(32);
        assertThat(Backbones.spec(Architecture.TINY_VGG).stride()).isEqualTo(32);
        assertThat(Backbones.spec(Architecture.SMALL_INPUT_RESNET).stride()).isEqualTo(8);
        for (Architecture a : Architecture.values()) {
            int stride = Backbones.spec(a).stride();
            // the feature map of a 64-px input has 64/stride cells a side (what the decoder's patches assume)
            assertThat(Backbones.spec(a).features(a).getOutputShapes(new Shape[] {new Shape(1, 3, 64, 64)})[0].get(2))
                    .as(a.id()).isEqualTo(64 / stride);
        }
    }

    @Test
    void reconstructsTheInputSizeAndNamesTheBackboneAsTheNetworksDo() {
        for (Architecture a : new Architecture[] {Architecture.TINY_VGG, Architecture.SMALL_INPUT_RESNET}) {
            try (Model m = MaskedImageModel.newModel(a, Device.cpu());
                 Model stage = Networks.newModel(a == Architecture.TINY_VGG ? NetworkConfig.stage1(a) : NetworkConfig.stage2(a, true),
                         Device.cpu());
                 NDManager nd = m.getNDManager().newSubManager()) {
                MaskedImageModel mim = MaskedImageModel.of(m);
                NDList out = mim.forward(new ParameterStore(nd, false), new NDList(nd.randomNormal(new Shape(2, 3, 64, 64))), false);
                assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 1, 64, 64));
                Set<String> all = new LinkedHashSet<>(WeightExport.parameters(mim).keySet());
                Set<String> backbone = WeightExport.parameters(mim.backbone()).keySet();
                assertThat(backbone).isEqualTo(WeightExport.parameters(Networks.network(stage).backbone()).keySet());
                all.removeAll(backbone);
                assertThat(all).containsExactly("decoder.weight", "decoder.bias");
            }
        }
    }
}
