package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --engine djl|onnx} and {@code --precision fp32|int8}: predict gives the same lines on
 * both engines (probabilities to 1e-4) and int8 within 0.01 of them, a wrong engine, precision or
 * an engine/device/precision combination it cannot run is one usage line, and
 * {@code bench inference --json} reports each engine and precision, the float32 ones with the same
 * checksum.
 */
class EngineOptionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void predictGivesTheSameResultsOnBothEngines() throws Exception {
        Path model = ExportCommandTest.tinyModel(dir.resolve("model"));
        Path images = cohort();
        List<JsonNode> djl = predict(model, images, "--engine", "djl");
        List<JsonNode> onnx = predict(model, images, "--engine", "onnx", "--batch-size", "3");
        assertClose(onnx, djl, 1e-4);
        for (int i = 0; i < djl.size(); i++) assertThat(onnx.get(i).get("band")).isEqualTo(djl.get(i).get("band"));
    }

    @Test
    void predictInInt8StaysCloseToFloat() throws Exception {
        Path model = ExportCommandTest.tinyModel(dir.resolve("model"));
        Path images = cohort();
        assertClose(predict(model, images, "--engine", "onnx", "--precision", "int8"), predict(model, images, "--engine", "onnx"), 0.01);
    }

    private Path cohort() {
        Path cohort = dir.resolve("cohort");
        assertThat(MainTest.run("synth", "--out", cohort.toString(), "--count", "4", "--size", "160").code()).isZero();
        return cohort.resolve("images");
    }

    /** The lines of {@code predict} on {@code images} with {@code options}. */
    private static List<JsonNode> predict(Path model, Path images, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
        args.addAll(List.of(options));
        args.add(images.toString());
        MainTest.Result r = MainTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.out().lines().toList()) out.add(JSON.readTree(l));
        assertThat(out).hasSize(4);
        return out;
    }

    private static void assertClose(List<JsonNode> actual, List<JsonNode> expected, double tolerance) {
        for (int i = 0; i < expected.size(); i++) {
            JsonNode x = expected.get(i), y = actual.get(i);
            assertThat(y.get("image")).isEqualTo(x.get("image"));
            assertThat(y.get("probability").asDouble()).isCloseTo(x.get("probability").asDouble(), within(tolerance));
        }
    }

    @Test
    void aWrongEngineOrDeviceIsOneUsageLine() {
        Path model = dir.resolve("no-model");
        MainTest.Result r = MainTest.run("predict", "--model", model.toString(), "--engine", "tensorrt", "x.png");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --engine: expected engine auto, djl or onnx but was 'tensorrt'");
        r = MainTest.run("evaluate", "--model", model.toString(), "--manifest", "m.csv", "--out", dir.resolve("out").toString(),
                "--engine", "onnx", "--device", "gpu0");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("pxrcad: --");
        assertThat(dir.resolve("out")).doesNotExist();
        r = MainTest.run("predict", "--model", model.toString(), "--engine", "djl", "--precision", "int8", "x.png");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --precision: precision int8 needs engine onnx (djl runs fp32 only)");
        r = MainTest.run("predict", "--model", model.toString(), "--engine", "onnx", "--precision", "bf16", "x.png");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --precision: expected precision fp32 or int8 but was 'bf16'");
        r = MainTest.run("bench", "inference", "--engine", "djl", "--precision", "int8");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --precision: precision int8 needs engine onnx (djl runs fp32 only)");
    }

    @Test
    void benchInferenceReportsEachEngineWithTheSameChecksum() throws Exception {
        MainTest.Result r = MainTest.run("bench", "inference", "--preset", "tiny", "--image-size", "64", "--runs", "2",
                "--batch-sizes", "1,2", "--precision", "fp32,int8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> rows = r.jsonLines();
        // djl runs fp32 only, so its int8 pair is left out
        assertThat(rows).extracting(n -> n.get("engine").asText()).containsExactly("djl", "onnx", "onnx");
        assertThat(rows).extracting(n -> n.get("precision").asText()).containsExactly("fp32", "fp32", "int8");
        for (JsonNode n : rows) {
            for (String k : List.of("stage1_ms", "stage2_ms", "total_ms")) {
                assertThat(n.at("/" + k + "/median").asDouble()).as(k).isPositive();
                assertThat(n.at("/" + k + "/p95").asDouble()).isGreaterThanOrEqualTo(n.at("/" + k + "/median").asDouble());
            }
            assertThat(n.get("peak_rss_mb").asDouble()).isPositive();
            assertThat(n.at("/images_per_s/2").asDouble()).isPositive();
            assertThat(n.get("image_size").asInt()).isEqualTo(64);
        }
        for (int b = 0; b < 2; b++) {
            assertThat(rows.get(1).at("/batches/" + b + "/checksum").asDouble())
                    .isCloseTo(rows.get(0).at("/batches/" + b + "/checksum").asDouble(), within(1e-3));
        }
    }
}
