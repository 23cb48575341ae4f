package io.pxrcad.infer;

import io.pxrcad.DataException;
import io.pxrcad.Radiograph;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and scores a batch of images so that whatever goes wrong with one (unreadable, too
 * large, out of memory while decoding or scoring it) becomes that image's error, never the
 * others': the batch is scored together, and when that fails each image alone. What prediction,
 * the service and batch jobs run.
 */
public final class IsolatedScoring {
    private IsolatedScoring() {}

    /** Outcomes in input order. */
    public static List<ImageOutcome> score(FractureDetector detector, List<ImageInput> batch) {
        ImageOutcome[] outcomes = new ImageOutcome[batch.size()];
        List<Integer> readable = new ArrayList<>();
        List<Radiograph> images = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            String name = batch.get(k).name();
            try {
                images.add(batch.get(k).reader().get());
                readable.add(k);
            } catch (DataException | UncheckedIOException e) {
                outcomes[k] = ImageOutcome.failed(name, message(e), ErrorKind.ofDecoding(e));
            } catch (OutOfMemoryError e) {
                outcomes[k] = ImageOutcome.failed(name, "not enough memory to decode " + name
                        + " (raise the Java heap with PXRCAD_JAVA_OPTS=-Xmx...)", ErrorKind.OUT_OF_MEMORY);
            } catch (RuntimeException e) {
                outcomes[k] = ImageOutcome.failed(name, "cannot read " + name + ": " + message(e), ErrorKind.ofDecoding(e));
            }
        }
        List<Detection> ds = null;
        Throwable batchFailure = null;
        if (!images.isEmpty()) {
            try {
                ds = detector.detect(images);
            } catch (RuntimeException | OutOfMemoryError e) {
                batchFailure = e; // then each image alone, so that only the one at fault fails
            }
        }
        for (int j = 0; j < readable.size(); j++) {
            int k = readable.get(j);
            String name = batch.get(k).name();
            Radiograph r = images.get(j);
            try {
                if (ds == null && images.size() == 1) throw batchFailure;
                outcomes[k] = ImageOutcome.scored(name, r, ds != null ? ds.get(j) : detector.detect(r));
            } catch (DataException e) {
                outcomes[k] = ImageOutcome.failed(name, e.getMessage(), ErrorKind.ofScoring(e));
            } catch (OutOfMemoryError e) {
                outcomes[k] = ImageOutcome.failed(name, "not enough memory to score " + name + " (" + r.width() + "x"
                        + r.height() + " pixels)", ErrorKind.OUT_OF_MEMORY);
            } catch (Throwable e) {
                outcomes[k] = ImageOutcome.failed(name, "cannot score " + name + ": " + message(e), ErrorKind.ofScoring(e));
            }
        }
        return List.of(outcomes);
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
