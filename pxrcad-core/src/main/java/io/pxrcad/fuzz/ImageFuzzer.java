package io.pxrcad.fuzz;

import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.dicom.DicomFuzzer;
import io.pxrcad.image.ImageIoDecoder;
import io.pxrcad.image.ImageLimits;
import io.pxrcad.image.ImageReaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

/**
 * Seeded robustness check of every decoder: real small files ({@link FuzzSeeds}) mutated at
 * random (bit flips, byte overwrites, hostile 32-bit values, inserted and deleted bytes and
 * truncations as in {@link DicomFuzzer}; PNG chunks, JPEG segments and TIFF IFD entries
 * deleted, duplicated or inserted; header fields such as the dimensions, bit depth or
 * compression rewritten, with valid PNG CRCs so the change reaches the decoder), each decoded
 * on a worker thread with a time limit. A case passes when it ends in a decoded
 * {@link Radiograph} or a typed {@link DataException}; anything else (another exception, an
 * {@code Error}, a timeout) is an untyped failure, reported with its first message.
 *
 * <p>The same seed gives the same cases and, on a correct decoder, the same outcomes: the
 * report's checksum covers each case's outcome and, for decoded images, size and pixels.
 */
public final class ImageFuzzer {
    /** The formats fuzzed; cases are dealt to them in turn. */
    public enum Format { PNG, JPEG, TIFF, DICOM }

