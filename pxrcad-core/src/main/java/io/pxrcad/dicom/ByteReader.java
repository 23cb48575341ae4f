package io.pxrcad.dicom;

/**
 * A bounds-checked cursor over a byte array in either byte order. Every read that would run
 * past the end throws {@link InvalidDicomException} naming what was being read and where,
 * so that a truncated or lying file can never cause an {@code ArrayIndexOutOfBoundsException}.
 */
final class ByteReader {
    final byte[] data;
    int end;
    int pos;

    ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    int remaining() { return end - pos; }

    void need(long n, String what) {
        if (n > remaining()) {
            throw new InvalidDicomException("truncated DICOM: expected " + n + " bytes for " + what
                    + " at byte offset " + pos + " but only " + remaining() + " are left");
        }
    }

    int u16(boolean bigEndian) {
        need(2, "a 16-bit value");
        int v = u16At(data, pos, bigEndian);
        pos += 2;
        return v;
    }

    long u32(boolean bigEndian) {
        need(4, "a 32-bit value");
        long v = u32At(data, pos, bigEndian);
        pos += 4;
        return v;
    }

    static int u16At(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF) : (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    static long u32At(byte[] b, int i, boolean bigEndian) {
        long lo = u16At(b, bigEndian ? i + 2 : i, bigEndian);
        long hi = u16At(b, bigEndian ? i : i + 2, bigEndian);
        return (hi << 16) | lo;
    }
}
