package io.pxrcad.dicom;

import io.pxrcad.image.ImageLimits;

/**
 * Huffman-coded JPEG of ITU-T T.81 for DICOM (PS3.5 A.4.1): sequential DCT (baseline
 * process 1 and extended process 2/4, 8- or 12-bit samples; the JDK codec behind ImageIO
 * refuses 12-bit) and lossless process 14 (Annex H, any predictor 1-7 and point transform,
 * 2-16 bits). DCT frames are reconstructed as Thomas Richter's libjpeg (pylibjpeg-libjpeg, the
 * source of pydicom's reference values) does, bit for bit: its integer IDCT ({@link Idct}) and
 * its centred chroma upsampling on the IDCT's fixed-point output ({@link JpegUpsampler}); IJG
 * libjpeg, libjpeg-turbo, GDCM and the JDK round differently (by at most 1 on the test files).
 * Components are returned as coded (no colour conversion). Tolerant like IJG: the spectral
 * selection of a sequential scan is ignored (files with Se=0 decode). Every structural error is
 * an {@link InvalidDicomException}; sizes are checked before any allocation.
 */
final class JpegDecoder {
    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
            41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
            52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    private final byte[] d;
    private int pos;
    private final int[][] quant = new int[4][];
    private final JpegEntropy.Huffman[] dc = new JpegEntropy.Huffman[4], ac = new JpegEntropy.Huffman[4];
    private int precision, width, height, ncomp, hmax = 1, vmax = 1, restartInterval;
    private int[] compId, h, v, tq, planeW, planeH;
    private int[][] planes;
    private int mcusX, mcusY;
    private boolean frameSeen, scanSeen, lossless;
    private int[] losslessOut;

    private JpegDecoder(byte[] d) { this.d = d; }

