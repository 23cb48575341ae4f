package io.pxrcad.dicom;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded mutations and truncations of the real test files end in success or a typed data error within 2 s. */
class DicomFuzzTest {
    static List<byte[]> smallSeeds(long maxBytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String dir : List.of("dicom/syntax", "dicom/malformed", "dicom/xray")) {
            try (Stream<Path> s = Files.list(TestData.file(dir))) {
                for (Path p : s.sorted().toList()) {
                    if (Files.size(p) <= maxBytes) out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @Test
    void mutatedFilesFailCleanly() throws IOException {
        List<byte[]> seeds = smallSeeds(300_000);
        assertThat(seeds).hasSizeGreaterThan(25);
        var log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.pxrcad.dicom");
        var level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.ERROR); // thousands of expected warnings otherwise
        DicomFuzzer.Report r;
        try {
            r = DicomFuzzer.run(seeds, 20261126L, 400, 2000);
        } finally {
            log.setLevel(level);
        }
        assertThat(r.failures()).as("outcomes %s", r.outcomes()).isEmpty();
        assertThat(r.maxMillis()).isLessThan(2000);
        // the mutations must exercise both paths, not only fail at the first byte
        assertThat(r.outcomes().getOrDefault("ok", 0)).isGreaterThan(20);
        assertThat(r.outcomes().getOrDefault("InvalidDicomException", 0)).isGreaterThan(20);
    }

    @Test
    void hostileNestingAndLengthsAreLimited() {
        // 200 nested undefined-length sequences: deeper than the limit of 100
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            b.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1}); // (0008,1115) SQ undefined
            b.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1}); // item, undefined
        }
        byte[] deep = b.toByteArray();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DicomFile.parse(deep))
                .isInstanceOf(InvalidDicomException.class).hasMessageContaining("deeper than 100");
        // a 4 GiB element length in a 20-byte file
        byte[] huge = {0x08, 0x00, 0x60, 0x00, 'O', 'B', 0, 0, -2, -1, -1, -1, 1, 2, 3, 4};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DicomFile.parse(huge))
                .isInstanceOf(InvalidDicomException.class).hasMessageContaining("exceeds");
        // 60000 x 60000 pixels: over the 50 MP limit (the one of every format), refused before allocating
        byte[] big = DicomWriter.encode(new io.pxrcad.Radiograph(2, 2, new float[4], 8, "T"), DicomWriter.Options.secondaryCapture());
        patchUs(big, 0x0010, 60000);
        patchUs(big, 0x0011, 60000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DicomFile.parse(big).radiograph())
                .isInstanceOf(io.pxrcad.image.ImageTooLargeException.class).hasMessageContaining("limit")
                .hasMessageStartingWith("DICOM image declares 60000 x 60000 pixels (3600 megapixels)");
    }

    /** Overwrites the value of US element (0028,elem) in an explicit VR LE file. */
    private static void patchUs(byte[] f, int elem, int v) {
        for (int i = 132; i + 10 <= f.length; i++) {
            if (f[i] == 0x28 && f[i + 1] == 0 && f[i + 2] == (byte) elem && f[i + 3] == (byte) (elem >> 8)
                    && f[i + 4] == 'U' && f[i + 5] == 'S') {
                f[i + 8] = (byte) v;
                f[i + 9] = (byte) (v >> 8);
                return;
            }
        }
        throw new AssertionError("element not found");
    }
}
