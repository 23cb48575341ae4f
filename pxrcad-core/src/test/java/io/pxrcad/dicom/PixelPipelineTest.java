package io.pxrcad.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.Radiograph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The {@code transforms} and {@code windowingFormulaCases} of expected_pixels.json (PS3.3 C.11). */
class PixelPipelineTest {

    @TestFactory
    List<DynamicTest> windowingFormulaCases() {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : TestData.expected().path("windowingFormulaCases").path("cases")) {
            out.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                int bits = c.path("bitsStored").asInt();
                boolean signed = c.path("pixelRepresentation").asInt() == 1;
                double yMin = signed ? -Math.pow(2, bits - 1) : 0;
                double yMax = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
                WindowFunction f = WindowFunction.valueOf(c.path("function").asText());
                for (int i = 0; i < c.path("input").size(); i++) {
                    double y = f.apply(c.path("input").get(i).asDouble(), c.path("windowCenter").asDouble(),
                            c.path("windowWidth").asDouble(), yMin, yMax);
                    assertThat(y).as("input %s", c.path("input").get(i))
                            .isCloseTo(c.path("expected").get(i).asDouble(), within(c.path("tol").asDouble() + 1e-9));
                }
            }));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(10);
        return out;
    }

    private static int stored(DicomFile f, int row, int col) throws IOException {
        return f.storedFrame(0)[row * f.header().columns() + col];
    }

    @Test
    void ctRescaleGivesHounsfieldUnits() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/CT_small.dcm"));
        ModalityLut m = ModalityLut.of(f.dataset(), f.pixelModule());
        assertThat(m.hasLut()).isFalse();
        for (int v : new int[] {128, 520, 2191}) assertThat(m.apply(v)).isEqualTo(v - 1024.0);
    }

    @Test
    void modalityLutSequenceOfMlut18() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/mlut_18.dcm"));
        JsonNode t = TestData.entry("dicom/syntax/mlut_18.dcm").path("transforms").path("modalityLUT");
        ModalityLut m = ModalityLut.of(f.dataset(), f.pixelModule());
        assertThat(m.hasLut()).isTrue();
        for (JsonNode c : t.path("checks")) {
            assertThat(m.apply(stored(f, c.path("row").asInt(), c.path("col").asInt()))).as("%s", c)
                    .isEqualTo(c.path("out").asDouble());
        }
        for (JsonNode c : t.path("storedChecks")) {
            int s = stored(f, c.path("row").asInt(), c.path("col").asInt());
            assertThat(s).isEqualTo(c.path("stored").asInt());
            assertThat(m.apply(s)).isEqualTo(c.path("out").asDouble());
        }
        JsonNode w = t.path("thenWindowing");
        for (JsonNode c : w.path("checks")) {
            double modality = m.apply(stored(f, c.path("row").asInt(), c.path("col").asInt()));
            double y = WindowFunction.LINEAR.apply(modality, w.path("windowCenter").get(0).asDouble(),
                    w.path("windowWidth").get(0).asDouble(), w.path("outMin").asDouble(), w.path("outMax").asDouble());
            assertThat(y).as("%s", c).isCloseTo(c.path("out").asDouble(), within(c.path("tol").asDouble()));
        }
    }

    @Test
    void voiLutSequenceOfVlut04() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/vlut_04.dcm"));
        JsonNode t = TestData.entry("dicom/syntax/vlut_04.dcm").path("transforms").path("voiLUT");
        VoiLut voi = VoiLut.of(f.dataset());
        assertThat(voi).isNotNull();
        Radiograph r = f.radiograph();
        for (JsonNode c : t.path("checks")) {
            int s = stored(f, c.path("row").asInt(), c.path("col").asInt());
            assertThat(s).isEqualTo(c.path("stored").asInt());
            assertThat(voi.apply(s, 65535)).as("%s", c).isEqualTo(c.path("out").asDouble());
            // the radiograph rescales the 16-bit LUT output to the 8-bit stored range
            assertThat((double) r.get(c.path("col").asInt(), c.path("row").asInt()))
                    .isCloseTo(c.path("out").asDouble() * 255 / 65535, within(1e-3));
        }
    }

    @Test
    void firstWindowOfSiemensMrIsApplied() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/MR-SIEMENS-DICOM-WithOverlays.dcm"));
        JsonNode t = TestData.entry("dicom/syntax/MR-SIEMENS-DICOM-WithOverlays.dcm").path("transforms").path("windowing");
        Radiograph r = f.radiograph();
        assertThat(r.bitDepth()).isEqualTo(12);
        for (JsonNode c : t.path("storedChecks")) {
            assertThat(stored(f, c.path("row").asInt(), c.path("col").asInt())).isEqualTo(c.path("stored").asInt());
        }
        for (JsonNode c : t.path("view0").path("checks")) { // the first window is the default
            assertThat((double) r.get(c.path("col").asInt(), c.path("row").asInt())).as("%s", c)
                    .isCloseTo(c.path("out").asDouble(), within(c.path("tol").asDouble()));
        }
        JsonNode v1 = t.path("view1");
        VoiLut second = VoiLut.window(v1.path("windowCenter").asDouble(), v1.path("windowWidth").asDouble(), WindowFunction.LINEAR);
        for (JsonNode c : v1.path("checks")) {
            assertThat(second.apply(stored(f, c.path("row").asInt(), c.path("col").asInt()), 4095))
                    .isCloseTo(c.path("out").asDouble(), within(c.path("tol").asDouble()));
        }
        JsonNode rs = t.path("withRescale");
        ModalityLut m = ModalityLut.rescale(rs.path("rescaleSlope").asDouble(), rs.path("rescaleIntercept").asDouble());
        VoiLut first = VoiLut.window(450, 790, WindowFunction.LINEAR);
        for (JsonNode c : rs.path("checks")) {
            double mod = m.apply(stored(f, c.path("row").asInt(), c.path("col").asInt()));
            assertThat(mod).isCloseTo(c.path("modality").asDouble(), within(1e-6));
            assertThat(first.apply(mod, 4914)).isCloseTo(c.path("out").asDouble(), within(c.path("tol").asDouble()));
        }
    }

    @Test
    void monochrome1IsInvertedAfterTheWindowSoDenseIsBright() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/xray/CR-MONO1-10-chest.dcm"));
        int[] s = f.storedFrame(0);
        Radiograph r = f.radiograph();
        assertThat(r.bitDepth()).isEqualTo(10);
        for (int i = 0; i < s.length; i += 997) {
            double expected = 1023 - WindowFunction.LINEAR.apply(s[i], 550, 1024, 0, 1023);
            assertThat((double) r.pixelsUnsafe()[i]).isCloseTo(expected, within(1e-3));
        }
        int lo = 0, hi = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < s[lo]) lo = i;
            if (s[i] > s[hi]) hi = i;
        }
        assertThat(r.pixelsUnsafe()[lo]).isGreaterThan(r.pixelsUnsafe()[hi]);
    }

    @Test
    void withoutAWindowTheFullModalityRangeIsUsed() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/emri_small.dcm"));
        float[] range = f.radiograph().range();
        assertThat(range[0]).isEqualTo(0f);
        assertThat(range[1]).isEqualTo(4095f);
    }

    @Test
    void rgbBecomesLuminance() throws IOException {
        DicomFile f = DicomFile.read(TestData.file("dicom/syntax/SC_rgb.dcm"));
        int[] s = f.storedFrame(0);
        float[] y = PhotometricInterpretation.luminance(f.pixelModule(), s);
        int i = 5 * 100 + 50; // pure red in the reference image
        assertThat(s[3 * i]).isEqualTo(255);
        assertThat((double) y[i]).isCloseTo(0.299 * s[3 * i] + 0.587 * s[3 * i + 1] + 0.114 * s[3 * i + 2], within(1e-3));
    }
}
