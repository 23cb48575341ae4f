package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResumableAdamTest {
    private static final float[][] GRADS = {{0.5f, -1f, 2f}, {0.1f, 0.3f, -0.2f}, {-1f, 0.5f, 0.25f}, {2f, -2f, 0f}};

    /** Adam as written in Kingma and Ba, in doubles. */
    private static double[] reference(float lr, int steps) {
        double[] w = {1, 2, 3}, m = new double[3], v = new double[3];
        for (int t = 1; t <= steps; t++) {
            for (int k = 0; k < 3; k++) {
                double g = GRADS[t - 1][k];
                m[k] = 0.9 * m[k] + 0.1 * g;
                v[k] = 0.999 * v[k] + 0.001 * g * g;
                double mh = m[k] / (1 - Math.pow(0.9, t)), vh = v[k] / (1 - Math.pow(0.999, t));
                w[k] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return w;
    }

    @Test
    void matchesTheAdamFormula() {
        try (NDManager nd = NDManager.newBaseManager();
             ResumableAdam adam = new ResumableAdam(nd, Map.of("id", "w"), 0.1f)) {
            NDArray w = nd.create(new float[] {1, 2, 3});
            for (float[] g : GRADS) {
                adam.update("id", w, nd.create(g));
            }
            float[] got = w.toFloatArray();
            double[] want = reference(0.1f, GRADS.length);
            for (int k = 0; k < 3; k++) {
                assertThat((double) got[k]).isCloseTo(want[k], within(1e-5));
            }
        }
    }

    @Test
    void restoredStateContinuesExactly() {
        try (NDManager nd = NDManager.newBaseManager()) {
            float[] uninterrupted;
            try (ResumableAdam adam = new ResumableAdam(nd, Map.of("id", "w"), 0.05f)) {
                NDArray w = nd.create(new float[] {1, 2, 3});
                for (float[] g : GRADS) adam.update("id", w, nd.create(g));
                uninterrupted = w.toFloatArray();
            }
            NDArray w = nd.create(new float[] {1, 2, 3});
            NDList saved;
            Map<String, Integer> steps;
            try (ResumableAdam first = new ResumableAdam(nd, Map.of("id", "w"), 0.05f)) {
                first.update("id", w, nd.create(GRADS[0]));
                first.update("id", w, nd.create(GRADS[1]));
                saved = first.state(nd);
                steps = first.steps();
            }
            // a new optimizer; the parameter has another DJL id in the new process
            try (ResumableAdam second = new ResumableAdam(nd, Map.of("other-id", "w"), 0.05f)) {
                second.restore(saved, steps);
                second.update("other-id", w, nd.create(GRADS[2]));
                second.update("other-id", w, nd.create(GRADS[3]));
            }
            assertThat(w.toFloatArray()).containsExactly(uninterrupted);
        }
    }
}
