package io.pxrcad.infer;

import io.pxrcad.AcquisitionInfo;
import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageReaders;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The header half of the out-of-scope check, on written cases and on the real DICOM test files. */
class HeaderScopeTest {
    static final Path DATA = Path.of(System.getProperty("pxrcad.root", "."), "testdata").toAbsolutePath().normalize();

    @Test
    void acceptsFrontalPelvicProjectionRadiographsAndUnknownFacts() {
        assertThat(HeaderScope.reasons(AcquisitionInfo.UNKNOWN)).isEmpty();
        for (String modality : List.of("CR", "DX", "RF", " dx ")) {
            assertThat(HeaderScope.reasons(new AcquisitionInfo(modality, "PELVIS", "AP"))).as(modality).isEmpty();
        }
        for (String part : List.of("PELVIS", "HIP", "HIP JOINT", "PELVIS HIP", "pelvis", "L_HIP", "HIPS", "ACETABULUM", "PELVIS^HIP")) {
            assertThat(HeaderScope.reasons(new AcquisitionInfo("DX", part, null))).as(part).isEmpty();
        }
        for (String view : List.of("AP", "PA", "", "LLO", "RLO")) {
            assertThat(HeaderScope.reasons(new AcquisitionInfo("CR", null, view))).as(view).isEmpty();
        }
    }

    @Test
    void namesEachReasonForAnImageTheModelWasNotMadeFor() {
        assertThat(HeaderScope.reasons(new AcquisitionInfo("MR", null, null)))
                .containsExactly("modality MR (expected CR, DX or RF)");
        assertThat(HeaderScope.reasons(new AcquisitionInfo("CR", "CHEST", "PA")))
                .containsExactly("body part CHEST (expected pelvis or hip)");
        assertThat(HeaderScope.reasons(new AcquisitionInfo("CR", "SHIP", null))).hasSize(1); // a word, not a substring
        for (String view : List.of("LL", "RL", "LATERAL", "LAT", "XTABLE", "X-TABLE", "CROSS-TABLE LAT", "XTABLE LATERAL")) {
            assertThat(HeaderScope.reasons(new AcquisitionInfo("DX", "HIP", view))).as(view)
                    .containsExactly("lateral view (" + view.toUpperCase() + ")");
        }
        assertThat(HeaderScope.reasons(new AcquisitionInfo("CT", "ABDOMEN", "LL"))).containsExactly(
                "modality CT (expected CR, DX or RF)", "body part ABDOMEN (expected pelvis or hip)", "lateral view (LL)");
    }

    @Test
    void readsTheFactsFromRealDicomFiles() {
        assertThat(reasons("dicom/syntax/MR_small.dcm")).containsExactly("modality MR (expected CR, DX or RF)");
        assertThat(reasons("dicom/syntax/CT_small.dcm")).containsExactly("modality CT (expected CR, DX or RF)");
        assertThat(reasons("dicom/xray/RSNA_chest_CR_JPEGbaseline.dcm")).containsExactly("body part CHEST (expected pelvis or hip)");
        assertThat(reasons("dicom/xray/CR-MONO1-10-chest.dcm")).containsExactly("body part CHEST (expected pelvis or hip)");
        assertThat(reasons("dicom/xray/NM_Kakadu44_SOTmarkerincons.dcm")).containsExactly("body part HAND (expected pelvis or hip)");
        assertThat(reasons("dicom/xray/RG3_JPLL.dcm")).containsExactly("body part EXTREMITY (expected pelvis or hip)");
        // a hip CR (NEMA WG04 RG2) is what the model was made for
        Radiograph hip = ImageReaders.read(DATA.resolve("dicom/xray/RG2_JPLL.dcm"));
        assertThat(hip.acquisition()).isEqualTo(new AcquisitionInfo("CR", "HIP", null));
        assertThat(HeaderScope.reasons(hip.acquisition())).isEmpty();
        // a JPEG says nothing about how it was acquired
        assertThat(ImageReaders.read(DATA.resolve("radiographs/ddh_pelvis_AP_331_DDH_1.jpg")).acquisition())
                .isEqualTo(AcquisitionInfo.UNKNOWN);
    }

    private static List<String> reasons(String file) {
        return HeaderScope.reasons(ImageReaders.read(DATA.resolve(file)).acquisition());
    }
}
