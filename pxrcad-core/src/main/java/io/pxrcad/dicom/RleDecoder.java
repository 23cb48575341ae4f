package io.pxrcad.dicom;

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits
 * segment per byte plane, most significant byte first, sample by sample (G.2, G.3.1).
 */
final class RleDecoder {
    private RleDecoder() {}

    /** Decodes one frame to stored values, samples interleaved. */
    static int[] decode(ImagePixelModule px, byte[] frame) {
        if (frame.length < 64) {
            throw new InvalidDicomException("RLE frame of " + frame.length + " bytes is shorter than its 64-byte header");
        }
        int bytesPerSample = px.bitsAllocated() / 8;
        int spp = px.samplesPerPixel();
        long segments = ByteReader.u32At(frame, 0, false);
        if (segments != (long) bytesPerSample * spp) {
            throw new InvalidDicomException("RLE header declares " + segments + " segments but " + spp + " sample(s) of "
                    + px.bitsAllocated() + " bits need " + (bytesPerSample * spp));
        }
        int pixels = (int) px.pixelsPerFrame();
        int[] raw = new int[pixels * spp];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            long start = ByteReader.u32At(frame, 4 + 4 * s, false);
            long end = s + 1 < segments ? ByteReader.u32At(frame, 8 + 4 * s, false) : frame.length;
            if (start < 64 || start > end || end > frame.length) {
                throw new InvalidDicomException("RLE segment " + s + " has invalid offsets " + start + ".." + end
                        + " in a frame of " + frame.length + " bytes");
            }
            unpack(frame, (int) start, (int) end, plane, s);
            int sample = s / bytesPerSample;
            int byteShift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int p = 0; p < pixels; p++) {
                raw[p * spp + sample] |= (plane[p] & 0xFF) << byteShift;
            }
        }
        int shift = px.nativeShift();
        for (int i = 0; i < raw.length; i++) raw[i] = px.stored(raw[i], shift);
        return raw;
    }

    /** PackBits (G.3.1): n >= 0 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
    private static void unpack(byte[] in, int pos, int end, byte[] out, int segment) {
        int o = 0;
        while (o < out.length && pos < end) {
            int n = in[pos++];
            if (n >= 0) {
                int count = n + 1;
                if (pos + count > end || o + count > out.length) {
                    throw overrun(segment, o, out.length);
                }
                System.arraycopy(in, pos, out, o, count);
                pos += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (pos >= end || o + count > out.length) {
                    throw overrun(segment, o, out.length);
                }
                byte v = in[pos++];
                java.util.Arrays.fill(out, o, o + count, v);
                o += count;
            }
        }
        if (o < out.length) {
            throw new InvalidDicomException("RLE segment " + segment + " decodes to " + o + " bytes but the frame needs "
                    + out.length + " (truncated)");
        }
    }

    private static InvalidDicomException overrun(int segment, int at, int size) {
        return new InvalidDicomException("RLE segment " + segment + " runs past its end or past the " + size
                + "-byte plane at byte " + at + " (corrupt)");
    }
}
