package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.PixelBox;
import io.pxrcad.image.InputBox;
import org.junit.jupiter.api.Test;

class RoiGeometryTest {

    @Test
    void defaultRoiSizeIs256At961() {
        assertThat(RoiGeometry.forImageSize(961).roiSize()).isEqualTo(256);
        assertThat(RoiGeometry.forImageSize(128).roiSize()).isEqualTo(34);
        assertThat(RoiGeometry.forImageSize(1).roiSize()).isEqualTo(1);
    }

    @Test
    void otherFractionsRoundAndAreValidated() {
        assertThat(RoiGeometry.forImageSize(128, 0.4).roiSize()).isEqualTo(51);
        assertThat(RoiGeometry.forImageSize(961, RoiGeometry.DEFAULT_ROI_FRACTION)).isEqualTo(RoiGeometry.forImageSize(961));
        assertThat(RoiGeometry.forImageSize(256, 1).roiSize()).isEqualTo(256);
        assertThatThrownBy(() -> RoiGeometry.forImageSize(128, 0)).hasMessageContaining("ROI fraction").hasMessageContaining("0.0");
        assertThatThrownBy(() -> RoiGeometry.forImageSize(128, 1.5)).hasMessageContaining("1.5");
    }

    @Test
    void interiorCellIsCentredOnTheCellCentre() {
        RoiGeometry g = new RoiGeometry(320, 64);
        // 10x10 map at 320 px: cell (4,6) has its centre at x = 6.5*32 = 208, y = 4.5*32 = 144
        InputBox b = g.box(new MapCell(4, 6), 10, 10);
        assertThat(b).isEqualTo(new InputBox(176, 112, 240, 176));
        assertThat(b.centerX()).isEqualTo(208);
        assertThat(b.centerY()).isEqualTo(144);
    }

    @Test
    void nonSquareMapUsesItsOwnCellSizes() {
        RoiGeometry g = new RoiGeometry(100, 20);
        // 4 rows x 5 cols: cell (1,2) centre x = 2.5*20 = 50, y = 1.5*25 = 37.5 -> corner 27.5 rounds to 28
        assertThat(g.box(new MapCell(1, 2), 4, 5)).isEqualTo(new InputBox(40, 28, 60, 48));
    }

    @Test
    void bordersAndCornersShiftInsideKeepingTheSize() {
        RoiGeometry g = new RoiGeometry(961, 256);
        int h = 30;
        int w = 30;
        InputBox topLeft = g.box(new MapCell(0, 0), h, w);
        assertThat(topLeft).isEqualTo(new InputBox(0, 0, 256, 256));
        InputBox bottomRight = g.box(new MapCell(29, 29), h, w);
        assertThat(bottomRight).isEqualTo(new InputBox(705, 705, 961, 961));
        InputBox topRight = g.box(new MapCell(0, 29), h, w);
        assertThat(topRight).isEqualTo(new InputBox(705, 0, 961, 256));
        InputBox leftEdge = g.box(new MapCell(15, 0), h, w);
        assertThat(leftEdge.x0()).isZero();
        // (15+0.5)*961/30 = 496.55, minus 128 = 368.55 -> 369
        assertThat(leftEdge.y0()).isEqualTo(369);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                InputBox b = g.box(new MapCell(i, j), h, w);
                assertThat(b.inside(961)).isTrue();
                assertThat(b.width()).isEqualTo(256);
                assertThat(b.height()).isEqualTo(256);
            }
        }
    }

    @Test
    void roiAsLargeAsTheImageIsTheWholeImage() {
        assertThat(new RoiGeometry(64, 64).box(new MapCell(3, 1), 4, 4)).isEqualTo(new InputBox(0, 0, 64, 64));
    }

    @Test
    void scalesToTheOriginalImage() {
        RoiGeometry g = new RoiGeometry(100, 20);
        PixelBox b = g.toOriginal(new InputBox(10, 20, 30, 40), 200, 50);
        assertThat(b).isEqualTo(new PixelBox(20, 10, 60, 20));
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> new RoiGeometry(100, 101)).hasMessageContaining("imageSize=100").hasMessageContaining("101");
        assertThatThrownBy(() -> new RoiGeometry(0, 1)).hasMessageContaining("imageSize must be > 0");
        assertThatThrownBy(() -> new RoiGeometry(100, 10).box(new MapCell(4, 0), 4, 4)).hasMessageContaining("outside map");
    }
}
