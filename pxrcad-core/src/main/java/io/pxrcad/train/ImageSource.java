package io.pxrcad.train;

import io.pxrcad.Radiograph;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.image.Preprocessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The images of a training set as model-sized grayscale squares: decode (any format
 * {@link ImageReaders} reads), percentile scaling to [0,1], resize to {@code S x S}.
 *
 * <p>Decoding a large radiograph costs far more than a training step's share of it, so
 * results are kept, quantised to 16 bits ({@code 2*S*S} bytes each), while the cache stays
 * under its byte budget; beyond the budget images are decoded again each time, so memory stays
 * bounded whatever the data set's size. A source made {@code exact} (the validation images) keeps
 * the floats themselves ({@code 4*S*S} bytes each), so that validation scores the very inputs
 * that {@link Preprocessor#modelGray} gives {@code evaluate} and {@code predict}, and the thresholds
 * chosen on them are the ones those commands apply. A source made {@link #unlabelled} from files
 * alone (pretraining) has no manifest entries, so nothing of a label or box can reach its users.
 * Thread-safe: called from {@link Prefetcher} workers.
 */
public final class ImageSource {
    private final List<Path> files;
    private final List<ManifestEntry> entries;
    private final Preprocessor preprocessor;
    private final int size;
    private final AtomicReferenceArray<Object> cache;
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long budgetBytes;
    private final boolean exact;

    public ImageSource(Manifest manifest, List<ManifestEntry> entries, Preprocessor preprocessor, long budgetBytes) {
        this(manifest, entries, preprocessor, budgetBytes, false);
    }

    public ImageSource(Manifest manifest, List<ManifestEntry> entries, Preprocessor preprocessor, long budgetBytes,
                       boolean exact) {
        this(entries.stream().map(manifest::resolve).toList(), entries, preprocessor, budgetBytes, exact);
    }

    private ImageSource(List<Path> files, List<ManifestEntry> entries, Preprocessor preprocessor, long budgetBytes,
                        boolean exact) {
        this.exact = exact;
        this.files = List.copyOf(files);
        this.entries = List.copyOf(entries);
        this.preprocessor = preprocessor;
        this.size = preprocessor.config().imageSize();
        this.cache = new AtomicReferenceArray<>(this.files.size());
        this.budgetBytes = budgetBytes;
    }

    /** Image files without labels (pretraining): {@link #entry} and {@link #entries} are refused. */
    public static ImageSource unlabelled(List<Path> files, Preprocessor preprocessor, long budgetBytes) {
        return new ImageSource(files, List.of(), preprocessor, budgetBytes, false);
    }

    public int size() { return files.size(); }

    public int imageSize() { return size; }

    /** The file of image {@code i}. */
    public Path file(int i) { return files.get(i); }

    public ManifestEntry entry(int i) {
        requireLabelled();
        return entries.get(i);
    }

    public List<ManifestEntry> entries() {
        requireLabelled();
        return entries;
    }

    private void requireLabelled() {
        if (entries.size() != files.size()) {
            throw new IllegalStateException("this image source holds unlabelled files, not manifest entries");
        }
    }

    /** Image {@code i} as {@code S*S} floats in [0,1], row-major (a fresh array). */
    public float[] gray(int i) throws IOException {
        Object c = cache.get(i);
        if (c != null) {
            return restore(c);
        }
        Radiograph r = ImageReaders.read(files.get(i));
        float[] g = preprocessor.modelGray(r);
        long bytes = (exact ? 4L : 2L) * g.length;
        if (cachedBytes.addAndGet(bytes) <= budgetBytes) {
            if (!cache.compareAndSet(i, null, exact ? g.clone() : quantise(g))) {
                cachedBytes.addAndGet(-bytes);
            }
            // the cached version is what later epochs see, so return it now too
            return restore(cache.get(i));
        }
        cachedBytes.addAndGet(-bytes);
        return g;
    }

    private static float[] restore(Object cached) {
        return cached instanceof float[] f ? f.clone() : dequantise((short[]) cached);
    }

    /** Original {@code {width, height}} of image {@code i} (header only where the decoder can). */
    public int[] originalSize(int i) throws IOException {
        return ImageReaders.dimensions(files.get(i));
    }

    private static short[] quantise(float[] g) {
        short[] q = new short[g.length];
        for (int k = 0; k < g.length; k++) {
            q[k] = (short) Math.round(Math.min(1f, Math.max(0f, g[k])) * 65535f);
        }
        return q;
    }

    private static float[] dequantise(short[] q) {
        float[] g = new float[q.length];
        for (int k = 0; k < q.length; k++) {
            g[k] = (q[k] & 0xFFFF) / 65535f;
        }
        return g;
    }
}
