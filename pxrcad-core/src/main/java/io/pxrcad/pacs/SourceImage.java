package io.pxrcad.pacs;

import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.dicom.DicomHeader;
import io.pxrcad.dicom.InvalidDicomException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The image a result is about: a DICOM file (whose Patient and Study the results join, and which
 * they reference) or an image of another format (the results then start a study of their own).
 * Only read, never changed.
 */
public final class SourceImage {
    private final DicomFile file;
    private final Radiograph image;
    private final String key;

    private SourceImage(DicomFile file, Radiograph image, String key) {
        this.file = file;
        this.image = Objects.requireNonNull(image, "image");
        this.key = key;
    }

    /**
     * A DICOM source and its frame 0 as scored.
     *
     * @throws InvalidDicomException when the file lacks the UIDs a reference needs (SOP Class,
     *         SOP Instance, Study and Series Instance UID)
     */
    public static SourceImage of(DicomFile file, Radiograph image) {
        DicomHeader h = file.header();
        for (String[] a : new String[][] {{h.sopClassUid(), "SOP Class UID (0008,0016)"},
                {h.sopInstanceUid(), "SOP Instance UID (0008,0018)"}, {h.studyInstanceUid(), "Study Instance UID (0020,000D)"},
                {h.seriesInstanceUid(), "Series Instance UID (0020,000E)"}}) {
            if (a[0] == null) throw new InvalidDicomException("cannot refer to the source image: it has no " + a[1]);
        }
        return new SourceImage(file, image, h.sopInstanceUid());
    }

    /**
     * The source of {@code decoded}, read from {@code file}: a DICOM file is read again for its
     * header (the decoded radiograph keeps only acquisition facts), another format is its pixels.
     */
    public static SourceImage of(Path file, Radiograph decoded) throws IOException {
        return "DICOM".equals(decoded.format()) ? of(DicomFile.read(file), decoded) : of(decoded);
    }

    /** As {@link #of(Path, Radiograph)} for an upload's bytes (e.g. the service's request body). */
    public static SourceImage of(byte[] bytes, Radiograph decoded) {
        return "DICOM".equals(decoded.format()) ? of(DicomFile.parse(bytes), decoded) : of(decoded);
    }

    /** An image of another format (PNG, JPEG, TIFF): it is identified by its pixels. */
    public static SourceImage of(Radiograph image) {
        return new SourceImage(null, image, "pixels:" + pixelHash(image));
    }

    /** The DICOM file, or {@code null} for another format. */
    DicomFile file() { return file; }

    boolean isDicom() { return file != null; }

    Radiograph image() { return image; }

    /** What the derived UIDs are derived from: the SOP Instance UID, or a hash of the pixels. */
    String key() { return key; }

    private static String pixelHash(Radiograph r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 + 4 * r.width() * r.height());
            b.putInt(r.width()).putInt(r.height());
            for (float v : r.pixelsUnsafe()) b.putFloat(v);
            return HexFormat.of().formatHex(md.digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
