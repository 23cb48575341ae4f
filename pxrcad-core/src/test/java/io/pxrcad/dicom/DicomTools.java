package io.pxrcad.dicom;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DICOM checkers tests run where they are installed (bash scripts/setup installs them):
 * David Clunie's {@code dciodvfy} (Debian dicom3tools) and DCMTK's {@code dsrdump} (Debian dcmtk).
 * A test that needs one is skipped, with the reason, where it is absent.
 */
public final class DicomTools {
    private static final long TOOL_SECONDS = 10;

    private DicomTools() {}

    /** The tool on the PATH, or the test is skipped. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> tool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        assumeTrue(tool.isPresent(), name + " is not on the PATH (Debian package " + debianPackage
                + "; bash scripts/setup installs it): not checked");
        return tool.get();
    }

    /** dciodvfy's report of {@code file} (it writes to stderr), or the test is skipped where it is absent. */
    public static List<String> dciodvfy(Path file) throws IOException, InterruptedException {
        return run(require("dciodvfy", "dicom3tools"), file);
    }

    /** dsrdump's rendering of an SR, or the test is skipped where it is absent. */
    public static List<String> dsrdump(Path file) throws IOException, InterruptedException {
        return run(require("dsrdump", "dcmtk"), file);
    }

    /** The tool's output (stdout and stderr together), bounded in time. */
    public static List<String> run(Path tool, Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile(file.toAbsolutePath().getParent(), tool.getFileName().toString(), ".txt");
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(tool.getFileName() + " took over " + TOOL_SECONDS + " s on " + file.getFileName());
        }
        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        return lines;
    }
}
