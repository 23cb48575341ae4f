package io.pxrcad.report;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.image.MapCell;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
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

    private static int yellowPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
                if (r > 200 && g > 180 && b < 80) n++;
            }
        }
        return n;
    }

    private static Detection detection(Band band) {
        return new Detection(0.7, 0.8, 0.875, band, FractureType.HIP, 0.9, new PixelBox(100, 60, 200, 160), new MapCell(0, 0),
                new ProbabilityMap(8, 8, new float[64]), SIDE, SIDE, band == Band.OUT_OF_SCOPE ? List.of("test") : List.of(), null);
    }

    @Test
    void theRoiIsSolidForAFractureDashedForASuspicionAndAbsentOtherwise() {
        // the top edge of the box, away from the text in the corners: y = 120 at scale 2
        int solid = yellowPixels(HeatmapOverlay.annotated(ramp(), detection(Band.FRACTURE), List.of(), null, 512), 220, 112, 380, 128);
        int dashed = yellowPixels(HeatmapOverlay.annotated(ramp(), detection(Band.SUSPICIOUS), List.of(), null, 512), 220, 112, 380, 128);
        int none = yellowPixels(HeatmapOverlay.annotated(ramp(), detection(Band.NONE), List.of(), null, 512), 0, 0, 512, 512);
        assertThat(solid).isGreaterThan(150);
        // dashes 4 on, 3 off: about 4/7 of the solid line
        assertThat(dashed).isBetween(solid * 3 / 10, solid * 8 / 10);
        assertThat(none).isZero();
    }

    @Test
    void textBandsAreDrawnAtTheTopAndTheBottom() {
        BufferedImage plain = HeatmapOverlay.annotated(ramp(), detection(Band.NONE), List.of(), null, 512);
        BufferedImage text = HeatmapOverlay.annotated(ramp(), detection(Band.NONE), List.of("p=0.70 none", "model x"),
                "research software, not for diagnosis", 512);
        assertThat(differing(plain, text, 0, 0, 512, 60)).isGreaterThan(1000);
        assertThat(differing(plain, text, 0, 480, 512, 512)).isGreaterThan(1000);
        assertThat(differing(plain, text, 0, 200, 512, 300)).as("the middle").isZero();
    }

    private static int differing(BufferedImage a, BufferedImage b, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) if (a.getRGB(x, y) != b.getRGB(x, y)) n++;
        return n;
    }
}
