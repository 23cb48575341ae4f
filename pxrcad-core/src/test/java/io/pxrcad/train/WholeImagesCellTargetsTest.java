package io.pxrcad.train;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.Manifest;
import io.pxrcad.image.AugmentConfig;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WholeImagesCellTargetsTest {
    @Test
    void batchesCarryEachImagesTargetsMirroredWhenTheImageIs(@TempDir Path dir) throws Exception {
        int size = 64, side = 2;
        CohortWriter.write(PhantomConfig.defaults().withSize(size).withDifficulty(0).withSeed(3), dir, 16, 2, ProgressListener.NONE);
        Manifest m = Manifest.load(dir.resolve("manifest.csv"));
        Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(size));
        ImageSource src = new ImageSource(m, m.entries(), pre, 1L << 26);
        List<int[]> chosen = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) chosen.add(src.entry(i).positive() ? new int[] {2} : new int[0]); // (1,0)
        AnomalyCells cells = new AnomalyCells(side, chosen);
        TrainConfig cfg = TrainConfig.defaults().withImageSize(size).withBatchSize(16).withAugment(false).withFlip(true);
        WholeImages images = new WholeImages(cfg, src, pre, new Augmenter(AugmentConfig.none().withHorizontalFlip(0.5)), cells);
        images.startEpoch(0);
        Batch b = images.batch(0);
        assertThat(b.cells()).isEqualTo(side * side);
        int per = 3 * size * size, mirrored = 0, positives = 0;
        for (int k = 0; k < b.n(); k++) {
            float[] t = Arrays.copyOfRange(b.cellTargets(), k * 4, k * 4 + 4);
            float[] mask = Arrays.copyOfRange(b.cellMask(), k * 4, k * 4 + 4);
            if (b.labels()[k] == 0) {
                assertThat(t).containsOnly(0f);
                assertThat(mask).containsOnly(1f);
                continue;
            }
            positives++;
            float[] x = Arrays.copyOfRange(b.x(), k * per, (k + 1) * per);
            boolean flipped = isMirrorOfSomeImage(x, src, pre, size);
            if (flipped) mirrored++;
            int cell = flipped ? 3 : 2;
            float[] expected = new float[4];
            expected[cell] = 1;
            assertThat(t).containsExactly(expected);
            assertThat(mask).containsExactly(expected);
        }
        assertThat(positives).isGreaterThan(3);
        assertThat(mirrored).isBetween(1, positives - 1);
        // micro-batches slice the targets with their rows
        Batch rows = b.rows(1, 3);
        assertThat(rows.cellTargets()).containsExactly(Arrays.copyOfRange(b.cellTargets(), 4, 12));
    }

    private static boolean isMirrorOfSomeImage(float[] x, ImageSource src, Preprocessor pre, int size) throws Exception {
        for (int i = 0; i < src.size(); i++) {
            float[] g = src.gray(i), mirror = new float[g.length];
            for (int y = 0; y < size; y++) for (int c = 0; c < size; c++) mirror[y * size + c] = g[y * size + size - 1 - c];
            float[] in = new float[3 * size * size];
            pre.toInput(mirror, size, in, 0);
            if (Arrays.equals(in, x) && !Arrays.equals(g, mirror)) return true;
        }
        return false;
    }
}
