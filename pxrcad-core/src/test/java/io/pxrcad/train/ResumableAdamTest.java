package io.pxrcad.train;

import io.pxrcad.model.TorchEngine;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
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

    /**
     * Through DJL's trainer, where gradients live on the parameters and PyTorch adds each backward
     * pass to them: the optimizer must reset them after its update, as DJL's own optimizers do.
     * Ten steps of a linear regression then follow DJL's Adam; had the gradients accumulated, every
     * step after the first would follow the sum of all earlier gradients and the weights would
     * drift apart from the second step on.
     */
    @Test
    void stepsThroughTheTrainerMatchDjlsAdam() {
        float[] ours = trainLinear(true);
        float[] djl = trainLinear(false);
        for (int k = 0; k < ours.length; k++) {
            assertThat(ours[k]).as("weight %d", k).isCloseTo(djl[k], within(1e-5f));
        }
    }

    /** Weights of a 4-input linear layer after 10 Adam steps on a fixed regression batch. */
    private static float[] trainLinear(boolean resumable) {
        TorchEngine.engine().setRandomSeed(5);
        try (Model model = Model.newInstance("linear", Device.cpu(), TorchEngine.NAME)) {
            Linear block = Linear.builder().setUnits(1).build();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(8, 4));
            Map<String, String> names = new HashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) names.put(p.getValue().getId(), p.getKey());
            Optimizer opt = resumable ? new ResumableAdam(model.getNDManager(), names, 0.01f)
                    : Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                NDManager nd = model.getNDManager();
                float[] x = new float[32];
                for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.7) + (i % 4) * 0.25f;
                float[] y = new float[8];
                for (int i = 0; i < y.length; i++) y[i] = 2 * x[4 * i] - x[4 * i + 1] + 0.5f * x[4 * i + 3] + 1;
                for (int step = 0; step < 10; step++) {
                    try (NDManager sub = nd.newSubManager()) {
                        NDArray in = sub.create(x, new Shape(8, 4));
                        NDArray target = sub.create(y, new Shape(8, 1));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(in)).singletonOrThrow();
                            gc.backward(out.sub(target).square().mean());
                        }
                        trainer.step();
                    }
                    for (Pair<String, Parameter> p : block.getParameters()) {
                        assertThat(p.getValue().getArray().getGradient().abs().max().getFloat())
                                .as("gradient of %s after step %d", p.getKey(), step).isZero();
                    }
                }
                float[] w = block.getParameters().get("weight").getArray().toFloatArray();
                float[] b = block.getParameters().get("bias").getArray().toFloatArray();
                float[] all = Arrays.copyOf(w, w.length + b.length);
                System.arraycopy(b, 0, all, w.length, b.length);
                return all;
            }
        }
    }
}
