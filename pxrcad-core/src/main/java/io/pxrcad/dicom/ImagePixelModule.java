package io.pxrcad.dicom;

import io.pxrcad.image.ImageLimits;

/**
 * The Image Pixel Module attributes that describe how pixels are stored (PS3.3 C.7.6.3),
 * plus Number of Frames (C.7.6.6), validated against each other and against
 * {@link DicomLimits} and the size limit of {@link ImageLimits}.
 *
 * @param samplesPerPixel 1 (monochrome) or 3 (colour)
 * @param planarConfiguration 0 = colour-by-pixel (interleaved), 1 = colour-by-plane (C.7.6.3.1.3)
 */
record ImagePixelModule(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated, int bitsStored,
                        int highBit, boolean signed, int planarConfiguration, String photometric) {

    ImagePixelModule {
        if (rows <= 0 || columns <= 0) {
            throw new InvalidDicomException("expected Rows (0028,0010) and Columns (0028,0011) > 0 but was " + rows + "x" + columns);
        }
        ImageLimits.check("DICOM image", columns, rows);
        if (frames <= 0) throw new InvalidDicomException("expected Number of Frames (0028,0008) > 0 but was " + frames);
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw new InvalidDicomException("expected Samples per Pixel (0028,0002) 1 or 3 but was " + samplesPerPixel);
        }
        if (bitsAllocated == 1 || bitsAllocated == 64) {
            throw new io.pxrcad.UnsupportedImageException("unsupported DICOM image: Bits Allocated (0028,0100) "
                    + bitsAllocated + " (pxrcad reads 8, 16 and 32)");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new InvalidDicomException("expected Bits Allocated (0028,0100) 8, 16 or 32 but was " + bitsAllocated);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new InvalidDicomException("expected Bits Stored (0028,0101) in 1.." + bitsAllocated + " but was " + bitsStored);
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new InvalidDicomException("expected High Bit (0028,0102) in " + (bitsStored - 1) + ".." + (bitsAllocated - 1)
                    + " but was " + highBit);
        }
    }

    static ImagePixelModule of(Dataset ds) {
        int rows = required(ds, Tags.ROWS, "Rows");
        int columns = required(ds, Tags.COLUMNS, "Columns");
        int bitsAllocated = required(ds, Tags.BITS_ALLOCATED, "Bits Allocated");
        int bitsStored = ds.integer(Tags.BITS_STORED).orElse(bitsAllocated);
        int highBit = ds.integer(Tags.HIGH_BIT).orElse(bitsStored - 1);
        int samples = ds.integer(Tags.SAMPLES_PER_PIXEL).orElse(1);
        String photometric = ds.string(Tags.PHOTOMETRIC_INTERPRETATION);
        if (photometric == null) photometric = samples == 1 ? "MONOCHROME2" : "RGB";
        return new ImagePixelModule(rows, columns, ds.integer(Tags.NUMBER_OF_FRAMES).orElse(1), samples,
                bitsAllocated, bitsStored, highBit, ds.integer(Tags.PIXEL_REPRESENTATION).orElse(0) == 1,
                ds.integer(Tags.PLANAR_CONFIGURATION).orElse(0), photometric);
    }

    private static int required(Dataset ds, int tag, String name) {
        return ds.integer(tag).orElseThrow(() -> new InvalidDicomException(
                "missing or invalid " + name + " " + Tags.format(tag) + ": not an image or a corrupt header"));
    }

    long pixelsPerFrame() { return (long) rows * columns; }

    /** Samples in one frame (pixels x samples per pixel). */
    int samplesPerFrame() { return Math.toIntExact(pixelsPerFrame() * samplesPerPixel); }

    /** Bytes of one native frame (PS3.5 8.1.1). */
    long frameBytes() { return pixelsPerFrame() * samplesPerPixel * (bitsAllocated / 8); }

    /** Smallest stored value (PS3.3 C.7.6.3.1.1). */
    int minStored() { return signed ? -(1 << (bitsStored - 1)) : 0; }

    /** Largest stored value. */
    long maxStored() { return signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1; }

    boolean monochrome() { return photometric.startsWith("MONOCHROME"); }

    /**
     * Keeps bits {@code highBit-bitsStored+1 .. highBit} of a raw sample and sign-extends it
     * when Pixel Representation is 1 (PS3.5 8.1.1, PS3.3 C.7.6.3.1.1).
     */
    int stored(int raw, int shift) {
        int v = raw >>> shift;
        if (bitsStored >= 32) return v;
        if (signed) {
            int unused = 32 - bitsStored;
            return (v << unused) >> unused;
        }
        return v & (int) ((1L << bitsStored) - 1);
    }

    /** The right shift that moves the stored bits of a native sample to bit 0. */
    int nativeShift() { return highBit - bitsStored + 1; }
}
