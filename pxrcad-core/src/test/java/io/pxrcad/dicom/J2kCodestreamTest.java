package io.pxrcad.dicom;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lossless JPEG 2000 is decoded exactly or refused: real codestreams whose tile-part fields are
 * made to disagree with their markers (Psot too short, too long or 0, TNsot unknown, a
 * truncated stream, a wrong Lsiz, ...) decode to the original stored values or fail with an
 * {@link InvalidDicomException}, never to other pixels. The files are the repository's
 * {@code testdata/dicom} copies of the shared reference files.
 */
class J2kCodestreamTest {
    private static final Path DICOM = Path.of(System.getProperty("pxrcad.root", "."), "testdata", "dicom");
    private static final int SOT = 0xFF90;

    /** The pixel module, the codestream of frame 0 and its stored values as decoded from the unmodified file. */
    private record Stream(ImagePixelModule px, TransferSyntax ts, byte[] codestream, int[] stored) {
        int[] decode(byte[] cs) { return ImageIoFrameDecoder.decode(px, ts, cs); }
    }

    private static Stream load(String relative) throws IOException {
        DicomFile f = DicomFile.read(DICOM.resolve(relative));
        assertThat(f.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.90"); // the lossless syntax
        DicomElement e = f.dataset().get(Tags.PIXEL_DATA);
        byte[] cs = EncapsulatedFrames.frame(e.fragments(), f.dataset().data, 0, 1);
        return new Stream(f.pixelModule(), f.transferSyntax(), cs, f.storedFrame(0));
    }

    @Test
    void theSmallLosslessFileDecodesToItsReferencePixels() throws Exception {
        Stream s = load("syntax/MR_small_jp2klossless.dcm");
        assertThat(md5(s.stored(), 2)).isEqualTo(TestData.entry("dicom/syntax/MR_small_jp2klossless.dcm").path("md5").get(0)
                .path("value").asText());
        assertThat(J2kCodestream.checked(s.codestream())).as("a consistent stream is passed on as it is").isSameAs(s.codestream());
    }

    @Test
    void tilePartLengthsThatDisagreeWithTheMarkersAreRepaired() throws Exception {
        Stream s = load("syntax/MR_small_jp2klossless.dcm");
        int sot = find(s.codestream(), SOT, 0);
        long psot = u32(s.codestream(), sot + 6);
        for (long wrong : new long[] {psot - 100, psot - 1, psot + 1, psot + 1000, 0xFFFFFFFFL, 0}) {
            byte[] cs = s.codestream().clone();
            putU32(cs, sot + 6, wrong);
            assertThat(s.decode(cs)).as("Psot %d instead of %d", wrong, psot).isEqualTo(s.stored());
        }
        byte[] tn = s.codestream().clone();
        tn[sot + 11] = 0; // TNsot 0: "number of tile-parts unknown", allowed by the standard
        assertThat(s.decode(tn)).isEqualTo(s.stored());
    }

    @Test
    void inconsistenciesTheMarkersCannotSettleAreRefused() throws Exception {
        Stream s = load("syntax/MR_small_jp2klossless.dcm");
        byte[] c = s.codestream();
        int sot = find(c, SOT, 0);
        int eoc = c.length - 2;
        assertThat(u16(c, eoc)).isEqualTo(0xFFD9);

        byte[] truncated = Arrays.copyOf(c, sot + (eoc - sot) / 2); // cut in the tile data: no EOC, Psot beyond the end
        refused(s, truncated, "truncated");
        byte[] truncatedPsot0 = truncated.clone();
        putU32(truncatedPsot0, sot + 6, 0);
        refused(s, truncatedPsot0, "no EOC");
        byte[] lsiz = c.clone();
        lsiz[5] += 3; // Lsiz 41 -> 44 with one component
        refused(s, lsiz, "Lsiz 44");
        byte[] cod = c.clone();
        int codAt = find(c, 0xFF52, 0);
        cod[codAt + 3] += 1; // COD segment one byte too long: the next marker is not where it says
        refused(s, cod, "segment length");
        byte[] tiles = c.clone();
        tiles[sot + 5] = 5; // Isot 5 in a one-tile image
        refused(s, tiles, "tile 5");
        byte[] index = c.clone();
        index[sot + 10] = 1; // TPsot 1 with no tile-part 0
        refused(s, index, "out of order");
        byte[] missing = c.clone();
        missing[sot + 11] = 3; // TNsot 3 but one tile-part present
        refused(s, missing, "tile-parts missing");
    }

    @Test
    void theKakaduFileWithInconsistentTilePartsGivesGdcmsPixels() throws Exception {
        Stream s = load("xray/NM_Kakadu44_SOTmarkerincons.dcm");
        String gdcm = TestData.entry("dicom/xray/NM_Kakadu44_SOTmarkerincons.dcm").path("md5").get(0).path("value").asText();
        assertThat(md5(s.stored(), 2)).isEqualTo(gdcm);

        List<Integer> sots = new ArrayList<>();
        for (int p = find(s.codestream(), SOT, 0); p >= 0; p = find(s.codestream(), SOT, p + 2)) sots.add(p);
        assertThat(sots).hasSize(12); // 12 tile-parts of one tile, TNsot 0 in all but the last
        byte[] psot = s.codestream().clone();
        putU32(psot, sots.get(3) + 6, u32(psot, sots.get(3) + 6) - 5000); // a tile-part length 5000 bytes short
        assertThat(md5(s.decode(psot), 2)).isEqualTo(gdcm);

        byte[] gap = s.codestream().clone();
        gap[sots.get(5) + 10] = 7; // tile-parts 0..4, 7, 6, ...
        refused(s, gap, "numbered 7");
        byte[] dropped = new byte[s.codestream().length - (sots.get(6) - sots.get(5))];
        System.arraycopy(s.codestream(), 0, dropped, 0, sots.get(5));
        System.arraycopy(s.codestream(), sots.get(6), dropped, sots.get(5), s.codestream().length - sots.get(6));
        refused(s, dropped, "missing or out of order"); // tile-part 5 cut out
    }

    private static void refused(Stream s, byte[] cs, String why) {
        assertThatThrownBy(() -> s.decode(cs)).as(why).isInstanceOf(InvalidDicomException.class)
                .hasMessageStartingWith("JPEG 2000 codestream: ").hasMessageContaining(why);
    }

    /** MD5 of stored values as little-endian samples of {@code bytes} bytes (the expected_pixels.json convention). */
    static String md5(int[] v, int bytes) throws Exception {
        byte[] buf = new byte[v.length * bytes];
        for (int i = 0; i < v.length; i++) for (int b = 0; b < bytes; b++) buf[i * bytes + b] = (byte) (v[i] >>> (8 * b));
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(buf));
    }

    private static int find(byte[] b, int marker, int from) {
        for (int i = from; i + 1 < b.length; i++) if (u16(b, i) == marker) return i;
        return -1;
    }

    private static int u16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }

    private static long u32(byte[] b, int at) { return ((long) u16(b, at) << 16) | u16(b, at + 2); }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    static {
        assertThat(Files.isDirectory(DICOM)).as("repository test data " + DICOM).isTrue();
    }
}
