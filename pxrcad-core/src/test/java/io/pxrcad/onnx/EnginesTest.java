package io.pxrcad.onnx;

import io.pxrcad.infer.TorchRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine names: {@code auto} is ONNX Runtime on the CPU and DJL on a named GPU; wrong pairs are refused. */
class EnginesTest {
    @Test
    void autoIsOnnxOnTheCpuAndDjlOnANamedGpu() {
        assertThat(Engines.resolve("auto", "auto")).isEqualTo(Engines.ONNX);
        assertThat(Engines.resolve("AUTO", "cpu")).isEqualTo(Engines.ONNX);
        assertThat(Engines.resolve("auto", null)).isEqualTo(Engines.ONNX);
        assertThat(Engines.resolve("auto", "gpu0")).isEqualTo(Engines.DJL);
        assertThat(Engines.named("auto", "cpu")).isSameAs(OrtRunner.ENGINE);
        assertThat(Engines.named("auto", "gpu1")).isSameAs(TorchRunner.ENGINE);
    }

    @Test
    void explicitNamesStayAsGiven() {
        assertThat(Engines.resolve("djl", "cpu")).isEqualTo(Engines.DJL);
        assertThat(Engines.named(" Djl ", "cpu")).isSameAs(TorchRunner.ENGINE);
        assertThat(Engines.named("onnx", "auto")).isSameAs(OrtRunner.ENGINE);
    }

    @Test
    void refusesUnknownNamesAndOnnxOnAGpu() {
        assertThatThrownBy(() -> Engines.named("tensorrt", "cpu"))
                .hasMessage("expected engine auto, djl or onnx but was 'tensorrt'");
        assertThatThrownBy(() -> Engines.named("onnx", "gpu0")).hasMessageContaining("onnx engine (CPU only)");
    }
}
