package io.pxrcad.dicom;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** pxrcad's JPEG decoder agrees exactly with the ImageIO plug-ins (TwelveMonkeys / JDK IJG) where both decode. */
class JpegDecoderTest {
    @Test
    void agreesWithTwelveMonkeysOnEveryLosslessAndEightBitFile() throws IOException {
        List<String> files = List.of("dicom/xray/RG2_JPLL.dcm", "dicom/syntax/JPEG-LL.dcm",
                "dicom/syntax/JPGLosslessP14SV1_1s_1f_8b.dcm", "dicom/syntax/JPEGLossless_1s_1f_u_16_12.dcm",
                "dicom/syntax/JPEGBaseline_1s_1f_u_08_08.dcm", "dicom/syntax/SC_rgb_dcmtk_+eb+cy+np.dcm",
                "dicom/malformed/bad_sequence.dcm", "dicom/malformed/GH1339.dcm");
        for (String rel : files) {
            DicomFile f = DicomFile.read(TestData.file(rel));
            ImagePixelModule px = f.pixelModule();
            byte[] jpeg = EncapsulatedFrames.frame(f.dataset().get(Tags.PIXEL_DATA).fragments(), f.dataset().data, 0, 1);
            assertThat(JpegDecoder.handles(jpeg)).as(rel).isTrue();
            int[] ours = f.storedFrame(0);
            int[] theirs = ImageIoFrameDecoder.viaImageIo(px, f.transferSyntax(), jpeg);
            assertThat(theirs).as(rel).hasSameSizeAs(ours);
            int differing = 0;
            for (int i = 0; i < ours.length; i++) if (ours[i] != theirs[i]) differing++;
            assertThat(differing).as("samples differing in %s", rel).isZero();
        }
    }

    @Test
    void twelveBitIsRefusedByImageIoButDecodedHere() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/JPGExtended.dcm"));
        byte[] jpeg = EncapsulatedFrames.frame(f.dataset().get(Tags.PIXEL_DATA).fragments(), f.dataset().data, 0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ImageIoFrameDecoder.viaImageIo(f.pixelModule(), f.transferSyntax(), jpeg))
                .isInstanceOf(InvalidDicomException.class).hasMessageContaining("precision 12");
        assertThat(f.storedFrame(0)[420 * 256 + 140]).isEqualTo(244);
    }

    @Test
    void corruptStreamsFailCleanly() {
        byte[] notJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC3, 0, 11, 8, 0, 4, 0, 4, 1, 1, 0x11, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JpegDecoder.decode(notJpeg, 4, 4, 1))
                .isInstanceOf(InvalidDicomException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JpegDecoder.decode(notJpeg, 5, 4, 1))
                .isInstanceOf(InvalidDicomException.class).hasMessageContaining("header says");
    }

    /** A JPEG written by the JDK encoder with a restart interval (DRI), as raw bytes. */
    private static byte[] jdkJpeg(java.awt.image.BufferedImage img, int restartInterval) throws IOException {
        javax.imageio.ImageWriter w = null;
        for (var it = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            var c = it.next();
            if (c.getClass().getName().startsWith("com.sun.")) w = c;
        }
        assertThat(w).as("JDK JPEG writer").isNotNull();
        var param = w.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.8f);
        var meta = w.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(img), param);
        var root = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree("javax_imageio_jpeg_image_1.0");
        var markers = (javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        var dri = new javax.imageio.metadata.IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(restartInterval));
        markers.insertBefore(dri, markers.getFirstChild());
        meta.setFromTree("javax_imageio_jpeg_image_1.0", root);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(img, null, meta), param);
        }
        w.dispose();
        return bytes.toByteArray();
    }

    @Test
    void restartIntervalsAndSubsampledColourMatchTheJdkDecoder() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        var img = new java.awt.image.BufferedImage(37, 29, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 37; x++) img.setRGB(x, y, (x * 7 << 16) | (y * 8 << 8) | rnd.nextInt(256));
        }
        byte[] jpeg = jdkJpeg(img, 2);
        assertThat(jpeg).as("has a DRI marker").containsSubsequence((byte) 0xFF, (byte) 0xDD);
        int[] ours = JpegDecoder.decode(jpeg, 37, 29, 3);
        var reader = javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg)));
        var raster = reader.readRaster(0, null); // raw YCbCr, as ours
        int[] theirs = raster.getPixels(0, 0, 37, 29, (int[]) null);
        int differing = 0;
        for (int i = 0; i < ours.length; i++) if (ours[i] != theirs[i]) differing++;
        assertThat(differing).isZero();
    }
}
