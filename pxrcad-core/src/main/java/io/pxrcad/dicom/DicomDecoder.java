package io.pxrcad.dicom;

import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageTooLargeException;
import io.pxrcad.image.RadiographDecoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The DICOM entry of {@code ImageReaders}: recognises "DICM" at byte 128, a {@code .dcm}
 * name, or a plausible raw dataset start (ACR-NEMA style, no preamble), and decodes frame 0
 * through {@link DicomFile#radiograph()}.
 */
public final class DicomDecoder implements RadiographDecoder {
    @Override
    public String name() { return "DICOM"; }

    @Override
    public int priority() { return 0; }

    @Override
    public boolean accepts(String name, byte[] head) {
        if (Part10Reader.hasPreamble(head)) return true;
        if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".dcm")) return true;
        return Part10Reader.plausibleAt(head, 0) && ByteReader.u16At(head, 0, false) == 0x0008;
    }

    /** From the header only: no pixel is decoded. */
    @Override
    public int[] dimensions(Path file) throws IOException {
        DicomFile f = DicomFile.read(file);
        try {
            ImagePixelModule px = f.pixelModule();
            return new int[] {px.columns(), px.rows()};
        } catch (InvalidDicomException e) {
            throw new InvalidDicomException(e.getMessage() + " (in " + file.getFileName() + ")", e);
        } catch (ImageTooLargeException e) {
            throw e.in(String.valueOf(file.getFileName()));
        }
    }

    @Override
    public Radiograph decode(Path file) throws IOException {
        return radiograph(DicomFile.read(file), String.valueOf(file.getFileName()));
    }

    @Override
    public Radiograph decode(byte[] bytes, String name) {
        String where = name == null ? "DICOM data" : name;
        DicomFile f;
        try {
            f = DicomFile.parse(bytes);
        } catch (InvalidDicomException e) {
            throw new InvalidDicomException(e.getMessage() + " (in " + where + ")", e);
        }
        return radiograph(f, where);
    }

    /** Frame 0 of a file already read, with errors that name it. */
    static Radiograph radiograph(DicomFile f, String name) {
        try {
            return f.radiograph();
        } catch (InvalidDicomException e) {
            throw new InvalidDicomException(e.getMessage() + " (in " + name + ")", e);
        } catch (ImageTooLargeException e) {
            throw e.in(name);
        } catch (UnsupportedTransferSyntaxException e) {
            throw e.in(name);
        }
    }
}
