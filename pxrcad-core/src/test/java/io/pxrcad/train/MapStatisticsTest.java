package io.pxrcad.train;

import io.pxrcad.PixelBox;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.mining.ProbabilityMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MapStatisticsTest {
    private static ManifestEntry entry(int label, List<PixelBox> boxes) {
        return new ManifestEntry("i" + boxes.size() + label, "p", label,
                label == 1 ? Optional.of(io.pxrcad.FractureType.HIP) : Optional.empty(), boxes, Optional.empty());
    }

    @Test
    void describesFlatAndPeakedMapsAndWhereTheMaximumLies() {
        float[] flat = new float[16];
        Arrays.fill(flat, 0.6f);
        float[] peaked = new float[16];
        peaked[4 * 2 + 3] = 1f; // row 2, col 3: centre (3.5, 2.5) cells = (350, 250) px in a 400 x 400 image
        List<ProbabilityMap> maps = List.of(new ProbabilityMap(4, 4, flat), new ProbabilityMap(4, 4, peaked),
                new ProbabilityMap(4, 4, peaked.clone()));
        List<ManifestEntry> entries = List.of(entry(0, List.of()),
                entry(1, List.of(new PixelBox(300, 200, 400, 300))),
                entry(1, List.of(new PixelBox(0, 0, 100, 100))));
        MapStatistics s = MapStatistics.of(maps, entries, Arrays.asList(null, new int[] {400, 400}, new int[] {400, 400}));

        assertThat(s.meanProbability()).isCloseTo((0.6 + 1 / 16.0 + 1 / 16.0) / 3, within(1e-6));
        // a one-hot map of 16 cells: sd = sqrt(1/16 * 15/16)
        assertThat(s.meanSpread()).isCloseTo(2 * Math.sqrt(15.0 / 256) / 3, within(1e-6));
        assertThat(s.positiveMax()).isEqualTo(1.0);
        assertThat(s.negativeMax()).isCloseTo(0.6, within(1e-6));
        assertThat(s.inBox()).isEqualTo(1);
        assertThat(s.withBoxes()).isEqualTo(2);
        assertThat(s.modeCell()).isEqualTo(new io.pxrcad.image.MapCell(2, 3));
        assertThat(s.modeShare()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(s.asMetrics()).containsEntry("map.maxInBox", 0.5f).containsEntry("map.modeCell", "2,3").containsKeys("map.mean", "map.spread",
                "map.maxPositive", "map.maxNegative");
    }

    @Test
    void leavesOutWhatIsUndefined() {
        MapStatistics s = MapStatistics.of(List.of(new ProbabilityMap(1, 2, new float[] {0.1f, 0.3f})),
                List.of(entry(0, List.of())), Arrays.asList((int[]) null));
        assertThat(s.asMetrics()).containsOnlyKeys("map.mean", "map.spread", "map.maxNegative",
                "map.modeCell", "map.modeShare");
    }

    @Test
    void gradientGroupsAreLayersCutToTwoNameParts() {
        assertThat(GradientNorms.group("stage1.conv1.weight")).isEqualTo("stage1.conv1");
        assertThat(GradientNorms.group("mil.weight")).isEqualTo("mil");
        assertThat(GradientNorms.group("features.denseblock1.denselayer3.conv2.weight")).isEqualTo("features.denseblock1");
    }

    @Test
    void pooledLogitsAreTheSigmoidOfTheLseOfTheMapsLogits() {
        float[] v = {0.2f, 0.9f, 0.5f, 0.5f};
        double[] z = new double[v.length];
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            z[i] = Math.log(v[i] / (1.0 - v[i]));
            m = Math.max(m, 5 * z[i]);
        }
        double sum = 0;
        for (double x : z) sum += Math.exp(5 * x - m);
        double lse = (m + Math.log(sum / v.length)) / 5;
        float[] got = Stage1.pooledLogits(List.of(new ProbabilityMap(2, 2, v)), 5f);
        assertThat((double) got[0]).isCloseTo(1 / (1 + Math.exp(-lse)), within(1e-5));
    }

    @Test
    void negativeCellLossAveragesTheNegativesCellsOverAllImages() {
        List<ProbabilityMap> maps = List.of(new ProbabilityMap(1, 2, new float[] {0.5f, 0.75f}),
                new ProbabilityMap(1, 2, new float[] {0.9f, 0.9f}));
        double expected = (-Math.log(0.5) - Math.log(0.25)) / 2 / 2;
        assertThat(Stage1.negativeCellLoss(maps, new int[] {0, 1})).isCloseTo(expected, within(1e-6));
    }
}
