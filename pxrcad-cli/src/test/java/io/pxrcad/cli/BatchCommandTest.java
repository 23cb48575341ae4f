package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@code pxrcad batch} in-process on an embedded {@code local[2]} Spark: 6 phantoms scored into a
 * CSV output whose probabilities are {@code predict}'s, the summary line, a {@code --skip-done}
 * re-run that scores nothing, one-line errors for a missing input, a bad master and an
 * existing output, and {@code bench batch}'s table.
 */
class BatchCommandTest {
    @Test
    void scoresAFolderAsPredictDoesAndExplainsWrongArguments(@TempDir Path dir) throws Exception {
        Path cohort = dir.resolve("cohort");
        MainTest.Result s = MainTest.run("synth", "--out", cohort.toString(), "--count", "12", "--size", "64",
                "--difficulty", "0", "--seed", "5");
        assertThat(s.code()).as(s.err()).isZero();
        Path run = dir.resolve("run");
        MainTest.Result t = MainTest.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out", run.toString(),
                "--preset", "tiny", "--epochs", "1", "--device", "cpu");
        assertThat(t.code()).as(t.err()).isZero();
        String model = run.resolve("model").toString();
        Path images = dir.resolve("archive");
        Files.createDirectories(images);
        List<Path> six;
        try (Stream<Path> files = Files.list(cohort.resolve("images"))) {
            six = files.sorted().limit(6).toList();
        }
        for (Path p : six) Files.copy(p, images.resolve(p.getFileName()));

        Path out = dir.resolve("scores");
        String[] batch = {"batch", "--model", model, "--input", images.toString(), "--output", out.toString(),
                "--master", "local[2]", "--partitions", "2", "--format", "csv", "--device", "cpu"};
        long start = System.nanoTime();
        MainTest.Result b = MainTest.run(batch);
        System.err.printf("BatchCommandTest: 6 images in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, b.out().strip());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).startsWith("6 images in ").contains("errors: 0;").contains("out of scope: 0");

        Map<String, Double> batchScores = new HashMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(part);
                List<String> header = List.of(lines.get(0).split(","));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    String path = f[header.indexOf("path")];
                    batchScores.put(Path.of(path.substring(path.indexOf('/'))).getFileName().toString(),
                            Double.parseDouble(f[header.indexOf("probability")]));
                }
            }
        }
        assertThat(batchScores).hasSize(6);
        List<String> predict = new java.util.ArrayList<>(List.of("predict", "--model", model, "--device", "cpu"));
        six.forEach(p -> predict.add(images.resolve(p.getFileName()).toString()));
        MainTest.Result p = MainTest.run(predict.toArray(String[]::new));
        assertThat(p.code()).as(p.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String line : p.out().strip().split("\n")) {
            JsonNode o = json.readTree(line);
            String name = Path.of(o.path("image").asText()).getFileName().toString();
            assertThat(batchScores.get(name)).as(name).isCloseTo(o.path("probability").asDouble(), offset(1e-5));
        }

        MainTest.Result again = MainTest.run(Stream.concat(Stream.of(batch), Stream.of("--skip-done")).toArray(String[]::new));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("0 images in ");

        MainTest.Result exists = MainTest.run(batch);
        assertThat(exists.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(exists.err().strip()).isEqualTo("pxrcad: the output " + out
                + " already exists (with --skip-done only the files it lacks are scored and added)");
        MainTest.Result missing = MainTest.run("batch", "--model", model, "--input", dir.resolve("nowhere").toString(),
                "--output", dir.resolve("o2").toString(), "--master", "local[1]");
        assertThat(missing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err().strip()).isEqualTo("pxrcad: the input " + dir.resolve("nowhere") + " does not exist");
        MainTest.Result master = MainTest.run("batch", "--model", model, "--input", images.toString(),
                "--output", dir.resolve("o3").toString(), "--master", "locale");
        assertThat(master.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(master.err().strip()).isEqualTo(
                "pxrcad: expected --master local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL but was 'locale'");
        assertThat(dir.resolve("o2")).doesNotExist();
        assertThat(dir.resolve("o3")).doesNotExist();

        // bench batch: the environment, and the same checksum under both masters
        MainTest.Result bench = MainTest.run("bench", "batch", "--model", model, "--count", "6", "--size", "64",
                "--partitions", "2", "--masters", "local[1],local[2]");
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("environment: Spark " + io.pxrcad.spark.BatchJob.sparkVersion() + ", engine onnx fp32, Java").contains("checksum");
        List<String> rows = bench.out().lines().filter(l -> l.startsWith("local[")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).split("\\s+")[4]).isEqualTo(rows.get(1).split("\\s+")[4]);
        assertThat(rows.get(0).split("\\s+")[1]).isEqualTo("6");
    }
}
