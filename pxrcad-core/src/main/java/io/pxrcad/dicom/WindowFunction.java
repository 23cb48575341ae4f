package io.pxrcad.dicom;

import java.util.Locale;

/**
 * The VOI LUT Functions of PS3.3 C.11.2.1.2 and C.11.2.1.3 that map a modality value
 * {@code x} through window centre {@code c} and width {@code w} to {@code [yMin, yMax]}.
 */
public enum WindowFunction {
    /** C.11.2.1.2.1: {@code y = ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin}, clipped; needs w >= 1. */
    LINEAR,
    /** C.11.2.1.3.2: {@code y = ((x - c) / w + 0.5) * (yMax - yMin) + yMin}, clipped; needs w > 0. */
    LINEAR_EXACT,
    /** C.11.2.1.3.1: {@code y = (yMax - yMin) / (1 + exp(-4 (x - c) / w)) + yMin}; needs w > 0. */
    SIGMOID;

    /** The function named by VOI LUT Function (0028,1056); LINEAR when absent or unknown. */
    public static WindowFunction parse(String name) {
        if (name == null) return LINEAR;
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> LINEAR;
        };
    }

    /** True when {@code width} is allowed for this function. */
    public boolean validWidth(double width) {
        return this == LINEAR ? width >= 1 : width > 0;
    }

    /** Applies the function to one value. */
    public double apply(double x, double center, double width, double yMin, double yMax) {
        double range = yMax - yMin;
        switch (this) {
            case LINEAR -> {
                double lo = center - 0.5 - (width - 1) / 2;
                double hi = center - 0.5 + (width - 1) / 2;
                if (x <= lo) return yMin;
                if (x > hi) return yMax;
                return ((x - (center - 0.5)) / (width - 1) + 0.5) * range + yMin;
            }
            case LINEAR_EXACT -> {
                if (x <= center - width / 2) return yMin;
                if (x > center + width / 2) return yMax;
                return ((x - center) / width + 0.5) * range + yMin;
            }
            default -> { return range / (1 + Math.exp(-4 * (x - center) / width)) + yMin; }
        }
    }
}
