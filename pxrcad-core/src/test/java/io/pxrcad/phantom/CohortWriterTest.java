package io.pxrcad.phantom;

import io.pxrcad.PixelBox;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CohortWriterTest {
    private static final PhantomConfig CONFIG = PhantomConfig.defaults().withSize(96).withSeed(3).withSecondImageShare(0.5);

    @Test
    void writesReadable16BitImagesAndAValidManifest(@TempDir Path dir) throws Exception {
        AtomicInteger last = new AtomicInteger();
        List<ManifestEntry> rows = CohortWriter.write(CONFIG, dir, 12, 2, done -> last.accumulateAndGet(done, Math::max));
        assertThat(last.get()).isEqualTo(12);
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        assertThat(lines.get(0)).isEqualTo("image,patient,label,type,boxes");
        assertThat(lines).hasSize(13);
        Manifest loaded = Manifest.load(dir.resolve("manifest.csv")); // validates every row, image and box
        assertThat(loaded.entries()).isEqualTo(rows);
        PhantomGenerator gen = new PhantomGenerator(CONFIG);
        for (int i = 0; i < rows.size(); i++) {
            ManifestEntry e = rows.get(i);
            Phantom p = gen.render(i);
            assertThat(e.patient()).isEqualTo(p.patient());
            assertThat(e.label()).isEqualTo(p.label());
            assertThat(e.type()).isEqualTo(p.type());
            assertThat(e.boxes()).isEqualTo(p.boxes());
            assertThat(e.positive()).isEqualTo(!e.boxes().isEmpty());
            for (PixelBox b : e.boxes()) assertThat(b.inside(96, 96)).isTrue();
            BufferedImage img = ImageIO.read(e.resolve(dir).toFile());
            assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
            int[] px = img.getRaster().getPixels(0, 0, 96, 96, (int[]) null);
            float[] expected = p.image().pixelsUnsafe();
            for (int k = 0; k < px.length; k++) assertThat((float) px[k]).isEqualTo(expected[k]);
        }
        assertThat(rows.stream().map(ManifestEntry::patient).distinct().count()).isLessThan(12);
    }

    @Test
    void sameArgumentsGiveByteIdenticalOutputWhateverTheThreads(@TempDir Path dir) throws Exception {
        CohortWriter.write(CONFIG, dir.resolve("a"), 8, 1, d -> { });
        CohortWriter.write(CONFIG, dir.resolve("b"), 8, 3, d -> { });
        assertThat(Files.readAllBytes(dir.resolve("b/manifest.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("a/manifest.csv")));
        for (int i = 0; i < 8; i++) {
            String name = String.format("images/%06d.png", i);
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
        }
    }
}
