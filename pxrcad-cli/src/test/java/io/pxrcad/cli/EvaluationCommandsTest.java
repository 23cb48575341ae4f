package io.pxrcad.cli;

import io.pxrcad.data.Csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cv}, {@code evaluate} and {@code reader-study} end to end on 150 obvious phantoms at
 * 128 px with the tiny preset: one cross-validation (2 folds, 2 epochs, all six methods) shared
 * by the tests; its fold-1 two-stage model is what evaluate and reader-study load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    Path dir;
    Path cohort;
    Path cv;
    String[] cvArgs;
    MainTest.Result first;

    @BeforeAll
    void crossValidate(@TempDir Path tmp) {
        dir = tmp;
        cohort = dir.resolve("cohort");
        MainTest.Result s = MainTest.run("synth", "--out", cohort.toString(), "--count", "150", "--size", "128",
                "--difficulty", "0", "--seed", "3", "--threads", "2", "--readers", "3");
        assertThat(s.code()).as(s.err()).isZero();
        cv = dir.resolve("cv");
        cvArgs = new String[]{"cv", "--manifest", cohort.resolve("manifest.csv").toString(), "--out", cv.toString(),
                "--folds", "2", "--preset", "tiny", "--epochs", "2", "--workers", "1", "--device", "cpu"};
        first = MainTest.run(cvArgs);
    }

    @Test
    void cvWritesACompleteTable1AndReport() throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        List<String> ids = List.of("resnet18-gap", "resnet18-lse", "chexnet", "wang", "single-stage", "two-stage");
        for (int f = 1; f <= 2; f++) {
            for (String id : ids) {
                List<String> lines = Files.readAllLines(cv.resolve("fold-" + f).resolve(id).resolve("scores.csv"));
                assertThat(lines.get(0)).isEqualTo("image,label,score,roi_hit,max_hit,type_correct");
                assertThat(lines.size()).isGreaterThan(30);
            }
        }
        String md = Files.readString(cv.resolve("table1.md"));
        for (String name : List.of("ResNet18-GAP", "ResNet18-LSE", "CheXNet", "Wang et al.", "Proposed single-stage",
                "Proposed two-stage")) {
            assertThat(md).containsPattern("\\| " + name.replace(".", "\\.") + " \\| \\d\\.\\d{3} ± \\d\\.\\d{3} \\|");
        }
        assertThat(md).contains("ROI label accuracy").contains("type accuracy");
        JsonNode t = JSON.readTree(cv.resolve("table1.json").toFile());
        assertThat(t.get("folds").asInt()).isEqualTo(2);
        assertThat(t.get("methods").size()).isEqualTo(6);
        int pooledImages = 0;
        for (JsonNode n : t.get("test_images_per_fold")) pooledImages += n.asInt();
        assertThat(pooledImages).isEqualTo(150);
        for (String id : ids) {
            JsonNode m = t.get("methods").get(id);
            assertThat(m.get("auc").get("n").asInt()).isEqualTo(2);
            assertThat(m.get("pooled").get("n").asInt()).isEqualTo(150);
            assertThat(m.get("pooled").get("auc").asDouble()).isBetween(0.0, 1.0);
            assertThat(m.has("delong_vs_two_stage")).isEqualTo(!id.equals("two-stage"));
        }
        assertThat(t.get("type_accuracy").get("total").asInt()).isEqualTo(t.get("methods").get("two-stage")
                .get("pooled").get("positives").asInt());
        assertThat(t.get("roi_label_accuracy").get("total").asInt()).isPositive();
        String html = Files.readString(cv.resolve("report.html"));
        assertThat(html).contains("Figure 3").contains("Per fold").contains("Proposed two-stage").contains("paired DeLong");
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(3); // ROC and PR
    }

    @Test
    void cvContinuesWhereItStopped() throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        Path scores = cv.resolve("fold-2/resnet18-gap/scores.csv");
        Path model = cv.resolve("fold-2/runs/two-stage/model/model.json");
        String before = Files.readString(scores);
        var modelTime = Files.getLastModifiedTime(model);
        Files.delete(scores);
        MainTest.Result again = MainTest.run(cvArgs);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("cv: fold 2/2, resnet18-gap").doesNotContain("fold 1/2").doesNotContain("two-stage");
        assertThat(Files.readString(scores)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(model)).isEqualTo(modelTime);

        String[] otherSeed = java.util.Arrays.copyOf(cvArgs, cvArgs.length + 2);
        otherSeed[cvArgs.length] = "--seed";
        otherSeed[cvArgs.length + 1] = "9";
        MainTest.Result r = MainTest.run(otherSeed);
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: ").contains("other settings");
    }

    @Test
    void evaluateWritesPredictionsMetricsAndReport() throws Exception {
        Path out = dir.resolve("eval");
        MainTest.Result r = MainTest.run("evaluate", "--model", cv.resolve("fold-1/runs/two-stage/model").toString(),
                "--manifest", cohort.resolve("manifest.csv").toString(), "--out", out.toString(), "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(predictions).hasSize(151);
        assertThat(predictions.get(0)).startsWith("image,label,type,probability,stage1,stage2,band,predicted_type,roi");
        assertThat(predictions.get(0)).endsWith(",in_scope,scope_reasons");
        int inScope = 0;
        for (String line : predictions.subList(1, predictions.size())) {
            List<String> f = Csv.parse(line).get(0).fields();
            boolean in = f.get(11).equals("1");
            if (in) inScope++;
            // an out-of-scope row says why and is in the out-of-scope band
            assertThat(f.get(12).isEmpty()).as(line).isEqualTo(in);
            assertThat(f.get(6).equals("out-of-scope")).as(line).isEqualTo(!in);
        }
        // phantoms like the training images (half of them trained on): the feature check keeps at least 95% in scope
        System.err.println("evaluate: " + inScope + " of " + (predictions.size() - 1) + " phantoms in scope");
        assertThat(inScope).isGreaterThanOrEqualTo(143);
        List<String> jsonLines = Files.readAllLines(out.resolve("predictions.jsonl"));
        assertThat(jsonLines).hasSize(150);
        for (int i = 0; i < jsonLines.size(); i++) {
            assertThat(DetectionSchema.problems(jsonLines.get(i))).as(jsonLines.get(i)).isEmpty();
            assertThat(tree(jsonLines.get(i)).get("image").asText()).isEqualTo(Csv.parse(predictions.get(i + 1)).get(0).fields().get(0));
        }
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("split").asText()).isEqualTo("all");
        assertThat(m.get("two_stage").get("n").asInt()).isEqualTo(150);
        assertThat(m.get("single_stage").get("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(m.get("delong_two_stage_vs_single_stage").get("p_value").asDouble()).isBetween(0.0, 1.0);
        int positives = m.get("two_stage").get("positives").asInt();
        assertThat(m.get("type_accuracy").get("total").asInt()).isEqualTo(positives);
        assertThat(m.get("roi_label_accuracy").get("total").asInt()).isPositive().isLessThanOrEqualTo(positives);
        assertThat(m.get("heatmap_max_in_box").get("total").asInt()).isEqualTo(m.get("roi_label_accuracy").get("total").asInt());
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("ROI label accuracy").contains("Examples at the operating threshold");
        // ROC, PR, calibration and 2..8 gallery images
        assertThat(html.split("data:image/png;base64,", -1).length - 1).isBetween(5, 11);
    }

    @Test
    void evaluateOnAFoldsTestPartReproducesTheCrossValidationScores() throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        io.pxrcad.data.Manifest m = io.pxrcad.data.Manifest.load(cohort.resolve("manifest.csv"));
        List<io.pxrcad.data.ManifestEntry> fold1 = io.pxrcad.cv.CvFolds.of(m, 2, 0).get(0); // the tiny preset's seed
        Path withSplit = cohort.resolve("fold1.csv");
        io.pxrcad.data.ManifestWriter.write(withSplit, fold1);
        Path out = dir.resolve("eval-fold1");
        MainTest.Result r = MainTest.run("evaluate", "--model", cv.resolve("fold-1/runs/two-stage/model").toString(),
                "--manifest", withSplit.toString(), "--split", "test", "--out", out.toString(), "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> cvScores = Files.readAllLines(cv.resolve("fold-1/two-stage/scores.csv"));
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(predictions).hasSize(cvScores.size());
        for (int i = 1; i < cvScores.size(); i++) {
            List<String> a = Csv.parse(cvScores.get(i)).get(0).fields(), b = Csv.parse(predictions.get(i)).get(0).fields();
            assertThat(b.get(0)).isEqualTo(a.get(0));
            assertThat(Double.parseDouble(b.get(3))).isCloseTo(Double.parseDouble(a.get(2)), org.assertj.core.data.Offset.offset(1e-5));
        }
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode table = JSON.readTree(cv.resolve("table1.json").toFile());
        assertThat(metrics.get("split").asText()).isEqualTo("test");
        assertThat(metrics.get("two_stage").get("auc").asDouble()).isCloseTo(
                table.get("methods").get("two-stage").get("folds").get(0).get("auc").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void readerStudyWritesTable2() throws Exception {
        Path out = dir.resolve("reader-study");
        MainTest.Result r = MainTest.run("reader-study", "--model", cv.resolve("fold-1/runs/two-stage/model").toString(),
                "--manifest", cohort.resolve("manifest.csv").toString(), "--reads", cohort.resolve("reads.csv").toString(),
                "--out", out.toString(), "--bootstrap", "200", "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("150 images, 3 readers");
        JsonNode j = JSON.readTree(out.resolve("reader-study.json").toFile());
        assertThat(j.get("rows")).hasSize(8); // system, 3 readers, 3 specialties, reader average
        assertThat(j.get("rows").get(0).get("kind").asText()).isEqualTo("system");
        double readerAccuracy = j.get("rows").get(7).get("accuracy").get("estimate").asDouble();
        assertThat(readerAccuracy).isBetween(0.75, 0.97); // simulated skill 0.82..0.95 at difficulty 0
        assertThat(j.get("system_vs_readers").get("p_value").asDouble()).isBetween(0.0, 1.0);
        List<String> answers = Files.readAllLines(out.resolve("answers.csv"));
        assertThat(answers).hasSize(151);
        assertThat(Files.readString(out.resolve("report.html"))).contains("Reader average (3)").contains("System");
    }

    @Test
    void predictWritesEveryImageInInputOrderAndABadOneCostsNoOther() throws Exception {
        String model = cv.resolve("fold-1/runs/two-stage/model").toString();
        List<String> images = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(cohort.resolve("manifest.csv")).subList(1, 3)) {
            images.add(cohort.resolve(Csv.parse(l).get(0).fields().get(0)).toString());
        }
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, pngDeclaring(40000, 40000));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        MainTest.Result r = MainTest.run("predict", "--model", model, "--device", "cpu", "--batch-size", "4",
                images.get(0), bomb.toString(), text.toString(), images.get(1));
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        List<JsonNode> lines = r.out().lines().map(EvaluationCommandsTest::tree).toList();
        assertThat(lines).extracting(n -> n.get("image").asText())
                .containsExactly(images.get(0), bomb.toString(), text.toString(), images.get(1));
        assertThat(lines.get(1).get("error").asText()).contains(bomb.toString()).contains("40000");
        assertThat(lines.get(2).get("error").asText()).contains(text.toString());
        assertThat(r.err()).contains("2 of 4 images failed");
        // results and errors alike in the one JSON form of docs/detection.schema.json
        r.out().lines().forEach(line -> assertThat(DetectionSchema.problems(line)).as(line).isEmpty());
        // the good images score as they do alone
        for (int k : new int[] {0, 3}) {
            MainTest.Result alone = MainTest.run("predict", "--model", model, "--device", "cpu", lines.get(k).get("image").asText());
            assertThat(alone.code()).as(alone.err()).isZero();
            assertThat(tree(alone.out().strip()).get("probability").asDouble())
                    .isEqualTo(lines.get(k).get("probability").asDouble());
        }
    }

    @Test
    void evaluateListsEveryUnreadableImageAtOnceOrSkipsThem() throws Exception {
        Path copy = dir.resolve("broken-cohort");
        Files.createDirectories(copy.resolve("images"));
        List<String> rows = Files.readAllLines(cohort.resolve("manifest.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String image = Csv.parse(row).get(0).fields().get(0);
            Files.createDirectories(copy.resolve(image).getParent());
            Files.copy(cohort.resolve(image), copy.resolve(image));
        }
        Files.write(copy.resolve("manifest.csv"), rows);
        List<String> broken = new java.util.ArrayList<>();
        for (int line : new int[] {5, 40, 90}) {
            String image = Csv.parse(rows.get(line - 1)).get(0).fields().get(0);
            Files.writeString(copy.resolve(image), "garbage");
            broken.add(image);
        }
        String model = cv.resolve("fold-1/runs/two-stage/model").toString();
        MainTest.Result all = MainTest.run("evaluate", "--model", model, "--manifest", copy.resolve("manifest.csv").toString(),
                "--out", dir.resolve("eval-broken").toString(), "--device", "cpu");
        assertThat(all.code()).isEqualTo(Main.EXIT_DATA);
        for (String b : broken) assertThat(all.err()).contains(b);
        assertThat(dir.resolve("eval-broken")).doesNotExist();

        MainTest.Result skip = MainTest.run("evaluate", "--model", model, "--manifest", copy.resolve("manifest.csv").toString(),
                "--out", dir.resolve("eval-skip").toString(), "--device", "cpu", "--skip-unreadable");
        assertThat(skip.code()).as(skip.err()).isZero();
        assertThat(skip.out()).contains("skipped 3 unreadable images:");
        JsonNode m = JSON.readTree(dir.resolve("eval-skip/metrics.json").toFile());
        assertThat(m.get("images").asInt()).isEqualTo(147);
        assertThat(m.get("skipped_unreadable")).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("eval-skip/predictions.csv"))).hasSize(148);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A valid 8-bit grey PNG whose header declares {@code w x h} pixels (with a correct CRC). */
    static byte[] pngDeclaring(int w, int h) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", bytes);
        byte[] png = bytes.toByteArray();
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(w).putInt(h); // IHDR data starts at byte 16
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17); // chunk type and data
        java.nio.ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }

    @Test
    void badInputGivesOneLineAndExitCode() throws Exception {
        MainTest.Result noModel = MainTest.run("evaluate", "--model", dir.resolve("nothing").toString(), "--manifest",
                cohort.resolve("manifest.csv").toString(), "--out", dir.resolve("x").toString());
        assertThat(noModel.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(noModel.err().lines()).hasSize(1).allMatch(l -> l.startsWith("pxrcad: "));

        MainTest.Result tooManyFolds = MainTest.run("cv", "--manifest", cohort.resolve("manifest.csv").toString(),
                "--out", dir.resolve("cv-bad").toString(), "--folds", "500", "--preset", "tiny");
        assertThat(tooManyFolds.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(tooManyFolds.err().lines()).hasSize(1).allMatch(l -> l.startsWith("pxrcad: cannot make 500 folds")
                || l.contains("cannot make 500 folds"));

        Path reads = dir.resolve("bad-reads.csv");
        Files.writeString(reads, "reader,specialty,image,answer\nR1,radiologist,images/none.png,hip\n");
        MainTest.Result unknown = MainTest.run("reader-study", "--model", cv.resolve("fold-1/runs/two-stage/model").toString(),
                "--manifest", cohort.resolve("manifest.csv").toString(), "--reads", reads.toString(),
                "--out", dir.resolve("rs-bad").toString());
        assertThat(unknown.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(unknown.err().lines()).hasSize(1).allMatch(l -> l.contains("images/none.png"));
    }
}
