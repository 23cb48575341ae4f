package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Bytes from elsewhere (an upload, a table cell) decode exactly as the file with those bytes. */
    @Test
    void bytesAndStreamsDecodeLikeTheFileWithTheFormatSniffed() throws IOException {
        Path png = dir.resolve("a.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(5, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(2, 1, 0, 200);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        for (Path f : new Path[] {TestData.file("dicom/xray/CR-MONO1-10-chest.dcm"), TestData.file("dicom/xray/RG2_JPLL.dcm"), png}) {
            byte[] bytes = Files.readAllBytes(f);
            Radiograph fromFile = ImageReaders.read(f);
            assertThat(ImageReaders.read(bytes, null)).as("%s without a name", f.getFileName()).isEqualTo(fromFile);
            assertThat(ImageReaders.read(new java.io.ByteArrayInputStream(bytes), "upload")).isEqualTo(fromFile);
        }
        assertThatThrownBy(() -> ImageReaders.read("hello".getBytes(), "upload.txt"))
                .isInstanceOf(io.pxrcad.UnsupportedImageException.class).hasMessageContaining("upload.txt").hasMessageContaining("text");
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(TestData.file("dicom/xray/RG2_JPLL.dcm")), 5000);
        assertThatThrownBy(() -> ImageReaders.read(cut, "cut.dcm")).isInstanceOf(io.pxrcad.DataException.class)
                .hasMessageContaining("cut.dcm");
    }

    @Test
    void theRegistryIsFoundByServiceLoaderAndCannotBeChanged() {
        assertThat(ImageReaders.DECODERS).extracting(d -> d.getClass().getSimpleName())
                .containsExactly("DicomDecoder", "ImageIoDecoder");
        assertThatThrownBy(() -> ImageReaders.DECODERS.add(new DicomDecoder())).isInstanceOf(UnsupportedOperationException.class);
    }
}
