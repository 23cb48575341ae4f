package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code info} on DICOM files and {@code bench decode}, in-process. */
class DicomCliTest {
    private static final Path DICOM = RepoTestdata.resolve("dicom");

    @Test
    void infoJsonCarriesHeaderFactsAndTheGdcmPixelMd5() throws Exception {
        MainTest.Result r = MainTest.run("info", "--json", "--pixel-md5", DICOM.resolve("syntax/MR_small_RLE.dcm").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.path("format").asText()).isEqualTo("DICOM");
        assertThat(o.path("dicom").path("modality").asText()).isEqualTo("MR");
        assertThat(o.path("dicom").path("transferSyntaxUid").asText()).isEqualTo("1.2.840.10008.1.2.5");
        assertThat(o.path("dicom").path("pixelMd5").asText()).isEqualTo("dc9943d2b303bf18ab512dfdd6df0559");
        assertThat(r.out()).doesNotContain("CompressedSamples"); // the patient's name stays out
    }

    @Test
    void jpegLsIsADataErrorNamingTheSyntaxAndTheFile() {
        MainTest.Result r = MainTest.run("info", DICOM.resolve("syntax/JLSL_16_15_1_1F.dcm").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err()).contains("JPEG-LS Lossless").contains("1.2.840.10008.1.2.4.80").contains("JLSL_16_15_1_1F.dcm");
    }

    @Test
    void benchDecodePrintsMedianAndMd5() {
        String f = DICOM.resolve("syntax/MR_small_RLE.dcm").toString();
        MainTest.Result r = MainTest.run("bench", "decode", "-n", "3", "--warmup", "1", f);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("environment: Java").contains("MR_small_RLE.dcm").contains("dc9943d2b303bf18ab512dfdd6df0559");
        MainTest.Result z = MainTest.run("bench", "decode", "--fuzz", "30", f);
        assertThat(z.code()).as(z.out()).isZero();
        assertThat(z.out()).contains("fuzz: 30 cases").contains("failures (not a typed DataException, or over 2 s): 0");
    }
}
