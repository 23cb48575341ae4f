package io.pxrcad.cv;

import io.pxrcad.ProgressListener;
import io.pxrcad.DataException;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fold/method bookkeeping of {@code cv} at the default five folds, without training. */
class CvLayoutTest {
    @Test
    void fiveFoldsOfSixMethodsNeedFiveTrainingsPerFold(@TempDir Path dir) {
        CvLayout layout = new CvLayout(dir, 5, CvMethod.parse("all"));
        List<CvLayout.Job> jobs = layout.pending();
        assertThat(jobs).hasSize(25);
        assertThat(jobs.get(0)).isEqualTo(new CvLayout.Job(1, "resnet18-gap", List.of(CvMethod.RESNET18_GAP)));
        assertThat(jobs.get(4)).isEqualTo(new CvLayout.Job(1, "two-stage", List.of(CvMethod.SINGLE_STAGE, CvMethod.TWO_STAGE)));
        assertThat(jobs.get(24).fold()).isEqualTo(5);
        assertThat(layout.scores(3, CvMethod.WANG)).isEqualTo(dir.resolve("fold-3/wang/scores.csv"));
        assertThat(layout.run(3, CvMethod.SINGLE_STAGE.training())).isEqualTo(dir.resolve("fold-3/runs/two-stage"));
    }

    @Test
    void finishedFoldsAndMethodsAreSkipped(@TempDir Path dir) throws Exception {
        CvLayout layout = new CvLayout(dir, 5, CvMethod.parse("all"));
        for (int f = 1; f <= 3; f++) {
            for (CvMethod m : CvMethod.values()) touch(layout.scores(f, m));
        }
        touch(layout.scores(4, CvMethod.CHEXNET));
        touch(layout.scores(4, CvMethod.SINGLE_STAGE));
        List<CvLayout.Job> jobs = layout.pending();
        assertThat(jobs).extracting(CvLayout.Job::fold).containsOnly(4, 5);
        assertThat(jobs.stream().filter(j -> j.fold() == 4).map(CvLayout.Job::training))
                .containsExactly("resnet18-gap", "resnet18-lse", "wang", "two-stage");
        assertThat(jobs.stream().filter(j -> j.fold() == 4 && j.training().equals("two-stage")).findFirst().orElseThrow()
                .methods()).containsExactly(CvMethod.TWO_STAGE);
        assertThat(jobs.stream().filter(j -> j.fold() == 5)).hasSize(5);
        for (int f = 4; f <= 5; f++) {
            for (CvMethod m : CvMethod.values()) touch(layout.scores(f, m));
        }
        assertThat(layout.pending()).isEmpty();
    }

    @Test
    void methodsParseInTableOrder() {
        assertThat(CvMethod.parse("two-stage, wang")).containsExactly(CvMethod.WANG, CvMethod.TWO_STAGE);
        assertThat(CvMethod.parse("all")).hasSize(6);
        assertThatThrownBy(() -> CvMethod.parse("resnet50")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet50");
    }

    @Test
    void defaultFiveFoldsSplitEveryImageIntoOneTestPart(@TempDir Path dir) throws Exception {
        CohortWriter.write(PhantomConfig.defaults().withSize(64).withDifficulty(0), dir, 60, 2, ProgressListener.NONE);
        Manifest m = Manifest.load(dir.resolve("manifest.csv"));
        List<List<ManifestEntry>> folds = CvFolds.of(m, 5, 0);
        assertThat(folds).hasSize(5);
        Set<String> tested = new HashSet<>();
        int total = 0;
        for (List<ManifestEntry> f : folds) {
            List<ManifestEntry> test = CvFolds.part(f, Split.TEST);
            total += test.size();
            test.forEach(e -> tested.add(e.image()));
            for (Split s : Split.values()) {
                assertThat(CvFolds.part(f, s)).anyMatch(ManifestEntry::positive).anyMatch(e -> !e.positive());
            }
        }
        assertThat(total).isEqualTo(60);
        assertThat(tested).hasSize(60);
    }

    @Test
    void aFoldWithoutBothClassesIsADataError(@TempDir Path dir) throws Exception {
        CohortWriter.write(PhantomConfig.defaults().withSize(64).withFractureRate(0.05), dir, 12, 2, ProgressListener.NONE);
        Manifest m = Manifest.load(dir.resolve("manifest.csv"));
        assertThatThrownBy(() -> CvFolds.of(m, 5, 0)).isInstanceOf(DataException.class)
                .hasMessageContaining("needs both classes");
        assertThatThrownBy(() -> CvFolds.of(m, 50, 0)).isInstanceOf(DataException.class)
                .hasMessageContaining("cannot make 50 folds from");
    }

    private static void touch(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }
}
