package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.FractureType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoiSamplerTest {
    private static final RoiGeometry GEOMETRY = new RoiGeometry(80, 20);
    private static final float P_HAT = 0.5f;

    /** A 4x4 map, 0.1 everywhere except the given cells at 0.9. */
    private static ProbabilityMap map(int... hotCells) {
        float[] v = new float[16];
        java.util.Arrays.fill(v, 0.1f);
        for (int c : hotCells) {
            v[c] = 0.9f;
        }
        return new ProbabilityMap(4, 4, v);
    }

    private static RoiSampler sampler(long seed) {
        return new RoiSampler(RoiSampler.DEFAULT_K, P_HAT, GEOMETRY, seed);
    }

    private static List<MinedRoi> of(List<MinedRoi> rois, int image) {
        return rois.stream().filter(r -> r.imageIndex() == image).toList();
    }

    @Test
    void positiveImageDrawsUpToKDistinctCellsFromSPrime() {
        int[] hot = {0, 2, 5, 7, 8, 11, 13};
        List<TrainingMap> images = List.of(new TrainingMap(map(hot), true, FractureType.HIP));
        Set<MapCell> sPrime = new HashSet<>(images.get(0).map().cellsAbove(P_HAT));
        assertThat(sPrime).hasSize(7);
        Set<MapCell> seenOverEpochs = new HashSet<>();
        for (int epoch = 0; epoch < 30; epoch++) {
            RoiSampler.EpochRois e = sampler(1).sample(images, epoch);
            assertThat(e.rois()).hasSize(5);
            Set<MapCell> cells = new HashSet<>();
            for (MinedRoi r : e.rois()) {
                assertThat(r.kind()).isEqualTo(RoiKind.PROBABLE_POSITIVE);
                assertThat(r.label()).isEqualTo(1);
                assertThat(r.type()).isEqualTo(FractureType.HIP);
                assertThat(sPrime).contains(r.cell());
                assertThat(r.box()).isEqualTo(GEOMETRY.box(r.cell(), 4, 4));
                cells.add(r.cell());
            }
            assertThat(cells).as("without replacement").hasSize(5);
            seenOverEpochs.addAll(cells);
            assertThat(e.counts()).isEqualTo(new EpochRoiCounts(5, 0, 0, 0));
        }
        assertThat(seenOverEpochs).as("drawn afresh each epoch").isEqualTo(sPrime);
    }

    @Test
    void positiveWithSmallSPrimeTakesAllOfIt() {
        List<TrainingMap> images = List.of(new TrainingMap(map(3, 12), true, null));
        List<MinedRoi> rois = sampler(2).sample(images, 0).rois();
        assertThat(rois).extracting(MinedRoi::cell).containsExactlyInAnyOrder(new MapCell(0, 3), new MapCell(3, 0));
        assertThat(rois).allMatch(r -> r.type() == null);
    }

    @Test
    void positiveWithEmptySPrimeFallsBackToTheArgmax() {
        float[] v = new float[16];
        java.util.Arrays.fill(v, 0.1f);
        v[9] = 0.4f; // below p_hat, but the maximum
        List<TrainingMap> images = List.of(new TrainingMap(new ProbabilityMap(4, 4, v), true, FractureType.PELVIC));
        RoiSampler.EpochRois e = sampler(3).sample(images, 4);
        assertThat(e.rois()).singleElement().satisfies(r -> {
            assertThat(r.cell()).isEqualTo(new MapCell(2, 1));
            assertThat(r.kind()).isEqualTo(RoiKind.PROBABLE_POSITIVE);
            assertThat(r.type()).isEqualTo(FractureType.PELVIC);
        });
        assertThat(e.counts()).isEqualTo(new EpochRoiCounts(1, 1, 0, 0));
    }

    @Test
    void negativeWithLargeSPrimeIsAllHard() {
        List<TrainingMap> images = List.of(new TrainingMap(map(0, 1, 2, 3, 4, 5, 6, 7), false, null));
        for (int epoch = 0; epoch < 10; epoch++) {
            List<MinedRoi> rois = sampler(4).sample(images, epoch).rois();
            assertThat(rois).hasSize(5).allMatch(r -> r.kind() == RoiKind.HARD_NEGATIVE && r.label() == 0
                    && r.type() == null && r.cell().row() < 2);
            assertThat(new HashSet<>(rois.stream().map(MinedRoi::cell).toList())).hasSize(5);
        }
    }

    @Test
    void negativeWithSmallSPrimeTakesItAllAndFillsWithDistinctEasyCells() {
        List<TrainingMap> images = List.of(new TrainingMap(map(6, 9), false, null));
        Map<MapCell, Integer> easyDraws = new HashMap<>();
        int epochs = 400;
        for (int epoch = 0; epoch < epochs; epoch++) {
            RoiSampler.EpochRois e = sampler(5).sample(images, epoch);
            List<MinedRoi> rois = e.rois();
            assertThat(rois).hasSize(5);
            assertThat(rois.subList(0, 2)).allMatch(r -> r.kind() == RoiKind.HARD_NEGATIVE)
                    .extracting(MinedRoi::cell).containsExactlyInAnyOrder(new MapCell(1, 2), new MapCell(2, 1));
            List<MinedRoi> easy = rois.subList(2, 5);
            assertThat(easy).allMatch(r -> r.kind() == RoiKind.EASY_NEGATIVE && r.label() == 0);
            Set<MapCell> all = new HashSet<>(rois.stream().map(MinedRoi::cell).toList());
            assertThat(all).as("no cell repeated, hard ones included").hasSize(5);
            easy.forEach(r -> easyDraws.merge(r.cell(), 1, Integer::sum));
            assertThat(e.counts()).isEqualTo(new EpochRoiCounts(0, 0, 2, 3));
        }
        // uniform over the 14 other cells: each expected 400*3/14 = 85.7 times
        assertThat(easyDraws).hasSize(14);
        assertThat(easyDraws.values()).allMatch(n -> n > 55 && n < 120);
    }

    @Test
    void negativeWithEmptySPrimeIsAllEasy() {
        List<TrainingMap> images = List.of(new TrainingMap(map(), false, null));
        RoiSampler.EpochRois e = sampler(6).sample(images, 0);
        assertThat(e.counts()).isEqualTo(new EpochRoiCounts(0, 0, 0, 5));
    }

    @Test
    void negativeWithTinyMapGetsFewerThanK() {
        List<TrainingMap> images = List.of(new TrainingMap(ProbabilityMap.of(new float[][] {{0.9f, 0.1f}, {0.2f, 0.3f}}), false, null));
        RoiSampler.EpochRois e = sampler(7).sample(images, 0);
        assertThat(e.counts()).isEqualTo(new EpochRoiCounts(0, 0, 1, 3));
    }

    @Test
    void kIsRespected() {
        List<TrainingMap> images = List.of(
                new TrainingMap(map(0, 1, 2, 3, 4, 5, 6, 7, 8), true, null),
                new TrainingMap(map(0, 1, 2, 3, 4, 5, 6, 7, 8), false, null),
                new TrainingMap(map(), false, null));
        for (int k = 1; k <= 9; k++) {
            RoiSampler.EpochRois e = new RoiSampler(k, P_HAT, GEOMETRY, 8).sample(images, 2);
            for (int n = 0; n < 3; n++) {
                assertThat(of(e.rois(), n)).hasSize(k);
            }
        }
    }

    @Test
    void deterministicPerSeedAndEpochAndIndependentOfOtherImages() {
        List<TrainingMap> images = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            images.add(new TrainingMap(map(n % 16, (n * 7) % 16, (n * 3 + 1) % 16), n % 3 == 0, null));
        }
        RoiSampler.EpochRois a = sampler(11).sample(images, 3);
        RoiSampler.EpochRois b = new RoiSampler(5, P_HAT, GEOMETRY, 11).sample(images, 3);
        assertThat(a.rois()).isEqualTo(b.rois());
        assertThat(sampler(11).sample(images, 4).rois()).isNotEqualTo(a.rois());
        assertThat(sampler(12).sample(images, 3).rois()).isNotEqualTo(a.rois());
        // image 5's draw does not depend on the images before or after it
        List<MinedRoi> alone = sampler(11).sample(images.subList(0, 6), 3).rois();
        assertThat(of(alone, 5)).isEqualTo(of(a.rois(), 5));
    }

    @Test
    void topTakesTheHighestCellsOfSPrimeEveryEpochAndStillDrawsEasyNegatives() {
        float[] v = new float[16];
        java.util.Arrays.fill(v, 0.1f);
        float[] hot = {0.95f, 0.6f, 0.9f, 0.7f, 0.8f, 0.55f, 0.65f}; // cells 0..6, all above p_hat
        System.arraycopy(hot, 0, v, 0, hot.length);
        ProbabilityMap many = new ProbabilityMap(4, 4, v);
        List<TrainingMap> images = List.of(new TrainingMap(many, true, FractureType.HIP),
                new TrainingMap(many, false, null), new TrainingMap(map(6, 9), false, null));
        RoiSampler top = new RoiSampler(3, P_HAT, GEOMETRY, 1, true);
        for (int epoch = 0; epoch < 5; epoch++) {
            List<MinedRoi> rois = top.sample(images, epoch).rois();
            // 0.95 (0,0), 0.9 (0,2), 0.8 (1,0): highest first, the same every epoch
            List<MapCell> highest = List.of(new MapCell(0, 0), new MapCell(0, 2), new MapCell(1, 0));
            assertThat(of(rois, 0)).extracting(MinedRoi::cell).isEqualTo(highest);
            assertThat(of(rois, 0)).allMatch(r -> r.kind() == RoiKind.PROBABLE_POSITIVE);
            assertThat(of(rois, 1)).extracting(MinedRoi::cell).isEqualTo(highest);
            assertThat(of(rois, 1)).allMatch(r -> r.kind() == RoiKind.HARD_NEGATIVE);
            // two hard cells, then one easy cell drawn from the rest of the map
            assertThat(of(rois, 2)).extracting(MinedRoi::kind)
                    .containsExactly(RoiKind.HARD_NEGATIVE, RoiKind.HARD_NEGATIVE, RoiKind.EASY_NEGATIVE);
        }
        Set<MapCell> easy = new HashSet<>();
        for (int epoch = 0; epoch < 50; epoch++) {
            easy.add(of(top.sample(images, epoch).rois(), 2).get(2).cell());
        }
        assertThat(easy).as("easy negatives still drawn afresh").hasSizeGreaterThan(5);
        assertThat(new RoiSampler(3, P_HAT, GEOMETRY, 1, false).sample(images, 0).rois())
                .as("the default draw is random").isNotEqualTo(top.sample(images, 0).rois());
    }

    @Test
    void fewerProbablePositivesThanKLeaveTheNegativesAtK() {
        float[] v = new float[16];
        java.util.Arrays.fill(v, 0.1f);
        float[] hot = {0.6f, 0.95f, 0.9f, 0.7f}; // cells 0..3 above p_hat, (0,1) the highest
        System.arraycopy(hot, 0, v, 0, hot.length);
        ProbabilityMap many = new ProbabilityMap(4, 4, v);
        List<TrainingMap> images = List.of(new TrainingMap(many, true, FractureType.PELVIC),
                new TrainingMap(many, false, null), new TrainingMap(map(6), false, null));
        List<MinedRoi> top = new RoiSampler(3, 1, P_HAT, GEOMETRY, 1, true).sample(images, 0).rois();
        assertThat(of(top, 0)).extracting(MinedRoi::cell).containsExactly(new MapCell(0, 1));
        assertThat(of(top, 0).get(0).type()).isEqualTo(FractureType.PELVIC);
        assertThat(of(top, 1)).extracting(MinedRoi::cell).containsExactly(new MapCell(0, 1), new MapCell(0, 2), new MapCell(0, 3));
        assertThat(of(top, 2)).extracting(MinedRoi::kind)
                .containsExactly(RoiKind.HARD_NEGATIVE, RoiKind.EASY_NEGATIVE, RoiKind.EASY_NEGATIVE);
        for (int epoch = 0; epoch < 10; epoch++) {
            List<MinedRoi> drawn = new RoiSampler(3, 2, P_HAT, GEOMETRY, 5, false).sample(images, epoch).rois();
            assertThat(of(drawn, 0)).hasSize(2).allMatch(r -> r.kind() == RoiKind.PROBABLE_POSITIVE && r.cell().row() == 0);
            assertThat(of(drawn, 1)).hasSize(3);
        }
        // as many as K: the draw of METHOD.md, ROI for ROI
        assertThat(new RoiSampler(3, 3, P_HAT, GEOMETRY, 5, false).sample(images, 4).rois())
                .isEqualTo(new RoiSampler(3, P_HAT, GEOMETRY, 5, false).sample(images, 4).rois());
        assertThatThrownBy(() -> new RoiSampler(3, 4, P_HAT, GEOMETRY, 1, true)).hasMessageContaining("between 1 and K (3) but was 4");
        assertThatThrownBy(() -> new RoiSampler(3, 0, P_HAT, GEOMETRY, 1, true)).hasMessageContaining("but was 0");
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new RoiSampler(0, P_HAT, GEOMETRY, 1)).hasMessageContaining("K");
        assertThatThrownBy(() -> sampler(1).sample(List.of(), -1)).hasMessageContaining("epoch");
        assertThatThrownBy(() -> new TrainingMap(map(), false, FractureType.HIP)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new MinedRoi(0, new MapCell(0, 0), GEOMETRY.box(new MapCell(0, 0), 4, 4),
                RoiKind.HARD_NEGATIVE, 1, null)).hasMessageContaining("label 0");
    }
}
