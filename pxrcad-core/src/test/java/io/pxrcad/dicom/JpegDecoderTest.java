package io.pxrcad.dicom;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pxrcad's JPEG decoder against the ImageIO plug-ins (TwelveMonkeys / the JDK's IJG code): lossless
 * files agree exactly; lossy files are decoded like Thomas Richter's libjpeg, the reference of the
 * expected values ({@link DicomConformanceTest} checks those exactly), so they differ from IJG's
 * "islow" IDCT and upsampling by rounding only.
 */
class JpegDecoderTest {
    /** At most this far from IJG: two accurate integer IDCTs with different rounding. */
    private static final int IJG_ROUNDING = 1;

    @Test
    void agreesWithTwelveMonkeysOnEveryLosslessFileAndByRoundingOnLossyOnes() throws IOException {
        List<String> lossless = List.of("dicom/xray/RG2_JPLL.dcm", "dicom/syntax/JPEG-LL.dcm",
                "dicom/syntax/JPGLosslessP14SV1_1s_1f_8b.dcm", "dicom/syntax/JPEGLossless_1s_1f_u_16_12.dcm",
                "dicom/malformed/bad_sequence.dcm", "dicom/malformed/GH1339.dcm");
        List<String> lossy = List.of("dicom/syntax/JPEGBaseline_1s_1f_u_08_08.dcm", "dicom/syntax/SC_rgb_dcmtk_+eb+cy+np.dcm");
        for (String rel : lossless) assertThat(worstDifferenceToImageIo(rel)).as("max |ours - ImageIO| in %s", rel).isZero();
        for (String rel : lossy) {
            assertThat(worstDifferenceToImageIo(rel)).as("max |ours - ImageIO| in %s", rel).isBetween(1, IJG_ROUNDING);
        }
    }

    /**
     * expected_pixels.json gives its libjpeg values for the lossy DCT files a tolerance of 1 (room
     * for IJG rounding); pxrcad decodes as libjpeg does, so each of them holds exactly.
     */
    @Test
    void lossyDctFilesMatchTheirLibjpegReferenceValuesExactly() throws IOException {
        int checked = 0;
        for (String rel : List.of("dicom/syntax/JPEGBaseline_1s_1f_u_08_08.dcm", "dicom/syntax/JPGExtended.dcm",
                "dicom/syntax/SC_rgb_dcmtk_+eb+cy+np.dcm")) {
            var e = TestData.entry(rel);
            assertThat(e.path("lossy").asBoolean()).as("%s is lossy", rel).isTrue();
            int[] frame = DicomFile.read(TestData.file(rel)).storedFrame(0);
            int spp = e.path("samplesPerPixel").asInt(), cols = e.path("columns").asInt();
            for (var c : e.path("checks")) {
                int idx = (c.path("row").asInt() * cols + c.path("col").asInt()) * spp + c.path("sample").asInt(0);
                assertThat(frame[idx]).as("%s %s", rel, c).isEqualTo(c.path("value").asInt());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(10 + 12 + 30);
    }

    /**
     * RG2_JPLY (12-bit process 4; the copy here has the Se=0 defect, which pxrcad tolerates like
     * IJG): pylibjpeg-libjpeg's test_handler.py asserts these values of row 845, columns
     * 964-973, for the fixed file; IJG's djpeg gives 766 and 726 at the fourth and seventh.
     */
    @Test
    void twelveBitLossyMatchesLibjpegWhereIjgDiffers() throws IOException {
        int[] frame = DicomFile.read(TestData.file("dicom/malformed/RG2_JPLY.dcm")).storedFrame(0);
        int[] row = java.util.Arrays.copyOfRange(frame, 845 * 1760 + 964, 845 * 1760 + 974);
        assertThat(row).containsExactly(571, 582, 666, 765, 803, 781, 725, 651, 595, 578);
    }

    @Test
    void everyIntegralSamplingFactorUpsamplesAConstantPlaneToThatConstant() {
        for (int sx = 1; sx <= 4; sx++) {
            for (int sy = 1; sy <= 4; sy++) {
                int width = 21, height = 11, stride = 24;
                int[] plane = new int[stride * 16];
                java.util.Arrays.fill(plane, (200 << Idct.FRACTION_BITS) + 7); // 200.44 rounds to 200
                int[] out = new int[width * height * 2];
                JpegUpsampler.toSamples(plane, stride, sx, sy, width, height, 255, out, 2, 1);
                for (int i = 1; i < out.length; i += 2) assertThat(out[i]).as("%dx%d at %d", sx, sy, i / 2).isEqualTo(200);
            }
        }
    }

    @Test
    void fractionalSamplingRatiosAreRefused() {
        // SOF0, 8x8, two components sampled 3x1 and 2x1: Hmax / H is 1.5 for the second
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 14, 8, 0, 8, 0, 8, 2, 1, 0x31, 0, 2, 0x21, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JpegDecoder.decode(sof, 8, 8, 2))
                .isInstanceOf(InvalidDicomException.class).hasMessageContaining("not an integral ratio");
    }

    private static int worstDifferenceToImageIo(String rel) throws IOException {
        DicomFile f = DicomFile.read(TestData.file(rel));
        ImagePixelModule px = f.pixelModule();
        byte[] jpeg = EncapsulatedFrames.frame(f.dataset().get(Tags.PIXEL_DATA).fragments(), f.dataset().data, 0, 1);
        assertThat(JpegDecoder.handles(jpeg)).as(rel).isTrue();
        int[] ours = f.storedFrame(0);
        int[] theirs = ImageIoFrameDecoder.viaImageIo(px, f.transferSyntax(), jpeg);
        assertThat(theirs).as(rel).hasSameSizeAs(ours);
        return worst(ours, theirs);
    }

    private static int worst(int[] a, int[] b) {
        int worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
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

    /** A JPEG written by the JDK encoder, with a restart interval (DRI) if {@code restartInterval > 0}, as raw bytes. */
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
        if (restartInterval > 0) {
            var root = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree("javax_imageio_jpeg_image_1.0");
            var markers = (javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            var dri = new javax.imageio.metadata.IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
            meta.setFromTree("javax_imageio_jpeg_image_1.0", root);
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(img, null, meta), param);
        }
        w.dispose();
        return bytes.toByteArray();
    }

    @Test
    void restartIntervalsChangeNothingAndSubsampledColourIsWithinRoundingOfTheJdk() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        var img = new java.awt.image.BufferedImage(37, 29, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 37; x++) img.setRGB(x, y, (x * 7 << 16) | (y * 8 << 8) | rnd.nextInt(256));
        }
        byte[] jpeg = jdkJpeg(img, 2);
        assertThat(jpeg).as("has a DRI marker").containsSubsequence((byte) 0xFF, (byte) 0xDD);
        int[] ours = JpegDecoder.decode(jpeg, 37, 29, 3);
        // the same coefficients without restart markers must decode to the same samples
        byte[] plain = jdkJpeg(img, 0);
        assertThat(plain.length).as("no RST markers").isLessThan(jpeg.length);
        assertThat(JpegDecoder.decode(plain, 37, 29, 3)).isEqualTo(ours);
        var reader = javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg)));
        var raster = reader.readRaster(0, null); // raw YCbCr, as ours
        int[] theirs = raster.getPixels(0, 0, 37, 29, (int[]) null);
        assertThat(worst(ours, theirs)).as("max |ours - JDK|").isBetween(1, IJG_ROUNDING);
    }
}
