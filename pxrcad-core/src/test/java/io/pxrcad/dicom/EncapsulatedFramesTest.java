package io.pxrcad.dicom;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fragments to frames (PS3.5 A.4) for frames split over several fragments. */
class EncapsulatedFramesTest {
    private static final byte[] EOI = {(byte) 0xFF, (byte) 0xD9};

    /** Items laid out as in a file: BOT item, then one item per fragment; returns the parsed fragment list. */
    private static List<DicomElement.Fragment> layout(ByteArrayOutputStream out, byte[] bot, byte[]... fragments) {
        List<DicomElement.Fragment> list = new ArrayList<>();
        for (byte[] f : prepend(bot, fragments)) {
            int at = out.size();
            out.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, (byte) f.length, (byte) (f.length >> 8), 0, 0});
            list.add(new DicomElement.Fragment(at, at + 8, f.length));
            out.writeBytes(f);
        }
        return list;
    }

    private static byte[][] prepend(byte[] first, byte[][] rest) {
        byte[][] all = new byte[rest.length + 1][];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static byte[] le32(int... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) for (int k = 0; k < 4; k++) b[4 * i + k] = (byte) (v[i] >>> (8 * k));
        return b;
    }

    @Test
    void basicOffsetTableGroupsFragmentsIntoFrames() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a1 = {1, 1}, a2 = {2, 2, 2, 2}, b1 = {3, 3};
        // frame 0 = items at relative offsets 0 and 10, frame 1 starts at 22 (8 + 2 + 8 + 4)
        List<DicomElement.Fragment> f = layout(out, le32(0, 22), a1, a2, b1);
        byte[] data = out.toByteArray();
        assertThat(EncapsulatedFrames.frame(f, data, 0, 2)).containsExactly(1, 1, 2, 2, 2, 2);
        assertThat(EncapsulatedFrames.frame(f, data, 1, 2)).containsExactly(3, 3);
        assertThat(EncapsulatedFrames.frame(f, data, 0, 1)).containsExactly(1, 1, 2, 2, 2, 2, 3, 3);
        assertThat(EncapsulatedFrames.frame(f, data, 1, 2, new long[] {0, 10})).containsExactly(2, 2, 2, 2, 3, 3);
    }

    @Test
    void withoutOffsetsFramesEndAtTheEndOfImageMarker() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a1 = {(byte) 0xFF, (byte) 0xD8, 5, 6}, a2 = {7, (byte) 0xFF, (byte) 0xD9, 0}, b1 = {(byte) 0xFF, (byte) 0xD8, 9, 9};
        List<DicomElement.Fragment> f = layout(out, new byte[0], a1, a2, b1, EOI);
        byte[] data = out.toByteArray();
        assertThat(EncapsulatedFrames.frame(f, data, 0, 2)).containsExactly(0xFF, 0xD8, 5, 6, 7, 0xFF, 0xD9, 0);
        assertThat(EncapsulatedFrames.frame(f, data, 1, 2)).containsExactly(0xFF, 0xD8, 9, 9, 0xFF, 0xD9);
        assertThatThrownBy(() -> EncapsulatedFrames.frame(f, data, 0, 3)).isInstanceOf(InvalidDicomException.class)
                .hasMessageContaining("cannot map 4 fragments to 3 frames");
    }
}
