package io.pxrcad.cli;

import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.RunInfo;
import io.pxrcad.data.Split;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.TrainConfigFile;
import io.pxrcad.train.ResumeCheck;
import io.pxrcad.train.TwoStageTraining;
import io.pxrcad.OutputFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad train}: the two-stage method on a manifest. Uses the manifest's {@code split}
 * column when present (train/val; test rows are left alone), else holds out a patient-grouped,
 * stratified 1/8 of the images for validation.
 */
@Command(name = "train", description = "Train the two-stage model (stage-1 MIL FCN, ROI mining, stage-2 ROI classifier).")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest CSV: image,patient,label,type,boxes[,split] (see README).")
    Path manifest;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "RUN", description = {"Run folder (checkpoints, metrics.jsonl, run.json, model/).",
            "A folder that holds a run is refused without --resume; other files in it are left alone."})
    Path out;

    @CommandLine.Option(names = "--preset", defaultValue = "small", description = "tiny, small or paper (default: ${DEFAULT-VALUE}).")
    String preset;

    @CommandLine.Option(names = "--config", paramLabel = "YAML", description = "Training configuration overriding the preset.")
    Path config;

    @CommandLine.Option(names = "--epochs", description = "Epochs per stage.")
    Integer epochs;

    @CommandLine.Option(names = "--image-size", paramLabel = "PX", description = "Side of the square model input, 32 to 4096.")
    Integer imageSize;

    @CommandLine.Option(names = "--batch-size", description = "Stage-1 images per training step (default: the preset's).")
    Integer batchSize;

    @CommandLine.Option(names = "--micro-batch", paramLabel = "N", description = {"Stage-1 images per forward/backward pass: each batch's gradients are summed over",
            "batch/N passes (the Adam step is the whole batch's), so that 961-px training fits in less memory.",
            "Batch norm then normalises by N images' statistics. Default: the whole batch in one pass."})
    Integer microBatch;

    @CommandLine.Mixin
    WorkersOption workers;

    @CommandLine.Option(names = "--pretrained-stage1", paramLabel = "FILE", description = "ImageNet weights (safetensors, torchvision names) for the stage-1 backbone.")
    Path pretrained1;

    @CommandLine.Option(names = "--pretrained-stage2", paramLabel = "FILE", description = "ImageNet weights for the stage-2 backbone.")
    Path pretrained2;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    SeedOption seed = SeedOption.presetsByDefault();

    @CommandLine.Option(names = "--resume", description = {"Continue an interrupted run in --out from its last checkpoints.",
            "Refused when a setting that changes the training (preset, config values, image size, manifest, seed,",
            "pretrained weights) differs from the run's run.json; --device and --workers may differ."})
    boolean resume;

    @Override
    public Integer call() throws Exception {
        // every check before the first file is written
        Preset p = Preset.parse(preset);
        TrainConfig cfg = p.config();
        if (config != null) {
            cfg = TrainConfigFile.load(config, cfg);
        }
        cfg = seed.apply(workers.apply(Options.apply(cfg, epochs, imageSize, batchSize)));
        if (microBatch != null) {
            cfg = cfg.withMicroBatch(Options.microBatch(microBatch, cfg.batchSize()));
        }
        for (Path f : new Path[] {pretrained1, pretrained2}) {
            if (f != null && !Files.isRegularFile(f)) {
                throw new io.pxrcad.DataException(Files.isDirectory(f) ? "expected a weight file but " + f + " is a folder"
                        : "no such weight file: " + f);
            }
        }
        String device = deviceOption.checked();
        OutputFolder.requireNotFile(out, "--out");
        if (!resume && (Files.isDirectory(out.resolve("checkpoints")) || Files.exists(out.resolve("model")))) {
            throw new IllegalArgumentException(out + " already holds a training run: use --resume to continue it, or another --out");
        }
        Manifest m = Manifest.load(manifest);
        List<ManifestEntry> entries = m.hasSplit() ? m.entries() : KFoldSplitter.holdOut(m.entries(), 1.0 / 8, cfg.seed());
        List<ManifestEntry> train = entries.stream().filter(e -> e.split().orElse(null) == Split.TRAIN).toList();
        List<ManifestEntry> val = entries.stream().filter(e -> e.split().orElse(null) == Split.VAL).toList();
        if (train.isEmpty() || val.isEmpty()) {
            throw new io.pxrcad.DataException(manifest + ": training needs train and val images but has "
                    + train.size() + " train and " + val.size() + " val");
        }
        long positives = train.stream().filter(ManifestEntry::positive).count();
        if (positives == 0 || positives == train.size()) {
            throw new io.pxrcad.DataException(manifest + ": the training part needs positive and negative images but has "
                    + positives + " positive of " + train.size());
        }
        TwoStageTraining.Plan plan = new TwoStageTraining.Plan(cfg, p.stage1(), p.stage2(), pretrained1, pretrained2,
                device, 4L << 30);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preset", p.id());
        settings.put("configFile", config == null ? null : config.toAbsolutePath().normalize().toString());
        settings.put("plan", plan);
        RunInfo info = io.pxrcad.model.Provenance.capture("train", settings, m, cfg.seed(), device);
        if (resume) {
            ResumeCheck.check(out, info); // the run's own run.json stays: it records how the run started
        }
        OutputFolder.prepare(out, "--out");
        if (!resume) {
            info.write(out.resolve("run.json"));
        }
        TwoStageTraining.Result r = TwoStageTraining.run(m, train, val, plan, out, resume, ConsoleProgress.logged());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("model: %s%n", r.artifact().dir());
        w.printf("validation AUC: single-stage (ps1) %.4f, two-stage (ps1*ps2) %.4f%n", r.valAucStage1(), r.valAucTwoStage());
        w.printf("p_hat %.4f; thresholds: suspicious %.4f (95%% recall), fracture %.4f (95%% specificity)%n",
                r.pHat(), r.suspicious(), r.fracture());
        w.flush();
        return 0;
    }
}
