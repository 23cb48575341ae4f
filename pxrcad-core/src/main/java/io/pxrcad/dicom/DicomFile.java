package io.pxrcad.dicom;

import io.pxrcad.Radiograph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A parsed DICOM file (PS3.10): its header facts, its stored pixel values frame by frame and
 * its rendering as a {@link Radiograph}. Immutable apart from lazily decoded state; not
 * thread-safe for concurrent first use.
 *
 * <p>Errors: {@link InvalidDicomException} for anything truncated, corrupt or over a
 * {@link DicomLimits limit}; {@link UnsupportedTransferSyntaxException} for an encoding
 * pxrcad cannot decode (e.g. JPEG-LS).
 */
public final class DicomFile {
    private final Part10Reader.Parsed parsed;
    private final DicomHeader header;
    private ImagePixelModule pixelModule;

    private DicomFile(Part10Reader.Parsed parsed) {
        this.parsed = parsed;
        this.header = DicomHeader.of(parsed.meta(), parsed.dataset(), parsed.syntax(), parsed.hasFileMeta());
    }

    /** Reads and parses a file (not its pixels: those are decoded on demand). */
    public static DicomFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > DicomLimits.MAX_FILE_BYTES) {
            throw new InvalidDicomException("DICOM file " + file.getFileName() + " is " + size + " bytes, over the limit of "
                    + DicomLimits.MAX_FILE_BYTES);
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (InvalidDicomException e) {
            throw new InvalidDicomException(e.getMessage() + " (in " + file.getFileName() + ")", e);
        }
    }

    /** Parses a file's bytes (the array is kept, not copied: do not modify it afterwards). */
    public static DicomFile parse(byte[] bytes) {
        if (bytes.length > DicomLimits.MAX_FILE_BYTES) {
            throw new InvalidDicomException("DICOM data of " + bytes.length + " bytes is over the limit of "
                    + DicomLimits.MAX_FILE_BYTES);
        }
        return new DicomFile(Part10Reader.parse(bytes));
    }

    public DicomHeader header() { return header; }

    Dataset dataset() { return parsed.dataset(); }

    public TransferSyntax transferSyntax() { return parsed.syntax(); }

    public boolean hasPixelData() { return parsed.dataset().contains(Tags.PIXEL_DATA); }

    /** A top-level string attribute by tag, e.g. {@code string(0x0008, 0x0012)}; {@code null} when absent. */
    public String string(int group, int element) { return parsed.dataset().string((group << 16) | element); }

    /** Number of top-level data elements. */
    public int elementCount() { return parsed.dataset().size(); }

    ImagePixelModule pixelModule() {
        if (pixelModule == null) {
            if (!hasPixelData()) {
                throw new InvalidDicomException("not an image: no Pixel Data (7FE0,0010)"
                        + (header.modality() == null ? "" : " in this " + header.modality() + " object"));
            }
            pixelModule = ImagePixelModule.of(parsed.dataset());
        }
        return pixelModule;
    }

    /** Number of frames (0028,0008); 1 for single-frame images. */
    public int frameCount() { return pixelModule().frames(); }

    /**
     * The stored values of one frame (PS3.3 C.7.6.3.1.1): no rescale, window or inversion;
     * sign-extended when Pixel Representation is 1; colour samples interleaved in the file's
     * photometric space.
     *
     * @return {@code rows*columns*samplesPerPixel} values, row-major
     */
    public int[] storedFrame(int frame) {
        ImagePixelModule px = pixelModule();
        if (frame < 0 || frame >= px.frames()) {
            throw new IllegalArgumentException("frame must be in 0.." + (px.frames() - 1) + " but was " + frame);
        }
        DicomElement e = parsed.dataset().get(Tags.PIXEL_DATA);
        TransferSyntax ts = parsed.syntax();
        if (e.isEncapsulated()) {
            if (ts.codec() == TransferSyntax.Codec.NATIVE) {
                throw new InvalidDicomException("Pixel Data is encapsulated but the transfer syntax " + ts + " is native");
            }
            if (ts.codec() == TransferSyntax.Codec.UNSUPPORTED) throw ts.unsupportedError(null);
            byte[] bytes = EncapsulatedFrames.frame(e.fragments(), parsed.data(), frame, px.frames(), extendedOffsets());
            return ts.codec() == TransferSyntax.Codec.RLE ? RleDecoder.decode(px, bytes)
                    : ImageIoFrameDecoder.decode(px, ts, bytes);
        }
        if (ts.encapsulated()) {
            if (ts.codec() == TransferSyntax.Codec.UNSUPPORTED) throw ts.unsupportedError(null);
            throw new InvalidDicomException("transfer syntax " + ts + " needs encapsulated Pixel Data but it has a defined length");
        }
        return NativePixels.frame(px, parsed.data(), e.offset(), e.length(), frame, parsed.dataset().bigEndian);
    }

    /** The Extended Offset Table (7FE0,0001, 64-bit little endian offsets; PS3.3 C.7.6.3.1.8), or {@code null}. */
    private long[] extendedOffsets() {
        DicomElement t = parsed.dataset().get(Tags.EXTENDED_OFFSET_TABLE);
        if (t == null || t.isSequence() || t.isEncapsulated() || t.length() < 8) return null;
        long[] out = new long[t.length() / 8];
        for (int i = 0; i < out.length; i++) {
            int at = t.offset() + 8 * i;
            out[i] = (ByteReader.u32At(parsed.data(), at + 4, false) << 32) | ByteReader.u32At(parsed.data(), at, false);
        }
        return out;
    }

    /**
     * MD5 of the decoded stored values of all frames, the convention of GDCM's
     * {@code gdcminfo --md5sum} and {@code expected_pixels.json}: frames concatenated,
     * row-major, samples interleaved, each sample little-endian in Bits Allocated bits.
     */
    public String pixelMd5() {
        ImagePixelModule px = pixelModule();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int bytes = px.bitsAllocated() / 8;
        for (int f = 0; f < px.frames(); f++) {
            int[] v = storedFrame(f);
            byte[] buf = new byte[v.length * bytes];
            for (int i = 0; i < v.length; i++) {
                for (int b = 0; b < bytes; b++) buf[i * bytes + b] = (byte) (v[i] >>> (8 * b));
            }
            md.update(buf);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Frame 0 rendered as a radiograph (see {@link #radiograph(int)}). */
    public Radiograph radiograph() { return radiograph(0); }

    /**
     * One frame through the grayscale pipeline (Modality LUT, VOI LUT or first window, MONOCHROME1
     * inversion; see {@code GrayscalePipeline}): floats in {@code [0, 2^min(BitsStored,16) - 1]},
     * bright = dense; format "DICOM"; with the header's {@link io.pxrcad.AcquisitionInfo}.
     */
    public Radiograph radiograph(int frame) {
        ImagePixelModule px = pixelModule();
        float[] v = GrayscalePipeline.render(px, parsed.dataset(), storedFrame(frame));
        return Radiograph.wrap(px.columns(), px.rows(), v, GrayscalePipeline.outputBits(px), "DICOM")
                .withAcquisition(header.acquisition());
    }
}
