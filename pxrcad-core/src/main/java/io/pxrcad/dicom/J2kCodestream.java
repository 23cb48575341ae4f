package io.pxrcad.dicom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, and where the markers make it unambiguous repairs, the tile-part structure of a
 * JPEG 2000 codestream (ISO/IEC 15444-1 Annex A) before it goes to the decoder, so that a
 * stream the decoder would read inconsistently is decoded correctly or refused, never
 * returned with wrong pixels.
 *
 * <p>One pass over the markers. Inside a tile-part's data no {@code FF90} (SOT) or {@code FFD9}
 * (EOC) can occur (the entropy coder and packet headers never emit {@code FF} followed by a
 * byte above {@code 8F}, A.1.3 and B.10.1), so the next SOT or EOC is where a tile-part really
 * ends:
 * <ul>
 *   <li>a tile-part length Psot (A.4.2) that disagrees with that end is set to it (encoders of
 *       the NEMA WG04 set count 80-200 bytes short; pylibjpeg's {@code SOTmarkerincons} file);
 *       a Psot of 0 that is not the last tile-part likewise;</li>
 *   <li>the number of tile-parts TNsot is set to the count found, in every tile-part of the
 *       tile: jai-imageio's decoder (JJ2000) drops data when TNsot is 0 ("unknown", which the
 *       standard allows) or differs between tile-parts, and returns wrong pixels;</li>
 *   <li>refused ({@link InvalidDicomException}): a marker segment whose length does not lead
 *       to the next marker (e.g. a wrong Lsiz), a Psot beyond the end of the data or a Psot of
 *       0 without EOC (a truncated stream), tile-parts out of order or missing (TPsot, TNsot),
 *       a tile without data.</li>
 * </ul>
 * A stream wrapped in the JP2 file format is left to the decoder as it is. Repairs are logged
 * at DEBUG only: they give the exact pixels, and a file is decoded again in every epoch.
 */
final class J2kCodestream {
    private static final Logger LOG = LoggerFactory.getLogger(J2kCodestream.class);
    private static final int SOC = 0xFF4F, SIZ = 0xFF51, SOT = 0xFF90, SOD = 0xFF93, EOC = 0xFFD9;

    private J2kCodestream() {}

    /** One tile-part as found: where its SOT is and what it says. */
    private record TilePart(int offset, int tile, int index, int count) {}

    /**
     * The codestream, or a repaired copy of it (the argument is never modified).
     *
     * @throws InvalidDicomException when the structure is inconsistent in a way the markers cannot settle
     */
    static byte[] checked(byte[] cs) {
        if (cs.length < 4 || u16(cs, 0) != SOC) return cs; // JP2 file format (or not JPEG 2000): the decoder decides
        if (u16(cs, 2) != SIZ) throw bad("expected SIZ (FF51) after SOC at byte 2 but found " + hex(u16(cs, 2)));
        if (cs.length < 4 + 40) throw bad("truncated in the SIZ marker segment");
        int lsiz = u16(cs, 4), csiz = u16(cs, 40);
        if (csiz < 1 || csiz > 16384 || lsiz != 38 + 3 * csiz) {
            throw bad("SIZ length Lsiz " + lsiz + " disagrees with its " + csiz + " components (expected 38 + 3 x " + csiz
                    + " = " + (38 + 3 * csiz) + ")");
        }
        long tiles = tileCount(cs);
        int p = skipSegments(cs, 4 + lsiz, SOT, "main header");
        byte[] out = cs;
        List<TilePart> parts = new ArrayList<>();
        while (p + 12 <= cs.length && u16(cs, p) == SOT) {
            if (u16(cs, p + 2) != 10) throw bad("SOT at byte " + p + " has length Lsot " + u16(cs, p + 2) + ", expected 10");
            int tile = u16(cs, p + 4);
            long psot = u32(cs, p + 6);
            if (tile >= tiles) throw bad("tile-part at byte " + p + " is for tile " + tile + " but the image has " + tiles + " tiles");
            int sod = skipSegments(cs, p + 12, SOD, "tile-part header at byte " + p);
            int end = nextSotOrEoc(cs, sod + 2);
            boolean last = end >= cs.length || u16(cs, end) == EOC;
            if (psot == 0 && end >= cs.length) {
                throw bad("tile-part at byte " + p + " runs to the end of the codestream (Psot 0) but there is no EOC (FFD9):"
                        + " the codestream is truncated");
            }
            if (psot == 0 ? !last : p + psot != end) {
                if (psot != 0 && p + psot > cs.length && end >= cs.length) {
                    throw bad("tile-part at byte " + p + " declares " + psot + " bytes (Psot) but only " + (cs.length - p)
                            + " are left: the codestream is truncated");
                }
                if (out == cs) out = cs.clone();
                putU32(out, p + 6, end - p);
                LOG.debug("JPEG 2000 tile-part at byte {}: Psot {} disagrees with the next marker, set to {}", p, psot, end - p);
            }
            parts.add(new TilePart(p, tile, cs[p + 10] & 0xff, cs[p + 11] & 0xff));
            p = end;
        }
        if (p < cs.length && (p + 2 > cs.length || u16(cs, p) != EOC)) {
            throw bad("expected a tile-part (SOT, FF90) or the end (EOC, FFD9) at byte " + p + " but found "
                    + (p + 2 > cs.length ? "the end of the data" : hex(u16(cs, p))));
        }
        return tileCounts(out, parts, tiles);
    }

