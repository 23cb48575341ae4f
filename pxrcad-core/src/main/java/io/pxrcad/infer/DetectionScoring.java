package io.pxrcad.infer;

import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.data.Csv;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.Pointing;
import io.pxrcad.eval.Localisation;
import io.pxrcad.image.ImageReaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;

/**
 * Runs a trained model over manifest rows in batches and judges each two-stage detection
 * against the manifest's truth (METHOD.md "Evaluation"): the ROI centre in a true box
 * (pointing game, tolerance half a map cell), the heatmap maximum's cell centre in a true box,
 * the type on positives.
 */
public final class DetectionScoring {
    /** Images per batch unless a caller says otherwise. */
    public static final int DEFAULT_BATCH = 16;

    /** One image's detection with the judgements that need the truth (null where undefined). */
    public record Scored(ManifestEntry entry, Detection detection, Boolean roiHit, Boolean maxHit, Boolean typeCorrect) {}

    private DetectionScoring() {}

    public static List<Scored> run(FractureDetector detector, Manifest m, List<ManifestEntry> entries) {
        return run(detector, m, entries, null, DEFAULT_BATCH);
    }

    /**
     * With {@code skipped} non-null, an image whose pixels cannot be decoded is left out and
     * reported there ({@code image: message}) instead of failing the run. {@code batchSize} images
     * are decoded and scored at a time (one forward pass per stage); the results do not depend on it.
     */
    public static List<Scored> run(FractureDetector detector, Manifest m, List<ManifestEntry> entries, List<String> skipped,
                                   int batchSize) {
        List<Scored> out = new ArrayList<>(entries.size());
        for (int from = 0; from < entries.size(); from += batchSize) {
            List<ManifestEntry> kept = new ArrayList<>(batchSize);
            List<Radiograph> images = new ArrayList<>(batchSize);
            for (ManifestEntry e : entries.subList(from, Math.min(entries.size(), from + batchSize))) {
                try {
                    images.add(read(m, e));
                    kept.add(e);
                } catch (DataException ex) {
                    if (skipped == null) throw ex;
                    skipped.add(ex.getMessage());
                }
            }
            if (images.isEmpty()) continue;
            List<Detection> ds = detector.detect(images);
            for (int k = 0; k < kept.size(); k++) out.add(judge(kept.get(k), ds.get(k)));
        }
        return out;
    }

    public static float[] run(ImageClassifier classifier, Manifest m, List<ManifestEntry> entries) {
        float[] out = new float[entries.size()];
        for (int from = 0; from < entries.size(); from += DEFAULT_BATCH) {
            List<ManifestEntry> part = entries.subList(from, Math.min(entries.size(), from + DEFAULT_BATCH));
            float[] p = classifier.score(read(m, part));
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    public static List<Radiograph> read(Manifest m, List<ManifestEntry> part) {
        List<Radiograph> images = new ArrayList<>(part.size());
        for (ManifestEntry e : part) images.add(read(m, e));
        return images;
    }

    private static Radiograph read(Manifest m, ManifestEntry e) {
        try {
            return ImageReaders.read(m.resolve(e));
        } catch (DataException ex) {
            throw new DataException(e.image() + ": " + ex.getMessage(), ex);
        }
    }

    public static Scored judge(ManifestEntry e, Detection d) {
        Boolean roiHit = null;
        Boolean maxHit = null;
        if (!e.boxes().isEmpty()) {
            double cw = d.width() / (double) d.map().width();
            double ch = d.height() / (double) d.map().height();
            roiHit = Pointing.hit(e.boxes(), d.roi().centerX(), d.roi().centerY(), cw / 2, ch / 2);
            maxHit = Pointing.cellHit(e.boxes(), d.cell().col(), d.cell().row(), d.map().width(), d.map().height(),
                    d.width(), d.height());
        }
        Boolean typeCorrect = e.positive() && e.type().isPresent() && d.type() != null ? e.type().get() == d.type() : null;
        return new Scored(e, d, roiHit, maxHit, typeCorrect);
    }

    /** Pooled localisation and type results of scored images. */
    public static Localisation summarise(List<Scored> scored) {
        return Localisation.of(scored.stream().map(Scored::roiHit).toList(), scored.stream().map(Scored::maxHit).toList(),
                scored.stream().map(Scored::typeCorrect).toList());
    }

    /**
     * {@code predictions.csv}: per image the manifest's truth beside the detection ({@code image,
     * label, type, probability, stage1, stage2, band, predicted_type, roi, roi_hit, max_hit,
     * in_scope, scope_reasons}), written atomically.
     */
    public static void writeCsv(Path file, List<Scored> scored) throws IOException {
        StringBuilder sb = new StringBuilder("image,label,type,probability,stage1,stage2,band,predicted_type,roi,roi_hit,"
                + "max_hit,in_scope,scope_reasons\n");
        for (Scored s : scored) {
            Detection d = s.detection();
            sb.append(Csv.join(List.of(s.entry().image(), Integer.toString(s.entry().label()),
                    s.entry().type().map(FractureType::label).orElse(""), num(d.probability()), num(d.stage1()),
                    num(d.stage2()), d.band().label(), label(d.type()), box(d.roi()), bool(s.roiHit()), bool(s.maxHit()),
                    bool(d.inScope()), String.join("; ", d.scopeReasons())))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** The detections in their JSON form ({@link DetectionJson}), one line per image, named by manifest image id. */
    public static void writeJsonLines(Path file, List<Scored> scored) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Scored s : scored) sb.append(DetectionJson.line(DetectionJson.of(s.entry().image(), s.detection()))).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    public static String label(FractureType t) { return t == null ? "" : t.label(); }

    public static String box(PixelBox b) { return b == null ? "" : b.toCsv(); }

    public static String bool(Boolean b) { return b == null ? "" : b ? "1" : "0"; }
}
