package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;
import io.pxrcad.image.ImageReaders;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding bytes with a media type as the only hint (an upload without a file name). */
class MediaTypeHintTest {
    @Test
    void aMediaTypeStandsInForTheSuffixOfDicomWithoutPreamble() throws IOException {
        byte[] file = Files.readAllBytes(TestData.file("dicom/xray/RG2_UNC.dcm"));
        // the Part 10 file without its 128-byte preamble and "DICM": nothing in it says DICOM to a sniffer
        byte[] bare = Arrays.copyOfRange(file, 132, file.length);
        assertThatThrownBy(() -> ImageReaders.read(bare, null)).isInstanceOf(UnsupportedImageException.class);
        Radiograph hinted = ImageReaders.read(bare, null, "application/dicom; transfer-syntax=1.2.840.10008.1.2.1");
        Radiograph whole = ImageReaders.read(file, "RG2_UNC.dcm");
        assertThat(hinted.width()).isEqualTo(whole.width());
        assertThat(hinted.height()).isEqualTo(whole.height());
        // (a plain comparison: AssertJ's diff of two large arrays takes minutes)
        int firstDifference = Arrays.mismatch(hinted.pixelsUnsafe(), whole.pixelsUnsafe());
        assertThat(firstDifference).as("first differing pixel; hinted %s vs %s",
                firstDifference < 0 ? "" : hinted.pixelsUnsafe()[firstDifference],
                firstDifference < 0 ? "" : whole.pixelsUnsafe()[firstDifference]).isEqualTo(-1);
    }

    @Test
    void theContentDecidesOverAWrongMediaType() throws IOException {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 200);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Radiograph r = ImageReaders.read(png.toByteArray(), null, "application/dicom");
        assertThat(r.width()).isEqualTo(8);
        assertThat(r.height()).isEqualTo(6);
        assertThat(ImageReaders.read(png.toByteArray(), null, "application/octet-stream").width()).isEqualTo(8);
    }
}
