package io.pxrcad.image;

import java.util.Locale;
import java.util.Map;

/** The file suffix a media type stands for, as a decoding hint ({@link ImageReaders#read(byte[], String, String)}). */
final class MediaTypes {
    private static final Map<String, String> SUFFIX = Map.of(
            "application/dicom", ".dcm",
            "image/png", ".png",
            "image/jpeg", ".jpg",
            "image/tiff", ".tif");

    private MediaTypes() {}

    /** {@code .dcm} for {@code application/dicom; transfer-syntax=...}; null for an unknown or missing type. */
    static String suffix(String mediaType) {
        if (mediaType == null) return null;
        int semi = mediaType.indexOf(';');
        String base = (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return SUFFIX.get(base);
    }
}
