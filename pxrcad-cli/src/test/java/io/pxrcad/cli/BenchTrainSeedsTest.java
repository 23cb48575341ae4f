package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTrainSeedsTest {
    @TempDir
    Path dir;

    /** Each seed gets its own cohort, split and training; the pooled figures cover every seed's test images. */
    @Test
    void runsTheProtocolPerSeedAndPools() throws Exception {
        Path out = dir.resolve("bench");
        // both stage-1 loss variants on, end to end; the file's epochs and seed give way to the command line's
        Path config = Files.writeString(dir.resolve("run.yaml"), "lseOfLogits: true\nnegativeCells: true\nepochs: 7\nseed: 99\n");
        MainTest.Result r = MainTest.run("bench", "train", "--count", "40", "--size", "64", "--preset", "tiny", "--epochs", "1",
                "--difficulty", "0", "--seeds", "3,4", "--out", out.toString(), "--config", config.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertThat(json.get("seeds")).extracting(JsonNode::asInt).containsExactly(3, 4);
        JsonNode s3 = new ObjectMapper().readTree(out.resolve("seed-3/bench.json").toFile());
        JsonNode s4 = new ObjectMapper().readTree(out.resolve("seed-4/bench.json").toFile());
        assertThat(s3.get("seed").asInt()).isEqualTo(3);
        assertThat(s3.at("/config/lseOfLogits").asBoolean()).isTrue();
        assertThat(s3.at("/config/negativeCells").asBoolean()).isTrue();
        assertThat(s3.at("/config/epochs").asInt()).isEqualTo(1);
        assertThat(s3.at("/config/seed").asInt()).isEqualTo(3);
        assertThat(s3.at("/stage1/epochs").asInt()).isEqualTo(1);
        assertThat(s3.get("stage1Sha256").asText()).isNotEqualTo(s4.get("stage1Sha256").asText());
        // different seeds, different cohorts
        assertThat(Files.readAllBytes(out.resolve("seed-3/data/images/000000.png")))
                .isNotEqualTo(Files.readAllBytes(out.resolve("seed-4/data/images/000000.png")));
        assertThat(json.at("/pooled/test").asInt()).isEqualTo(s3.get("test").asInt() + s4.get("test").asInt());
        assertThat(json.get("perSeed")).hasSize(2);
        assertThat(json.at("/perSeed/0/twoStage/auc").asDouble()).isEqualTo(s3.at("/twoStage/auc").asDouble());
        double m = (s3.at("/singleStage/auc").asDouble() + s4.at("/singleStage/auc").asDouble()) / 2;
        assertThat(json.at("/meanSd/aucSingle/mean").asDouble()).isCloseTo(m, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.out()).contains("per seed").contains("pooled over the seeds");
        // each epoch's line describes the maps and the gradients per layer
        JsonNode stage1 = new ObjectMapper().readTree(Files.readAllLines(out.resolve("seed-3/run/metrics.jsonl")).get(0));
        assertThat(stage1.get("stage").asInt()).isEqualTo(1);
        for (String key : new String[] {"map.mean", "map.spread", "map.modeCell", "grad.stage1.conv1", "grad.mil"}) {
            assertThat(stage1.has(key)).as(key).isTrue();
        }
        assertThat(stage1.get("grad.mil").asDouble()).isPositive();
    }

    @Test
    void repeatedSeedsAreRefused() {
        MainTest.Result r = MainTest.run("bench", "train", "--seeds", "1,1", "--out", dir.resolve("b").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --seeds must name distinct seeds but was [1, 1]");
    }
}
