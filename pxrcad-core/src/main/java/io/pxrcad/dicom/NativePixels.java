package io.pxrcad.dicom;

/**
 * Native (uncompressed) Pixel Data (PS3.5 8.1.1 and 8.2): samples of Bits Allocated bits in
 * the dataset's byte order, colour-by-pixel or colour-by-plane, to stored values.
 */
final class NativePixels {
    private NativePixels() {}

    /**
     * Stored values of one frame, samples interleaved.
     *
     * @param data the dataset bytes; {@code offset,length} the whole Pixel Data value
     * @return {@code rows*columns*samplesPerPixel} stored values, row-major
     */
    static int[] frame(ImagePixelModule px, byte[] data, int offset, int length, int frame, boolean bigEndian) {
        long frameBytes = px.frameBytes();
        long needed = frameBytes * px.frames();
        if (length < needed) {
            // PS3.5 8.1.1: a short Pixel Data value cannot hold the frames the header declares
            throw new InvalidDicomException("Pixel Data (7FE0,0010) holds " + length + " bytes but " + px.rows() + "x"
                    + px.columns() + "x" + px.samplesPerPixel() + " samples of " + px.bitsAllocated() + " bits x "
                    + px.frames() + " frame(s) need " + needed + " (truncated)");
        }
        if (px.photometric().endsWith("_422")) {
            throw new io.pxrcad.UnsupportedImageException("unsupported DICOM image: uncompressed " + px.photometric()
                    + " (subsampled colour, PS3.3 C.7.6.3.1.2)");
        }
        int start = Math.toIntExact(offset + frameBytes * frame);
        int n = px.samplesPerFrame();
        int spp = px.samplesPerPixel();
        int pixels = (int) px.pixelsPerFrame();
        boolean planar = spp > 1 && px.planarConfiguration() == 1;
        int shift = px.nativeShift();
        int[] out = new int[n];
        int bytes = px.bitsAllocated() / 8;
        for (int i = 0; i < n; i++) {
            int at = start + i * bytes;
            int raw = switch (bytes) {
                case 1 -> data[at] & 0xFF;
                case 2 -> ByteReader.u16At(data, at, bigEndian);
                default -> (int) ByteReader.u32At(data, at, bigEndian);
            };
            int dst = planar ? (i % pixels) * spp + i / pixels : i;
            out[dst] = px.stored(raw, shift);
        }
        return out;
    }
}