    /** True when the stream's frame header is SOF0, SOF1 (sequential DCT) or SOF3 (lossless), all Huffman-coded. */
    static boolean handles(byte[] jpeg) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) return false;
            int m = jpeg[p + 1] & 0xFF;
            if (m == 0xFF) { p++; continue; }
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) return m == 0xC0 || m == 0xC1 || m == 0xC3;
            p += 2 + ((jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF));
        }
        return false;
    }

    /** Decodes to samples interleaved per pixel ({@code width*height*components}). */
    static int[] decode(byte[] jpeg, int expectWidth, int expectHeight, int expectComponents) {
        try {
            return new JpegDecoder(jpeg).run(expectWidth, expectHeight, expectComponents);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw bad("JPEG stream ends early or is corrupt");
        }
    }

    private int[] run(int ew, int eh, int ec) {
        if (u8() != 0xFF || u8() != 0xD8) throw bad("JPEG stream does not start with SOI (FFD8)");
        while (true) {
            int m = nextMarker();
            if (m == 0xD9) break;
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > d.length) throw bad("JPEG marker FF" + Integer.toHexString(m) + " has invalid length " + len);
            switch (m) {
                case 0xC0, 0xC1, 0xC3 -> {
                    lossless = m == 0xC3;
                    frame(ew, eh, ec);
                }
                case 0xC4 -> huffman(end);
                case 0xDB -> quantization(end);
                case 0xDD -> restartInterval = u16();
                case 0xDA -> { scan(); continue; }
                default -> {
                    if (m >= 0xC2 && m <= 0xCF && m != 0xC8 && m != 0xCC) {
                        throw bad("JPEG process SOF" + (m - 0xC0) + " is not sequential or lossless Huffman");
                    }
                }
            }
            pos = end;
            if (m == 0xDA) break;
        }
        if (!frameSeen) throw bad("JPEG stream has no frame header (SOF)");
        if (!scanSeen) throw bad("JPEG stream has no scan (SOS)");
        return lossless ? losslessOut : output();
    }

    private int nextMarker() {
        while (pos < d.length) {
            if ((d[pos] & 0xFF) == 0xFF && pos + 1 < d.length) {
                int m = d[pos + 1] & 0xFF;
                if (m != 0 && m != 0xFF && !(m >= 0xD0 && m <= 0xD7)) {
                    pos += 2;
                    return m;
                }
            }
            pos++;
        }
        return 0xD9; // no EOI: treat the end of data as the end of the image
    }

    private void frame(int ew, int eh, int ec) {
        precision = u8();
        height = u16();
        width = u16();
        ncomp = u8();
        if (lossless ? precision < 2 || precision > 16 : precision != 8 && precision != 12) {
            throw bad("JPEG sample precision " + precision + " is not " + (lossless ? "2..16" : "8 or 12"));
        }
        if (width != ew || height != eh || ncomp != ec) {
            throw bad("JPEG frame is " + width + "x" + height + "x" + ncomp + " but the header says " + ew + "x" + eh + "x" + ec);
        }
        compId = new int[ncomp];
        h = new int[ncomp];
        v = new int[ncomp];
        tq = new int[ncomp];
        for (int i = 0; i < ncomp; i++) {
            compId[i] = u8();
            int hv = u8();
            h[i] = hv >> 4;
            v[i] = hv & 15;
            tq[i] = u8() & 3;
            if (h[i] < 1 || h[i] > 4 || v[i] < 1 || v[i] > 4) throw bad("JPEG sampling factor out of 1..4");
            hmax = Math.max(hmax, h[i]);
            vmax = Math.max(vmax, v[i]);
        }
        for (int i = 0; i < ncomp; i++) {
            if (hmax % h[i] != 0 || vmax % v[i] != 0) {
                // neither libjpeg implementation upsamples by fractional factors
                throw bad("JPEG component " + compId[i] + " samples " + h[i] + "x" + v[i] + " against a maximum of "
                        + hmax + "x" + vmax + ": not an integral ratio");
            }
        }
        frameSeen = true;
        if (lossless) {
            if (hmax != 1 || vmax != 1) throw bad("subsampled lossless JPEG is not supported");
            losslessOut = new int[width * height * ncomp];
            return;
        }
        mcusX = (width + 8 * hmax - 1) / (8 * hmax);
        mcusY = (height + 8 * vmax - 1) / (8 * vmax);
        planes = new int[ncomp][];
        planeW = new int[ncomp];
        planeH = new int[ncomp];
        for (int i = 0; i < ncomp; i++) {
            planeW[i] = mcusX * h[i] * 8;
            planeH[i] = mcusY * v[i] * 8;
            if ((long) planeW[i] * planeH[i] > 4 * ImageLimits.maxPixels()) throw bad("JPEG frame too large");
            planes[i] = new int[planeW[i] * planeH[i]];
        }
        frameSeen = true;
    }

    private void quantization(int end) {
        while (pos < end) {
            int pq = u8();
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) q[ZIGZAG[k]] = (pq >> 4) == 0 ? u8() : u16();
            quant[pq & 3] = q;
        }
    }

    private void huffman(int end) {
        while (pos < end) {
            int tc = u8();
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) total += counts[l] = u8();
            if (total > 256) throw bad("JPEG Huffman table has " + total + " codes");
            int[] values = new int[total];
            for (int i = 0; i < total; i++) values[i] = u8();
            (tc >> 4 == 0 ? dc : ac)[tc & 3] = new JpegEntropy.Huffman(counts, values);
        }
    }

    private void scan() {
        if (!frameSeen) throw bad("JPEG scan before frame header");
        int ns = u8();
        int[] comps = new int[ns], td = new int[ns], ta = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8(), t = u8();
            comps[i] = -1;
            for (int c = 0; c < ncomp; c++) if (compId[c] == id) comps[i] = c;
            if (comps[i] < 0) throw bad("JPEG scan names unknown component " + id);
            td[i] = t >> 4 & 3;
            ta[i] = t & 3;
            if (dc[td[i]] == null || (!lossless && (ac[ta[i]] == null || quant[tq[comps[i]]] == null))) {
                throw bad("JPEG scan uses a missing Huffman or quantization table");
            }
        }
        scanSeen = true;
        int ss = u8();
        u8();
        int al = u8() & 15;
        if (lossless) {
            losslessScan(comps, td, ss, al);
            return;
        }
        // Ss, Se, Ah/Al are ignored for sequential DCT scans (IJG tolerance: Se=0 files decode)
        JpegEntropy.Bits bits = new JpegEntropy.Bits(d, pos);
        int[] pred = new int[ns];
        int[] coef = new int[64];
        long[] ws = new long[64];
        boolean single = ns == 1;
        int c0 = comps[0];
        int unitsX = single ? (int) Math.ceil(Math.ceil(width * h[c0] / (double) hmax) / 8) : mcusX;
        int unitsY = single ? (int) Math.ceil(Math.ceil(height * v[c0] / (double) vmax) / 8) : mcusY;
        int count = 0;
        for (int my = 0; my < unitsY; my++) {
            for (int mx = 0; mx < unitsX; mx++) {
                if (restartInterval > 0 && count > 0 && count % restartInterval == 0) {
                    bits.restart();
                    java.util.Arrays.fill(pred, 0);
                }
                count++;
                for (int i = 0; i < ns; i++) {
                    int c = comps[i];
                    int bh = single ? 1 : h[c], bv = single ? 1 : v[c];
                    for (int by = 0; by < bv; by++) {
                        for (int bx = 0; bx < bh; bx++) {
                            java.util.Arrays.fill(coef, 0);
                            int t = dc[td[i]].decode(bits);
                            pred[i] += t == 0 ? 0 : bits.extend(t);
                            coef[0] = pred[i];
                            for (int k = 1; k < 64; k++) {
                                int rs = ac[ta[i]].decode(bits);
                                int r = rs >> 4, s = rs & 15;
                                if (s == 0) {
                                    if (r != 15) break;
                                    k += 15;
                                    continue;
                                }
                                k += r;
                                if (k > 63) throw bad("JPEG AC coefficient index past 63");
                                coef[ZIGZAG[k]] = bits.extend(s);
                            }
                            int x = (single ? mx : mx * h[c] + bx) * 8, y = (single ? my : my * v[c] + by) * 8;
                            Idct.inverse(coef, quant[tq[c]], ws, planes[c], y * planeW[c] + x, planeW[c], precision);
                        }
                    }
                }
            }
        }
        pos = bits.position();
    }

    /**
     * One lossless scan (T.81 H.1.2): predictor {@code ps} from neighbours a (left), b (above),
     * c (above left); the first sample of the image and of each restart interval is predicted
     * as 2^(P-Pt-1), the first line from the left, the first column from above; sample =
     * (prediction + difference) mod 2^16, then shifted left by the point transform.
     */
    private void losslessScan(int[] comps, int[] td, int ps, int pt) {
        if (ps < 1 || ps > 7) throw bad("lossless JPEG predictor " + ps + " is not in 1..7");
        if (pt >= precision) throw bad("lossless JPEG point transform " + pt + " >= precision " + precision);
        JpegEntropy.Bits bits = new JpegEntropy.Bits(d, pos);
        int ns = comps.length, stride = ncomp;
        int[] out = losslessOut;
        int initial = 1 << (precision - pt - 1);
        int mask = (1 << (precision - pt)) - 1;
        boolean firstLine = true;
        int count = 0;
        // decode in the shifted-down domain and apply the point transform at the end
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean restartHere = restartInterval > 0 && count > 0 && count % restartInterval == 0;
                if (restartHere) {
                    bits.restart();
                    firstLine = true;
                }
                boolean segmentStart = count == 0 || restartHere;
                count++;
                for (int i = 0; i < ns; i++) {
                    int c = comps[i];
                    int at = (y * width + x) * stride + c;
                    int pred;
                    if (segmentStart) {
                        pred = initial;
                    } else if (firstLine) {
                        pred = x > 0 ? out[at - stride] : out[at - width * stride];
                    } else if (x == 0) {
                        pred = out[at - width * stride];
                    } else {
                        int a = out[at - stride], b = out[at - width * stride], cc = out[at - width * stride - stride];
                        pred = switch (ps) {
                            case 1 -> a;
                            case 2 -> b;
                            case 3 -> cc;
                            case 4 -> a + b - cc;
                            case 5 -> a + ((b - cc) >> 1);
                            case 6 -> b + ((a - cc) >> 1);
                            default -> (a + b) >> 1;
                        };
                    }
                    int t = dc[td[i]].decode(bits);
                    int diff = t == 0 ? 0 : t >= 16 ? 32768 : bits.extend(t);
                    out[at] = (pred + diff) & mask;
                }
            }
            firstLine = false;
        }
        if (pt > 0) for (int i = 0; i < out.length; i++) out[i] <<= pt;
        pos = bits.position();
    }

    private int[] output() {
        int[] out = new int[width * height * ncomp];
        int max = (1 << precision) - 1;
        for (int c = 0; c < ncomp; c++) {
            JpegUpsampler.toSamples(planes[c], planeW[c], hmax / h[c], vmax / v[c], width, height, max, out, ncomp, c);
        }
        return out;
    }

    private int u8() {
        if (pos >= d.length) throw bad("JPEG stream ends early");
        return d[pos++] & 0xFF;
    }

    private int u16() { return u8() << 8 | u8(); }

    static InvalidDicomException bad(String msg) { return new InvalidDicomException(msg); }
}
