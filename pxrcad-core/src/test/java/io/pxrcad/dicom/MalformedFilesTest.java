package io.pxrcad.dicom;

import io.pxrcad.DataException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each file of {@code dicom/malformed} behaves as its {@code expectedBehavior} in expected_pixels.json says. */
class MalformedFilesTest {
    private static Path m(String name) { return TestData.file("dicom/malformed/" + name); }

    private static String md5(String rel) throws IOException { return DicomFile.read(TestData.file(rel)).pixelMd5(); }

    @Test
    void everyMalformedFileHasAnExpectationAndATest() throws IOException {
        try (Stream<Path> s = Files.list(TestData.file("dicom/malformed"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).allSatisfy(name ->
                    assertThat(TestData.entry("dicom/malformed/" + name).path("expectedBehavior").isTextual()).isTrue())
                    .hasSize(14);
        }
    }

    @Test
    void truncatedPixelDataKeepsTheHeaderButFailsToDecode() throws IOException {
        DicomFile f = DicomFile.read(m("MR_truncated.dcm"));
        assertThat(f.header().pixelSpacing()).containsExactly(0.3125, 0.3125);
        assertThat(f.header().rows()).isEqualTo(64);
        assertThatThrownBy(f::pixelMd5).isInstanceOf(InvalidDicomException.class)
                .hasMessageContaining("8130").hasMessageContaining("8192");
    }

    @Test
    void truncatedRtPlanReportsTruncationWithTagAndOffset() {
        assertThatThrownBy(() -> DicomFile.read(m("rtplan_truncated.dcm"))).isInstanceOf(InvalidDicomException.class)
                .hasMessageContaining("(300A,00B0)").hasMessageContaining("byte offset").hasMessageContaining("truncated");
    }

    @Test
    void jpegWithInvalidScanEndDecodesTolerantlyLikeIjg() throws IOException {
        // either a clean error or the reference values is allowed; pxrcad decodes tolerantly, so demand the values
        int[] v = DicomFile.read(m("JPEG-lossy.dcm")).storedFrame(0);
        assertThat(v[420 * 256 + 140]).isEqualTo(244);
        assertThat(v[230 * 256 + 120]).isEqualTo(95);
        assertThat(v).isEqualTo(DicomFile.read(TestData.file("dicom/syntax/JPGExtended.dcm")).storedFrame(0));
    }

    @Test
    void realHipWithInvalidScanEndIsCloseToTheLosslessImage() throws IOException {
        int[] v = DicomFile.read(m("RG2_JPLY.dcm")).storedFrame(0);
        int[] ref = DicomFile.read(TestData.file("dicom/xray/RG2_UNC.dcm")).storedFrame(0);
        double sum = 0;
        for (int i = 0; i < v.length; i++) sum += Math.abs(v[i] - ref[i]);
        // lossy 12-bit JPEG at ~36:1 of a 10-bit image: a few grey levels on average (measured 3.8)
        assertThat(sum / v.length).as("mean |lossy - lossless|").isLessThan(5);
    }

    @Test
    void delimiterBytesInsideAFragmentDoNotEndTheSequence() throws IOException {
        DicomFile f = DicomFile.read(m("JPEG2000-embedded-sequence-delimiter.dcm"));
        DicomElement px = f.dataset().get(Tags.PIXEL_DATA);
        assertThat(px.vr()).isEqualTo("OB");
        assertThat(px.isEncapsulated()).isTrue();
        int itemBytes = 0;
        for (DicomElement.Fragment fr : px.fragments()) itemBytes += 8 + fr.length();
        assertThat(itemBytes).as("encapsulated value length (items)").isEqualTo(266);
        assertThatThrownBy(() -> f.storedFrame(0)).isInstanceOf(InvalidDicomException.class).hasMessageContaining("JPEG 2000");
    }

    @Test
    void missingFinalSequenceDelimiterIsReadLeniently() throws IOException {
        // pydicom warns "End of file reached" in lenient mode; all ten frames are complete
        DicomFile f = DicomFile.read(m("emri_small_jpeg_2k_lossless_too_short.dcm"));
        assertThat(f.frameCount()).isEqualTo(10);
        assertThat(f.pixelMd5()).isEqualTo(md5("dicom/syntax/emri_small.dcm"));
        DicomFile g = DicomFile.read(m("GH1339.dcm"));
        assertThat(g.storedFrame(0)).hasSize(g.header().rows() * g.header().columns());
        assertThat(new DicomDecoder().decode(m("GH1339.dcm")).range()[1]).isGreaterThan(0f);
    }

    @Test
    void missingTransferSyntaxFallsBackToImplicitLittleEndianAndFindsPixelData() throws IOException {
        DicomFile f = DicomFile.read(m("meta_missing_tsyntax.dcm"));
        assertThat(f.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LE);
        assertThat(f.hasPixelData()).isTrue();
        assertThat(f.dataset().get(Tags.PIXEL_DATA).length()).isEqualTo(2);
        assertThatThrownBy(f::radiograph).isInstanceOf(InvalidDicomException.class).hasMessageContaining("Rows");
    }

    @Test
    void datasetWithoutMetaReadsLikeCtSmall() throws IOException {
        DicomFile f = DicomFile.read(m("no_meta.dcm"));
        assertThat(f.header().hasFileMeta()).isFalse();
        assertThat(f.pixelMd5()).isEqualTo(md5("dicom/syntax/CT_small.dcm"));
        assertThat(new DicomDecoder().accepts(m("no_meta.dcm"), Files.readAllBytes(m("no_meta.dcm")))).isTrue();
    }

    @Test
    void explicitVrWithoutMetaIsGuessedInBothByteOrders() throws IOException {
        for (String name : new String[] {"ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm"}) {
            DicomFile f = DicomFile.read(m(name));
            assertThat(f.string(0x0008, 0x0012)).as(name).isEqualTo("20150529");
            assertThat(f.header().modality()).isEqualTo("RTPLAN");
            assertThat(f.transferSyntax().bigEndian()).isEqualTo(name.contains("Big"));
            assertThatThrownBy(f::radiograph).isInstanceOf(InvalidDicomException.class).hasMessageContaining("not an image");
        }
    }

    @Test
    void invalidIsValueIsReadLeniently() throws IOException {
        DicomFile f = DicomFile.read(m("badVR.dcm"));
        assertThat(f.header().rows()).isEqualTo(10);
        assertThat(f.radiograph().width()).isEqualTo(10);
    }

    @Test
    void unknownVrSequenceInImplicitEncodingIsParsed() throws IOException {
        DicomFile f = DicomFile.read(m("bad_sequence.dcm"));
        Dataset item = find(f.dataset(), 0x00189346);
        assertThat(item).as("CTDIPhantomTypeCodeSequence item").isNotNull();
        assertThat(item.string(0x00080100)).as("Code Value").isEqualTo("113691");
        assertThat(f.radiograph().width()).isEqualTo(512);
    }

    /** The first item of sequence {@code tag}, searched depth-first. */
    private static Dataset find(Dataset ds, int tag) {
        if (!ds.items(tag).isEmpty()) return ds.items(tag).get(0);
        for (DicomElement e : ds.elements()) {
            if (!e.isSequence()) continue;
            for (Dataset item : e.items()) {
                Dataset hit = find(item, tag);
                if (hit != null) return hit;
            }
        }
        return null;
    }

    @Test
    void gzipIsRejectedAsNotDicom() {
        assertThatThrownBy(() -> new DicomDecoder().decode(m("zipMR.gz"))).isInstanceOf(InvalidDicomException.class)
                .isInstanceOf(DataException.class).hasMessageContaining("gzip");
    }
}
