package io.pxrcad.phantom;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.dicom.DicomWriter;
import io.pxrcad.Radiograph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DX files of {@code pxrcad synth --format dicom} are valid DX "for presentation" objects
 * by David Clunie's {@code dciodvfy} (Debian package dicom3tools, installed by scripts/setup):
 * no line of its report is an error; warnings are printed. Skips only where the tool is absent.
 */
class PhantomDicomConformanceTest {
    private static final long TOOL_SECONDS = 10;

    @Test
    @Timeout(60)
    void synthDxFilesHaveNoDciodvfyErrors(@TempDir Path dir) throws Exception {
        Path tool = dciodvfy();
        // a cohort with a second image of some patient, positives and negatives
        List<ManifestEntry> rows = CohortWriter.write(PhantomConfig.defaults().withSize(64).withSeed(5).withSecondImageShare(0.5),
                CohortWriter.Format.DICOM, dir, 4, 1, ProgressListener.NONE);
        for (ManifestEntry e : rows) {
            List<String> report = verify(tool, e.resolve(dir), dir);
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
        assertThat(verify(dciodvfy(), file, dir)).anyMatch(l -> l.startsWith("Error"));
    }

    private static Path dciodvfy() {
        Optional<Path> tool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "dciodvfy")).filter(Files::isExecutable).findFirst();
        assumeTrue(tool.isPresent(), "dciodvfy is not on the PATH (Debian package dicom3tools; bash scripts/setup installs it):"
                + " DX conformance not checked");
        return tool.get();
    }

    /** dciodvfy's report (it writes to stderr), bounded in time. */
    private static List<String> verify(Path tool, Path file, Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "dciodvfy", ".txt");
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dciodvfy took over " + TOOL_SECONDS + " s on " + file.getFileName());
        }
        return Files.readAllLines(out);
    }
}
