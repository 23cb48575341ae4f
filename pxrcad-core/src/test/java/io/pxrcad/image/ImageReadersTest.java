package io.pxrcad.image;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.RepoTestdata;
import io.pxrcad.UnsupportedImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImageReadersTest {
    @TempDir
    Path dir;

    private static final int W = 7, H = 5;

    /** A non-square test pattern with distinct values: v(x,y) = (x*37 + y*11) mod range. */
    private static int value(int x, int y, int range) { return (x * 37 + y * 11 * (range > 256 ? 1000 : 1)) % range; }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path f = dir.resolve(name);
        assertThat(ImageIO.write(img, format, f.toFile())).as("ImageIO writer for " + format).isTrue();
        return f;
    }

    private static BufferedImage grey(int type, int range) {
        BufferedImage img = new BufferedImage(W, H, type);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) r.setSample(x, y, 0, value(x, y, range));
        return img;
    }

    private static void assertPattern(Radiograph r, int range, double tol) {
        assertThat(r.width()).isEqualTo(W);
        assertThat(r.height()).isEqualTo(H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertThat((double) r.get(x, y)).as("pixel %d,%d", x, y).isCloseTo(value(x, y, range), within(tol));
            }
        }
    }

    @Test
    void png8BitGrey() throws IOException {
        Radiograph r = ImageReaders.read(write(grey(BufferedImage.TYPE_BYTE_GRAY, 256), "png", "a.png"));
        assertPattern(r, 256, 0);
        assertThat(r.bitDepth()).isEqualTo(8);
        assertThat(r.format()).isEqualTo("PNG");
    }

    @Test
    void png16BitGreyKeepsFullRange() throws IOException {
        Radiograph r = ImageReaders.read(write(grey(BufferedImage.TYPE_USHORT_GRAY, 65536), "png", "a.png"));
        assertPattern(r, 65536, 0);
        assertThat(r.bitDepth()).isEqualTo(16);
        assertThat(r.range()[1]).isGreaterThan(255);
    }

    @Test
    void pngGreyWithAlphaIgnoresAlpha() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                raster.setSample(x, y, 0, value(x, y, 256));
                raster.setSample(x, y, 1, 128);
            }
        }
        Radiograph r = ImageReaders.read(write(new BufferedImage(cm, raster, false, null), "png", "ga.png"));
        assertPattern(r, 256, 0);
    }

    @Test
    void pngRgbBecomesRec601Luminance() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xC86432); // 200, 100, 50
        img.setRGB(1, 0, 0x0000FF);
        Radiograph r = ImageReaders.read(write(img, "png", "rgb.png"));
        assertThat((double) r.get(0, 0)).isCloseTo(0.299 * 200 + 0.587 * 100 + 0.114 * 50, within(1e-3));
        assertThat((double) r.get(1, 0)).isCloseTo(0.114 * 255, within(1e-3));
        assertThat(r.bitDepth()).isEqualTo(8);
    }

    @Test
    void pngPaletteBecomesLuminance() throws IOException {
        byte[] red = {0, (byte) 255, 10}, green = {0, 0, 20}, blue = {0, 0, 30};
        IndexColorModel icm = new IndexColorModel(2, 3, red, green, blue);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int x = 0; x < 3; x++) img.getRaster().setSample(x, 0, 0, x);
        Radiograph r = ImageReaders.read(write(img, "png", "pal.png"));
        assertThat((double) r.get(0, 0)).isCloseTo(0, within(1e-3));
        assertThat((double) r.get(1, 0)).isCloseTo(0.299 * 255, within(1e-3));
        assertThat((double) r.get(2, 0)).isCloseTo(0.299 * 10 + 0.587 * 20 + 0.114 * 30, within(1e-3));
    }

    @Test
    void jpegGreyWithinCompressionTolerance() throws IOException {
        // a smooth gradient so that lossy compression stays close
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 32; x++) img.getRaster().setSample(x, y, 0, 40 + x * 5);
        Radiograph r = ImageReaders.read(write(img, "jpeg", "a.jpg"));
        assertThat(r.format()).isEqualTo("JPEG");
        assertThat(r.width()).isEqualTo(32);
        assertThat(r.height()).isEqualTo(16);
        for (int x = 0; x < 32; x++) {
            assertThat((double) r.get(x, 8)).isCloseTo(40 + x * 5, within(6.0));
        }
    }

    @Test
    void tiff8And16Bit() throws IOException {
        Radiograph r8 = ImageReaders.read(write(grey(BufferedImage.TYPE_BYTE_GRAY, 256), "tiff", "a.tif"));
        assertPattern(r8, 256, 0);
        assertThat(r8.bitDepth()).isEqualTo(8);
        assertThat(r8.format()).isEqualTo("TIFF");
        Radiograph r16 = ImageReaders.read(write(grey(BufferedImage.TYPE_USHORT_GRAY, 65536), "tiff", "b.tif"));
        assertPattern(r16, 65536, 0);
        assertThat(r16.bitDepth()).isEqualTo(16);
    }

    @Test
    void dimensionsFromTheHeader() throws IOException {
        Path f = write(grey(BufferedImage.TYPE_USHORT_GRAY, 65536), "png", "a.png");
        assertThat(ImageReaders.dimensions(f)).containsExactly(W, H);
        Path t = write(grey(BufferedImage.TYPE_BYTE_GRAY, 256), "tiff", "a.tif");
        assertThat(ImageReaders.dimensions(t)).containsExactly(W, H);
        // only the header is read: a PNG cut after its header chunk still has a size
        BufferedImage big = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) big.getRaster().setSample(x, y, 0, (x ^ y) & 255);
        byte[] bytes = Files.readAllBytes(write(big, "png", "big.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(bytes, 100));
        assertThat(ImageReaders.dimensions(cut)).containsExactly(300, 200);
        assertThatThrownBy(() -> ImageReaders.read(cut)).isInstanceOf(InvalidImageException.class);
    }

    /** Real colour-encoded JPEGs: compared with the JDK's own JPEG decoder (independent of TwelveMonkeys). */
    @Test
    void realPelvicRadiographJpegsMatchTheJdkDecoder() throws IOException {
        Path dir = RepoTestdata.resolve("radiographs");
        for (String name : new String[] {"ddh_pelvis_AP_331_DDH_1.jpg", "ddh_pelvis_AP_331_DDH_10.jpg"}) {
            Path f = dir.resolve(name);
            Radiograph r = ImageReaders.read(f);
            assertThat(r.format()).isEqualTo("JPEG");
            assertThat(r.width()).isEqualTo(331);
            assertThat(r.height()).isEqualTo(331);
            assertThat(r.bitDepth()).isEqualTo(8);
            assertThat(ImageReaders.dimensions(f)).containsExactly(331, 331);
            BufferedImage jdk = jdkJpeg(f);
            for (int y = 0; y < 331; y += 7) {
                for (int x = 0; x < 331; x += 7) {
                    int rgb = jdk.getRGB(x, y);
                    double lum = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
                    assertThat((double) r.get(x, y)).as("%s %d,%d", name, x, y).isCloseTo(lum, within(1.0));
                }
            }
        }
    }

    private static BufferedImage jdkJpeg(Path f) throws IOException {
        var it = ImageIO.getImageReadersByFormatName("JPEG");
        while (it.hasNext()) {
            var reader = it.next();
            if (reader.getClass().getName().startsWith("com.sun.imageio")) {
                try (var in = ImageIO.createImageInputStream(f.toFile())) {
                    reader.setInput(in);
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        }
        org.junit.jupiter.api.Assumptions.abort("no JDK JPEG reader");
        return null;
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.png");
        assertThatThrownBy(() -> ImageReaders.read(f)).isInstanceOf(InvalidImageException.class)
                .hasMessage("no such file: " + f);
    }

    @Test
    void unknownContentNamesTheFileAndWhatItLooksLike() throws IOException {
        Path f = dir.resolve("notes.png");
        Files.writeString(f, "hello, this is text");
        assertThatThrownBy(() -> ImageReaders.read(f)).isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("text");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> ImageReaders.read(empty)).isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void dicomWithATiffPreambleIsLeftToTheDicomDecoder() throws IOException {
        byte[] head = new byte[200];
        head[0] = 'I'; head[1] = 'I'; head[2] = 42;
        head[128] = 'D'; head[129] = 'I'; head[130] = 'C'; head[131] = 'M';
        Path f = dir.resolve("dual.dcm");
        Files.write(f, head);
        assertThat(new ImageIoDecoder().accepts(f, head)).isFalse();
        if (ImageReaders.DECODERS.size() == 1) { // only until a DICOM decoder is registered
            assertThatThrownBy(() -> ImageReaders.read(f)).isInstanceOf(UnsupportedImageException.class)
                    .hasMessageContaining("looks like DICOM");
        }
    }

    @Test
    void truncatedFilesAreInvalidAndNamed() throws IOException {
        for (String fmt : new String[] {"png", "jpeg", "tiff"}) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) img.getRaster().setSample(x, y, 0, (x * y) % 251);
            Path full = write(img, fmt, "full." + fmt);
            byte[] bytes = Files.readAllBytes(full);
            Path cut = dir.resolve("cut." + fmt);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> ImageReaders.read(cut)).as(fmt).isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining(cut.toString());
        }
    }

    @Test
    void pngWriterRoundTrips16And8Bit() throws IOException {
        float[] px = {0, 1, 1000, 65535, 70000, -5};
        Radiograph r = new Radiograph(3, 2, px, 16, "PHANTOM");
        Path f = dir.resolve("out.png");
        PngWriter.write16(f, r);
        Radiograph back = ImageReaders.read(f);
        assertThat(back.pixels()).containsExactly(0, 1, 1000, 65535, 65535, 0);
        assertThat(back.bitDepth()).isEqualTo(16);
        PngWriter.write8(f, new Radiograph(3, 2, new float[] {0, 1.4f, 254.6f, 255, 300, 7}, 8, "PHANTOM"));
        assertThat(ImageReaders.read(f).pixels()).containsExactly(0, 1, 255, 255, 255, 7);
    }
}
