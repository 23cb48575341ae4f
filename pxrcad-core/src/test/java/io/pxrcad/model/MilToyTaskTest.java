package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny stage-1 MIL network learns a weak-label task: positive images hold one bright square at a
 * random place, negatives none; only the image label is given. Trained as the trainer will: DJL
 * Trainer + GradientCollector + Adam, loss = {@link Losses#bce} of the LSE output.
 */
class MilToyTaskTest {
    static final int SIZE = 128;
    static final int OBJ = 24;

    @Test
    void learnsWeakLabelsAndLocalisesTheObject() {
        TorchEngine.engine().setRandomSeed(7);
        Random rnd = new Random(7);
        float lr = 1e-3f;
        try (Model model = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_RESNET).withLseR(20f), Device.cpu());
             Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                     .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build()))) {
            NDManager nd = model.getNDManager();
            float first = Float.NaN;
            float last = Float.NaN;
            float[] recent = new float[5];
            long start = System.nanoTime();

            for (int step = 0; step < 150 && (step < recent.length || mean(recent) > 0.1f * first); step++) {
                try (NDManager sub = nd.newSubManager()) {
                    Batch b = batch(sub, rnd, 16);
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(b.x));
                        NDArray loss = Losses.bce(out.get(0), b.y);
                        gc.backward(loss);
                        last = loss.getFloat();
                    }
                    trainer.step();
                }
                if (step == 0) first = last;

                recent[step % recent.length] = last;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            float best = mean(recent);
            // precise batch norm: re-estimate the running statistics of the final weights (training-mode
            // forward passes, no weight update); after this few steps they still lag the weights
            for (int k = 0; k < 10; k++) {
                try (NDManager sub = nd.newSubManager()) {
                    model.getBlock().forward(new ParameterStore(sub, false), new NDList(batch(sub, rnd, 16).x), true);
                }
            }
            assertThat(best).as("mean loss of the last 5 batches after %.1f s (first %s)", seconds, first).isLessThanOrEqualTo(0.1f * first);


            // evaluation: the map's maximum lands on the planted object
            try (NDManager sub = nd.newSubManager()) {
                Batch b = batch(sub, new Random(99), 32);
                NDList out = model.getBlock().forward(new ParameterStore(sub, false), new NDList(b.x), false);
                NDArray map = out.get(1);
                Shape s = map.getShape();
                assertThat(s).isEqualTo(new Shape(32, 1, SIZE / 32, SIZE / 32));
                int hits = 0;
                int positives = 0;
                double chance = 0;
                int w = (int) s.get(3);
                int h = (int) s.get(2);
                double cell = SIZE / (double) w;
                for (int i = 0; i < 32; i++) {
                    if (b.labels[i] == 0) continue;
                    positives++;
                    float[] m = map.get(i).toFloatArray();
                    int arg = 0;
                    int inside = 0;
                    for (int k = 0; k < m.length; k++) {
                        if (m[k] > m[arg]) arg = k;
                        if (onObject(b, i, k, w, cell)) inside++;
                    }
                    chance += inside / (double) (w * h);
                    if (onObject(b, i, arg, w, cell)) hits++;
                }
                // a random cell would hit `chance` times; the network must do far better than that
                assertThat(hits).as("hits of %s positives (chance %.1f)", positives, chance)
                        .isGreaterThanOrEqualTo((int) Math.ceil(Math.max(0.5 * positives, 3 * chance)));
            }
        }
    }

    /** Whether the centre of map cell k lies on the object, widened by half a cell (METHOD.md's pointing game). */
    private static boolean onObject(Batch b, int i, int k, int w, double cell) {
        double cy = (k / w + 0.5) * cell;
        double cx = (k % w + 0.5) * cell;
        return cx >= b.ox[i] - cell / 2 && cx <= b.ox[i] + OBJ + cell / 2
                && cy >= b.oy[i] - cell / 2 && cy <= b.oy[i] + OBJ + cell / 2;
    }

    private static float mean(float[] v) {
        float s = 0;
        for (float x : v) s += x / v.length;
        return s;
    }

    record Batch(NDArray x, NDArray y, int[] labels, int[] ox, int[] oy) {}

    static Batch batch(NDManager nd, Random rnd, int n) {
        float[] x = new float[n * 3 * SIZE * SIZE];
        float[] y = new float[n];
        int[] labels = new int[n];
        int[] ox = new int[n];
        int[] oy = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            y[i] = labels[i];
            ox[i] = rnd.nextInt(SIZE - OBJ);
            oy[i] = rnd.nextInt(SIZE - OBJ);
            for (int c = 0; c < 3; c++) {
                int base = (i * 3 + c) * SIZE * SIZE;
                for (int r = 0; r < SIZE; r++) {
                    for (int col = 0; col < SIZE; col++) {
                        float v = (float) (rnd.nextGaussian() * 0.3);
                        if (labels[i] == 1 && r >= oy[i] && r < oy[i] + OBJ && col >= ox[i] && col < ox[i] + OBJ) v += 2f;
                        x[base + r * SIZE + col] = v;
                    }
                }
            }
        }
        return new Batch(nd.create(x, new Shape(n, 3, SIZE, SIZE)), nd.create(y, new Shape(n, 1)), labels, ox, oy);
    }
}
