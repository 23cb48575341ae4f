package io.pxrcad.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoresCsvTest {
    @Test
    void quotedFieldsBomBlankLinesAndStringLabels(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "\uFEFFid,truth,p\n\"a,1\",yes,0.9\n\nb,no,0.2\n\"c \"\"q\"\"\",yes, 0.4\n");
        Map<String, BinaryScores> m = ScoresCsv.read(f, "truth", List.of("p"), "yes");
        BinaryScores s = m.get("p");
        assertThat(s.labels()).containsExactly(1, 0, 1);
        assertThat(s.scores()).containsExactly(0.9, 0.2, 0.4);
    }

    @Test
    void everyBadRowIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "label,score\n1,x\n2,0.5\n0,\n");
        assertThatThrownBy(() -> ScoresCsv.read(f, "label", List.of("score"), null))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("s.csv: column label: expected labels 0 or 1 but found '2' (line 3); name the positive "
                        + "label (--positive VALUE) for other labels; line 2: column score: expected a number but was 'x'; "
                        + "line 4: column score: expected a number but was ''");
        Files.writeString(f, "label,score\n");
        assertThatThrownBy(() -> ScoresCsv.read(f, "label", List.of("score"), null))
                .isInstanceOf(InvalidScoresException.class).hasMessage("s.csv: expected rows after the header but found none");
        Files.writeString(f, "label,score\na,1\nb,2\nc,3\n");
        assertThatThrownBy(() -> ScoresCsv.read(f, "label", List.of("score"), "a"))
                .isInstanceOf(InvalidScoresException.class).hasMessageContaining("found 3: 'a', 'b', 'c'");
    }
}
