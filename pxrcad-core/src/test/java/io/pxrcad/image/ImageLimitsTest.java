package io.pxrcad.image;

import io.pxrcad.fuzz.FuzzSeeds;
import io.pxrcad.fuzz.ImageHeaders;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The one size limit of every format: real small files whose header is rewritten to declare
 * 40000 x 40000 pixels (a 1.6 gigapixel "bomb") are refused from the header, fast and with one
 * line, by both {@link ImageReaders#read} and {@link ImageReaders#dimensions}; an image at the
 * limit decodes, one pixel over it does not.
 */
class ImageLimitsTest {
    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void defaultLimit() { System.clearProperty(ImageLimits.PROPERTY); }

    /** The seeds are 48 x 40 pixels; each bomb keeps its pixels and rewrites only the header. */
    private Map<String, byte[]> bombs() {
        return Map.of(
                "bomb.png", ImageHeaders.withPngSize(FuzzSeeds.png().get(0), 40000, 40000),
                "bomb.jpg", ImageHeaders.withJpegSize(FuzzSeeds.jpeg().get(0), 40000, 40000),
                "bomb.tif", ImageHeaders.withTiffSize(FuzzSeeds.tiff().get(0), 40000, 40000),
                "bomb.dcm", dicomOfSize(40000, 40000));
    }

    @Test
    void bombsOfEveryFormatAreRefusedFromTheHeader() throws IOException {
        for (var e : bombs().entrySet()) {
            Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
            String name = e.getKey().endsWith(".dcm") ? e.getKey() : f.toString(); // DICOM messages name the file only
            String expected = "image " + name + " declares 40000 x 40000 pixels (1600 megapixels), over the limit of 50 megapixels"
                    + " (-Dpxrcad.maxPixels)";
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                assertThatThrownBy(() -> ImageReaders.read(f)).as(e.getKey())
                        .isInstanceOf(ImageTooLargeException.class).isInstanceOf(InvalidImageException.class)
                        .hasMessage(expected)
                        .satisfies(t -> {
                            ImageTooLargeException x = (ImageTooLargeException) t;
                            assertThat(new long[] {x.width(), x.height(), x.limit()}).containsExactly(40000, 40000, 50_000_000);
                        });
                assertThatThrownBy(() -> ImageReaders.dimensions(f)).as(e.getKey())
                        .isInstanceOf(ImageTooLargeException.class).hasMessage(expected);
            }, e.getKey());
        }
    }

    @Test
    void anImageAtTheLimitDecodesAndOnePixelOverIsRefused() throws IOException {
        Map<String, byte[]> files = Map.of("a.png", FuzzSeeds.png().get(0), "a.jpg", FuzzSeeds.jpeg().get(0),
                "a.tif", FuzzSeeds.tiff().get(0), "a.dcm", dicomOfSize(40, 48));
        for (var e : files.entrySet()) {
            Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
            System.setProperty(ImageLimits.PROPERTY, Integer.toString(48 * 40));
            Radiograph r = ImageReaders.read(f);
            assertThat(new int[] {r.width(), r.height()}).as(e.getKey()).containsExactly(48, 40);
            assertThat(ImageReaders.dimensions(f)).as(e.getKey()).containsExactly(48, 40);

            System.setProperty(ImageLimits.PROPERTY, Integer.toString(48 * 40 - 1));
            assertThatThrownBy(() -> ImageReaders.read(f)).as(e.getKey()).isInstanceOf(ImageTooLargeException.class)
                    .hasMessageEndingWith("declares 48 x 40 pixels (0.00192 megapixels), over the limit of 0.00192 megapixels"
                            + " (-Dpxrcad.maxPixels)");
            assertThatThrownBy(() -> ImageReaders.dimensions(f)).as(e.getKey()).isInstanceOf(ImageTooLargeException.class);
        }
    }

    @Test
    void theLimitComesFromTheSystemProperty() {
        assertThat(ImageLimits.maxPixels()).isEqualTo(50_000_000L);
        System.setProperty(ImageLimits.PROPERTY, "100_000_000");
        assertThat(ImageLimits.maxPixels()).isEqualTo(100_000_000L);
        ImageLimits.check("image a.png", 10000, 10000); // 100 MP: at the raised limit
        assertThatThrownBy(() -> ImageLimits.check("image a.png", 10000, 10001)).isInstanceOf(ImageTooLargeException.class)
                .hasMessage("image a.png declares 10000 x 10001 pixels (100 megapixels), over the limit of 100 megapixels"
                        + " (-Dpxrcad.maxPixels)");
        for (String bad : new String[] {"0", "-5", "lots", "1e9"}) {
            System.setProperty(ImageLimits.PROPERTY, bad);
            assertThatThrownBy(ImageLimits::maxPixels).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property pxrcad.maxPixels must be a positive whole number of pixels but was '" + bad + "'");
        }
    }

    @Test
    void megapixelsInMessages() {
        assertThat(ImageLimits.megapixels(1_600_000_000L)).isEqualTo("1600");
        assertThat(ImageLimits.megapixels(50_000_000L)).isEqualTo("50");
        assertThat(ImageLimits.megapixels(50_400_000L)).isEqualTo("50.4");
        assertThat(ImageLimits.megapixels(123_456_789L)).isEqualTo("123");
        assertThat(ImageLimits.megapixels(10_000L)).isEqualTo("0.01");
        assertThat(ImageLimits.megapixels(4_294_836_225L)).isEqualTo("4295");
    }

    /** An 8-bit secondary capture whose Rows and Columns are rewritten (the pixel data stays 2 x 2). */
    static byte[] dicomOfSize(int rows, int columns) {
        boolean small = rows * (long) columns <= 4096;
        int w = small ? columns : 2, h = small ? rows : 2;
        byte[] f = DicomWriter.encode(new Radiograph(w, h, new float[w * h], 8, "T"), DicomWriter.Options.secondaryCapture(),
                new DicomWriter.Identity(null, "1.2.3", "1.2.3.4", "1.2.3.5"));
        patchUs(f, 0x0010, rows);
        patchUs(f, 0x0011, columns);
        return f;
    }

    /** Overwrites the value of US element (0028,elem) in an explicit VR little endian file. */
    private static void patchUs(byte[] f, int elem, int v) {
        for (int i = 132; i + 10 <= f.length; i++) {
            if (f[i] == 0x28 && f[i + 1] == 0 && f[i + 2] == (byte) elem && f[i + 3] == (byte) (elem >> 8)
                    && f[i + 4] == 'U' && f[i + 5] == 'S') {
                f[i + 8] = (byte) v;
                f[i + 9] = (byte) (v >> 8);
                return;
            }
        }
        throw new AssertionError("element (0028," + Integer.toHexString(elem) + ") not found");
    }
}
