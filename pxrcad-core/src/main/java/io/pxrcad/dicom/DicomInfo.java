package io.pxrcad.dicom;

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

    /** The facts as an ordered map, ready for JSON; {@code pixelMd5} added when asked for. */
    public static Map<String, Object> describe(Path file, boolean pixelMd5) throws IOException {
        DicomFile f = DicomFile.read(file);
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
