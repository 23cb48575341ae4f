package io.pxrcad.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and rewrites the header fields of PNG, JPEG and TIFF files that matter for robustness
 * checks: the PNG chunk list (with valid CRCs after a change), the JPEG marker segments before
 * the scan, the TIFF first IFD. For tests and {@link ImageFuzzer}; decoding never uses it.
 */
public final class ImageHeaders {
    private ImageHeaders() {}

    // ---- PNG (ISO/IEC 15948: 8-byte signature, then length, type, data, CRC of type + data)

    /** One chunk: offset of its length field, data length, 4-letter type. */
    record Chunk(int offset, int length, String type) {
        int end() { return offset + 12 + length; }
        int dataOffset() { return offset + 8; }
    }

    /** The chunks of a PNG, as far as they are well formed. */
    static List<Chunk> pngChunks(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        int at = 8;
        while (at + 12 <= png.length) {
            long len = u32be(png, at);
            if (len > png.length - at - 12) break;
            out.add(new Chunk(at, (int) len, new String(png, at + 4, 4, StandardCharsets.ISO_8859_1)));
            at += 12 + (int) len;
        }
        return out;
    }

    /** A complete chunk (length, type, data, CRC). */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] c = new byte[12 + data.length];
        putU32be(c, 0, data.length);
        for (int i = 0; i < 4; i++) c[4 + i] = (byte) type.charAt(i);
        System.arraycopy(data, 0, c, 8, data.length);
        fixPngCrc(c, 0);
        return c;
    }

    /** Recomputes the CRC of the chunk whose length field is at {@code offset}. */
    static void fixPngCrc(byte[] png, int offset) {
        int len = (int) u32be(png, offset);
        CRC32 crc = new CRC32();
        crc.update(png, offset + 4, 4 + len);
        putU32be(png, offset + 8 + len, crc.getValue());
    }

    /** A copy whose IHDR declares {@code width x height} (CRC fixed, pixels untouched). */
    public static byte[] withPngSize(byte[] png, long width, long height) {
        byte[] b = png.clone();
        Chunk ihdr = pngChunks(b).get(0);
        putU32be(b, ihdr.dataOffset(), width);
        putU32be(b, ihdr.dataOffset() + 4, height);
        fixPngCrc(b, ihdr.offset());
        return b;
    }

    // ---- JPEG (ITU T.81 B.1: markers FFxx, segments with a 16-bit big-endian length)

    /** One marker segment before the first scan's data: offset of its FF, marker, length field value. */
    record Segment(int offset, int marker, int length) {
        int end() { return offset + 2 + length; }
    }

    /** The segments from after SOI up to and including the first SOS. */
    static List<Segment> jpegSegments(byte[] jpg) {
        List<Segment> out = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpg.length && (jpg[at] & 0xff) == 0xFF) {
            int marker = jpg[at + 1] & 0xff;
            int len = u16be(jpg, at + 2);
            out.add(new Segment(at, marker, len));
            if (marker == 0xDA || len < 2) break;
            at += 2 + len;
        }
        return out;
    }

    /** The first start-of-frame segment (SOF0..SOF15 except DHT, JPG, DAC), or null. */
    static Segment sof(byte[] jpg) {
        for (Segment s : jpegSegments(jpg)) {
            int m = s.marker();
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) return s;
        }
        return null;
    }

    /** A copy whose SOF declares {@code width x height} (at most 65535 each). */
    public static byte[] withJpegSize(byte[] jpg, int width, int height) {
        byte[] b = jpg.clone();
        Segment sof = sof(b);
        putU16be(b, sof.offset() + 5, height);
        putU16be(b, sof.offset() + 7, width);
        return b;
    }

    // ---- TIFF (TIFF 6.0 section 2: header, IFD of 12-byte entries tag, type, count, value)

    static boolean tiffLittleEndian(byte[] tif) { return tif[0] == 'I'; }

    /** Offset of the first IFD. */
    static int tiffIfd(byte[] tif) { return (int) u32(tif, 4, tiffLittleEndian(tif)); }

    /** Offset of the entry for {@code tag} in the first IFD, or -1. */
    static int tiffEntry(byte[] tif, int tag) {
        boolean le = tiffLittleEndian(tif);
        int ifd = tiffIfd(tif);
        int n = u16(tif, ifd, le);
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > tif.length) return -1;
            if (u16(tif, e, le) == tag) return e;
        }
        return -1;
    }

    /** Sets the entry at {@code entry} to one LONG value (type 4, count 1). */
    static void putTiffLong(byte[] tif, int entry, long value) {
        boolean le = tiffLittleEndian(tif);
        put16(tif, entry + 2, 4, le);
        put32(tif, entry + 4, 1, le);
        put32(tif, entry + 8, value, le);
    }

    /** A copy whose first IFD declares ImageWidth x ImageLength {@code width x height}. */
    public static byte[] withTiffSize(byte[] tif, long width, long height) {
        byte[] b = tif.clone();
        putTiffLong(b, tiffEntry(b, 256), width);
        putTiffLong(b, tiffEntry(b, 257), height);
        return b;
    }

    // ---- bytes

    static long u32be(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static void putU32be(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    static int u16be(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }

    static void putU16be(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static int u16(byte[] b, int at, boolean le) {
        return le ? (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) : u16be(b, at);
    }

    static long u32(byte[] b, int at, boolean le) {
        if (!le) return u32be(b, at);
        return (b[at] & 0xffL) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | ((b[at + 3] & 0xffL) << 24);
    }

    static void put16(byte[] b, int at, int v, boolean le) {
        if (le) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
        } else {
            putU16be(b, at, v);
        }
    }

    static void put32(byte[] b, int at, long v, boolean le) {
        if (!le) {
            putU32be(b, at, v);
            return;
        }
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    /** {@code b} with {@code insert} placed at {@code at}. */
    static byte[] insert(byte[] b, int at, byte[] insert) {
        byte[] c = Arrays.copyOf(b, b.length + insert.length);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at, c, at + insert.length, b.length - at);
        return c;
    }

    /** {@code b} without bytes {@code [from, to)}. */
    static byte[] delete(byte[] b, int from, int to) {
        byte[] c = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, to, c, from, b.length - to);
        return c;
    }
}
