package io.pxrcad.dicom;

import io.pxrcad.AtomicFiles;
import io.pxrcad.Radiograph;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a {@link Radiograph} as a Part 10 file (PS3.10 7.1): preamble, File Meta, then an
 * explicit VR little endian dataset with a 16-bit MONOCHROME2 image, as a Secondary Capture
 * (PS3.3 A.8.1) or a Digital X-Ray "for presentation" object. Integer values that already fit
 * {@code [0, 2^bitDepth - 1]} (bitDepth <= 16) are written as they are; others are
 * scaled linearly from their range to {@code [0, 65535]}. UIDs are fresh {@code 2.25.<uuid>}
 * (PS3.5 B.2) unless an {@link Identity} gives them. Patient ID and Patient's Name are empty
 * unless the identity carries a (synthetic) ID; the name is then {@code SYNTHETIC^<id>}. A DX
 * object carries every Type 1 and 2 attribute of its IOD ({@code DxModules}), among them the
 * identity rescale, Presentation LUT Shape IDENTITY and a window spanning the stored range, so
 * that it displays, and decodes, as written.
 */
public final class DicomWriter {
    /** The kind of object written. */
    public enum Kind {
        SECONDARY_CAPTURE("1.2.840.10008.5.1.4.1.1.7", "OT"),
        DX("1.2.840.10008.5.1.4.1.1.1.1", "DX");

        final String sopClassUid;
        final String modality;

        Kind(String sopClassUid, String modality) {
            this.sopClassUid = sopClassUid;
            this.modality = modality;
        }
    }

    /**
     * What to write besides the pixels.
     *
     * @param pixelSpacing {row, column} spacing in mm, or {@code null}; a DX object needs it
     * @param bodyPart e.g. {@code PELVIS}, or {@code null}; a DX object needs one the writer has a code for
     * @param viewPosition e.g. {@code AP}, or {@code null}
     * @param patientOrientation the patient directions of the rows and columns (PS3.3 C.7.6.1.1.1),
     *        e.g. {@code L\F} for an AP view seen as facing the patient; a DX object needs it
     */
    public record Options(Kind kind, double[] pixelSpacing, String bodyPart, String viewPosition, String patientOrientation) {
        public Options {
            Objects.requireNonNull(kind, "kind");
            if (pixelSpacing != null && (pixelSpacing.length != 2 || !(pixelSpacing[0] > 0) || !(pixelSpacing[1] > 0))) {
                throw new IllegalArgumentException("pixelSpacing must be 2 values > 0");
            }
            if (kind == Kind.DX) DxModules.check(pixelSpacing, bodyPart, patientOrientation);
        }

        public static Options secondaryCapture() { return new Options(Kind.SECONDARY_CAPTURE, null, null, null, null); }
    }

    /**
     * Who and what the object belongs to. UIDs must be valid (digits and dots, at most 64
     * characters); the same study UID groups a patient's images.
     *
     * @param patientId Patient ID (0010,0020): a synthetic identifier or {@code null} (written empty)
     */
    public record Identity(String patientId, String studyUid, String seriesUid, String instanceUid) {
        public Identity {
            if (patientId != null && (patientId.length() > 64 || !patientId.matches("[\\x20-\\x5B\\x5D-\\x7E]*"))) {
                throw new IllegalArgumentException("patientId must be at most 64 printable ASCII characters without '\\' (value not shown: it may identify a patient)");
            }
            uid("studyUid", studyUid);
            uid("seriesUid", seriesUid);
            uid("instanceUid", instanceUid);
        }

        /** No patient ID and fresh random UIDs. */
        public static Identity random() { return new Identity(null, newUid(), newUid(), newUid()); }

        private static void uid(String name, String v) {
            if (v == null || v.length() > 64 || !v.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*")) {
                throw new IllegalArgumentException(name + " must be a UID (digits and dots, at most 64 characters) but was " + v);
            }
        }
    }

    private DicomWriter() {}

    /** Writes {@code image} to {@code target} atomically, with fresh UIDs. */
    public static void write(Radiograph image, Options options, Path target) throws IOException {
        write(image, options, Identity.random(), target);
    }

