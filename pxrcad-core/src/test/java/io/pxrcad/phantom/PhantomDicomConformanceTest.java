package io.pxrcad.phantom;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.dicom.DicomTools;
import io.pxrcad.dicom.DicomWriter;
import io.pxrcad.Radiograph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DX files of {@code pxrcad synth --format dicom} are valid DX "for presentation" objects
 * by David Clunie's {@code dciodvfy} (Debian package dicom3tools, installed by scripts/setup):
 * no line of its report is an error; warnings are printed. Skips only where the tool is absent.
 */
class PhantomDicomConformanceTest {
    @Test
    @Timeout(60)
    void synthDxFilesHaveNoDciodvfyErrors(@TempDir Path dir) throws Exception {
        // a cohort with a second image of some patient, positives and negatives
        List<ManifestEntry> rows = CohortWriter.write(PhantomConfig.defaults().withSize(64).withSeed(5).withSecondImageShare(0.5),
                CohortWriter.Format.DICOM, dir, 4, 1, ProgressListener.NONE);
        for (ManifestEntry e : rows) {
            List<String> report = DicomTools.dciodvfy(e.resolve(dir));
            report.stream().filter(l -> l.startsWith("Warning")).forEach(l -> System.out.println(e.image() + ": " + l));
            assertThat(report).as("dciodvfy report of %s", e.image()).contains("DXImageForPresentation")
                    .noneMatch(l -> l.startsWith("Error"));
        }
    }

    @Test
    @Timeout(30)
    void theCheckFindsErrorsInAnObjectThatLacksModules(@TempDir Path dir) throws Exception {
        // a Secondary Capture as the writer makes it for fuzz seeds leaves Type 2 attributes out:
        // shows that the test above would see errors, not a silent tool
        Path file = dir.resolve("sc.dcm");
        DicomWriter.write(new Radiograph(4, 4, new float[16], 8, "T"), DicomWriter.Options.secondaryCapture(), file);
        assertThat(DicomTools.dciodvfy(file)).anyMatch(l -> l.startsWith("Error"));
    }
}
