package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTrainingCommandTest {
    @Test
    void reportsEachConfigurationFromItsOwnJvm() {
        MainTest.Result r = MainTest.run("bench", "training", "--preset", "tiny", "--image-size", "64,64", "--batch", "4",
                "--micro-batch", "4,2", "--steps", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> rows = r.jsonLines();
        assertThat(rows).extracting(n -> n.get("passes").asInt()).containsExactly(1, 2);
        for (JsonNode n : rows) {
            assertThat(n.get("image_size").asInt()).isEqualTo(64);
            assertThat(n.get("batch").asInt()).isEqualTo(4);
            assertThat(n.at("/step_s/median").asDouble()).isPositive();
            assertThat(n.at("/step_s/p95").asDouble()).isGreaterThanOrEqualTo(n.at("/step_s/median").asDouble());
            assertThat(n.at("/pass_s/median").asDouble()).isPositive();
            assertThat(n.at("/update_s/median").asDouble()).isPositive().isLessThan(n.at("/step_s/p95").asDouble());
            assertThat(n.get("peak_rss_mb").asDouble()).isPositive();
            assertThat(n.get("rss_mb")).hasSize(2);
            assertThat(n.get("losses")).hasSize(2).allSatisfy(l -> assertThat(l.asDouble()).isBetween(0.0, 10.0));
            assertThat(n.get("environment").asText()).contains("DNNL_MAX_CPU_ISA");
        }
    }

    @Test
    void aMicroBatchThatDoesNotDivideTheBatchIsRefused() {
        MainTest.Result r = MainTest.run("bench", "training", "--batch", "2", "--micro-batch", "3");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --micro-batch must divide the batch size 2 but was 3");
    }
}
