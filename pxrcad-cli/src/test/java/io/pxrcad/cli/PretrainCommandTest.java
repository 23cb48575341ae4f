package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pxrcad pretrain} on 16 generated 64-px phantoms, and {@code train} starting from what it wrote. */
class PretrainCommandTest {
    @TempDir
    static Path dir;
    private static String cohort;

    @BeforeAll
    static void cohort() {
        cohort = dir.resolve("cohort").toString();
        MainTest.Result s = MainTest.run("synth", "--out", cohort, "--count", "16", "--size", "64", "--difficulty", "0",
                "--seed", "2");
        assertThat(s.code()).as(s.err()).isZero();
    }

    private static MainTest.Result pretrain(String arch, Path out, String... more) {
        String[] base = {"pretrain", "--images", cohort, "--arch", arch, "--out", out.toString(), "--image-size", "64",
                "--batch-size", "16", "--device", "cpu", "--workers", "1"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return MainTest.run(args);
    }

    @Test
    void pretrainsResumesWithMoreEpochsAndTrainLoadsBothBackbones() throws Exception {
        Path vgg = dir.resolve("w/vgg.safetensors");
        MainTest.Result r = pretrain("tiny-vgg", vgg, "--epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("backbone: " + vgg + " (45 tensors, tiny-vgg)").contains("images: 16; epochs: 1; final loss ");
        assertThat(vgg).isRegularFile();
        assertThat(dir.resolve("w/vgg.safetensors.pretrain/last/state.json")).isRegularFile();

        MainTest.Result again = pretrain("tiny-vgg", vgg, "--epochs", "1");
        assertThat(again.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(again.err().lines()).singleElement().asString()
                .isEqualTo("pxrcad: " + dir.resolve("w/vgg.safetensors.pretrain") + " holds an earlier pretraining: use --resume to continue it, or remove it");

        MainTest.Result more = pretrain("tiny-vgg", vgg, "--resume", "--epochs", "2");
        assertThat(more.code()).as(more.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("w/vgg.safetensors.json").toFile());
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("losses")).hasSize(2);
        assertThat(summary.get("images").asInt()).isEqualTo(16);

        Path resnet = dir.resolve("w/resnet.safetensors");
        MainTest.Result r2 = pretrain("small-input-resnet", resnet, "--epochs", "1");
        assertThat(r2.code()).as(r2.err()).isZero();

        // the tiny preset's stage 1 (tiny-vgg at 64 px) and stage 2 (small-input-resnet on 32-px ROIs) load them whole
        Path config = Files.writeString(dir.resolve("run.yaml"), "epochs: 1\nbatchSize: 4\nimageSize: 64\nroiInput: 32\nnumWorkers: 1\n");
        MainTest.Result t = MainTest.run("train", "--manifest", cohort + "/manifest.csv", "--out", dir.resolve("run").toString(),
                "--preset", "tiny", "--config", config.toString(), "--device", "cpu",
                "--pretrained-stage1", vgg.toString(), "--pretrained-stage2", resnet.toString());
        assertThat(t.code()).as(t.err()).isZero();
    }

    @Test
    void badInputsGiveOneLineErrorsBeforeWriting() throws Exception {
        Path out = dir.resolve("bad/x.safetensors");
        Files.createDirectories(dir.resolve("empty"));
        Path unreadable = Files.createDirectories(dir.resolve("unreadable"));
        Files.writeString(unreadable.resolve("a.png"), "not an image");
        oneLine(Main.EXIT_DATA, "pxrcad: --images: no such folder or CSV file: " + dir.resolve("nope"),
                "pretrain", "--images", dir.resolve("nope").toString(), "--arch", "tiny-vgg", "--out", out.toString());
        oneLine(Main.EXIT_DATA, "pxrcad: --images: no images found in " + dir.resolve("empty"),
                "pretrain", "--images", dir.resolve("empty").toString(), "--arch", "tiny-vgg", "--out", out.toString());
        oneLine(Main.EXIT_DATA, "pxrcad: none of the 1 images could be read: " + unreadable.resolve("a.png"),
                "pretrain", "--images", unreadable.toString(), "--arch", "tiny-vgg", "--out", out.toString(), "--device", "cpu");
        oneLine(Main.EXIT_USAGE, "pxrcad: --arch: expected backbone densenet121|resnet18|tiny-densenet|tiny-resnet|tiny-vgg"
                + "|small-input-resnet but was 'vgg16'", "pretrain", "--images", cohort, "--arch", "vgg16", "--out", out.toString());
        oneLine(Main.EXIT_USAGE, "pxrcad: --out " + dir.resolve("empty") + " is a folder, expected a weight file (F.safetensors)",
                "pretrain", "--images", cohort, "--arch", "tiny-vgg", "--out", dir.resolve("empty").toString());
        oneLine(Main.EXIT_USAGE, "pxrcad: --image-size must be a multiple of 32 (the stride of tiny-vgg) but was 100",
                "pretrain", "--images", cohort, "--arch", "tiny-vgg", "--out", out.toString(), "--image-size", "100");
        oneLine(Main.EXIT_USAGE, "pxrcad: --mask-ratio must be between 0.05 and 0.95 but was 1.0",
                "pretrain", "--images", cohort, "--arch", "tiny-vgg", "--out", out.toString(), "--mask-ratio", "1");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    private static void oneLine(int code, String line, String... args) {
        MainTest.Result r = MainTest.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().lines().filter(l -> l.startsWith("pxrcad: ")).toList()).as(r.err())
                .singleElement().asString().startsWith(line);
        assertThat(r.err()).doesNotContain("Exception");
    }
}
