package io.pxrcad.phantom;

import io.pxrcad.ProgressListener;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.dicom.DicomHeader;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CohortWriterTest {
    private static final PhantomConfig CONFIG = PhantomConfig.defaults().withSize(96).withSeed(3).withSecondImageShare(0.5);

    @Test
    void writesReadable16BitImagesAndAValidManifest(@TempDir Path dir) throws Exception {
        AtomicInteger last = new AtomicInteger();
        List<ManifestEntry> rows = CohortWriter.write(CONFIG, dir, 12, 2, (name, total, summary) -> new ProgressListener.Task() {
            @Override
            public void advanced(String note) { last.incrementAndGet(); }

            @Override
            public void close() { }
        });
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
        CohortWriter.write(CONFIG, dir.resolve("a"), 8, 1, ProgressListener.NONE);
        CohortWriter.write(CONFIG, dir.resolve("b"), 8, 3, ProgressListener.NONE);
        assertThat(Files.readAllBytes(dir.resolve("b/manifest.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("a/manifest.csv")));
        for (int i = 0; i < 8; i++) {
            String name = String.format("images/%06d.png", i);
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
        }
    }

    @Test
    void dicomCohortReadsBackExactlyWithSharedStudiesAndIsReproducible(@TempDir Path dir) throws Exception {
        List<ManifestEntry> rows = CohortWriter.write(CONFIG, CohortWriter.Format.DICOM, dir.resolve("a"), 6, 2, ProgressListener.NONE);
        CohortWriter.write(CONFIG, CohortWriter.Format.DICOM, dir.resolve("b"), 6, 1, ProgressListener.NONE);
        Manifest loaded = Manifest.load(dir.resolve("a/manifest.csv")); // reads the DICOM dimensions for the box checks
        assertThat(loaded.entries()).isEqualTo(rows);
        PhantomGenerator gen = new PhantomGenerator(CONFIG);
        Map<String, String> studyOfPatient = new HashMap<>();
        Set<String> instances = new HashSet<>(), series = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ManifestEntry e = rows.get(i);
            assertThat(e.image()).isEqualTo(String.format("images/%06d.dcm", i));
            Path file = e.resolve(dir.resolve("a"));
            assertThat(Files.readAllBytes(e.resolve(dir.resolve("b")))).isEqualTo(Files.readAllBytes(file));
            Phantom p = gen.render(i);
            Radiograph r = ImageReaders.read(file);
            assertThat(r.format()).isEqualTo("DICOM");
            assertThat(r.pixels()).containsExactly(p.image().pixelsUnsafe());
            DicomFile f = DicomFile.read(file);
            DicomHeader h = f.header();
            assertThat(h.modality()).isEqualTo("DX");
            assertThat(h.bodyPartExamined()).isEqualTo("PELVIS");
            assertThat(h.viewPosition()).isEqualTo("AP");
            assertThat(h.pixelSpacing()).containsExactly(new double[] {380.0 / 96, 380.0 / 96}, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(f.string(0x0008, 0x0068)).isEqualTo("FOR PRESENTATION");
            assertThat(f.string(0x0010, 0x0020)).isEqualTo(e.patient());
            assertThat(f.string(0x0010, 0x0010)).isEqualTo("SYNTHETIC^" + e.patient());
            String prev = studyOfPatient.putIfAbsent(e.patient(), h.studyInstanceUid());
            if (prev != null) assertThat(h.studyInstanceUid()).isEqualTo(prev);
            assertThat(instances.add(h.sopInstanceUid())).isTrue();
            assertThat(series.add(h.seriesInstanceUid())).isTrue();
        }
        assertThat(studyOfPatient).hasSizeLessThan(6); // some patient has two images, in one study
        assertThat(new HashSet<>(studyOfPatient.values())).hasSameSizeAs(studyOfPatient.keySet());

        CohortWriter.write(CONFIG.withSeed(4), CohortWriter.Format.DICOM, dir.resolve("c"), 1, 1, ProgressListener.NONE);
        assertThat(instances).doesNotContain(DicomFile.read(dir.resolve("c/images/000000.dcm")).header().sopInstanceUid());
    }
}
