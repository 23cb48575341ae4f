package io.pxrcad.train;

import ai.djl.Model;
import io.pxrcad.PixelBox;
import io.pxrcad.ProgressListener;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.Pointing;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stage 1's cell targets from image labels ({@link TrainConfig#pseudoCells()}) on real phantom fractures. */
class PseudoCellsTrainingTest {

    @Test
    void chosenCellsFindPhantomFracturesFarMoreOftenThanARandomCell(@TempDir Path dir) throws Exception {
        int size = 128;
        CohortWriter.write(PhantomConfig.defaults().withSize(size).withDifficulty(0).withSeed(11), dir, 80, 2, ProgressListener.NONE);
        Manifest m = Manifest.load(dir.resolve("manifest.csv"));
        Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(size));
        ImageSource src = new ImageSource(m, m.entries(), pre, 1L << 28);
        int mapSide = size / 32;
        TorchEngine.seed(1);
        AnomalyCells cells;
        try (Model net = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_VGG), ai.djl.Device.cpu())) {
            // the network as initialised: the targets need no training
            cells = AnomalyCells.of(Networks.network(net), net.getNDManager(), src, pre, mapSide, 8, 0.5);
        }
        List<int[]> sizes = MapStatistics.originalSizes(src);
        int[] inBox = cells.firstInBox(src.entries(), sizes);
        double chance = randomCellInBox(src.entries(), sizes, mapSide);
        assertThat(inBox[1]).isGreaterThan(20);
        double share = inBox[0] / (double) inBox[1];
        // measured: 25 of 55 (0.45) against 0.15 for a cell drawn at random, from untrained random features
        assertThat(share).as("first chosen cell in a true box, chance %.2f", chance).isGreaterThan(2 * chance);
        for (int i = 0; i < src.size(); i++) {
            boolean positive = src.entry(i).positive();
            assertThat(cells.chosen().get(i)).hasSize(positive ? AnomalyCells.PER_IMAGE : 0);
            // half the 16 cells of a positive as its most normal ones, never one of the chosen
            assertThat(cells.normal().get(i)).hasSize(positive ? 8 : 0);
            if (positive) assertThat(cells.normal().get(i)).doesNotContain(cells.chosen().get(i));
        }
    }

    @Test
    void trainsWithTheTargetsKeepsThemForResumeAndRefusesWhatTheyCannotFollow(@TempDir Path dir) throws Exception {
        HeldOutCohort cohort = HeldOutCohort.write(dir.resolve("c"), 96, 40, 5);
        Manifest m = cohort.manifest();
        List<ManifestEntry> train = cohort.train(), val = cohort.val();
        TrainConfig cfg = threeEpochs().withNormalCellShare(0.5).withChainRois(3).withStage2BestByLoss(true);
        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withConfig(cfg).withDevice("cpu");
        Path run = dir.resolve("run");
        TwoStageTraining.Result r = TwoStageTraining.run(m, train, val, plan, run, false, ProgressListener.NONE);
        assertThat(r.valAucStage1()).isBetween(0.0, 1.0);
        // stage 2 kept the epoch of the lowest validation loss, and the model chains as configured
        List<EpochMetrics> stage2 = MetricsLog.inRun(run).read().stream().filter(e -> e.stage() == 2).toList();
        EpochMetrics lowest = stage2.stream().min(java.util.Comparator.comparingDouble(EpochMetrics::valLoss)).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode best = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("checkpoints/stage2/best/state.json").toFile()).get("best");
        assertThat(best.get("bestEpoch").asInt()).as("%s", stage2).isEqualTo(lowest.epoch());
        assertThat(best.get("bestAuc").asDouble()).isEqualTo(-lowest.valLoss(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.artifact().metadata().info().chainRoiCount()).isEqualTo(3);
        List<String> kept = Files.readAllLines(run.resolve("pseudo-cells.tsv"));
        assertThat(kept).hasSize(train.size() + 1);
        assertThat(kept.get(1)).startsWith(train.get(0).image() + "\t");
        // resuming a finished run reads the same targets and trains nothing again
        TwoStageTraining.run(m, train, val, plan, run, true, ProgressListener.NONE);
        assertThat(Files.readAllLines(run.resolve("pseudo-cells.tsv"))).isEqualTo(kept);

        assertThatThrownBy(() -> TwoStageTraining.run(m, train, val, plan.withConfig(cfg.withAugment(true)), dir.resolve("r2"),
                false, ProgressListener.NONE)).hasMessageContaining("pseudoCells cannot follow affine augmentation");
        TwoStageTraining.Plan dense = new TwoStageTraining.Plan(cfg, Architecture.TINY_DENSENET, Architecture.TINY_RESNET,
                null, null, "cpu", 1L << 28);
        assertThatThrownBy(() -> TwoStageTraining.run(m, train, val, dense, dir.resolve("r3"), false, ProgressListener.NONE))
                .hasMessageContaining("pseudoCells needs a VGG stage 1");
    }

    @Test
    void targetsChosenAgainFromTheMapsAreKeptPerEpochAndAResumedRunReadsThemBack(@TempDir Path dir) throws Exception {
        HeldOutCohort cohort = HeldOutCohort.write(dir.resolve("c"), 96, 40, 5);
        Manifest m = cohort.manifest();
        List<ManifestEntry> train = cohort.train(), val = cohort.val();
        TrainConfig cfg = threeEpochs().withRefineCellsAfter(1);
        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withConfig(cfg).withDevice("cpu");
        Path run = dir.resolve("run");
        TwoStageTraining.run(m, train, val, plan, run, false, ProgressListener.NONE);
        int side = 96 / 32;
        AnomalyCells first = AnomalyCells.read(run.resolve("pseudo-cells.tsv"), train, side);
        for (int after = 1; after <= 2; after++) {
            AnomalyCells again = AnomalyCells.read(run.resolve(CellRefinement.fileName(after)), train, side);
            for (int i = 0; i < train.size(); i++) {
                assertThat(again.chosen().get(i)).hasSize(train.get(i).positive() ? AnomalyCells.PER_IMAGE : 0);
            }
        }
        assertThat(run.resolve(CellRefinement.fileName(3))).as("no epoch follows the last").doesNotExist();

        // a resumed run trains on the targets the first run wrote, not on new ones from the resumed network
        List<int[]> planted = new java.util.ArrayList<>();
        for (ManifestEntry e : train) planted.add(e.positive() ? new int[] {side * side - 1, 0} : new int[0]);
        new AnomalyCells(side, planted).write(run.resolve(CellRefinement.fileName(2)), train);
        ImageSource src = new ImageSource(m, train, new Preprocessor(PreprocessConfig.ofSize(96)), 1L << 26);
        CellRefinement resumed = new CellRefinement(1, run, true, null, src, 4);
        assertThat(resumed.forEpoch(1, first)).isSameAs(first);
        AnomalyCells third = resumed.forEpoch(3, first);
        for (int i = 0; i < train.size(); i++) assertThat(third.chosen().get(i)).containsExactly(planted.get(i));
        assertThat(resumed.forEpoch(3, third)).isSameAs(third);

        assertThatThrownBy(() -> TwoStageTraining.run(m, train, val, plan.withConfig(cfg.withPseudoCells(false)),
                dir.resolve("r2"), false, ProgressListener.NONE)).hasMessageContaining("refineCellsAfter re-chooses the cell targets");
    }

    @Test
    void aRestartedStageOneTrainsAgainFromItsInitialWeightsAndKeepsAnEpochAfterTheRestart(@TempDir Path dir) throws Exception {
        HeldOutCohort cohort = HeldOutCohort.write(dir.resolve("c"), 96, 40, 5);
        Manifest m = cohort.manifest();
        List<ManifestEntry> train = cohort.train(), val = cohort.val();
        TrainConfig cfg = threeEpochs().withRefineCellsAfter(1).withRestartAfter(2);
        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withConfig(cfg).withDevice("cpu");
        Path run = dir.resolve("run");
        TwoStageTraining.run(m, train, val, plan, run, false, ProgressListener.NONE);
        com.fasterxml.jackson.databind.JsonNode best = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("checkpoints/stage1/best/state.json").toFile()).get("best");
        assertThat(best.get("bestEpoch").asInt()).as("the only epoch after the restart").isEqualTo(3);
        assertThat(run.resolve("checkpoints/stage1/initial-weights.safetensors")).exists();
        assertThat(run.resolve(CellRefinement.fileName(2))).as("epoch 3's targets, chosen before the restart").exists();

        // interrupted before the restart (after epoch 2 of a run without one), resumed with it: the same stage 1
        Path other = dir.resolve("other");
        TwoStageTraining.run(m, train, val, plan.withConfig(cfg.withRestartAfter(0).withEpochs(2)), other, false, ProgressListener.NONE);
        TwoStageTraining.run(m, train, val, plan, other, true, ProgressListener.NONE);
        assertThat(Files.readAllBytes(other.resolve("checkpoints/stage1/best/weights.safetensors")))
                .isEqualTo(Files.readAllBytes(run.resolve("checkpoints/stage1/best/weights.safetensors")));

        // and not the stage 1 of the same run without the restart
        Path plain = dir.resolve("plain");
        TwoStageTraining.run(m, train, val, plan.withConfig(cfg.withRestartAfter(0)), plain, false, ProgressListener.NONE);
        assertThat(Files.readAllBytes(plain.resolve("checkpoints/stage1/last/weights.safetensors")))
                .isNotEqualTo(Files.readAllBytes(run.resolve("checkpoints/stage1/last/weights.safetensors")));

        assertThatThrownBy(() -> TwoStageTraining.run(m, train, val, plan.withConfig(cfg.withRestartAfter(3)), dir.resolve("r2"),
                false, ProgressListener.NONE)).hasMessage("restartAfter (3) must be before the last epoch (3)");
        assertThatThrownBy(() -> TwoStageTraining.run(m, train, val, plan.withConfig(threeEpochs().withPseudoCells(false).withRestartAfter(1)),
                dir.resolve("r3"), false, ProgressListener.NONE)).hasMessageContaining("restartAfter starts stage 1 again");
    }

    /** {@code tiny} at 96 px with pseudo cells on the LSE of logits, 3 epochs per stage. */
    private static TrainConfig threeEpochs() {
        return Preset.TINY.config().withImageSize(96).withEpochs(3).withNumWorkers(1).withLseOfLogits(true).withPseudoCells(true);
    }

    /** The share of positives with boxes whose box holds the centre of a cell drawn uniformly at random. */
    private static double randomCellInBox(List<ManifestEntry> entries, List<int[]> sizes, int mapSide) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < entries.size(); i++) {
            List<PixelBox> boxes = entries.get(i).boxes();
            if (!entries.get(i).positive() || boxes.isEmpty()) continue;
            int hits = 0;
            for (int c = 0; c < mapSide * mapSide; c++) {
                if (Pointing.cellHit(boxes, c % mapSide, c / mapSide, mapSide, mapSide, sizes.get(i)[0], sizes.get(i)[1])) hits++;
            }
            sum += hits / (double) (mapSide * mapSide);
            n++;
        }
        return sum / n;
    }
}
