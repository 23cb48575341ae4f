package io.pxrcad.server;

import io.pxrcad.Radiograph;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.report.DisplayImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RadiographPngTest {
    private static final PreprocessConfig CONFIG = new PreprocessConfig();

    @Test
    void aSmallImageKeepsItsSizeAndTheModelsScaling() throws IOException {
        Radiograph r = ramp(200, 120);
        BufferedImage png = decode(encode(r));
        assertThat(new int[] {png.getWidth(), png.getHeight()}).containsExactly(200, 120);
        assertThat(png.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        float[] unit = new Preprocessor(CONFIG).scaleToUnit(r);
        for (int[] xy : new int[][] {{0, 0}, {57, 33}, {199, 119}, {100, 60}}) {
            int expected = Math.round(unit[xy[1] * 200 + xy[0]] * 255);
            assertThat(png.getRaster().getSample(xy[0], xy[1], 0)).as("pixel %d,%d", xy[0], xy[1]).isEqualTo(expected);
        }
        // the percentiles clip: the darkest corner is black, the brightest white
        assertThat(png.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(png.getRaster().getSample(199, 119, 0)).isEqualTo(255);
    }

    @Test
    void aLargeImageIsScaledDownKeepingItsAspectRatio() throws IOException {
        BufferedImage png = decode(encode(ramp(3000, 2400)));
        assertThat(new int[] {png.getWidth(), png.getHeight()}).containsExactly(Pictures.MAX_SIDE, 819);
        BufferedImage tall = decode(encode(ramp(1000, 2048)));
        assertThat(new int[] {tall.getWidth(), tall.getHeight()}).containsExactly(500, Pictures.MAX_SIDE);
    }

    /** Brighter to the right and down, 12-bit. */
    private static Radiograph ramp(int w, int h) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) px[y * w + x] = (float) Math.floor(4095.0 * (x + y) / (w + h - 2));
        }
        return Radiograph.wrap(w, h, px, 12, "ramp");
    }

    /** As the service draws it: one display image per upload, with the model's preprocessing. */
    private static byte[] encode(Radiograph r) {
        return RadiographPng.encode(DisplayImage.of(r, new Preprocessor(CONFIG), Pictures.MAX_SIDE));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
