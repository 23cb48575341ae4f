package io.pxrcad.infer;

import io.pxrcad.Radiograph;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.RoiGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the chained pass stage by stage on one engine: decode, preprocess (percentiles and resize
 * to the model size), stage 1 (normalisation and the network) and stage 2 (ROI crop, resize,
 * normalisation and the network), for batches of several sizes. Per batch size, one warm-up
 * batch, then {@code runs} rounds in which the batch sizes take turns (a shared machine's drift
 * falls on all of them alike). The checksum sums every probability and map value of the last
 * round, so that faster must also mean the same outputs.
 */
public final class InferenceBench {
    private InferenceBench() {}

    /** Milliseconds per batch of one step, one value per round. */
    public record Timings(double[] decode, double[] preprocess, double[] stage1, double[] stage2, double[] total) {}

    /**
     * @param batch       images per batch
     * @param timings     per round
     * @param checksum    sum of the final probabilities and all map values of the batch
     */
    public record BatchResult(int batch, Timings timings, double checksum) {}

    /**
     * Runs the benchmark.
     *
     * @param images  images to score (batch {@code b} takes the first {@code b}); at least the largest batch size
     */
    public static List<BatchResult> run(ModelArtifact artifact, InferenceEngine engine, String device, List<ImageInput> images,
                                        int[] batchSizes, int runs) {
        if (runs < 1) throw new IllegalArgumentException("runs must be >= 1 but was " + runs);
        for (int b : batchSizes) {
            if (b < 1 || b > images.size()) {
                throw new IllegalArgumentException("batch size must be between 1 and " + images.size() + " but was " + b);
            }
        }
        ArtifactInfo info = artifact.metadata().info();
        if (info.roiSize() == null || info.roiInput() == null) {
            throw new IllegalArgumentException("model in " + artifact.dir() + " is not a two-stage model (no ROI size)");
        }
        Preprocessor pre = new Preprocessor(info.preprocessing());
        try (NetworkRunner r1 = engine.open(artifact, ModelArtifact.STAGE1, device);
             NetworkRunner r2 = engine.open(artifact, ModelArtifact.STAGE2, device)) {
            TwoStageChain chain = new TwoStageChain(pre, new RoiGeometry(info.preprocessing().imageSize(), info.roiSize()),
                    info.roiInput(), r1, r2, info.chainRoiCount());
            double[][][] ms = new double[batchSizes.length][5][runs];
            double[] checksums = new double[batchSizes.length];
            for (int b : batchSizes) pass(chain, pre, images.subList(0, b), new double[5][1], 0);
            for (int r = 0; r < runs; r++) {
                for (int j = 0; j < batchSizes.length; j++) {
                    checksums[j] = pass(chain, pre, images.subList(0, batchSizes[j]), ms[j], r);
                }
            }
            List<BatchResult> out = new ArrayList<>();
            for (int j = 0; j < batchSizes.length; j++) {
                double[][] m = ms[j];
                out.add(new BatchResult(batchSizes[j], new Timings(m[0], m[1], m[2], m[3], m[4]), checksums[j]));
            }
            return out;
        }
    }

    /** One batch through every step; records the step times of round {@code r}; returns the checksum. */
    private static double pass(TwoStageChain chain, Preprocessor pre, List<ImageInput> batch, double[][] ms, int r) {
        long t0 = System.nanoTime();
        List<Radiograph> images = new ArrayList<>(batch.size());
        for (ImageInput in : batch) images.add(in.reader().get());
        long t1 = System.nanoTime();
        List<float[]> grays = new ArrayList<>(batch.size());
        for (Radiograph im : images) grays.add(pre.modelGray(im));
        long t2 = System.nanoTime();
        List<StageOneOutput> first = chain.firstStage(grays);
        long t3 = System.nanoTime();
        List<ChainScores> scores = chain.secondStage(grays, first);
        long t4 = System.nanoTime();
        long[] t = {t0, t1, t2, t3, t4};
        for (int s = 0; s < 4; s++) ms[s][r] = (t[s + 1] - t[s]) / 1e6;
        ms[4][r] = (t4 - t0) / 1e6;
        double sum = 0;
        for (ChainScores c : scores) {
            sum += c.probability();
            for (float v : c.stage1().map().values()) sum += v;
        }
        return sum;
    }
}
