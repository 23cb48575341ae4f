package io.pxrcad.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Table 1 on two hand-computed folds, and the score files it is read from. */
class Table1Test {
    private static final List<String> FOLD1 = List.of("a.png", "b.png", "c.png", "d.png");
    private static final List<String> FOLD2 = List.of("e.png", "f.png", "g.png", "h.png");
    private static final int[] LABELS = {1, 0, 1, 0};

    private static Table1.Method proposed() {
        return new Table1.Method("two-stage", "Proposed two-stage", List.of(
                new FoldScores(FOLD1, LABELS, new double[]{0.9, 0.1, 0.8, 0.2}, Arrays.asList(true, null, false, null),
                        Arrays.asList(true, null, true, null), Arrays.asList(true, null, null, null)),
                new FoldScores(FOLD2, LABELS, new double[]{0.3, 0.6, 0.7, 0.4}, Arrays.asList(false, null, true, null),
                        Arrays.asList(false, null, false, null), Arrays.asList(false, null, true, null))));
    }

    private static Table1.Method other() {
        return new Table1.Method("wang", "Wang et al.", List.of(
                FoldScores.plain(FOLD1, LABELS, new double[]{0.4, 0.5, 0.6, 0.3}),
                FoldScores.plain(FOLD2, LABELS, new double[]{0.9, 0.2, 0.8, 0.1})));
    }

    @Test
    void foldsArePooledInOneOrderAndTheProposedMethodIsComparedWithTheOthers() {
        Table1 t = Table1.of(List.of(other(), proposed()), "two-stage");
        assertThat(t.folds()).isEqualTo(2);
        assertThat(t.testImagesPerFold()).containsExactly(4, 4);
        assertThat(t.rows()).extracting(Table1.Row::id).containsExactly("wang", "two-stage");
        Table1.Row two = t.rows().get(1);
        // fold AUCs 1 and 0.5; pooled: 14 of 16 positive-negative pairs ranked right
        assertThat(two.summary().auc().mean()).isCloseTo(0.75, within(1e-12));
        assertThat(two.summary().pooled().auc()).isCloseTo(0.875, within(1e-12));
        assertThat(two.versusProposed()).isNull();
        Table1.Row wang = t.rows().get(0);
        // fold AUCs 0.75 and 1; pooled: 15 of 16
        assertThat(wang.summary().auc().mean()).isCloseTo(0.875, within(1e-12));
        assertThat(wang.summary().pooled().auc()).isCloseTo(0.9375, within(1e-12));
        assertThat(wang.versusProposed().aucA()).isCloseTo(0.875, within(1e-12));
        assertThat(wang.versusProposed().aucB()).isCloseTo(0.9375, within(1e-12));
        assertThat(wang.pooled().size()).isEqualTo(8);
        assertThat(t.localisation()).isEqualTo(new Localisation(Share.of(2, 4), Share.of(2, 4), Share.of(2, 3)));
    }

    @Test
    void withoutTheProposedMethodThereIsNoComparisonAndNoLocalisation() {
        Table1 t = Table1.of(List.of(other()), "two-stage");
        assertThat(t.rows()).singleElement().extracting(Table1.Row::versusProposed).isNull();
        assertThat(t.localisation()).isNull();
    }

    @Test
    void scoreFilesRoundTripAndOtherTestImagesAreRefusedNamingBothFiles(@TempDir Path dir) throws Exception {
        Table1.Method p = proposed();
        Path a = dir.resolve("two-stage.csv");
        p.folds().get(0).write(a);
        FoldScores back = FoldScores.read(a);
        assertThat(back.source()).isEqualTo(a.toString());
        assertThat(back.images()).isEqualTo(FOLD1);
        assertThat(back.labels()).containsExactly(LABELS);
        assertThat(back.scores()).containsExactly(0.9, 0.1, 0.8, 0.2);
        assertThat(back.roiHit()).containsExactly(true, null, false, null);
        assertThat(back.typeCorrect()).containsExactly(true, null, null, null);

        Path b = dir.resolve("wang.csv");
        FoldScores.plain(List.of("a.png", "b.png", "c.png", "x,y.png"), LABELS, new double[]{1, 2, 3, 4}).write(b);
        assertThat(FoldScores.read(b).images()).last().isEqualTo("x,y.png");
        Table1.Method changed = new Table1.Method("wang", "Wang et al.", List.of(FoldScores.read(b), other().folds().get(1)));
        assertThatThrownBy(() -> Table1.of(List.of(new Table1.Method("two-stage", "Proposed", List.of(back,
                p.folds().get(1))), changed), "two-stage")).isInstanceOf(InvalidScoresException.class)
                .hasMessage(b + ": expected the same test images as " + a + " (was the manifest changed?)");
    }

    @Test
    void aFileOfAnotherFormatIsADataError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("scores.csv");
        Files.writeString(f, "image,label,score\na.png,1,0.5\n");
        assertThatThrownBy(() -> FoldScores.read(f)).isInstanceOf(InvalidScoresException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("expected header image,label,score,roi_hit");
        Files.writeString(f, String.join(",", FoldScores.HEADER) + "\na.png,yes,0.5,,,\n");
        assertThatThrownBy(() -> FoldScores.read(f)).isInstanceOf(InvalidScoresException.class)
                .hasMessageContaining("line 2");
    }
}