    /** Every tile present, its tile-parts numbered 0..n-1 in order, and TNsot = n written into each (a copy if changed). */
    private static byte[] tileCounts(byte[] cs, List<TilePart> parts, long tiles) {
        Map<Integer, List<TilePart>> byTile = new HashMap<>();
        for (TilePart t : parts) byTile.computeIfAbsent(t.tile(), k -> new ArrayList<>()).add(t);
        if (byTile.size() != tiles) {
            throw bad("the image has " + tiles + " tiles but the codestream has data for " + byTile.size());
        }
        byte[] out = cs;
        for (Map.Entry<Integer, List<TilePart>> e : byTile.entrySet()) {
            List<TilePart> tp = e.getValue();
            int n = tp.size();
            for (int i = 0; i < n; i++) {
                TilePart t = tp.get(i);
                if (t.index() != i) {
                    throw bad("tile " + e.getKey() + ": tile-part " + i + " is numbered " + t.index()
                            + " (TPsot): tile-parts missing or out of order");
                }
                if (t.count() > n) {
                    throw bad("tile " + e.getKey() + " declares " + t.count() + " tile-parts (TNsot) but has " + n
                            + ": tile-parts missing");
                }
            }
            if (tp.stream().anyMatch(t -> t.count() != n)) {
                if (out == cs) out = cs.clone();
                for (TilePart t : tp) out[t.offset() + 11] = (byte) n;
                LOG.debug("JPEG 2000 tile {}: number of tile-parts (TNsot) set to the {} found", e.getKey(), n);
            }
        }
        return out;
    }

    /** Number of tiles from SIZ (A.5.1): ceil((Xsiz - XTOsiz) / XTsiz) x ceil((Ysiz - YTOsiz) / YTsiz). */
    private static long tileCount(byte[] cs) {
        long xsiz = u32(cs, 8), ysiz = u32(cs, 12), xtsiz = u32(cs, 24), ytsiz = u32(cs, 28), xto = u32(cs, 32), yto = u32(cs, 36);
        if (xtsiz == 0 || ytsiz == 0 || xto >= xsiz || yto >= ysiz) {
            throw bad("SIZ declares an image of " + xsiz + " x " + ysiz + " with tiles of " + xtsiz + " x " + ytsiz
                    + " from " + xto + ", " + yto);
        }
        long n = ((xsiz - xto + xtsiz - 1) / xtsiz) * ((ysiz - yto + ytsiz - 1) / ytsiz);
        if (n > 65535) throw bad("SIZ declares " + n + " tiles (at most 65535 can be numbered)");
        return n;
    }

    /** Steps over marker segments from {@code p} to the marker {@code until}; its offset. */
    private static int skipSegments(byte[] cs, int p, int until, String where) {
        while (true) {
            if (p + 2 > cs.length) throw bad("truncated in the " + where);
            int m = u16(cs, p);
            if (m == until) return p;
            if ((m & 0xFF00) != 0xFF00 || m < 0xFF30 || m == SOC || m == SOT || m == SOD || m == EOC) {
                throw bad("expected a marker segment in the " + where + " at byte " + p + " but found " + hex(m)
                        + " (a segment length before it is wrong)");
            }
            if (p + 4 > cs.length) throw bad("truncated in the " + where);
            int len = u16(cs, p + 2);
            if (len < 2) throw bad("marker " + hex(m) + " at byte " + p + " has length " + len);
            p += 2 + len;
        }
    }

    /** Offset of the next SOT or EOC marker at or after {@code from}, or the length when there is none. */
    private static int nextSotOrEoc(byte[] cs, int from) {
        for (int i = from; i + 1 < cs.length; i++) {
            if (cs[i] == (byte) 0xFF && (cs[i + 1] == (byte) 0x90 || cs[i + 1] == (byte) 0xD9)) return i;
        }
        return cs.length;
    }

    private static InvalidDicomException bad(String what) {
        return new InvalidDicomException("JPEG 2000 codestream: " + what);
    }

    private static String hex(int marker) { return String.format("%04X", marker); }

    private static int u16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
}
