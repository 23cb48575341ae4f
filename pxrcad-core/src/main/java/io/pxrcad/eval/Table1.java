package io.pxrcad.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Table 1 of the paper from the test-part scores of a finished cross-validation: per method
 * mean ± sd over folds and pooled metrics (pooled: all folds' test scores in one order shared by
 * every method, fold then image); the paired DeLong test of the proposed method against each
 * other method on the pooled scores; the proposed method's localisation and type accuracy.
 * Rendered by {@code io.pxrcad.report.Table1Report}.
 *
 * @param rows               one per method, in the order given
 * @param localisation       of the proposed method; null when it was not among the methods
 * @param testImagesPerFold  test images of each fold (the same for every method)
 */
public record Table1(List<Row> rows, Localisation localisation, List<Integer> testImagesPerFold) {

    /** One method's scores, fold by fold. */
    public record Method(String id, String name, List<FoldScores> folds) {
        public Method {
            folds = List.copyOf(folds);
        }
    }

    /**
     * One method's results.
     *
     * @param versusProposed DeLong's test of the proposed method (A) against this one (B); null
     *                       for the proposed method itself and when it was not among the methods
     */
    public record Row(String id, String name, FoldSummary summary, BinaryScores pooled, PairedAucTest versusProposed) {}

    public Table1 {
        rows = List.copyOf(rows);
        testImagesPerFold = List.copyOf(testImagesPerFold);
    }

    /** Number of folds. */
    public int folds() { return testImagesPerFold.size(); }

    /**
     * @param methods  at least one, each with the same number of folds and the same test images per fold
     * @param proposed the id of the method the others are compared with
     * @throws InvalidScoresException when a method's fold holds other test images than the first method's
     */
    public static Table1 of(List<Method> methods, String proposed) {
        if (methods.isEmpty()) throw new IllegalArgumentException("expected at least one method");
        List<FoldScores> reference = methods.get(0).folds();
        List<BinaryScores> pooled = new ArrayList<>();
        for (Method m : methods) pooled.add(pooled(m.folds(), reference));
        int p = -1;
        for (int i = 0; i < methods.size(); i++) if (methods.get(i).id().equals(proposed)) p = i;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            FoldSummary summary = FoldSummary.of(m.folds().stream().map(FoldScores::binary).toList());
            PairedAucTest versus = p < 0 || i == p ? null : DeLong.compare(pooled.get(p), pooled.get(i));
            rows.add(new Row(m.id(), m.name(), summary, pooled.get(i), versus));
        }
        Localisation localisation = p < 0 ? null : localisation(methods.get(p).folds());
        return new Table1(rows, localisation, reference.stream().map(s -> s.images().size()).toList());
    }

    private static BinaryScores pooled(List<FoldScores> folds, List<FoldScores> reference) {
        if (folds.size() != reference.size()) {
            throw new IllegalArgumentException("expected " + reference.size() + " folds but got " + folds.size());
        }
        for (int f = 0; f < folds.size(); f++) {
            if (!folds.get(f).images().equals(reference.get(f).images())) {
                throw new InvalidScoresException(folds.get(f).source() + ": expected the same test images as "
                        + reference.get(f).source() + " (was the manifest changed?)");
            }
        }
        return FoldSummary.pool(folds.stream().map(FoldScores::binary).toList());
    }

    private static Localisation localisation(List<FoldScores> folds) {
        List<Boolean> roi = new ArrayList<>(), max = new ArrayList<>(), type = new ArrayList<>();
        for (FoldScores s : folds) {
            roi.addAll(s.roiHit());
            max.addAll(s.maxHit());
            type.addAll(s.typeCorrect());
        }
        return Localisation.of(roi, max, type);
    }
}
