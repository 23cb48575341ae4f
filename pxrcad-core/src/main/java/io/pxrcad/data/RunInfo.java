package io.pxrcad.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Provenance of one run, written as {@code run.json} beside its outputs: what was run, with
 * which configuration, on which data (manifest path and SHA-256), from which code (git commit,
 * {@code -dirty} when the working tree had changes) and on which software and device. No
 * host name, no user name.
 *
 * @param command       the command, e.g. {@code train-stage1}
 * @param configuration any Jackson-serialisable value (usually the command's config record)
 * @param manifest      the manifest path, or null
 * @param manifestSha256 hex SHA-256 of the manifest's bytes, or null
 * @param gitCommit     {@code git rev-parse HEAD}, with {@code -dirty} appended for a modified tree; {@code unknown} outside git
 * @param seed          the run's seed
 * @param java          Java version and VM
 * @param djl           DJL version
 * @param pytorch       PyTorch version, or {@code unavailable}
 * @param device        the DJL device used, e.g. {@code cpu()}
 * @param started       start time, ISO-8601 UTC
 */
public record RunInfo(String command, Object configuration, String manifest, String manifestSha256,
                      String gitCommit, long seed, String java, String djl, String pytorch, String device,
                      String started) {

    /**
     * The provenance of a run started now, without the engine facts ({@code djl}, {@code pytorch},
     * {@code device}), which the caller that knows the engine supplies ({@code io.pxrcad.model.Provenance}).
     */
    public static RunInfo of(String command, Object configuration, Manifest manifest, long seed, String djl,
                             String pytorch, String device) {
        return new RunInfo(command, configuration,
                manifest == null ? null : manifest.file().toAbsolutePath().normalize().toString(),
                manifest == null ? null : manifest.sha256(),
                gitCommit(codeDir()), seed,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                djl, pytorch, device, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Writes this as pretty JSON to {@code file} (usually {@code <outDir>/run.json}), atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(this));
    }

    /** This as the JSON tree {@link #write} writes (to compare with a {@code run.json} read back). */
    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }

    /**
     * The JSON tree of a {@code run.json}.
     *
     * @throws DataException when the file is not a JSON object (message names the file, no parser class)
     */
    public static JsonNode readJson(Path file) throws IOException {
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            if (n == null || !n.isObject()) {
                throw new DataException("invalid " + file + ": expected a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw new DataException("invalid " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The repository root when set ({@code pxrcad.root}), else the folder of pxrcad's own classes. */
    private static Path codeDir() {
        String root = System.getProperty("pxrcad.root");
        if (root != null) return Path.of(root);
        try {
            Path p = Path.of(RunInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (Exception e) {
            return Path.of(".");
        }
    }

    /** The commit of the git work tree containing {@code dir}, {@code -dirty} if modified; {@code unknown} without git. */
    static String gitCommit(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40}")) return "unknown";
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status == null || !status.isEmpty() ? head + "-dirty" : head;
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toAbsolutePath().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
