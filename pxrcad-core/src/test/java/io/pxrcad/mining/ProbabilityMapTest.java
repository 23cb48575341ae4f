package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProbabilityMapTest {

    @Test
    void maxArgmaxAndCandidates() {
        ProbabilityMap m = ProbabilityMap.of(new float[][] {
                {0.1f, 0.2f, 0.3f},
                {0.9f, 0.5f, 0.9f}});
        assertThat(m.height()).isEqualTo(2);
        assertThat(m.width()).isEqualTo(3);
        assertThat(m.max()).isEqualTo(0.9f);
        assertThat(m.argmax()).isEqualTo(new MapCell(1, 0)); // first of the tie in row-major order
        assertThat(m.get(0, 2)).isEqualTo(0.3f);
        assertThat(m.cellsAbove(0.3f)).containsExactly(new MapCell(1, 0), new MapCell(1, 1), new MapCell(1, 2));
    }

    @Test
    void highestCellsComeInOrderWithTiesInRowMajorOrder() {
        ProbabilityMap m = ProbabilityMap.of(new float[][] {
                {0.1f, 0.2f, 0.3f},
                {0.9f, 0.5f, 0.9f}});
        assertThat(m.highest(1)).containsExactly(m.argmax());
        assertThat(m.highest(4)).containsExactly(new MapCell(1, 0), new MapCell(1, 2), new MapCell(1, 1), new MapCell(0, 2));
        assertThat(m.highest(10)).hasSize(6).endsWith(new MapCell(0, 0));
        assertThatThrownBy(() -> m.highest(0)).hasMessageContaining("k must be >= 1");
    }

    @Test
    void isImmutable() {
        float[] v = {0.1f, 0.2f};
        ProbabilityMap m = new ProbabilityMap(1, 2, v);
        v[0] = 1f;
        m.values()[1] = 1f;
        assertThat(m.values()).containsExactly(0.1f, 0.2f);
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new ProbabilityMap(2, 2, new float[3])).hasMessageContaining("expected 2x2 = 4");
        assertThatThrownBy(() -> new ProbabilityMap(1, 2, new float[] {0.1f, 1.5f})).hasMessageContaining("(0,1)");
        assertThatThrownBy(() -> new ProbabilityMap(0, 2, new float[0])).hasMessageContaining("0x2");
        assertThatThrownBy(() -> ProbabilityMap.of(new float[][] {{0f, 0f}, {0f}})).hasMessageContaining("row 1");
        assertThatThrownBy(() -> ProbabilityMap.of(new float[][] {{0f}}).get(1, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
