package io.pxrcad.image;

import io.pxrcad.PixelBox;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeometryTest {
    // a wide, non-square original, the paper's input and map sizes
    private final Geometry g = new Geometry(2500, 2048, 961, 30, 30);

    @Test
    void pointRoundTripsWithinOnePixel() {
        Random r = new Random(1);
        for (int k = 0; k < 1000; k++) {
            double x = r.nextDouble() * 2500, y = r.nextDouble() * 2048;
            double[] in = g.toInput(x, y);
            assertThat(in[0]).isBetween(0.0, 961.0);
            double[] back = g.toOriginal(in[0], in[1]);
            assertThat(back[0]).isCloseTo(x, within(1.0));
            assertThat(back[1]).isCloseTo(y, within(1.0));
        }
        assertThat(g.toInput(2500, 2048)).containsExactly(961.0, 961.0);
        assertThat(g.toInput(1250, 1024)).containsExactly(480.5, 480.5);
    }

    @Test
    void boxRoundTripsWithinOnePixel() {
        PixelBox b = new PixelBox(100, 200, 356, 456);
        InputBox in = g.boxToInput(b);
        assertThat(in.width()).isCloseTo(256 * 961.0 / 2500, within(1e-9));
        assertThat(in.height()).isCloseTo(256 * 961.0 / 2048, within(1e-9));
        PixelBox back = g.boxToOriginal(in);
        assertThat(back.x0()).isCloseTo(100, within(1.0));
        assertThat(back.y1()).isCloseTo(456, within(1.0));
    }

    @Test
    void cellsAndTheirCentres() {
        // cell (i, j) centre in input pixels: ((j+0.5)*S/w, (i+0.5)*S/h)
        MapCell c = new MapCell(3, 7);
        assertThat(g.cellCenterInput(c)).containsExactly(7.5 * 961 / 30, 3.5 * 961 / 30);
        double[] o = g.cellCenterOriginal(c);
        assertThat(o[0]).isCloseTo(7.5 * 2500 / 30, within(1e-9));
        assertThat(o[1]).isCloseTo(3.5 * 2048 / 30, within(1e-9));
        // the centre of a cell lies in that cell, and its box contains the centre
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                MapCell m = new MapCell(i, j);
                double[] p = g.cellCenterOriginal(m);
                assertThat(g.cellOf(p[0], p[1])).isEqualTo(m);
                assertThat(g.cellBoxOriginal(m).contains(p[0], p[1])).isTrue();
            }
        }
        assertThat(g.cellOf(0, 0)).isEqualTo(new MapCell(0, 0));
        assertThat(g.cellOf(2500, 2048)).isEqualTo(new MapCell(29, 29));
        assertThat(g.cellOf(-5, 99999)).isEqualTo(new MapCell(29, 0));
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new Geometry(0, 10, 961, 30, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("original 0x10");
        assertThatThrownBy(() -> g.cellCenterInput(new MapCell(30, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MapCell(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
