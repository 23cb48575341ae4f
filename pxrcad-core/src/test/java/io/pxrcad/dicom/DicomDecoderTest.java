package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** DICOM through the generic image entry point {@link ImageReaders}. */
class DicomDecoderTest {
    @TempDir
    Path dir;

    @Test
    void dicomIsTheFirstDecoderAndReadsTheHipCr() {
        assertThat(ImageReaders.DECODERS.get(0)).isInstanceOf(DicomDecoder.class);
        Path hip = TestData.file("dicom/xray/RG2_JPLL.dcm");
        assertThat(ImageReaders.decoderFor(hip).name()).isEqualTo("DICOM");
        assertThat(ImageReaders.dimensions(hip)).containsExactly(1760, 2140);
        Radiograph r = ImageReaders.read(hip);
        assertThat(r.format()).isEqualTo("DICOM");
        assertThat(r.bitDepth()).isEqualTo(10);
        // window 511/1024 LINEAR over 10 bits: stored 0 -> 1 (just inside the window), 893 -> 893 + 1
        assertThat(r.range()).containsExactly(1f, 894f);
    }

    @Test
    void rawAcrNemaDatasetWithoutExtensionIsRecognisedFromItsBytes() throws IOException {
        Path copy = dir.resolve("chest");
        Files.copy(TestData.file("dicom/xray/CR-MONO1-10-chest.dcm"), copy);
        assertThat(ImageReaders.decoderFor(copy).name()).isEqualTo("DICOM");
        assertThat(ImageReaders.read(copy).width()).isEqualTo(440);
    }

    @Test
    void pngIsNotClaimed() throws IOException {
        Path png = dir.resolve("a.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertThat(new DicomDecoder().accepts(png, Files.readAllBytes(png))).isFalse();
        assertThat(ImageReaders.read(png).format()).isNotEqualTo("DICOM");
    }
}
