package io.pxrcad.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;

import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Times stage-1 training steps exactly as {@link TwoStageTraining} takes them: the preset's stage-1
 * network, a {@link NetworkTrainer} with its learning rate, and the whole-image stages' step (forward,
 * BCE of the LSE-pooled output {@link WholeImageStage#LOSS}, backward, Adam; {@link NetworkTrainer#step(NDManager, Batch, int,
 * NetworkTrainer.BatchLoss)}'s passes and update called one after the other so that the update
 * is timed apart), in a per-batch sub-manager as {@link EpochLoop} does. The input is one seeded batch of standard-normal pixels (the cost does not depend on the
 * content) with labels 1,0,1,0,...; one warm-up step precedes the timed ones.
 */
public final class TrainingStepBench {
    /**
     * One configuration: {@code batch} images per Adam step (the effective batch), {@code microBatch}
     * per forward/backward pass.
     */
    public record Setting(int imageSize, int batch, int microBatch) {
        public Setting {
            if (imageSize < TrainConfig.MIN_IMAGE_SIZE || imageSize > TrainConfig.MAX_IMAGE_SIZE) {
                throw new IllegalArgumentException("image size must be between " + TrainConfig.MIN_IMAGE_SIZE + " and "
                        + TrainConfig.MAX_IMAGE_SIZE + " but was " + imageSize);
            }
            if (batch < 1 || batch > 64) {
                throw new IllegalArgumentException("batch must be between 1 and 64 but was " + batch);
            }
            if (microBatch < 1 || batch % microBatch != 0) {
                throw new IllegalArgumentException("micro-batch must be at least 1 and divide the batch " + batch
                        + " but was " + microBatch);
            }
            if ((long) batch * 3 * imageSize * imageSize > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a batch of " + batch + " images of " + imageSize
                        + " px does not fit in one array; use a smaller batch");
            }
        }

        /** Forward/backward passes per Adam step. */
        public int passes() { return batch / microBatch; }
    }

    /**
     * @param stepSeconds  wall time of each timed step (all its passes and the update)
     * @param updateSeconds the part of each step spent in the Adam update
     * @param losses       the mean loss of each timed step (the checksum, with {@code weightSum})
     * @param weightSum    sum of every parameter after the last step
     * @param residentMb   the resident set after each timed step, as the caller measured it (flat = no leak)
     */
    public record Result(Setting setting, double[] stepSeconds, double[] updateSeconds, float[] losses, double weightSum, double[] residentMb) {}

    private TrainingStepBench() {}

    /**
     * @param residentMb reads the process's current resident set in MiB (called after each step)
     */
    public static Result run(Preset preset, Setting setting, int steps, String device, long seed, DoubleSupplier residentMb) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1 but was " + steps);
        }
        TrainConfig cfg = preset.config().withImageSize(setting.imageSize());
        TorchEngine.seed(seed);
        Batch batch = batch(setting, seed);
        NetworkConfig c1 = NetworkConfig.stage1(preset.stage1()).withLseR((float) cfg.lseR());
        double[] seconds = new double[steps];
        double[] updates = new double[steps];
        float[] losses = new float[steps];
        double[] rss = new double[steps];
        try (Model model = Networks.stage1(c1, TorchEngine.resolve(device));
             NetworkTrainer trainer = new NetworkTrainer(model, (float) cfg.learningRate())) {
            for (int s = -1; s < steps; s++) {
                long start = System.nanoTime();
                float loss;
                long passesDone;
                // NetworkTrainer.step's two parts, timed apart
                try (NDManager sub = trainer.manager().newSubManager()) {
                    loss = trainer.accumulate(sub, batch, setting.microBatch(), WholeImageStage.LOSS);
                    passesDone = System.nanoTime();
                    trainer.update();
                }
                if (s >= 0) {
                    seconds[s] = (System.nanoTime() - start) / 1e9;
                    updates[s] = (System.nanoTime() - passesDone) / 1e9;
                    losses[s] = loss;
                    rss[s] = residentMb.getAsDouble();
                }
            }
            return new Result(setting, seconds, updates, losses, weightSum(trainer), rss);
        }
    }

    private static double weightSum(NetworkTrainer trainer) {
        double sum = 0;
        for (Pair<String, Parameter> p : trainer.network().getParameters()) {
            NDArray a = p.getValue().getArray();
            try (NDArray s = a.sum()) {
                sum += s.getFloat();
            }
        }
        return sum;
    }

    private static Batch batch(Setting s, long seed) {
        int n = s.batch(), size = s.imageSize();
        Random rnd = new Random(seed);
        float[] x = new float[n * 3 * size * size];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        float[] labels = new float[n];
        for (int i = 0; i < n; i += 2) labels[i] = 1;
        return new Batch(x, n, size, labels, new float[n], new float[n]);
    }
}
