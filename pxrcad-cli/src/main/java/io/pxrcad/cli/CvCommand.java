package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.OutputFolder;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.RunInfo;
import io.pxrcad.data.Split;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.ImageClassifier;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.train.BaselineTraining;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.TwoStageTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad cv}: k-fold cross-validation of the six methods of Table 1 on the same folds
 * (METHOD.md "Evaluation"). Resumable: a fold and method whose scores file exists is skipped,
 * and an interrupted training continues from its last checkpoint.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"K-fold cross-validation of the six methods of the paper's Table 1 on the same folds:",
                "OUT/fold-K/METHOD/scores.csv, OUT/table1.md, OUT/table1.json, OUT/report.html (Figure 3).",
                "Run it again with the same options to continue an interrupted run."})
final class CvCommand implements Callable<Integer> {
    static final String SETTINGS_FILE = "cv.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest CSV: image,patient,label,type,boxes[,split] (see README).")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = {"Output folder. A folder holding a",
            "cross-validation with other settings (cv.json) is refused; with the same settings it is continued."})
    Path out;

    @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--methods", defaultValue = "all",
            description = "all, or a list of resnet18-gap,resnet18-lse,chexnet,wang,single-stage,two-stage (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--preset", defaultValue = "small", description = "tiny, small or paper (default: ${DEFAULT-VALUE}).")
    String preset;

    @CommandLine.Mixin
    SeedOption seed = SeedOption.presetsByDefault();

    @Option(names = "--epochs", description = "Epochs per stage (default: the preset's).")
    Integer epochs;

    @CommandLine.Mixin
    WorkersOption workers;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @Override
    public Integer call() throws Exception {
        Preset p = Preset.parse(preset);
        TrainConfig cfg = seed.apply(workers.apply(Options.apply(p.config(), epochs, null, null)));
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        String device = deviceOption.checked();
        OutputFolder.requireNotFile(out, "--out");
        CvLayout layout = new CvLayout(out, folds, CvMethod.parse(methods));
        Manifest m = Manifest.load(manifest);
        List<List<ManifestEntry>> split = folds(m, folds, cfg.seed());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("manifestSha256", m.sha256());
        settings.put("folds", folds);
        settings.put("seed", cfg.seed());
        settings.put("preset", p.id());
        settings.put("epochs", cfg.epochs());
        checkSettings(settings);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        for (CvLayout.Job job : layout.pending()) {
            List<ManifestEntry> fold = split.get(job.fold() - 1);
            err.printf("cv: fold %d/%d, %s%n", job.fold(), folds, job.training());
            err.flush();
            Path run = layout.run(job.fold(), job.training());
            Files.createDirectories(run);
            boolean resume = Files.isDirectory(run.resolve("checkpoints"));
            boolean trained = Files.isRegularFile(run.resolve("model").resolve(ModelArtifact.METADATA_FILE));
            if (!trained) {
                io.pxrcad.model.Provenance.capture("cv " + job.training() + " fold " + job.fold(), cfg, m, cfg.seed(), device)
                        .write(run.resolve("run.json"));
            }
            List<ManifestEntry> train = part(fold, Split.TRAIN), val = part(fold, Split.VAL), test = part(fold, Split.TEST);
            List<String> images = test.stream().map(ManifestEntry::image).toList();
            int[] labels = test.stream().mapToInt(ManifestEntry::label).toArray();
            if (job.training().equals(CvMethod.TWO_STAGE_TRAINING)) {
                if (!trained) {
                    TwoStageTraining.run(m, train, val, new TwoStageTraining.Plan(cfg, p.stage1(), p.stage2(), null, null,
                            device, 4L << 30), run, resume, ConsoleProgress.logged());
                }
                List<DetectionScoring.Scored> scored;
                try (FractureDetector d = FractureDetector.load(run.resolve("model"), device)) {
                    scored = DetectionScoring.run(d, m, test);
                }
                double[] ps1 = scored.stream().mapToDouble(s -> s.detection().stage1()).toArray();
                double[] prob = scored.stream().mapToDouble(s -> s.detection().probability()).toArray();
                if (job.methods().contains(CvMethod.SINGLE_STAGE)) {
                    ScoresFile.plain(images, labels, ps1).write(layout.scores(job.fold(), CvMethod.SINGLE_STAGE));
                }
                if (job.methods().contains(CvMethod.TWO_STAGE)) {
                    new ScoresFile(images, labels, prob, scored.stream().map(DetectionScoring.Scored::roiHit).toList(),
                            scored.stream().map(DetectionScoring.Scored::maxHit).toList(),
                            scored.stream().map(DetectionScoring.Scored::typeCorrect).toList())
                            .write(layout.scores(job.fold(), CvMethod.TWO_STAGE));
                }
            } else {
                CvMethod method = job.methods().get(0);
                if (!trained) {
                    BaselineTraining.Plan plan = BaselineTraining.Plan.of(p, method.baseline()).withConfig(cfg).withDevice(device);
                    BaselineTraining.run(m, train, val, method.baseline(), plan, run, resume, ConsoleProgress.logged());
                }
                float[] s;
                try (ImageClassifier c = ImageClassifier.load(run.resolve("model"), device)) {
                    s = DetectionScoring.run(c, m, test);
                }
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) d[i] = s[i];
                ScoresFile.plain(images, labels, d).write(layout.scores(job.fold(), method));
            }
        }
        Table1 table = Table1.of(layout);
        table.write(settings, manifest.getFileName().toString(), m.sha256());
        PrintWriter o = spec.commandLine().getOut();
        o.print(table.markdown());
        o.printf("wrote %s, %s and %s (%.0f s)%n", out.resolve("table1.md"), out.resolve("table1.json"),
                out.resolve("report.html"), (System.nanoTime() - start) / 1e9);
        o.flush();
        return 0;
    }

    /**
     * The folds, each checked: every part (train, validation, test) must hold images of both
     * classes, else the fold cannot be trained or measured.
     */
    static List<List<ManifestEntry>> folds(Manifest m, int folds, long seed) {
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        long patients = m.entries().stream().map(ManifestEntry::patient).distinct().count();
        if (patients < folds) {
            throw new DataException(m.file() + ": cannot make " + folds + " folds from " + patients + " patients");
        }
        List<List<ManifestEntry>> split = new KFoldSplitter(folds, seed, 0.7, 0.1).split(m.entries());
        for (int f = 0; f < split.size(); f++) {
            for (Split s : new Split[]{Split.TRAIN, Split.VAL, Split.TEST}) {
                List<ManifestEntry> part = part(split.get(f), s);
                long pos = part.stream().filter(ManifestEntry::positive).count();
                if (part.isEmpty() || pos == 0 || pos == part.size()) {
                    throw new DataException(m.file() + ": fold " + (f + 1) + " of " + folds + ": the " + s.label()
                            + " part has " + part.size() + " images, " + pos + " positive; every part of every fold "
                            + "needs both classes (use fewer --folds or more images)");
                }
            }
        }
        return split;
    }

    static List<ManifestEntry> part(List<ManifestEntry> fold, Split s) {
        List<ManifestEntry> out = new ArrayList<>();
        for (ManifestEntry e : fold) if (e.split().orElse(null) == s) out.add(e);
        return out;
    }

    /** A run folder is continued only with the settings it was started with. */
    private void checkSettings(Map<String, Object> settings) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path file = out.resolve(SETTINGS_FILE);
        String now = mapper.writeValueAsString(settings);
        if (Files.isRegularFile(file)) {
            Map<?, ?> before = mapper.readValue(file.toFile(), Map.class);
            if (!mapper.writeValueAsString(before).equals(now)) {
                throw new IllegalArgumentException(out + " holds a cross-validation with other settings (" + file
                        + "); use the same manifest, --folds, --seed, --preset and --epochs, or another --out");
            }
            return;
        }
        OutputFolder.prepare(out, "--out");
        AtomicFiles.writeString(file, now + "\n");
    }
}
