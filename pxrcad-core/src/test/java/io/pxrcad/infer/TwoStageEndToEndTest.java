package io.pxrcad.infer;

import io.pxrcad.ProgressListener;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.data.Split;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TwoStageTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole method end to end with the tiny preset, on the phantoms' own fractures: train both
 * stages on 200 generated 128-px phantoms (difficulty 0: displaced fractures), then run the chained
 * detector on 200 held-out phantoms of other patients (another cohort seed) and require an AUC of
 * {@code ps1*ps2} of at least 0.8 and the map's maximum inside a true box (pointing game) for most
 * positives. On the way: the validation AUCs training logged equal those of the saved model on the
 * validation images, and batches of 8 give what one image at a time gives (to 1e-5).
 */
class TwoStageEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainsBothStagesAndDetectsOnHeldOutPhantoms() throws Exception {
        long start = System.nanoTime();
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(128).withSeed(11).withDifficulty(0);
        List<ManifestEntry> cohort = KFoldSplitter.holdOut(
                CohortWriter.write(phantoms, dir.resolve("data"), 200, 2, ProgressListener.NONE), 0.2, 1);
        ManifestWriter.write(dir.resolve("data/manifest.csv"), cohort);
        Manifest manifest = Manifest.load(dir.resolve("data/manifest.csv"));
        List<ManifestEntry> train = part(manifest.entries(), Split.TRAIN), val = part(manifest.entries(), Split.VAL);

        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withDevice("cpu");
        TwoStageTraining.Result result = TwoStageTraining.run(manifest, train, val, plan, dir.resolve("run"), false, ProgressListener.NONE);
        assertThat(result.artifact().dir().resolve("model.json")).exists();
        List<String> metrics = Files.readAllLines(dir.resolve("run/metrics.jsonl"));
        assertThat(metrics).hasSize(2 * plan.config().epochs());
        // METHOD.md's ROI label accuracy (paper: 0.925): probable-positive ROIs mined in the last epoch
        // whose centre lies in a true box (half a map cell of tolerance)
        double roiLabelAccuracy = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(metrics.get(metrics.size() - 1)).get("roiLabelAccuracy").asDouble();

        // the validation AUCs training logged (and chose the thresholds with) are what evaluation
        // computes with the saved model on the validation images: one chain, the same inputs
        try (FractureDetector detector = FractureDetector.load(result.artifact().dir(), "cpu")) {
            ChainEvaluation onVal = ChainEvaluation.of(DetectionScoring.run(detector, manifest, val, null, 5), "validation");
            assertThat(onVal.twoStageMetrics().auc()).as("two-stage validation AUC").isEqualTo(result.valAucTwoStage());
            assertThat(onVal.singleStageMetrics().auc()).as("single-stage validation AUC").isEqualTo(result.valAucStage1());
        }

        Path heldOutDir = dir.resolve("held-out");
        List<ManifestEntry> test = CohortWriter.write(phantoms.withSeed(12), heldOutDir, 200, 2, ProgressListener.NONE);
        float[] scores = new float[test.size()], stage1 = new float[test.size()];
        int[] labels = new int[test.size()];
        int positives = 0, hits = 0;
        try (FractureDetector detector = FractureDetector.load(result.artifact().dir(), "cpu")) {
            List<Radiograph> images = new ArrayList<>();
            for (ManifestEntry e : test) images.add(ImageReaders.read(heldOutDir.resolve(e.image())));
            List<Detection> ds = detector.detect(images, 8);
            // batches give what one image at a time gives
            List<Detection> one = detector.detect(images.subList(0, 24), 1);
            for (int i = 0; i < one.size(); i++) {
                assertThat(one.get(i).probability()).isCloseTo(ds.get(i).probability(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(one.get(i).stage1()).isCloseTo(ds.get(i).stage1(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(one.get(i).roi()).isEqualTo(ds.get(i).roi());
                assertThat(one.get(i).band()).isEqualTo(ds.get(i).band());
            }
            for (int i = 0; i < test.size(); i++) {
                Detection d = ds.get(i);
                scores[i] = (float) d.probability();
                stage1[i] = (float) d.stage1();
                labels[i] = test.get(i).label();
                assertThat(d.probability()).isBetween(0.0, 1.0).isCloseTo(d.stage1() * d.stage2(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(d.roi().inside(d.width(), d.height())).isTrue();
                if (labels[i] == 1) {
                    positives++;
                    if (maxInsideBox(d, test.get(i).boxes())) hits++;
                }
            }
        }
        double auc = RocCurve.of(BinaryScores.of(scores, labels)).auc();
        double auc1 = RocCurve.of(BinaryScores.of(stage1, labels)).auc();
        System.err.printf("end-to-end: %d train, %d val, %d held out; AUC of ps1*ps2 %.3f (ps1 alone %.3f); "
                        + "heatmap max in a true box for %d/%d positives; mined ROI label accuracy %.3f; %.0f s%n",
                train.size(), val.size(), test.size(), auc, auc1, hits, positives, roiLabelAccuracy,
                (System.nanoTime() - start) / 1e9);
        assertThat(auc).as("held-out AUC of ps1*ps2").isGreaterThanOrEqualTo(0.8);
        assertThat(hits).as("positives whose heatmap maximum lies in a true box").isGreaterThan(positives / 2);
        assertThat(roiLabelAccuracy).as("ROI label accuracy of the mined probable positives").isGreaterThan(0.75);
    }

    /** Pointing game of METHOD.md: the argmax cell's centre inside a true box, with half a cell of tolerance. */
    static boolean maxInsideBox(Detection d, List<PixelBox> boxes) {
        double cw = d.width() / (double) d.map().width(), ch = d.height() / (double) d.map().height();
        double cx = (d.cell().col() + 0.5) * cw, cy = (d.cell().row() + 0.5) * ch;
        for (PixelBox b : boxes) {
            if (cx >= b.x0() - cw / 2 && cx <= b.x1() + cw / 2 && cy >= b.y0() - ch / 2 && cy <= b.y1() + ch / 2) return true;
        }
        return false;
    }

    private static List<ManifestEntry> part(List<ManifestEntry> fold, Split s) {
        return fold.stream().filter(e -> e.split().orElseThrow() == s).toList();
    }
}