    /**
     * What a run found.
     *
     * @param outcomes per format, count by outcome: {@code decoded} (for DICOM also {@code parsed
     *                 (no pixel data)}), the typed exception's simple name, {@code UNTYPED <class>}
     *                 or {@code timeout}
     * @param decoded  cases that decoded (or parsed a DICOM file without pixel data)
     * @param typed    cases that ended in a typed {@link DataException}
     * @param failures the untyped failures and timeouts, one line each (case number, format, error)
     * @param slowest  the slowest case: number, format and outcome
     * @param checksum first 16 hex digits of the SHA-256 of all outcomes (with the decoded pixels)
     */
    public record Report(long seed, int cases, Map<Format, Map<String, Integer>> outcomes, int decoded, int typed,
                         List<String> failures, double maxMillis, String slowest, double seconds, String checksum) {
        public int untyped() { return failures.size(); }

        public int cases(Format f) {
            return outcomes.getOrDefault(f, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final long[] HOSTILE = {0, 1, 2, 0xFF, 0xFFFF, 0x10000, 40000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL};

    private ImageFuzzer() {}

    /**
     * Runs {@code cases} cases, dealt in turn to {@code formats}, from random seed {@code seed};
     * a case that takes longer than {@code timeoutMillis} is a failure.
     */
    public static Report run(Set<Format> formats, long seed, int cases, long timeoutMillis) {
        if (formats.isEmpty()) throw new IllegalArgumentException("formats must not be empty");
        if (cases < 0) throw new IllegalArgumentException("cases must be >= 0 but was " + cases);
        List<Format> order = formats.stream().sorted().toList();
        Map<Format, List<byte[]>> seeds = new EnumMap<>(Format.class);
        for (Format f : order) seeds.put(f, FuzzSeeds.of(f));
        Random rnd = new Random(seed);
        Map<Format, Map<String, Integer>> outcomes = new EnumMap<>(Format.class);
        List<String> failures = new ArrayList<>();
        MessageDigest digest = sha256();
        int decoded = 0, typed = 0;
        double maxMs = -1;
        String slowest = "none";
        long start = System.nanoTime();
        ExecutorService pool = worker();
        try {
            for (int c = 0; c < cases; c++) {
                Format format = order.get(c % order.size());
                List<byte[]> s = seeds.get(format);
                byte[] input = mutate(format, s.get(rnd.nextInt(s.size())), rnd);
                long t0 = System.nanoTime();
                Future<String> job = pool.submit(() -> decode(format, input));
                String outcome;
                try {
                    outcome = job.get(timeoutMillis, TimeUnit.MILLISECONDS);
                    if (passed(outcome)) decoded++;
                    else typed++;
                } catch (TimeoutException e) {
                    job.cancel(true);
                    outcome = "timeout";
                    failures.add("case " + c + " " + format + ": no result within " + timeoutMillis + " ms");
                    pool.shutdownNow(); // the stuck thread is abandoned (daemon); a fresh one goes on
                    pool = worker();
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    outcome = "UNTYPED " + t.getClass().getSimpleName();
                    failures.add("case " + c + " " + format + ": " + t);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                if (ms > maxMs) {
                    maxMs = ms;
                    slowest = "case " + c + " " + format + ": " + outcome;
                }
                digest.update((c + " " + format + " " + outcome + "\n").getBytes(StandardCharsets.UTF_8));
                String kind = outcome.startsWith("decoded") ? "decoded" : outcome;
                outcomes.computeIfAbsent(format, k -> new TreeMap<>()).merge(kind, 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        String checksum = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        return new Report(seed, cases, outcomes, decoded, typed, failures, Math.max(0, maxMs), slowest,
                (System.nanoTime() - start) / 1e9, checksum);
    }

    private static boolean passed(String outcome) { return outcome.startsWith("decoded") || outcome.startsWith("parsed"); }

    /**
     * Decodes one input as pxrcad reads a file of that format; returns {@code decoded WxH crc}
     * (CRC-32 of the float pixels), {@code parsed (no pixel data)}, or the typed data error's
     * simple name. Anything else propagates.
     */
    static String decode(Format format, byte[] input) throws IOException {
        try {
            Radiograph r;
            if (format == Format.DICOM) {
                DicomFile f = DicomFile.parse(input);
                f.header().toMap();
                if (!f.hasPixelData()) return "parsed (no pixel data)";
                r = f.radiograph();
            } else {
                r = new ImageIoDecoder().decode(input, "fuzz." + format.name().toLowerCase(Locale.ROOT));
            }
            CRC32 crc = new CRC32();
            for (float v : r.pixels()) {
                int bits = Float.floatToIntBits(v);
                crc.update(bits);
                crc.update(bits >>> 8);
                crc.update(bits >>> 16);
                crc.update(bits >>> 24);
            }
            return "decoded " + r.width() + "x" + r.height() + " " + Long.toHexString(crc.getValue());
        } catch (DataException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** One mutation of {@code seed}: byte level (half the cases), structural, or a header field. */
    static byte[] mutate(Format format, byte[] seed, Random rnd) {
        int kind = rnd.nextInt(4);
        if (kind <= 1 || format == Format.DICOM) return DicomFuzzer.mutate(seed, rnd);
        byte[] b = switch (format) {
            case PNG -> kind == 2 ? pngChunks(seed, rnd) : pngHeader(seed, rnd);
            case JPEG -> kind == 2 ? jpegSegments(seed, rnd) : jpegHeader(seed, rnd);
            case TIFF -> kind == 2 ? tiffEntries(seed, rnd) : tiffHeader(seed, rnd);
            default -> throw new AssertionError(format);
        };
        // now and then a byte-level change on top, so that both kinds meet
        return rnd.nextInt(4) == 0 ? DicomFuzzer.mutate(b, rnd) : b;
    }

    private static long hostile(Random rnd, long near) {
        return rnd.nextBoolean() ? HOSTILE[rnd.nextInt(HOSTILE.length)] : Math.max(0, near + rnd.nextInt(9) - 4) * (1 + rnd.nextInt(3));
    }

    // ---- PNG

    private static final String[] PNG_TYPES = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "sBIT", "iCCP", "zTXt",
            "tEXt", "pHYs", "acTL", "fdAT", "xYzW"};

    private static byte[] pngChunks(byte[] png, Random rnd) {
        List<ImageHeaders.Chunk> chunks = ImageHeaders.pngChunks(png);
        if (chunks.isEmpty()) return png;
        ImageHeaders.Chunk c = chunks.get(rnd.nextInt(chunks.size()));
        switch (rnd.nextInt(5)) {
            case 0: return ImageHeaders.delete(png, c.offset(), c.end());
            case 1: return ImageHeaders.insert(png, c.offset(), Arrays.copyOfRange(png, c.offset(), c.end()));
            case 2: { // a new chunk of a known (or unknown) type with random data, valid CRC
                byte[] data = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(800)];
                rnd.nextBytes(data);
                return ImageHeaders.insert(png, c.offset(), ImageHeaders.pngChunk(PNG_TYPES[rnd.nextInt(PNG_TYPES.length)], data));
            }
            case 3: { // damage the data, keep the CRC valid so the decoder sees it
                byte[] b = png.clone();
                if (c.length() > 0) {
                    for (int k = 0; k < 1 + rnd.nextInt(6); k++) b[c.dataOffset() + rnd.nextInt(c.length())] = (byte) rnd.nextInt(256);
                    ImageHeaders.fixPngCrc(b, c.offset());
                }
                return b;
            }
            default: { // a hostile length field
                byte[] b = png.clone();
                ImageHeaders.putU32be(b, c.offset(), hostile(rnd, c.length()));
                return b;
            }
        }
    }

    private static byte[] pngHeader(byte[] png, Random rnd) {
        byte[] b = png.clone();
        List<ImageHeaders.Chunk> chunks = ImageHeaders.pngChunks(b);
        if (chunks.isEmpty() || chunks.get(0).length() < 13) return b;
        int d = chunks.get(0).dataOffset();
        switch (rnd.nextInt(5)) {
            case 0 -> ImageHeaders.putU32be(b, d, hostile(rnd, ImageHeaders.u32be(b, d)));
            case 1 -> ImageHeaders.putU32be(b, d + 4, hostile(rnd, ImageHeaders.u32be(b, d + 4)));
            case 2 -> b[d + 8] = (byte) new int[] {0, 1, 2, 3, 4, 8, 16, 32, 255}[rnd.nextInt(9)]; // bit depth
            case 3 -> b[d + 9] = (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 7, 255}[rnd.nextInt(9)]; // colour type
            default -> b[d + 10 + rnd.nextInt(3)] = (byte) rnd.nextInt(3); // compression, filter, interlace
        }
        if (rnd.nextInt(8) != 0) ImageHeaders.fixPngCrc(b, chunks.get(0).offset());
        return b;
    }

    // ---- JPEG

    private static byte[] jpegSegments(byte[] jpg, Random rnd) {
        List<ImageHeaders.Segment> segs = ImageHeaders.jpegSegments(jpg);
        if (segs.isEmpty()) return jpg;
        ImageHeaders.Segment s = segs.get(rnd.nextInt(segs.size()));
        int sosEnd = segs.get(segs.size() - 1).end();
        switch (rnd.nextInt(6)) {
            case 0: return s.end() <= jpg.length ? ImageHeaders.delete(jpg, s.offset(), s.end()) : jpg;
            case 1: return s.end() <= jpg.length
                    ? ImageHeaders.insert(jpg, s.offset(), Arrays.copyOfRange(jpg, s.offset(), s.end())) : jpg;
            case 2: { // an APPn, COM, DQT, DHT or DRI segment with random content
                int[] markers = {0xE0, 0xE1, 0xEE, 0xFE, 0xDB, 0xC4, 0xDD};
                byte[] data = new byte[2 + rnd.nextInt(200)];
                rnd.nextBytes(data);
                byte[] seg = new byte[2 + data.length];
                seg[0] = (byte) 0xFF;
                seg[1] = (byte) markers[rnd.nextInt(markers.length)];
                System.arraycopy(data, 0, seg, 2, data.length);
                ImageHeaders.putU16be(seg, 2, data.length);
                return ImageHeaders.insert(jpg, s.offset(), seg);
            }
            case 3: { // a marker in the entropy-coded data: RSTn, EOI, SOS, or a stray FF
                if (sosEnd >= jpg.length - 2) return jpg;
                int at = sosEnd + rnd.nextInt(jpg.length - 2 - sosEnd);
                int[] m = {0xD0 + rnd.nextInt(8), 0xD9, 0xDA, 0x00, 0xFF, 0xC0};
                return ImageHeaders.insert(jpg, at, new byte[] {(byte) 0xFF, (byte) m[rnd.nextInt(m.length)]});
            }
            case 4: { // the entropy-coded data cut short, EOI kept
                if (sosEnd >= jpg.length - 2) return jpg;
                int cut = sosEnd + rnd.nextInt(jpg.length - 2 - sosEnd);
                return ImageHeaders.delete(jpg, cut, jpg.length - 2);
            }
            default: { // a hostile segment length
                byte[] b = jpg.clone();
                if (s.offset() + 4 <= b.length) ImageHeaders.putU16be(b, s.offset() + 2, (int) hostile(rnd, s.length()) & 0xFFFF);
                return b;
            }
        }
    }

    private static byte[] jpegHeader(byte[] jpg, Random rnd) {
        byte[] b = jpg.clone();
        ImageHeaders.Segment sof = ImageHeaders.sof(b);
        if (sof == null || sof.offset() + 10 > b.length) return b;
        int o = sof.offset() + 4; // precision, height, width, components, then 3 bytes per component
        switch (rnd.nextInt(6)) {
            case 0 -> b[o] = (byte) new int[] {0, 1, 2, 8, 12, 16, 255}[rnd.nextInt(7)];
            case 1 -> ImageHeaders.putU16be(b, o + 1, (int) hostile(rnd, ImageHeaders.u16be(b, o + 1)) & 0xFFFF);
            case 2 -> ImageHeaders.putU16be(b, o + 3, (int) hostile(rnd, ImageHeaders.u16be(b, o + 3)) & 0xFFFF);
            case 3 -> b[o + 5] = (byte) new int[] {0, 1, 2, 3, 4, 5, 255}[rnd.nextInt(7)];
            case 4 -> { // sampling factors or quantisation table of one component
                int comp = o + 6 + 3 * rnd.nextInt(Math.max(1, b[o + 5] & 0xff));
                if (comp + 2 < b.length) b[comp + 1 + rnd.nextInt(2)] = (byte) rnd.nextInt(256);
            }
            default -> b[sof.offset() + 1] = (byte) new int[] {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC9, 0xCB}[rnd.nextInt(7)];
        }
        return b;
    }

    // ---- TIFF

    private static final int[] TIFF_TAGS = {256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 320, 322, 323, 324, 325, 338, 339};

    private static byte[] tiffEntries(byte[] tif, Random rnd) {
        byte[] b = tif.clone();
        boolean le = ImageHeaders.tiffLittleEndian(b);
        int ifd = ImageHeaders.tiffIfd(b);
        if (ifd <= 0 || ifd + 2 > b.length) return b;
        int n = ImageHeaders.u16(b, ifd, le);
        int next = ifd + 2 + 12 * n;
        if (n == 0 || next + 4 > b.length) return b;
        int e = ifd + 2 + 12 * rnd.nextInt(n);
        switch (rnd.nextInt(5)) {
            case 0 -> { // delete an entry
                System.arraycopy(b, e + 12, b, e, next + 4 - e - 12);
                ImageHeaders.put16(b, ifd, n - 1, le);
            }
            case 1 -> ImageHeaders.put16(b, ifd, (int) hostile(rnd, n) & 0xFFFF, le); // entry count
            case 2 -> ImageHeaders.put32(b, next, rnd.nextBoolean() ? ifd : hostile(rnd, b.length), le); // next IFD: a loop
            case 3 -> ImageHeaders.put32(b, e + 4, hostile(rnd, ImageHeaders.u32(b, e + 4, le)), le); // count
            default -> ImageHeaders.put16(b, e + 2, rnd.nextInt(20), le); // field type
        }
        return b;
    }

    private static byte[] tiffHeader(byte[] tif, Random rnd) {
        byte[] b = tif.clone();
        int e = ImageHeaders.tiffEntry(b, TIFF_TAGS[rnd.nextInt(TIFF_TAGS.length)]);
        if (e < 0) return b;
        boolean le = ImageHeaders.tiffLittleEndian(b);
        int type = ImageHeaders.u16(b, e + 2, le);
        long old = type == 3 ? ImageHeaders.u16(b, e + 8, le) : ImageHeaders.u32(b, e + 8, le);
        long v = switch (rnd.nextInt(3)) {
            case 0 -> hostile(rnd, old);
            case 1 -> new long[] {1, 2, 3, 4, 5, 6, 7, 8, 16, 32, 32773, 32946, 34712}[rnd.nextInt(13)]; // compression, bits, ...
            default -> old + rnd.nextInt(5) - 2;
        };
        if (type == 3 && v <= 0xFFFF && rnd.nextBoolean()) ImageHeaders.put16(b, e + 8, (int) v, le);
        else ImageHeaders.putTiffLong(b, e, v);
        return b;
    }

    private static ExecutorService worker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
