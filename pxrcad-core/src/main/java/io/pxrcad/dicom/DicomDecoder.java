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
    public boolean accepts(Path file, byte[] head) {
        if (Part10Reader.hasPreamble(head)) return true;
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".dcm")) return true;
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
        return radiograph(DicomFile.read(file), file);
    }

    /** Frame 0 of a file already read, with errors that name {@code file}. */
    static Radiograph radiograph(DicomFile f, Path file) {
        try {
            return f.radiograph();
        } catch (InvalidDicomException e) {
            throw new InvalidDicomException(e.getMessage() + " (in " + file.getFileName() + ")", e);
        } catch (ImageTooLargeException e) {
            throw e.in(String.valueOf(file.getFileName()));
        } catch (UnsupportedTransferSyntaxException e) {
            throw e.in(String.valueOf(file.getFileName()));
        }
    }
}
