package io.pxrcad.pacs;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.ProgressListener;
import io.pxrcad.Radiograph;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.dicom.DicomTools;
import io.pxrcad.image.MapCell;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SR and the secondary capture of a detection: valid by dciodvfy, an SR tree dsrdump can
 * print, readable by pxrcad's own reader, in the source's study with UIDs that depend only on the
 * source and the model, and the source untouched.
 */
class DicomResultsTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Algorithm ALGORITHM = new Algorithm("pxrcad", "0.1.0-test", "two-stage", "0123456789abcdef");

    @TempDir
    static Path dir;
    static Path source;
    static byte[] sourceBytes;

    @BeforeAll
    static void phantom() throws Exception {
        List<ManifestEntry> rows = CohortWriter.write(PhantomConfig.defaults().withSize(128).withSeed(3), CohortWriter.Format.DICOM,
                dir.resolve("in"), 1, 1, ProgressListener.NONE);
        source = rows.get(0).resolve(dir.resolve("in"));
        sourceBytes = Files.readAllBytes(source);
    }

    static Detection detection(Band band, int size) {
        float[] map = new float[64];
        map[2 * 8 + 5] = 0.9f;
        map[2 * 8 + 4] = 0.5f;
        return new Detection(0.734567, 0.9, 0.816186, band, FractureType.HIP, 0.8, new PixelBox(size * 0.5, size * 0.2, size * 0.8, size * 0.45),
                new MapCell(2, 5), new ProbabilityMap(8, 8, map), size, size,
                band == Band.OUT_OF_SCOPE ? List.of("body part CHEST (expected pelvis or hip)") : List.of(), null);
    }

    private static SourceImage dicomSource() throws Exception {
        DicomFile f = DicomFile.read(source);
        return SourceImage.of(f, f.radiograph());
    }

    /** The phantom's pixels as if read from a PNG. */
    private static Radiograph asPng() throws Exception {
        Radiograph r = DicomFile.read(source).radiograph();
        return new Radiograph(r.width(), r.height(), r.pixels(), r.bitDepth(), "PNG");
    }

    private static Path save(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static void assertValid(Path file, String iod) throws Exception {
        List<String> report = DicomTools.dciodvfy(file);
        report.stream().filter(l -> l.startsWith("Warning")).forEach(l -> System.out.println(file.getFileName() + ": " + l));
        assertThat(report).as("dciodvfy report of %s", file.getFileName()).contains(iod).noneMatch(l -> l.startsWith("Error"));
    }

    @Test
    @Timeout(60)
    void bothOutputsOfAFindingPassDciodvfyAndDsrdumpPrintsTheTree() throws Exception {
        DicomResults.Results r = DicomResults.write(detection(Band.FRACTURE, 128), dicomSource(), ALGORITHM, CREATED);
        Path sr = save("fracture.sr.dcm", r.sr());
        Path sc = save("fracture.sc.dcm", r.sc());
        assertValid(sc, "SCImage");
        // the only warnings: the synthetic source has no Study Date and Time to copy
        assertThat(DicomTools.dciodvfy(sc)).filteredOn(l -> l.startsWith("Warning"))
                .allMatch(l -> l.contains("DICOMDIR - Study Date") || l.contains("DICOMDIR - Study Time"));
        assertThat(DicomFile.parse(r.sc()).header().bodyPartExamined()).isEqualTo("PELVIS");
        assertValid(sr, "ComprehensiveSR");
        String tree = String.join("\n", DicomTools.dsrdump(sr));
        System.out.println(tree);
        assertThat(tree).contains("Imaging Measurement Report").contains("UNVERIFIED").contains("Measurement Group")
                .contains("Fracture probability").contains("0.734567").contains("(FRACTURE,99PXRCAD,\"Fracture likely\")")
                .contains("Hip fracture").contains("POLYLINE").contains("Image Region")
                .doesNotContain("Error");
    }

    @Test
    void pxrcadReadsBothBackInTheSourcesStudyAndNewSeries() throws Exception {
        DicomFile src = DicomFile.read(source);
        DicomResults.Results r = DicomResults.write(detection(Band.SUSPICIOUS, 128), dicomSource(), ALGORITHM, CREATED);
        DicomFile sc = DicomFile.parse(r.sc());
        DicomFile sr = DicomFile.parse(r.sr());
        for (DicomFile f : List.of(sc, sr)) {
            assertThat(f.header().studyInstanceUid()).isEqualTo(src.header().studyInstanceUid());
            assertThat(f.header().seriesInstanceUid()).isNotEqualTo(src.header().seriesInstanceUid());
            assertThat(f.string(0x0010, 0x0020)).isEqualTo(src.string(0x0010, 0x0020));
            assertThat(f.string(0x0010, 0x0010)).isEqualTo(src.string(0x0010, 0x0010));
        }
        assertThat(sc.header().sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(sc.header().sopInstanceUid()).isEqualTo(r.scUid());
        assertThat(sc.header().photometricInterpretation()).isEqualTo("RGB");
        assertThat(sc.string(0x0028, 0x0301)).isEqualTo("YES");
        // the phantom is 128 px, drawn at 512
        assertThat(sc.header().columns()).isEqualTo(512);
        assertThat(sc.storedFrame(0)).hasSize(512 * 512 * 3);
        assertThat(sr.header().sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.88.33");
        assertThat(sr.header().sopInstanceUid()).isEqualTo(r.srUid());
        assertThat(sr.hasPixelData()).isFalse();
        assertThat(sr.string(0x0040, 0xA493)).isEqualTo("UNVERIFIED");
        assertThat(sr.header().modality()).isEqualTo("SR");
    }

    @Test
    void uidsDependOnTheSourceAndTheModelOnlyAndTheSourceIsUnchanged() throws Exception {
        DicomResults.Results a = DicomResults.write(detection(Band.FRACTURE, 128), dicomSource(), ALGORITHM, CREATED);
        DicomResults.Results b = DicomResults.write(detection(Band.FRACTURE, 128), dicomSource(), ALGORITHM, CREATED);
        DicomResults.Results later = DicomResults.write(detection(Band.FRACTURE, 128), dicomSource(), ALGORITHM, CREATED.plusSeconds(3600));
        DicomResults.Results other = DicomResults.write(detection(Band.FRACTURE, 128), dicomSource(),
                new Algorithm("pxrcad", "0.1.0-test", "two-stage", "fedcba9876543210"), CREATED);
        assertThat(b.sr()).isEqualTo(a.sr());
        assertThat(b.sc()).isEqualTo(a.sc());
        assertThat(later.srUid()).isEqualTo(a.srUid());
        assertThat(later.scUid()).isEqualTo(a.scUid());
        assertThat(DicomFile.parse(later.sr()).header().seriesInstanceUid()).isEqualTo(DicomFile.parse(a.sr()).header().seriesInstanceUid());
        assertThat(other.srUid()).isNotEqualTo(a.srUid());
        assertThat(other.scUid()).isNotEqualTo(a.scUid());
        assertThat(a.srUid()).isNotEqualTo(a.scUid()).startsWith("2.25.");
        assertThat(a.srUid().length()).isLessThanOrEqualTo(64);
        assertThat(Files.readAllBytes(source)).isEqualTo(sourceBytes);
        // the same from an upload's bytes, as the service has them
        DicomResults.Results fromBytes = DicomResults.write(detection(Band.FRACTURE, 128),
                SourceImage.of(sourceBytes, DicomFile.read(source).radiograph()), ALGORITHM, CREATED);
        assertThat(fromBytes.sr()).isEqualTo(a.sr());
    }

    @Test
    @Timeout(60)
    void anImageOutOfScopeGetsAnSrThatSaysSoAndNoSecondaryCapture() throws Exception {
        DicomResults.Results r = DicomResults.write(detection(Band.OUT_OF_SCOPE, 128), dicomSource(), ALGORITHM, CREATED);
        assertThat(r.hasSecondaryCapture()).isFalse();
        Path sr = save("out.sr.dcm", r.sr());
        assertValid(sr, "ComprehensiveSR");
        String tree = String.join("\n", DicomTools.dsrdump(sr));
        // dsrdump shortens long texts: the reason is looked for in the file
        assertThat(tree).contains("Image out of the model's scope").contains("not scored: the image is ou")
                .doesNotContain("Fracture probability").doesNotContain("POLYLINE");
        assertThat(new String(r.sr(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("body part CHEST (expected pelvis or hip)");
    }

    @Test
    @Timeout(60)
    void anImageOfAnotherFormatStartsAStudyAndTheSrPointsAtTheSecondaryCapture() throws Exception {
        Radiograph png = asPng();
        DicomResults.Results r = DicomResults.write(detection(Band.FRACTURE, 128), SourceImage.of(png), ALGORITHM, CREATED);
        Path sr = save("png.sr.dcm", r.sr());
        Path sc = save("png.sc.dcm", r.sc());
        assertValid(sc, "SCImage");
        assertValid(sr, "ComprehensiveSR");
        DicomFile scFile = DicomFile.parse(r.sc());
        assertThat(scFile.header().studyInstanceUid()).isEqualTo(DicomFile.parse(r.sr()).header().studyInstanceUid())
                .isNotEqualTo(DicomFile.read(source).header().studyInstanceUid());
        // the image library and the region refer to the secondary capture
        assertThat(String.join("\n", DicomTools.dsrdump(sr))).contains("<contains IMAGE:=(SC image,)>")
                .contains("<selected from IMAGE:=(SC image,)>").doesNotContain("DX image");
        assertThat(DicomResults.write(detection(Band.FRACTURE, 128), SourceImage.of(png), ALGORITHM, CREATED).sr()).isEqualTo(r.sr());
    }

    @Test
    @Timeout(60)
    void anImageOfAnotherFormatOutOfScopeGetsAnSrWithoutImageReferences() throws Exception {
        Radiograph png = asPng();
        DicomResults.Results r = DicomResults.write(detection(Band.OUT_OF_SCOPE, 128), SourceImage.of(png), ALGORITHM, CREATED);
        assertThat(r.hasSecondaryCapture()).isFalse();
        Path sr = save("png-out.sr.dcm", r.sr());
        assertValid(sr, "ComprehensiveSR");
        assertThat(String.join("\n", DicomTools.dsrdump(sr))).contains("Image out of the model's scope").doesNotContain("IMAGE:").doesNotContain("Image Library");
    }

    @Test
    void aDetectionOfAnotherImageSizeIsRefused() throws Exception {
        assertThatThrownBy(() -> DicomResults.write(detection(Band.FRACTURE, 64), dicomSource(), ALGORITHM, CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x64");
    }
}
