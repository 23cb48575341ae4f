package io.pxrcad.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds one explicit VR little endian dataset (PS3.5 7.1.2) element by element, and wraps it
 * as a Part 10 file ({@link #part10}). Elements come out in ascending tag order (PS3.5 7.1)
 * whatever order they were added in; a tag added twice is a programming error. Values are
 * written as given: the caller chooses the VR and keeps within its length limits.
 */
public final class DatasetBuilder {
    private static final String IMPLEMENTATION_UID = "2.25.329800735698586629295641978511506172918";
    private final SortedMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    public DatasetBuilder() {}

    /** An unsigned short (US). */
    public DatasetBuilder us(int tag, int v) { return bytes(tag, "US", new byte[] {(byte) v, (byte) (v >>> 8)}); }

    /** A signed short (SS). */
    public DatasetBuilder ss(int tag, int v) { return bytes(tag, "SS", new byte[] {(byte) v, (byte) (v >>> 8)}); }

    /** A double (FD). */
    public DatasetBuilder fd(int tag, double v) {
        return bytes(tag, "FD", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
    }

    /** Floats (FL), e.g. SR Graphic Data. */
    public DatasetBuilder fl(int tag, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return bytes(tag, "FL", b.array());
    }

    /** A decimal string (DS) of at most 16 characters (PS3.5 6.2). */
    public DatasetBuilder decimal(int tag, double v) { return string(tag, "DS", ds(v)); }

    /** {@code v} as a DS value: as many significant digits as fit in 16 characters. */
    static String ds(double v) {
        String s = Double.toString(v);
        if (s.length() <= 16) return s;
        for (int digits = 15; ; digits--) {
            s = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toString();
            if (s.length() <= 16 || digits == 1) return s;
        }
    }

    /** A text value in ASCII, padded to even length (PS3.5 6.2: NUL for UI, space otherwise). */
    public DatasetBuilder string(int tag, String vr, String value) {
        return bytes(tag, vr, pad(value.getBytes(StandardCharsets.US_ASCII), vr));
    }

    /**
     * The value of a text element of {@code source} byte for byte (in the source's character set),
     * or an empty value when the source lacks it: for Type 2 attributes copied from an image.
     */
    public DatasetBuilder copy(DicomFile source, int tag, String vr) {
        DicomElement e = source.dataset().get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) return bytes(tag, vr, new byte[0]);
        byte[] data = source.dataset().data;
        return bytes(tag, vr, pad(Arrays.copyOfRange(data, e.offset(), e.offset() + e.length()), vr));
    }

    /** A sequence of defined length whose items are the given datasets (PS3.5 7.5.1); none is an empty sequence. */
    public DatasetBuilder sequence(int tag, DatasetBuilder... items) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (DatasetBuilder item : items) {
            byte[] b = item.toByteArray();
            value.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0}); // Item (FFFE,E000)
            value.writeBytes(le32(b.length));
            value.writeBytes(b);
        }
        return bytes(tag, "SQ", value.toByteArray());
    }

    /** A value as raw bytes (e.g. OB or OW Pixel Data), padded to even length with a NUL. */
    public DatasetBuilder bytes(int tag, String vr, byte[] value) {
        byte[] v = value.length % 2 == 0 ? value : Arrays.copyOf(value, value.length + 1);
        if (elements.put(tag, element(tag, vr, v)) != null) throw new IllegalStateException("tag written twice: " + Tags.format(tag));
        return this;
    }

    /**
     * The Part 10 file (PS3.10 7.1) of this dataset: preamble, "DICM", File Meta with the given
     * SOP Class and Instance UIDs, the dataset in explicit VR little endian.
     */
    public byte[] part10(String sopClassUid, String sopInstanceUid) {
        DatasetBuilder meta = new DatasetBuilder();
        meta.bytes(0x00020001, "OB", new byte[] {0, 1});
        meta.string(0x00020002, "UI", sopClassUid);
        meta.string(0x00020003, "UI", sopInstanceUid);
        meta.string(0x00020010, "UI", TransferSyntax.EXPLICIT_VR_LE.uid());
        meta.string(0x00020012, "UI", IMPLEMENTATION_UID);
        meta.string(0x00020013, "SH", "PXRCAD");
        byte[] metaBytes = meta.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(element(0x00020000, "UL", le32(metaBytes.length)));
        file.writeBytes(metaBytes);
        file.writeBytes(toByteArray());
        return file.toByteArray();
    }

    byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        elements.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] pad(byte[] b, String vr) {
        if (b.length % 2 == 0) return b;
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[p.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
        return p;
    }

    private static byte[] le32(int v) { return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)}; }

    /** One explicit VR little endian element (PS3.5 7.1.2). */
    private static byte[] element(int tag, String vr, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 12);
        out.write(tag >>> 16);
        out.write(tag >>> 24);
        out.write(tag);
        out.write(tag >>> 8);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")
                || vr.equals("UC") || vr.equals("UR") || vr.equals("OF") || vr.equals("OD") || vr.equals("OL")) {
            out.write(0);
            out.write(0);
            out.writeBytes(le32(value.length));
        } else {
            if (value.length > 0xFFFF) throw new IllegalArgumentException(vr + " value of " + Tags.format(tag) + " too long: " + value.length + " bytes");
            out.write(value.length);
            out.write(value.length >>> 8);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
