package io.pxrcad.server;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.image.MapCell;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.report.DisplayImage;
import io.pxrcad.report.HeatmapOverlay;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pictures of an upload: drawn once each, from the one display image, as the radiograph itself would draw them. */
class PicturesTest {
    @Test
    void theOverlayFromTheDisplayImageMatchesTheOverlayOfTheRadiograph() throws IOException {
        Radiograph r = ramp(1500, 1200);
        Detection d = detection(r);
        Pictures pictures = new Pictures(DisplayImage.of(r, new Preprocessor(new PreprocessConfig()), Pictures.MAX_SIDE), d);
        BufferedImage fromDisplay = ImageIO.read(new ByteArrayInputStream(pictures.overlayPng()));
        BufferedImage direct = HeatmapOverlay.render(r, d.map(), d.roi(), HeatmapOverlay.caption(d), Pictures.MAX_SIDE);
        assertThat(new int[] {fromDisplay.getWidth(), fromDisplay.getHeight()}).containsExactly(1024, 819);
        int worst = 0;
        for (int y = 0; y < direct.getHeight(); y++) {
            for (int x = 0; x < direct.getWidth(); x++) {
                int a = fromDisplay.getRGB(x, y), b = direct.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) worst = Math.max(worst, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
            }
        }
        // the display image holds 8-bit gray: at most one level apart per channel
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void eachPictureIsDrawnOnceAndKept() {
        Radiograph r = ramp(300, 200);
        Pictures pictures = new Pictures(DisplayImage.of(r, new Preprocessor(new PreprocessConfig()), Pictures.MAX_SIDE), detection(r));
        assertThat(pictures.overlayPng()).isSameAs(pictures.overlayPng());
        assertThat(pictures.heatmapPng()).isSameAs(pictures.heatmapPng());
        assertThat(pictures.imagePng()).isSameAs(pictures.imagePng()).isNotEqualTo(pictures.overlayPng());
    }

    private static Detection detection(Radiograph r) {
        float[] map = new float[64];
        for (int i = 0; i < map.length; i++) map[i] = i / 63f;
        return new Detection(0.9, 0.95, 0.95, Band.FRACTURE, FractureType.HIP, 0.8,
                new PixelBox(r.width() / 4, r.height() / 4, r.width() / 2, r.height() / 2), new MapCell(7, 7),
                new ProbabilityMap(8, 8, map), r.width(), r.height(), List.of(), null);
    }

    private static Radiograph ramp(int w, int h) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) px[y * w + x] = (float) Math.floor(4095.0 * (x + 2 * y) / (w + 2 * h - 3));
        }
        return Radiograph.wrap(w, h, px, 12, "ramp");
    }
}
