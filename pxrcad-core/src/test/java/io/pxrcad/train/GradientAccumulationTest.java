package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Gradient accumulation: a batch passed in micro-batches gives the gradients (and loss) of the
 * whole batch in one pass. Every image of the batch is the same image, so batch norm's statistics
 * are the same in a pass of 2 as in a pass of 8 and the two must agree exactly (up to float
 * rounding); the labels differ between the micro-batches, so a wrong weighting or a lost pass shows.
 */
class GradientAccumulationTest {
    private static final int SIZE = 64;
    private static final float[] LABELS = {1, 1, 0, 0, 1, 0, 0, 0};

    @Test
    void microBatchesGiveTheGradientOfTheWholeBatch() {
        TorchEngine.seed(5);
        Batch batch = sameImage(LABELS);
        try (Model model = Networks.stage1(NetworkConfig.stage1(Preset.TINY.stage1()).withLseR(10f), Device.cpu());
             NetworkTrainer t = new NetworkTrainer(model, 1e-3f);
             NDManager nd = t.manager().newSubManager()) {
            float whole = t.accumulate(nd, batch, 8, WholeImageStage.LOSS);
            List<float[]> wholeGrads = gradientsThenZero(t);
            float micro = t.accumulate(nd, batch, 2, WholeImageStage.LOSS);
            List<float[]> microGrads = gradientsThenZero(t);
            float firstOnly = t.accumulate(nd, batch.rows(0, 2), 2, WholeImageStage.LOSS);
            List<float[]> firstGrads = gradientsThenZero(t);

            assertThat(micro).isCloseTo(whole, org.assertj.core.api.Assertions.within(1e-5f));
            assertThat(maxRelativeDifference(wholeGrads, microGrads)).isLessThan(1e-3);
            // the check can fail: the first micro-batch alone (two positives) has another gradient
            assertThat(firstOnly).isNotCloseTo(whole, org.assertj.core.api.Assertions.within(1e-3f));
            assertThat(maxRelativeDifference(wholeGrads, firstGrads)).isGreaterThan(0.1);
        }
    }

    @Test
    void aStepWithMicroBatchesTrains() {
        TorchEngine.seed(5);
        Batch batch = sameImage(LABELS);
        try (Model model = Networks.stage1(NetworkConfig.stage1(Preset.TINY.stage1()).withLseR(10f), Device.cpu());
             NetworkTrainer t = new NetworkTrainer(model, 1e-3f)) {
            float first = 0, last = 0;
            for (int s = 0; s < 5; s++) {
                try (NDManager nd = t.manager().newSubManager()) {
                    float l = t.step(nd, batch, 2, WholeImageStage.LOSS);
                    if (s == 0) first = l;
                    last = l;
                }
            }
            // Adam moved the weights, and the gradients were reset after each update (else the loss would not fall)
            assertThat(last).isLessThan(first);
            assertThat(gradientsThenZero(t)).allSatisfy(g -> assertThat(maxAbs(g)).isZero());
        }
    }

    @Test
    void rowsAreCopiesOfTheirPartOfTheBatch() {
        float[] x = new float[3 * 3 * 2 * 2];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Batch b = new Batch(x, 3, 2, new float[] {1, 0, 1}, new float[] {0, 1, 0}, new float[] {1, 1, 0});
        Batch r = b.rows(1, 3);
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.x()[0]).isEqualTo(12f);
        assertThat(r.x()).hasSize(24);
        assertThat(r.labels()).containsExactly(0, 1);
        assertThat(r.types()).containsExactly(1, 0);
        assertThat(r.typeMask()).containsExactly(1, 0);
        assertThatThrownBy(() -> b.rows(2, 2)).hasMessage("expected rows in [0,3] with from < to but were 2..2");
    }

    private static Batch sameImage(float[] labels) {
        int n = labels.length, per = 3 * SIZE * SIZE;
        Random rnd = new Random(11);
        float[] one = new float[per];
        for (int i = 0; i < per; i++) one[i] = (float) rnd.nextGaussian();
        float[] x = new float[n * per];
        for (int k = 0; k < n; k++) System.arraycopy(one, 0, x, k * per, per);
        return new Batch(x, n, SIZE, labels.clone(), new float[n], new float[n]);
    }

    /** The trainable parameters' gradients, in order; then resets them (as the optimizer's update would). */
    private static List<float[]> gradientsThenZero(NetworkTrainer t) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : t.network().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (!p.getValue().requiresGradient() || !w.hasGradient()) continue;
            try (NDArray g = w.getGradient()) {
                out.add(g.toFloatArray());
                g.subi(g);
            }
        }
        return out;
    }

    /** Largest difference of a parameter's gradients relative to the largest gradient of that parameter. */
    private static double maxRelativeDifference(List<float[]> a, List<float[]> b) {
        assertThat(b).hasSameSizeAs(a).isNotEmpty();
        double worst = 0;
        for (int p = 0; p < a.size(); p++) {
            double scale = Math.max(maxAbs(a.get(p)), 1e-6);
            for (int i = 0; i < a.get(p).length; i++) {
                worst = Math.max(worst, Math.abs(a.get(p)[i] - b.get(p)[i]) / scale);
            }
        }
        return worst;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) m = Math.max(m, Math.abs(f));
        return m;
    }
}
