package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    private static EpochMetrics m(int stage, int epoch) {
        return new EpochMetrics(stage, epoch, 0.5 / epoch, 0.6 / epoch, 0.7, 1e-5, 2.5, Map.of());
    }

    @Test
    void appendsOneJsonObjectPerLine(@TempDir Path run) throws Exception {
        MetricsLog log = MetricsLog.inRun(run);
        log.append(m(1, 1));
        log.append(m(2, 1).with("probablePositives", 10).with("hardNegatives", 3).with("note", "x"));
        log.append(new EpochMetrics(2, 2, 0.1, 0.2, Double.NaN, 1e-6, 1, null));
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(3);
        var first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("stage").asInt()).isEqualTo(1);
        assertThat(first.get("epoch").asInt()).isEqualTo(1);
        assertThat(first.get("trainLoss").asDouble()).isEqualTo(0.5);
        assertThat(first.get("lr").asDouble()).isEqualTo(1e-5);
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("hardNegatives").asInt()).isEqualTo(3);
        List<EpochMetrics> back = log.read();
        assertThat(back.get(0)).isEqualTo(m(1, 1));
        assertThat(back.get(1).extra()).containsExactly(Map.entry("probablePositives", 10),
                Map.entry("hardNegatives", 3), Map.entry("note", "x"));
        assertThat(back.get(2).valAuc()).isNaN();
    }

    @Test
    void truncateOnResumeKeepsEarlierStagesAndEpochs(@TempDir Path run) throws Exception {
        MetricsLog log = MetricsLog.inRun(run);
        for (int e = 1; e <= 4; e++) {
            log.append(m(1, e));
        }
        for (int e = 1; e <= 3; e++) {
            log.append(m(2, e));
        }
        // a kill in the middle of writing a line
        Files.writeString(log.file(), "{\"stage\":2,\"epo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.truncateAfter(2, 1);
        assertThat(log.read()).containsExactly(m(1, 1), m(1, 2), m(1, 3), m(1, 4), m(2, 1));
        log.append(m(2, 2));
        assertThat(log.read()).hasSize(6).last().isEqualTo(m(2, 2));
        log.truncateAfter(1, 2);
        assertThat(log.read()).containsExactly(m(1, 1), m(1, 2));
    }

    @Test
    void truncateKeepsOneLinePerEpochAndEndsTheFileWithANewline(@TempDir Path run) throws Exception {
        MetricsLog log = MetricsLog.inRun(run);
        log.append(m(1, 1));
        log.append(m(1, 2));
        log.append(m(1, 2).with("again", 1));
        // a valid line whose newline a kill cut off: the next append must not glue onto it
        Files.writeString(log.file(), "{\"stage\":1,\"epoch\":3}", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.truncateAfter(1, 2);
        assertThat(log.read()).containsExactly(m(1, 1), m(1, 2));
        log.append(m(1, 3));
        assertThat(Files.readAllLines(log.file())).hasSize(3);
        assertThat(log.read()).containsExactly(m(1, 1), m(1, 2), m(1, 3));
    }

    @Test
    void truncateWithoutFileIsANoOp(@TempDir Path run) throws Exception {
        MetricsLog log = MetricsLog.inRun(run);
        log.truncateAfter(1, 0);
        assertThat(log.file()).doesNotExist();
        assertThat(log.read()).isEmpty();
    }

    @Test
    void rejectsClashingOrOddExtras(@TempDir Path run) {
        assertThatThrownBy(() -> MetricsLog.inRun(run).append(m(1, 1).with("epoch", 3))).hasMessageContaining("clashes");
        assertThatThrownBy(() -> m(1, 1).with("x", List.of())).hasMessageContaining("number or string");
        assertThatThrownBy(() -> m(1, 0)).hasMessageContaining("epoch");
    }
}
