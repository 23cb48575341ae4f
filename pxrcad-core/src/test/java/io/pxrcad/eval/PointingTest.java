package io.pxrcad.eval;

import io.pxrcad.PixelBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointingTest {
    private static final List<PixelBox> BOXES = List.of(new PixelBox(10, 20, 30, 40), new PixelBox(100, 100, 110, 120));

    @Test
    void aPointCountsInsideAnyBoxGrownByTheTolerance() {
        assertThat(Pointing.hit(BOXES, 20, 30, 0, 0)).isTrue();
        assertThat(Pointing.hit(BOXES, 105, 119, 0, 0)).isTrue();
        assertThat(Pointing.hit(BOXES, 34, 30, 0, 0)).isFalse();
        assertThat(Pointing.hit(BOXES, 34, 30, 4, 0)).isTrue();
        assertThat(Pointing.hit(BOXES, 34, 30, 3.9, 100)).isFalse();
        assertThat(Pointing.hit(BOXES, 20, 44, 0, 4)).isTrue();
        assertThat(Pointing.hit(List.of(), 20, 30, 1000, 1000)).isFalse();
        assertThatThrownBy(() -> Pointing.hit(BOXES, 0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shareKeepsCountsAndIsNaNWhenEmpty() {
        assertThat(Share.of(3, 4).value()).isEqualTo(0.75);
        assertThat(Share.of(3, 4).format()).isEqualTo("0.750 (3/4)");
        assertThat(Share.of(0, 0).value()).isNaN();
        assertThat(Share.of(0, 0).format()).isEqualTo("– (0/0)");
        assertThatThrownBy(() -> Share.of(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
