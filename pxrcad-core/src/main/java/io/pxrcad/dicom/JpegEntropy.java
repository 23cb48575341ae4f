package io.pxrcad.dicom;

/**
 * Huffman entropy decoding of ITU-T T.81 (Annex C, F.2.2): a bit reader over the
 * entropy-coded segment (FF00 unstuffed; at a marker or the end of data it feeds zero bits,
 * as IJG does, so corrupt data cannot read past the array) and canonical Huffman tables with
 * a 9-bit lookahead table for the common short codes.
 */
final class JpegEntropy {
    private JpegEntropy() {}

    static final class Bits {
        private final byte[] d;
        int p;
        private long buf;
        private int cnt;

        Bits(byte[] d, int p) {
            this.d = d;
            this.p = p;
        }

        private void fill() {
            while (cnt <= 48) {
                int b = 0;
                if (p < d.length) {
                    b = d[p] & 0xFF;
                    if (b == 0xFF) {
                        int next = p + 1 < d.length ? d[p + 1] & 0xFF : 0xD9;
                        if (next == 0) p += 2;
                        else b = 0; // a marker: never consumed here
                    } else {
                        p++;
                    }
                }
                buf = (buf << 8) | b;
                cnt += 8;
            }
        }

        int peek(int n) {
            if (cnt < n) fill();
            return (int) (buf >>> (cnt - n)) & ((1 << n) - 1);
        }

        void skip(int n) { cnt -= n; }

        int receive(int s) {
            if (s == 0) return 0;
            int v = peek(s);
            cnt -= s;
            return v;
        }

        /** RECEIVE and EXTEND of T.81 F.2.2.1: an {@code s}-bit magnitude category to a signed value. */
        int extend(int s) {
            if (s > 16) throw new InvalidDicomException("JPEG coefficient size " + s + " over 16 bits");
            int x = receive(s);
            return x < (1 << (s - 1)) ? x - (1 << s) + 1 : x;
        }

        /** Drops buffered bits and moves past the next RSTn marker (T.81 F.2.2.5 restart). */
        void restart() {
            cnt = 0;
            buf = 0;
            while (p + 1 < d.length && !((d[p] & 0xFF) == 0xFF && (d[p + 1] & 0xFF) >= 0xD0 && (d[p + 1] & 0xFF) <= 0xD7)) p++;
            p = Math.min(p + 2, d.length);
        }

        /** Where the next marker search may start: no buffered whole byte is beyond it. */
        int position() { return p; }
    }

    /** A canonical Huffman table (T.81 C.2, F.2.2.3). */
    static final class Huffman {
        private static final int LOOKAHEAD = 9;
        private final int[] maxcode = new int[17], valptr = new int[17], mincode = new int[17];
        private final int[] values;
        /** For each 9-bit prefix: (code length << 8) | value, or 0 when the code is longer. */
        private final int[] fast = new int[1 << LOOKAHEAD];

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0, k = 0;
            for (int l = 1; l <= 16; l++) {
                valptr[l] = k;
                mincode[l] = code;
                if (l <= LOOKAHEAD) {
                    for (int i = 0; i < counts[l]; i++) {
                        int c = code + i;
                        if (c >= 1 << l) break;
                        int shift = LOOKAHEAD - l;
                        for (int j = 0; j < 1 << shift; j++) fast[(c << shift) | j] = (l << 8) | values[k + i];
                    }
                }
                code += counts[l];
                k += counts[l];
                maxcode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }

        int decode(Bits b) {
            int f = fast[b.peek(LOOKAHEAD)];
            if (f != 0) {
                b.skip(f >> 8);
                return f & 0xFF;
            }
            int code = b.peek(1);
            b.skip(1);
            for (int l = 1; l <= 16; l++) {
                if (maxcode[l] >= 0 && code <= maxcode[l] && code >= mincode[l]) return values[valptr[l] + code - mincode[l]];
                code = (code << 1) | b.peek(1);
                b.skip(1);
            }
            throw new InvalidDicomException("invalid JPEG Huffman code");
        }
    }
}
