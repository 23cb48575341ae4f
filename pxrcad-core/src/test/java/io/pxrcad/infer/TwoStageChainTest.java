package io.pxrcad.infer;

import io.pxrcad.FractureType;
import io.pxrcad.image.InputBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.RoiGeometry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The chain in plain Java, driven by a fake engine whose outputs are simple functions of its
 * input: map cells are the mean of their input pixels, ps2 the mean of the ROI it is given.
 */
class TwoStageChainTest {
    static final int S = 32;
    static final int CELL = 8; // a 4x4 map
    static final int ROI_SIDE = 12;
    static final int ROI_INPUT = 12;
    final Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(S));

    /** Stage 1: map cell = sigmoid(mean of channel 0 over the cell); lse = max; features = {mean, max}. */
    static final class FakeStage1 implements NetworkRunner {
        int calls;

        @Override
        public List<Tensor> forward(Tensor x) {
            calls++;
            int n = x.dim(0), s = x.dim(2), h = s / CELL;
            float[] map = new float[n * h * h], lse = new float[n], feat = new float[n * 2];
            for (int k = 0; k < n; k++) {
                float[] img = x.item(k);
                float max = 0;
                double all = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < h; j++) {
                        double sum = 0;
                        for (int y = i * CELL; y < (i + 1) * CELL; y++) {
                            for (int xx = j * CELL; xx < (j + 1) * CELL; xx++) sum += img[y * s + xx];
                        }
                        float p = sigmoid(sum / (CELL * CELL));
                        map[k * h * h + i * h + j] = p;
                        max = Math.max(max, p);
                        all += p;
                    }
                }
                lse[k] = max;
                feat[2 * k] = (float) (all / (h * h));
                feat[2 * k + 1] = max;
            }
            return List.of(Tensor.of(lse, n, 1), Tensor.of(map, n, 1, h, h), Tensor.of(feat, n, 2));
        }

        @Override
        public void close() {}
    }

    /** Stage 2: ps2 = sigmoid(mean of channel 0 of the ROI); the type output a constant (or none). */
    static final class FakeStage2 implements NetworkRunner {
        final Float pelvic;
        int calls;
        final List<Integer> batchSizes = new ArrayList<>();

        FakeStage2(Float pelvic) { this.pelvic = pelvic; }

        @Override
        public List<Tensor> forward(Tensor x) {
            calls++;
            int n = x.dim(0);
            batchSizes.add(n);
            assertThat(x.shape()).containsExactly(n, 3, ROI_INPUT, ROI_INPUT);
            float[] ps2 = new float[n], type = new float[n];
            for (int k = 0; k < n; k++) {
                float[] roi = x.item(k);
                double sum = 0;
                for (int i = 0; i < ROI_INPUT * ROI_INPUT; i++) sum += roi[i];
                ps2[k] = sigmoid(sum / (ROI_INPUT * ROI_INPUT));
                type[k] = pelvic == null ? 0 : pelvic;
            }
            return pelvic == null ? List.of(Tensor.of(ps2, n, 1)) : List.of(Tensor.of(ps2, n, 1), Tensor.of(type, n, 1));
        }

        @Override
        public void close() {}
    }

    static float sigmoid(double v) { return (float) (1 / (1 + Math.exp(-v))); }

    /** A dark image with a bright square over map cell (row, col). */
    static float[] spotAt(int row, int col, float brightness) {
        float[] g = new float[S * S];
        for (int y = row * CELL; y < (row + 1) * CELL; y++) {
            for (int x = col * CELL; x < (col + 1) * CELL; x++) g[y * S + x] = brightness;
        }
        return g;
    }

    TwoStageChain chain(FakeStage1 s1, FakeStage2 s2) {
        return new TwoStageChain(pre, new RoiGeometry(S, ROI_SIDE), ROI_INPUT, s1, s2);
    }

    @Test
    void ps1IsTheMapMaximumAndTheRoiSitsOnItsCellShiftedInsideAtTheBorder() {
        FakeStage1 s1 = new FakeStage1();
        TwoStageChain c = chain(s1, new FakeStage2(0.7f));
        ChainScores bottomLeft = c.run(List.of(spotAt(3, 0, 1f))).get(0);
        assertThat(bottomLeft.stage1().map().argmax()).isEqualTo(new MapCell(3, 0));
        assertThat(bottomLeft.stage1().ps1()).isEqualTo(bottomLeft.stage1().map().max());
        // cell (3,0) centre (4, 28): a 12-px ROI would start at (-2, 22); shifted to lie inside
        assertThat(bottomLeft.roi()).isEqualTo(new InputBox(0, 20, 12, 32));
        ChainScores interior = c.run(List.of(spotAt(1, 2, 1f))).get(0);
        // cell (1,2) centre (20, 12): corner (14, 6)
        assertThat(interior.roi()).isEqualTo(new InputBox(14, 6, 26, 18));
        assertThat(interior.probability()).isCloseTo((double) interior.stage1().ps1() * interior.ps2(), within(0.0));
    }

    /**
     * Cell (0,0) brightest alone; cell (3,3) a little dimmer but in a bright corner, so its ROI's
     * mean, and ps2, are much higher (after ImageNet normalisation p(0,0) * ps2 = 0.90 * 0.46 and
     * p(3,3) * ps2 = 0.86 * 0.84).
     */
    static float[] brightCornerBelowTheMaximum() {
        float[] g = spotAt(0, 0, 1f);
        for (int[] c : new int[][] {{2, 2}, {2, 3}, {3, 2}}) {
            float[] spot = spotAt(c[0], c[1], 0.85f);
            for (int i = 0; i < g.length; i++) g[i] = Math.max(g[i], spot[i]);
        }
        float[] top = spotAt(3, 3, 0.9f);
        for (int i = 0; i < g.length; i++) g[i] = Math.max(g[i], top[i]);
        return g;
    }

    @Test
    void withSeveralCandidatesTheCellWithTheLargestProductDecides() {
        float[] img = brightCornerBelowTheMaximum();
        ChainScores argmaxOnly = chain(new FakeStage1(), new FakeStage2(null)).run(List.of(img)).get(0);
        assertThat(argmaxOnly.cell()).isEqualTo(new MapCell(0, 0));
        assertThat(argmaxOnly.probability()).isEqualTo((double) argmaxOnly.stage1().ps1() * argmaxOnly.ps2());

        FakeStage2 s2 = new FakeStage2(null);
        TwoStageChain two = new TwoStageChain(pre, new RoiGeometry(S, ROI_SIDE), ROI_INPUT, new FakeStage1(), s2, 2);
        ChainScores best = two.run(List.of(img)).get(0);
        assertThat(s2.batchSizes).containsExactly(2);
        assertThat(best.cell()).isEqualTo(new MapCell(3, 3));
        assertThat(best.roi()).isEqualTo(new InputBox(20, 20, 32, 32));
        // ps1 stays the map maximum; the score is the chosen cell's p times its ps2
        assertThat(best.stage1().ps1()).isEqualTo(argmaxOnly.stage1().ps1());
        assertThat(best.probability()).isCloseTo((double) best.stage1().map().get(new MapCell(3, 3)) * best.ps2(), within(0.0));
        assertThat(best.probability()).isGreaterThan(argmaxOnly.probability());
    }

    @Test
    void severalCandidatesNeverScoreBelowTheArgmaxAloneAndBatchAsAlone() {
        List<float[]> images = List.of(spotAt(0, 0, 1f), brightCornerBelowTheMaximum(), spotAt(2, 1, 0.3f), new float[S * S]);
        TwoStageChain one = chain(new FakeStage1(), new FakeStage2(0.4f));
        FakeStage2 s2 = new FakeStage2(0.4f);
        // more candidates than the 4x4 map has cells: every cell
        TwoStageChain all = new TwoStageChain(pre, new RoiGeometry(S, ROI_SIDE), ROI_INPUT, new FakeStage1(), s2, 64);
        List<ChainScores> together = all.run(images);
        assertThat(s2.batchSizes).containsExactly(images.size() * 16);
        for (int k = 0; k < images.size(); k++) {
            assertThat(together.get(k).probability()).isGreaterThanOrEqualTo(one.run(List.of(images.get(k))).get(0).probability());
            ChainScores alone = all.run(List.of(images.get(k))).get(0);
            assertThat(together.get(k).probability()).isEqualTo(alone.probability());
            assertThat(together.get(k).cell()).isEqualTo(alone.cell());
        }
    }

    @Test
    void stageTwoSeesTheRoiOfItsOwnImage() {
        TwoStageChain c = chain(new FakeStage1(), new FakeStage2(0.7f));
        // the same spot, brighter in the second image: its ROI (and only its) has a higher mean
        List<ChainScores> r = c.run(List.of(spotAt(2, 2, 0.6f), spotAt(2, 2, 1f), spotAt(0, 3, 0.8f)));
        assertThat(r.get(1).ps2()).isGreaterThan(r.get(0).ps2());
        assertThat(r.get(2).roi()).isEqualTo(new InputBox(20, 0, 32, 12));
        assertThat(r.get(0).roi()).isEqualTo(r.get(1).roi());
    }

    @Test
    void aBatchGivesWhatEachImageGivesAlone() {
        List<float[]> images = List.of(spotAt(0, 0, 1f), spotAt(3, 3, 0.5f), spotAt(1, 2, 0.9f), spotAt(2, 1, 0.3f),
                new float[S * S]);
        FakeStage1 s1 = new FakeStage1();
        FakeStage2 s2 = new FakeStage2(0.2f);
        TwoStageChain c = chain(s1, s2);
        List<ChainScores> together = c.run(images);
        assertThat(s1.calls).isEqualTo(1);
        assertThat(s2.calls).isEqualTo(1);
        assertThat(s2.batchSizes).containsExactly(5);
        for (int k = 0; k < images.size(); k++) {
            ChainScores alone = c.run(List.of(images.get(k))).get(0);
            assertThat(together.get(k).probability()).isEqualTo(alone.probability());
            assertThat(together.get(k).roi()).isEqualTo(alone.roi());
            assertThat(together.get(k).stage1().features()).containsExactly(alone.stage1().features());
        }
        assertThat(c.run(List.of())).isEmpty();
    }

    @Test
    void secondStageOnCachedFirstStageOutputsEqualsTheWholeChain() {
        List<float[]> images = List.of(spotAt(0, 1, 1f), spotAt(3, 2, 0.7f));
        TwoStageChain c = chain(new FakeStage1(), new FakeStage2(null));
        List<StageOneOutput> first = c.firstStage(images);
        List<ChainScores> cached = c.secondStage(images, first), whole = c.run(images);
        for (int k = 0; k < images.size(); k++) {
            assertThat(cached.get(k).probability()).isEqualTo(whole.get(k).probability());
            assertThat(cached.get(k).roi()).isEqualTo(whole.get(k).roi());
            assertThat(cached.get(k).stage1()).isSameAs(first.get(k));
        }
    }

    @Test
    void typeOutputGivesTheTypeAndItsProbability() {
        float[] img = spotAt(1, 1, 1f);
        ChainScores pelvic = chain(new FakeStage1(), new FakeStage2(0.7f)).run(List.of(img)).get(0);
        assertThat(pelvic.type()).isEqualTo(FractureType.PELVIC);
        assertThat(pelvic.typeProbability()).isCloseTo(0.7, within(1e-6));
        ChainScores hip = chain(new FakeStage1(), new FakeStage2(0.3f)).run(List.of(img)).get(0);
        assertThat(hip.type()).isEqualTo(FractureType.HIP);
        assertThat(hip.typeProbability()).isCloseTo(0.7, within(1e-6));
        ChainScores none = chain(new FakeStage1(), new FakeStage2(null)).run(List.of(img)).get(0);
        assertThat(none.type()).isNull();
        assertThat(none.typeProbability()).isNaN();
    }
}
