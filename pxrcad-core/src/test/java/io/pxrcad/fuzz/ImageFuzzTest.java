package io.pxrcad.fuzz;

import io.pxrcad.image.ImageLimits;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of small real PNG, JPEG and TIFF files end in a decoded radiograph or a
 * typed data error, each within 2 s. The size limit is lowered to 1 megapixel here so that a
 * mutated header declaring a large but legal image (e.g. 40 x 40000) costs little on a busy
 * test machine; {@code pxrcad bench fuzz} runs the same cases at the default limit.
 */
class ImageFuzzTest {
    @Test
    void mutatedImagesDecodeOrFailWithATypedError() {
        ImageFuzzer.Report r = quietly(() -> ImageFuzzer.run(
                EnumSet.of(ImageFuzzer.Format.PNG, ImageFuzzer.Format.JPEG, ImageFuzzer.Format.TIFF), 20261202L, 300, 2000));
        assertThat(r.failures()).as("outcomes %s", r.outcomes()).isEmpty();
        assertThat(r.maxMillis()).isLessThan(2000);
        assertThat(r.decoded() + r.typed()).isEqualTo(300);
        for (ImageFuzzer.Format f : EnumSet.of(ImageFuzzer.Format.PNG, ImageFuzzer.Format.JPEG, ImageFuzzer.Format.TIFF)) {
            assertThat(r.cases(f)).isEqualTo(100);
            // the mutations must reach both ends: some files still decode, many are refused
            assertThat(r.outcomes().get(f).getOrDefault("decoded", 0)).as("%s decoded", f).isGreaterThan(5);
            assertThat(r.outcomes().get(f).getOrDefault("InvalidImageException", 0)).as("%s refused", f).isGreaterThan(20);
        }
    }

    @Test
    void theSameSeedGivesTheSameOutcomesAndADifferentSeedOthers() {
        var formats = EnumSet.allOf(ImageFuzzer.Format.class);
        ImageFuzzer.Report a = quietly(() -> ImageFuzzer.run(formats, 7, 40, 2000));
        ImageFuzzer.Report b = quietly(() -> ImageFuzzer.run(formats, 7, 40, 2000));
        ImageFuzzer.Report c = quietly(() -> ImageFuzzer.run(formats, 8, 40, 2000));
        assertThat(a.checksum()).isEqualTo(b.checksum()).hasSize(16);
        assertThat(a.outcomes()).isEqualTo(b.outcomes());
        assertThat(c.checksum()).isNotEqualTo(a.checksum());
        assertThat(a.cases(ImageFuzzer.Format.DICOM)).isEqualTo(10);
    }

    @Test
    void seedsAreRealFilesThatDecode() throws Exception {
        for (ImageFuzzer.Format f : ImageFuzzer.Format.values()) {
            for (byte[] seed : FuzzSeeds.of(f)) {
                assertThat(ImageFuzzer.decode(f, seed)).as(f.name()).startsWith("decoded ");
            }
        }
    }

    @Test
    void headerMutationsKeepPngChunksValid() {
        byte[] png = FuzzSeeds.png().get(0);
        Random rnd = new Random(3);
        int valid = 0;
        for (int i = 0; i < 50; i++) {
            byte[] m = ImageFuzzer.mutate(ImageFuzzer.Format.PNG, png, rnd);
            var chunks = ImageHeaders.pngChunks(m);
            if (!chunks.isEmpty() && chunks.get(chunks.size() - 1).type().equals("IEND")) valid++;
        }
        // structural and header changes keep the chunk list readable, so they reach the decoder
        assertThat(valid).isGreaterThan(15);
    }

    private static <T> T quietly(Supplier<T> run) {
        var log = (Logger) LoggerFactory.getLogger("io.pxrcad");
        var level = log.getLevel();
        log.setLevel(Level.ERROR); // thousands of expected warnings otherwise
        System.setProperty(ImageLimits.PROPERTY, "1000000");
        try {
            return run.get();
        } finally {
            System.clearProperty(ImageLimits.PROPERTY);
            log.setLevel(level);
        }
    }
}
