package io.pxrcad.phantom;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.image.PngWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a phantom cohort: {@code DIR/images/NNNNNN.png} (16-bit grayscale) or
 * {@code NNNNNN.dcm} (DICOM DX, see {@code PhantomDicom}), one per case, and
 * {@code DIR/manifest.csv} (image, patient, label, type, true boxes), rendering cases in
 * parallel. The output depends only on the configuration, the format and the count, never on
 * the number of threads: the same arguments give byte-identical files. Images of an earlier
 * cohort in {@code DIR/images} (its own {@code NNNNNN.png|dcm} names) are removed first, so a
 * rerun with a smaller count leaves no stale image; other files are left alone.
 */
public final class CohortWriter {
    /** The image file format of a cohort. */
    public enum Format {
        /** 16-bit grayscale PNG. */
        PNG("png"),
        /** DICOM Part 10, Digital X-Ray for presentation, explicit VR little endian. */
        DICOM("dcm");

        private final String extension;

        Format(String extension) { this.extension = extension; }
    }

    /** The names this class gives images ({@code images/000042.png}); the only files it ever removes. */
    private static final java.util.regex.Pattern OWN_IMAGE = java.util.regex.Pattern.compile("\\d{6}\\.(png|dcm)");

    private CohortWriter() {}

    /** As {@link #write(PhantomConfig, Format, Path, int, int, ProgressListener)} with PNG images. */
    public static List<ManifestEntry> write(PhantomConfig config, Path dir, int count, int threads, ProgressListener progress)
            throws IOException {
        return write(config, Format.PNG, dir, count, threads, progress);
    }

    /**
     * @param threads  worker threads (>= 1)
     * @param progress hears each image written (task {@code synth}, {@code count} steps), from worker threads
     * @return the manifest rows, in case order
     */
    public static List<ManifestEntry> write(PhantomConfig config, Format format, Path dir, int count, int threads,
                                            ProgressListener progress) throws IOException {
        java.util.Objects.requireNonNull(format, "format");
        if (count < 1) throw new IllegalArgumentException("count must be >= 1 but was " + count);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        // a rerun with fewer images must not leave the earlier run's images beside the new manifest
        io.pxrcad.OutputFolder.removeOwn(dir.resolve("images"), n -> OWN_IMAGE.matcher(n).matches());
        PhantomGenerator gen = new PhantomGenerator(config);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "phantom-writer");
            t.setDaemon(true);
            return t;
        });
        try (ProgressListener.Task task = progress.started("synth", count, true)) {
            List<Future<ManifestEntry>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int c = i;
                futures.add(pool.submit(() -> {
                    Phantom p = gen.render(c);
                    String name = String.format("images/%06d.%s", c, format.extension);
                    if (format == Format.PNG) PngWriter.write16(dir.resolve(name), p.image());
                    else PhantomDicom.write(gen, p, dir.resolve(name));
                    task.advanced("");
                    return new ManifestEntry(name, p.patient(), p.label(), p.type(), p.boxes(), Optional.empty());
                }));
            }
            List<ManifestEntry> rows = new ArrayList<>(count);
            for (Future<ManifestEntry> f : futures) rows.add(get(f));
            ManifestWriter.write(dir.resolve("manifest.csv"), rows);
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ManifestEntry get(Future<ManifestEntry> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing phantoms", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException(c);
        }
    }
}
