package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DicomWriterTest {
    @TempDir
    Path dir;

    @Test
    void twelveBitRadiographRoundTripsExactlyAsDx() throws IOException {
        Random rnd = new Random(7);
        float[] px = new float[37 * 23];
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextInt(4096);
        px[0] = 0;
        px[1] = 4095;
        Radiograph in = new Radiograph(37, 23, px, 12, "PHANTOM");
        Path file = dir.resolve("a.dcm");
        DicomWriter.write(in, new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {0.143, 0.15}, "PELVIS", "AP", "L\\F"), file);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(new DicomDecoder().accepts(Path.of("x.bin"), bytes)).isTrue();
        DicomFile f = DicomFile.read(file);
        DicomHeader h = f.header();
        assertThat(h.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(h.modality()).isEqualTo("DX");
        assertThat(h.bodyPartExamined()).isEqualTo("PELVIS");
        assertThat(h.viewPosition()).isEqualTo("AP");
        assertThat(h.pixelSpacing()).containsExactly(0.143, 0.15);
        assertThat(h.rows()).isEqualTo(23);
        assertThat(h.columns()).isEqualTo(37);
        assertThat(h.bitsAllocated()).isEqualTo(16);
        assertThat(h.bitsStored()).isEqualTo(12);
        assertThat(h.sopInstanceUid()).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
        int[] stored = f.storedFrame(0);
        for (int i = 0; i < px.length; i++) assertThat(stored[i]).isEqualTo((int) px[i]);
        // no window written: the full range maps onto [0, 4095], which here is the identity
        Radiograph out = new DicomDecoder().decode(file);
        assertThat(out.pixels()).containsExactly(px);
        assertThat(out.format()).isEqualTo("DICOM");
    }

    @Test
    void floatRadiographIsScaledToSixteenBitsAsSecondaryCapture() throws IOException {
        float[] px = {0f, 0.25f, 0.5f, 1f};
        byte[] bytes = DicomWriter.encode(new Radiograph(2, 2, px, 8, "PHANTOM"), DicomWriter.Options.secondaryCapture());
        DicomFile f = DicomFile.parse(bytes);
        assertThat(f.header().sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(f.header().bitsStored()).isEqualTo(16);
        assertThat(f.storedFrame(0)).containsExactly(0, 16384, 32768, 65535);
        assertThat(f.header().toMap()).doesNotContainKeys("patientName", "patientId");
    }

    @Test
    void identityMakesTheBytesReproducibleAndTheWindowKeepsSixteenBitValuesExact() throws IOException {
        // values away from 0 and 65535: without the written window the decoder would stretch min..max
        float[] px = new float[64 * 40];
        Random rnd = new Random(11);
        for (int i = 0; i < px.length; i++) px[i] = 1000 + rnd.nextInt(59000);
        Radiograph in = new Radiograph(64, 40, px, 16, "PHANTOM");
        DicomWriter.Options dx = new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {0.7421875, 0.7421875}, "PELVIS", "AP", "L\\F");
        DicomWriter.Identity id = new DicomWriter.Identity("P000042", DicomWriter.derivedUid("s"),
                DicomWriter.derivedUid("se"), DicomWriter.derivedUid("i"));
        byte[] a = DicomWriter.encode(in, dx, id);
        assertThat(DicomWriter.encode(in, dx, id)).isEqualTo(a);
        assertThat(DicomWriter.encode(in, dx)).isNotEqualTo(DicomWriter.encode(in, dx)); // fresh UIDs without identity

        Path file = dir.resolve("b.dcm");
        Files.write(file, a);
        DicomFile f = DicomFile.read(file);
        assertThat(f.string(0x0010, 0x0020)).isEqualTo("P000042");
        assertThat(f.string(0x0010, 0x0010)).isEqualTo("SYNTHETIC^P000042");
        assertThat(f.header().studyInstanceUid()).isEqualTo(id.studyUid());
        assertThat(f.header().seriesInstanceUid()).isEqualTo(id.seriesUid());
        assertThat(f.header().sopInstanceUid()).isEqualTo(id.instanceUid());
        assertThat(f.header().bitsStored()).isEqualTo(16);
        assertThat(new DicomDecoder().decode(file).pixels()).containsExactly(px);
    }

    @Test
    void dxCarriesTheAttributesOfItsIodThatPxrcadCannotLeaveEmpty() throws IOException {
        // the full check is dciodvfy's (PhantomDicomConformanceTest); these hold without it
        Radiograph in = new Radiograph(4, 3, new float[12], 12, "PHANTOM");
        DicomFile f = DicomFile.parse(DicomWriter.encode(in,
                new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {0.5, 0.25}, "PELVIS", "AP", "L\\F")));
        assertThat(f.string(0x0028, 0x1040)).isEqualTo("LOG");
        assertThat(f.string(0x0028, 0x0301)).isEqualTo("NO");
        assertThat(f.string(0x0018, 0x1164)).isEqualTo("0.5\\0.25");
        assertThat(f.string(0x0020, 0x0020)).isEqualTo("L\\F");
        assertThat(f.string(0x0020, 0x0062)).isEqualTo("U");
        assertThat(f.string(0x0008, 0x0070)).isEqualTo("PXRCAD");
        assertThat(f.header().laterality()).isEqualTo("U");
    }

    @Test
    void dxWithoutWhatItsIodRequiresIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DicomWriter.Options(DicomWriter.Kind.DX, null, "PELVIS", "AP", "L\\F"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixelSpacing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {1, 1}, "CHEST", "AP", "L\\F"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bodyPart one of [PELVIS] but was CHEST");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {1, 1}, "PELVIS", "AP", "LF"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patientOrientation");
    }

    @Test
    void derivedUidsAreStableDistinctAndValid() {
        String u = DicomWriter.derivedUid("pxrcad-synth:1:instance:0");
        assertThat(DicomWriter.derivedUid("pxrcad-synth:1:instance:0")).isEqualTo(u);
        assertThat(DicomWriter.derivedUid("pxrcad-synth:1:instance:1")).isNotEqualTo(u);
        assertThat(u).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DicomWriter.Identity(null, "1.02", u, u))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("studyUid must be a UID");
    }
}