    /** Writes {@code image} to {@code target} atomically; same arguments, same bytes. */
    public static void write(Radiograph image, Options options, Identity identity, Path target) throws IOException {
        AtomicFiles.writeBytes(target, encode(image, options, identity));
    }

    /** The Part 10 bytes of {@code image}, with fresh UIDs. */
    public static byte[] encode(Radiograph image, Options options) {
        return encode(image, options, Identity.random());
    }

    /** The Part 10 bytes of {@code image}; a function of the arguments only. */
    public static byte[] encode(Radiograph image, Options options, Identity identity) {
        Objects.requireNonNull(identity, "identity");
        String instance = identity.instanceUid();
        int bits = image.bitDepth() <= 16 && fits(image) ? image.bitDepth() : 16;
        DatasetBuilder ds = new DatasetBuilder();
        ds.string(0x00080016, "UI", options.kind().sopClassUid);
        ds.string(0x00080018, "UI", instance);
        ds.string(0x00080060, "CS", options.kind().modality);
        if (options.kind() == Kind.SECONDARY_CAPTURE) ds.string(0x00080064, "CS", "SYN");
        // the identity's patient ID is synthetic by contract, so naming the patient after it reveals nothing
        ds.string(0x00100010, "PN", identity.patientId() == null ? "" : "SYNTHETIC^" + identity.patientId());
        ds.string(0x00100020, "LO", identity.patientId() == null ? "" : identity.patientId());
        if (options.bodyPart() != null) ds.string(0x00180015, "CS", options.bodyPart());
        if (options.viewPosition() != null) ds.string(0x00185101, "CS", options.viewPosition());
        ds.string(0x0020000D, "UI", identity.studyUid());
        ds.string(0x0020000E, "UI", identity.seriesUid());
        ds.string(0x00200013, "IS", "1");
        ds.us(0x00280002, 1);
        ds.string(0x00280004, "CS", "MONOCHROME2");
        ds.us(0x00280010, image.height());
        ds.us(0x00280011, image.width());
        if (options.pixelSpacing() != null) ds.string(0x00280030, "DS", spacing(options.pixelSpacing()));
        ds.us(0x00280100, 16);
        ds.us(0x00280101, bits);
        ds.us(0x00280102, bits - 1);
        ds.us(0x00280103, 0);
        if (options.kind() == Kind.DX) DxModules.add(ds, options, bits);
        ds.bytes(0x7FE00010, "OW", pixels(image, bits == image.bitDepth() && fits(image)));

        return ds.part10(options.kind().sopClassUid, instance);
    }

    private static boolean fits(Radiograph image) {
        float[] r = image.range();
        if (image.bitDepth() > 16 || r[0] < 0 || r[1] > (1 << image.bitDepth()) - 1) return false;
        for (float v : image.pixelsUnsafe()) if (v != Math.rint(v)) return false;
        return true;
    }

    private static byte[] pixels(Radiograph image, boolean asIs) {
        float[] v = image.pixelsUnsafe();
        float[] r = image.range();
        double scale = asIs || r[1] <= r[0] ? 1 : 65535.0 / (r[1] - r[0]);
        double offset = asIs || r[1] <= r[0] ? 0 : r[0];
        byte[] b = new byte[v.length * 2];
        for (int i = 0; i < v.length; i++) {
            double x = Float.isFinite(v[i]) ? (v[i] - offset) * scale : 0;
            int s = (int) Math.max(0, Math.min(65535, Math.round(x)));
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >>> 8);
        }
        return b;
    }

    /** A {row, column} spacing as a two-valued DS. */
    static String spacing(double[] rowColumn) { return DatasetBuilder.ds(rowColumn[0]) + "\\" + DatasetBuilder.ds(rowColumn[1]); }

    /**
     * A UID of the form {@code 2.25.<uuid>} (PS3.5 B.2) from the name-based (MD5) UUID of
     * {@code name}: the same name always gives the same UID, different names practically never do.
     */
    public static String derivedUid(String name) {
        return uid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    static String newUid() { return uid(UUID.randomUUID()); }

    private static String uid(UUID u) {
        BigInteger hi = BigInteger.valueOf(u.getMostSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        BigInteger lo = BigInteger.valueOf(u.getLeastSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return "2.25." + hi.shiftLeft(64).or(lo);
    }
}
