package io.pxrcad.report;

import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.mining.ProbabilityMap;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeatmapOverlayTest {
    private static final int SIDE = 256;

    /** A horizontal gray ramp with no heat: every coloured pixel is a drawn box. */
    private static Radiograph ramp() {
        float[] px = new float[SIDE * SIDE];
        for (int i = 0; i < px.length; i++) px[i] = (i % SIDE) * 16f;
        return new Radiograph(SIDE, SIDE, px, 12, "test");
    }

    private static int greenPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF;
                if (g - r > 100) n++;
            }
        }
        return n;
    }

    @Test
    void trueBoxesAreDrawnInGreenWhereTheyAre() {
        ProbabilityMap cold = new ProbabilityMap(8, 8, new float[64]);
        PixelBox roi = new PixelBox(20, 20, 60, 60);
        PixelBox truth = new PixelBox(100, 100, 200, 180);
        BufferedImage with = HeatmapOverlay.render(ramp(), cold, roi, List.of(truth), null, 512);
        BufferedImage without = HeatmapOverlay.render(ramp(), cold, roi, null, 512);
        // 256 px are drawn at 512 (small images are scaled up to be readable)
        assertThat(with.getWidth()).isEqualTo(512);
        int w = with.getWidth(), h = with.getHeight();
        assertThat(greenPixels(without, 0, 0, w, h)).isZero();
        // a dashed outline of 2 x (200 + 160) px at scale 2, about 5/8 of it drawn
        int onBox = greenPixels(with, 196, 196, 404, 364);
        assertThat(onBox).isGreaterThan(500);
        assertThat(greenPixels(with, 0, 0, w, h)).isEqualTo(onBox);
        assertThat(greenPixels(with, 210, 210, 390, 350)).as("inside the box").isZero();
    }
}
