package io.pxrcad;

import java.util.Locale;

/**
 * What the source file says about how a radiograph was acquired, as far as pxrcad needs it to
 * decide whether an image is one the model was made for. Values are trimmed and upper-cased
 * DICOM code strings; {@code null} means unknown (absent or empty in the file, or a format
 * without such facts: PNG, JPEG, TIFF, phantoms).
 *
 * @param modality     Modality (0008,0060), e.g. {@code CR}, {@code DX}, {@code MR}
 * @param bodyPart     Body Part Examined (0018,0015), e.g. {@code PELVIS}, {@code HIP}, {@code CHEST}
 * @param viewPosition View Position (0018,5101), e.g. {@code AP}, {@code PA}, {@code LL}
 */
public record AcquisitionInfo(String modality, String bodyPart, String viewPosition) {
    /** Nothing known (every non-DICOM image). */
    public static final AcquisitionInfo UNKNOWN = new AcquisitionInfo(null, null, null);

    public AcquisitionInfo {
        modality = normalise(modality);
        bodyPart = normalise(bodyPart);
        viewPosition = normalise(viewPosition);
    }

    public boolean isUnknown() { return modality == null && bodyPart == null && viewPosition == null; }

    private static String normalise(String s) {
        if (s == null) return null;
        String t = s.strip().toUpperCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }
}
