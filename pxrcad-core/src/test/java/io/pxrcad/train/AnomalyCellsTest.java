package io.pxrcad.train;

import io.pxrcad.DataException;
import io.pxrcad.PixelBox;
import io.pxrcad.data.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyCellsTest {
    private static final int SIDE = 8, CHANNELS = 4, MAP = 2;

    @Test
    void theCellHoldingAFeatureNoNegativeHasScoresHighest() {
        Random r = new Random(1);
        float[] normal = random(r);
        List<float[]> negatives = List.of(normal.clone(), normal.clone());
        float[] positive = normal.clone();
        // position (6, 1): map cell row 1, column 0 (4x4 positions per cell)
        int p = (6 * SIDE + 1) * CHANNELS;
        for (int c = 0; c < CHANNELS; c++) positive[p + c] = c == 0 ? 1 : 0;
        float[] scores = scores(positive, negatives);
        assertThat(AnomalyCells.top(scores, 1)).containsExactly(2);
        assertThat(scores[2]).isGreaterThan(0.1f);
        assertThat(scores[0]).isZero();
    }

    @Test
    void aFeatureSeenOnePositionAwayInANegativeIsNotAnomalous() {
        Random r = new Random(2);
        float[] negative = random(r);
        // the positive is the negative shifted right by one position (its first column repeats)
        float[] positive = new float[negative.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int from = (y * SIDE + Math.max(0, x - 1)) * CHANNELS, to = (y * SIDE + x) * CHANNELS;
                System.arraycopy(negative, from, positive, to, CHANNELS);
            }
        }
        float[] scores = scores(positive, List.of(negative));
        for (float s : scores) assertThat(s).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void normaliseMakesUnitVectorsAndLeavesZeroOnesAlone() {
        float[] v = {3, 4, 0, 0, 0, 0};
        AnomalyCells.normalise(v, 2);
        assertThat(v).containsExactly(0.6f, 0.8f, 0f, 0f, 0f, 0f);
    }

    @Test
    void topTakesTheHighestFirstAndTheLowerIndexOnTies() {
        assertThat(AnomalyCells.top(new float[] {1, 5, 5, 3}, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void fillMarksEveryCellOfANegativeAndOnlyTheChosenOfAPositiveMirroredWithTheImage() {
        AnomalyCells cells = new AnomalyCells(3, List.of(new int[] {3, 1}, new int[0]));
        float[] t = new float[18], m = new float[18];
        cells.fill(0, true, true, t, m, 0);
        cells.fill(1, false, false, t, m, 9);
        // cell 3 = (1,0) mirrored to (1,2) = 5; cell 1 = (0,1) stays 1
        assertThat(t).containsExactly(0, 1, 0, 0, 0, 1, 0, 0, 0, /* negative */ 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(m).containsExactly(0, 1, 0, 0, 0, 1, 0, 0, 0, /* negative */ 1, 1, 1, 1, 1, 1, 1, 1, 1);

        // a positive's most normal-looking cells are masked with target 0, mirrored likewise
        AnomalyCells withNormal = new AnomalyCells(3, List.of(new int[] {4}), List.of(new int[] {0, 8}));
        float[] t2 = new float[9], m2 = new float[9];
        withNormal.fill(0, true, true, t2, m2, 0);
        assertThat(t2).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThat(m2).containsExactly(0, 0, 1, 0, 1, 0, 1, 0, 0);
    }

    @Test
    void targetsChosenAgainAreEachPositivesTwoHighestMapCellsWithItsNormalCellsKept() {
        AnomalyCells first = new AnomalyCells(3, List.of(new int[] {0, 1}, new int[0]), List.of(new int[] {8}, new int[0]));
        List<io.pxrcad.mining.ProbabilityMap> maps = List.of(
                new io.pxrcad.mining.ProbabilityMap(3, 3, new float[] {0.1f, 0.2f, 0.1f, 0.3f, 0.1f, 0.9f, 0.1f, 0.7f, 0.1f}),
                new io.pxrcad.mining.ProbabilityMap(3, 3, new float[] {0.9f, 0.8f, 0, 0, 0, 0, 0, 0, 0}));
        List<ManifestEntry> entries = List.of(entry("a.png", 1, List.of()), entry("b.png", 0, List.of()));
        AnomalyCells again = AnomalyCells.fromMaps(maps, entries, first);
        assertThat(again.mapSide()).isEqualTo(3);
        assertThat(again.chosen().get(0)).containsExactly(5, 7);
        assertThat(again.chosen().get(1)).isEmpty();
        assertThat(again.normal().get(0)).containsExactly(8);
        assertThatThrownBy(() -> AnomalyCells.fromMaps(maps.subList(0, 1), entries.subList(0, 1), first))
                .hasMessageContaining("for the targets of 2 images");
        List<io.pxrcad.mining.ProbabilityMap> wrongSide = List.of(new io.pxrcad.mining.ProbabilityMap(2, 2, new float[4]),
                new io.pxrcad.mining.ProbabilityMap(2, 2, new float[4]));
        assertThatThrownBy(() -> AnomalyCells.fromMaps(wrongSide, entries, first))
                .hasMessageContaining("a 2x2 map for targets of side 3");
    }

    @Test
    void firstInBoxCountsPositivesWithBoxesWhoseFirstCellCentreIsInOne(@TempDir Path dir) {
        // 2x2 map on a 100x100 image: cell 3 is centred at (75, 75)
        ManifestEntry hit = entry("a.png", 1, List.of(new PixelBox(60, 60, 90, 90)));
        ManifestEntry miss = entry("b.png", 1, List.of(new PixelBox(0, 0, 20, 20)));
        ManifestEntry unboxed = entry("c.png", 1, List.of());
        ManifestEntry negative = entry("d.png", 0, List.of());
        AnomalyCells cells = new AnomalyCells(2, List.of(new int[] {3}, new int[] {3}, new int[] {0}, new int[0]));
        List<int[]> sizes = new ArrayList<>(List.of(new int[] {100, 100}, new int[] {100, 100}));
        sizes.add(null);
        sizes.add(null);
        assertThat(cells.firstInBox(List.of(hit, miss, unboxed, negative), sizes)).containsExactly(1, 2);
    }

    @Test
    void writtenCellsReadBackAndAnotherImageListIsRefused(@TempDir Path dir) throws Exception {
        List<ManifestEntry> entries = List.of(entry("a.png", 1, List.of()), entry("b.png", 0, List.of()));
        AnomalyCells cells = new AnomalyCells(8, List.of(new int[] {63, 0}, new int[0]), List.of(new int[] {5, 6, 7}, new int[0]));
        Path f = dir.resolve("pseudo-cells.tsv");
        cells.write(f, entries);
        AnomalyCells back = AnomalyCells.read(f, entries, 8);
        assertThat(back.chosen().get(0)).containsExactly(63, 0);
        assertThat(back.chosen().get(1)).isEmpty();
        assertThat(back.normal().get(0)).containsExactly(5, 6, 7);
        assertThat(back.normal().get(1)).isEmpty();
        assertThatThrownBy(() -> AnomalyCells.read(f, List.of(entries.get(1), entries.get(0)), 8))
                .isInstanceOf(DataException.class).hasMessageContaining("line 2: expected image b.png");
        assertThatThrownBy(() -> AnomalyCells.read(f, entries.subList(0, 1), 8))
                .hasMessageContaining("cell targets for 2 images but the run trains on 1");
        Files.writeString(f, "# x\na.png\t64\t\nb.png\t\t\n");
        assertThatThrownBy(() -> AnomalyCells.read(f, entries, 8)).hasMessageContaining("line 2: bad cell list '64'");
    }

    private static float[] scores(float[] image, List<float[]> negatives) {
        return AnomalyCells.cellScores(image, AnomalyCells.squaredNorms(image, CHANNELS), negatives,
                negatives.stream().map(n -> AnomalyCells.squaredNorms(n, CHANNELS)).toList(), SIDE, CHANNELS, MAP);
    }

    private static ManifestEntry entry(String image, int label, List<PixelBox> boxes) {
        return new ManifestEntry(image, "p-" + image, label, Optional.empty(), boxes, Optional.empty());
    }

    private static float[] random(Random r) {
        float[] v = new float[SIDE * SIDE * CHANNELS];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        AnomalyCells.normalise(v, CHANNELS);
        return v;
    }
}
