package io.pxrcad.dicom;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The transfer syntaxes of PS3.5 section 10 and Annex A that pxrcad knows by name, with the
 * encoding facts the reader needs. Unknown UIDs become {@link #of} an "unknown" syntax that
 * fails with {@link UnsupportedTransferSyntaxException} when its pixels are decoded.
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian,
                             boolean deflated, Codec codec) {

    /** How Pixel Data is encoded. */
    public enum Codec { NATIVE, RLE, JPEG, JPEG_2000, UNSUPPORTED }

    public static final TransferSyntax IMPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_VR_BE =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, Codec.NATIVE);

    private static final Map<String, TransferSyntax> KNOWN = Stream.of(
            IMPLICIT_VR_LE, EXPLICIT_VR_LE, EXPLICIT_VR_BE,
            new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, Codec.NATIVE),
            new TransferSyntax("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, Codec.RLE),
            jpeg("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            jpeg("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)"),
            jpeg("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            jpeg("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
            new TransferSyntax("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false, Codec.JPEG_2000),
            new TransferSyntax("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, Codec.JPEG_2000),
            unsupported("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
            unsupported("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
            unsupported("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
            unsupported("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            unsupported("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            unsupported("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            unsupported("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            unsupported("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"))
            .collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    private static TransferSyntax jpeg(String uid, String name) {
        return new TransferSyntax(uid, name, true, false, false, Codec.JPEG);
    }

    private static TransferSyntax unsupported(String uid, String name) {
        return new TransferSyntax(uid, name, true, false, false, Codec.UNSUPPORTED);
    }

    /**
     * The syntax for a UID (trailing NUL/space padding removed). Unknown UIDs are treated as
     * explicit VR little endian encapsulated data that cannot be decoded (PS3.5 A.4).
     */
    public static TransferSyntax of(String uid) {
        String u = uid.trim();
        TransferSyntax t = KNOWN.get(u);
        return t != null ? t : new TransferSyntax(u, "unknown transfer syntax", true, false, false, Codec.UNSUPPORTED);
    }

    /** True when Pixel Data is a sequence of fragments (PS3.5 A.4). */
    public boolean encapsulated() { return codec != Codec.NATIVE; }

    public UnsupportedTransferSyntaxException unsupportedError(String detail) {
        return new UnsupportedTransferSyntaxException(uid, name, detail);
    }

    @Override
    public String toString() { return name + " (" + uid + ")"; }
}
