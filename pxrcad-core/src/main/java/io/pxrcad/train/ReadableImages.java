package io.pxrcad.train;

import io.pxrcad.DataException;
import io.pxrcad.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images of a source that decode, found by decoding each once before training (which also
 * fills the source's cache for the first epoch): one unreadable, corrupt or unsupported file is
 * left out and reported rather than stopping a run over thousands at its first batch.
 *
 * @param indices the readable images' indices in the source, in order
 * @param skipped one {@code file: reason} per image left out, in order
 */
record ReadableImages(int[] indices, List<String> skipped) {
    ReadableImages {
        indices = indices.clone();
        skipped = List.copyOf(skipped);
    }

    @Override
    public int[] indices() { return indices.clone(); }

    /**
     * @param workers threads decoding (0: the caller)
     * @throws DataException when no image is readable (naming the first few problems)
     */
    static ReadableImages check(ImageSource source, int workers, ProgressListener progress) {
        List<Integer> ok = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Prefetcher<Optional<String>> decoded = new Prefetcher<>(source.size(), i -> problem(source, i),
                Math.max(0, workers), Math.max(1, 2 * workers));
             ProgressListener.Task task = progress.started("reading images", source.size(), true)) {
            for (int i = 0; decoded.hasNext(); i++) {
                Optional<String> p = decoded.next();
                if (p.isPresent()) skipped.add(p.get());
                else ok.add(i);
                task.advanced(skipped.isEmpty() ? "" : skipped.size() + " unreadable");
            }
        }
        if (ok.isEmpty()) {
            throw new DataException("none of the " + source.size() + " images could be read: "
                    + String.join("; ", skipped.subList(0, Math.min(3, skipped.size())))
                    + (skipped.size() > 3 ? "; ..." : ""));
        }
        return new ReadableImages(ok.stream().mapToInt(Integer::intValue).toArray(), skipped);
    }

    /** Why image {@code i} cannot be trained on; empty when it decodes. */
    private static Optional<String> problem(ImageSource source, int i) {
        try {
            source.gray(i);
            return Optional.empty();
        } catch (DataException | UncheckedIOException e) {
            return Optional.of(source.file(i) + ": " + e.getMessage());
        } catch (IOException e) {
            return Optional.of(source.file(i) + ": " + io.pxrcad.IoErrors.reason(e));
        }
    }
}
