package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-built datasets for the cases the reference files do not cover. */
class SyntheticDatasetTest {
    /** An explicit VR little endian dataset without meta, elements written in the order given (ascending tags). */
    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Starts with Modality (0008,0060), which makes a dataset without meta recognisable. */
        Builder() { cs(0x00080060, "OT"); }

        Builder el(int tag, String vr, byte[] v) {
            out.write(tag >>> 16);
            out.write(tag >>> 24);
            out.write(tag);
            out.write(tag >>> 8);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB") || vr.equals("OW")) {
                out.writeBytes(new byte[] {0, 0, (byte) v.length, (byte) (v.length >> 8), (byte) (v.length >> 16), 0});
            } else {
                out.writeBytes(new byte[] {(byte) v.length, (byte) (v.length >> 8)});
            }
            out.writeBytes(v);
            return this;
        }

        Builder cs(int tag, String s) {
            return el(tag, "CS", (s.length() % 2 == 1 ? s + " " : s).getBytes(StandardCharsets.US_ASCII));
        }

        Builder us(int tag, int v) { return el(tag, "US", new byte[] {(byte) v, (byte) (v >> 8)}); }

        Builder image(int rows, int cols, int spp, int bitsAlloc, int bitsStored, int highBit, int pixelRep, String pi) {
            us(0x00280002, spp).cs(0x00280004, pi);
            return this.rowsCols(rows, cols, bitsAlloc, bitsStored, highBit, pixelRep);
        }

        private Builder rowsCols(int rows, int cols, int bitsAlloc, int bitsStored, int highBit, int pixelRep) {
            return us(0x00280010, rows).us(0x00280011, cols).us(0x00280100, bitsAlloc).us(0x00280101, bitsStored)
                    .us(0x00280102, highBit).us(0x00280103, pixelRep);
        }

        DicomFile file() { return DicomFile.parse(out.toByteArray()); }
    }

    private static byte[] le16(int... v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) v[i];
            b[2 * i + 1] = (byte) (v[i] >> 8);
        }
        return b;
    }

    @Test
    void highBitAboveBitsStoredIsShiftedAndSignExtended() {
        // 12 bits stored in bits 4..15 (High Bit 15), signed; the low 4 bits hold other data
        int[] values = {-2048, -1, 0, 2047};
        int[] raw = new int[4];
        for (int i = 0; i < 4; i++) raw[i] = ((values[i] & 0xFFF) << 4) | 0xA;
        DicomFile f = new Builder().image(2, 2, 1, 16, 12, 15, 1, "MONOCHROME2")
                .el(0x7FE00010, "OW", le16(raw)).file();
        assertThat(f.storedFrame(0)).containsExactly(values);
    }

    @Test
    void colourByPlaneIsInterleavedAndBecomesLuminance() {
        // 2 pixels, planes R R G G B B (Planar Configuration 1)
        DicomFile f = new Builder().us(0x00280002, 3).cs(0x00280004, "RGB").us(0x00280006, 1)
                .rowsCols(1, 2, 8, 8, 7, 0).el(0x7FE00010, "OB", new byte[] {(byte) 255, 0, 0, (byte) 255, 0, 0}).file();
        assertThat(f.storedFrame(0)).containsExactly(255, 0, 0, 0, 255, 0);
        Radiograph r = f.radiograph();
        // no window: luma 76.2 and 149.7 stretched over the full range 0..255
        assertThat(r.get(0, 0)).isEqualTo(0f);
        assertThat(r.get(1, 0)).isEqualTo(255f);
    }

    @Test
    void presentationLutShapeInverseInvertsAfterTheWindow() {
        Builder b = new Builder().image(1, 2, 1, 8, 8, 7, 0, "MONOCHROME2");
        b.cs(0x20500020, "INVERSE").el(0x7FE00010, "OB", new byte[] {10, 20});
        Radiograph r = b.file().radiograph();
        assertThat(r.get(0, 0)).isEqualTo(255f);
        assertThat(r.get(1, 0)).isEqualTo(0f);
    }

    @Test
    void paletteColourAndUncompressed422AreUnsupportedNotCorrupt() {
        DicomFile palette = new Builder().image(1, 2, 1, 8, 8, 7, 0, "PALETTE COLOR")
                .el(0x7FE00010, "OB", new byte[] {1, 2}).file();
        assertThatThrownBy(palette::radiograph).isInstanceOf(UnsupportedImageException.class).hasMessageContaining("PALETTE COLOR");
        DicomFile ybr = new Builder().image(1, 2, 3, 8, 8, 7, 0, "YBR_FULL_422")
                .el(0x7FE00010, "OB", new byte[] {1, 2, 3, 4, 5, 6}).file();
        assertThatThrownBy(() -> ybr.storedFrame(0)).isInstanceOf(UnsupportedImageException.class).hasMessageContaining("YBR_FULL_422");
    }
}
