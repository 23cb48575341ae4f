package io.pxrcad.dicom;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code pxrcad info} shows for a DICOM file: the header facts of {@link DicomHeader}
 * and, on request, the MD5 of the decoded stored values (the convention of GDCM's
 * {@code gdcminfo --md5sum}, so a site can compare its decoder with a reference). Nothing
 * that identifies the patient.
 */
public final class DicomInfo {
    private DicomInfo() {}

    /**
     * A file read and parsed once: frame 0 rendered as by {@link DicomDecoder} and the facts of
     * {@link #describe}. One parse, so each reader warning is logged once.
     */
    public record Described(Radiograph radiograph, Map<String, Object> facts) {}

    /**
     * Reads {@code file} once for {@code pxrcad info}: its radiograph and its facts.
     *
     * @throws io.pxrcad.DataException as {@link DicomDecoder#decode} throws it (an
     *         {@link InvalidDicomException}, an {@link io.pxrcad.image.ImageTooLargeException} or an
     *         {@link UnsupportedTransferSyntaxException}), naming the file
     */
    public static Described read(Path file, boolean pixelMd5) {
        DicomFile f;
        try {
            f = DicomFile.read(file);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read DICOM image " + file + ": " + e.getMessage(), e);
        }
        Radiograph r = DicomDecoder.radiograph(f, String.valueOf(file.getFileName()));
        return new Described(r, describe(f, file, pixelMd5));
    }

    /** The facts as an ordered map, ready for JSON; {@code pixelMd5} added when asked for. */
    public static Map<String, Object> describe(Path file, boolean pixelMd5) throws IOException {
        return describe(DicomFile.read(file), file, pixelMd5);
    }

    private static Map<String, Object> describe(DicomFile f, Path file, boolean pixelMd5) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", String.valueOf(file.getFileName()));
        m.putAll(f.header().toMap());
        if (pixelMd5) m.put("pixelMd5", f.pixelMd5());
        return m;
    }

    /** One {@code key: value} line per fact. */
    public static String text(Map<String, Object> facts) {
        return facts.entrySet().stream()
                .map(e -> e.getKey() + ": " + (e.getValue() instanceof double[] d ? Arrays.toString(d) : e.getValue()))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
