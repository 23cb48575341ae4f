package io.pxrcad.cv;

import io.pxrcad.ProgressListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pxrcad.AtomicFiles;
import io.pxrcad.OutputFolder;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;
import io.pxrcad.eval.FoldScores;
import io.pxrcad.eval.Table1;
import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.ImageClassifier;
import io.pxrcad.model.Provenance;
import io.pxrcad.train.BaselineTraining;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.TwoStageTraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * K-fold cross-validation of the methods of Table 1 on the same folds (METHOD.md "Evaluation"):
 * per fold, each training run of {@link CvLayout#pending()} is trained on the fold's train and
 * validation parts and scores its test part into the methods' {@link FoldScores} files; then
 * {@link #table1()} reads them all. Resumable: a fold and method whose scores file exists is
 * skipped, and an interrupted training continues from its last checkpoint.
 */
public final class CrossValidation {
    /** The settings a run folder was started with; it is continued only with the same. */
    public static final String SETTINGS_FILE = "cv.json";
    /** Memory for the two-stage training's cache of stage-1 maps. */
    private static final long MAP_CACHE_BYTES = 4L << 30;

    private final Manifest manifest;
    private final CvLayout layout;
    private final Preset preset;
    private final TrainConfig config;
    private final String device;
    private final List<List<ManifestEntry>> split;

    private CrossValidation(Manifest manifest, CvLayout layout, Preset preset, TrainConfig config, String device,
                            List<List<ManifestEntry>> split) {
        this.manifest = manifest;
        this.layout = layout;
        this.preset = preset;
        this.config = config;
        this.device = device;
        this.split = split;
    }

    /**
     * Splits the manifest into the layout's folds with the configuration's seed (checked by
     * {@link CvFolds#of}); writes nothing.
     *
     * @param config the preset's configuration with the user's changes (epochs, seed, workers)
     * @param device a checked device spec ({@code auto|cpu|gpuN})
     */
    public static CrossValidation of(Manifest manifest, CvLayout layout, Preset preset, TrainConfig config, String device) {
        return new CrossValidation(manifest, layout, preset, config, device,
                CvFolds.of(manifest, layout.folds(), config.seed()));
    }

    public CvLayout layout() { return layout; }

    /** What makes two runs the same cross-validation, in {@link #SETTINGS_FILE}'s order. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("manifestSha256", manifest.sha256());
        settings.put("folds", layout.folds());
        settings.put("seed", config.seed());
        settings.put("preset", preset.id());
        settings.put("epochs", config.epochs());
        return settings;
    }

    /**
     * Takes the output folder: a new one is prepared and gets {@link #SETTINGS_FILE}; one that
     * holds it with the same settings is continued; other settings are refused.
     *
     * @throws IllegalArgumentException the folder holds a cross-validation with other settings
     */
    public void claimOutput() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path out = layout.out();
        Path file = out.resolve(SETTINGS_FILE);
        String now = mapper.writeValueAsString(settings());
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

    /**
     * Trains and scores every pending job in order; {@code onJob} hears of each before it starts,
     * {@code progress} of each training's epochs.
     */
    public void run(Consumer<CvLayout.Job> onJob, ProgressListener progress) throws IOException {
        for (CvLayout.Job job : layout.pending()) {
            onJob.accept(job);
            run(job, progress);
        }
    }

    private void run(CvLayout.Job job, ProgressListener progress) throws IOException {
        Path run = layout.run(job.fold(), job.training());
        Files.createDirectories(run);
        boolean resume = Files.isDirectory(run.resolve("checkpoints"));
        boolean trained = Files.isRegularFile(run.resolve("model").resolve(ModelArtifact.METADATA_FILE));
        if (!trained) {
            Provenance.capture("cv " + job.training() + " fold " + job.fold(), config, manifest, config.seed(), device)
                    .write(run.resolve("run.json"));
        }
        List<ManifestEntry> fold = split.get(job.fold() - 1);
        List<ManifestEntry> train = CvFolds.part(fold, Split.TRAIN), val = CvFolds.part(fold, Split.VAL);
        List<ManifestEntry> test = CvFolds.part(fold, Split.TEST);
        if (job.training().equals(CvMethod.TWO_STAGE_TRAINING)) {
            if (!trained) {
                TwoStageTraining.run(manifest, train, val, new TwoStageTraining.Plan(config, preset.stage1(),
                        preset.stage2(), null, null, device, MAP_CACHE_BYTES), run, resume, progress);
            }
            scoreTwoStage(job, run, test);
        } else {
            CvMethod method = job.methods().get(0);
            if (!trained) {
                BaselineTraining.Plan plan = BaselineTraining.Plan.of(preset, method.baseline()).withConfig(config)
                        .withDevice(device);
                BaselineTraining.run(manifest, train, val, method.baseline(), plan, run, resume, progress);
            }
            float[] s;
            try (ImageClassifier c = ImageClassifier.load(run.resolve("model"), device)) {
                s = DetectionScoring.run(c, manifest, test);
            }
            double[] d = new double[s.length];
            for (int i = 0; i < s.length; i++) d[i] = s[i];
            FoldScores.plain(images(test), labels(test), d).write(layout.scores(job.fold(), method));
        }
    }

    /** One two-stage model gives both proposed scores: {@code ps1} (single-stage) and {@code ps1*ps2}. */
    private void scoreTwoStage(CvLayout.Job job, Path run, List<ManifestEntry> test) throws IOException {
        List<DetectionScoring.Scored> scored;
        try (FractureDetector d = FractureDetector.load(run.resolve("model"), device)) {
            scored = DetectionScoring.run(d, manifest, test);
        }
        List<String> images = images(test);
        int[] labels = labels(test);
        if (job.methods().contains(CvMethod.SINGLE_STAGE)) {
            double[] ps1 = scored.stream().mapToDouble(s -> s.detection().stage1()).toArray();
            FoldScores.plain(images, labels, ps1).write(layout.scores(job.fold(), CvMethod.SINGLE_STAGE));
        }
        if (job.methods().contains(CvMethod.TWO_STAGE)) {
            double[] prob = scored.stream().mapToDouble(s -> s.detection().probability()).toArray();
            new FoldScores(images, labels, prob, scored.stream().map(DetectionScoring.Scored::roiHit).toList(),
                    scored.stream().map(DetectionScoring.Scored::maxHit).toList(),
                    scored.stream().map(DetectionScoring.Scored::typeCorrect).toList())
                    .write(layout.scores(job.fold(), CvMethod.TWO_STAGE));
        }
    }

    /**
     * Reads every score file of the layout (all must exist) and computes Table 1, the proposed
     * two-stage method against each other method.
     */
    public Table1 table1() throws IOException {
        List<Table1.Method> methods = new ArrayList<>();
        for (CvMethod m : layout.methods()) {
            List<FoldScores> folds = new ArrayList<>();
            for (int f = 1; f <= layout.folds(); f++) folds.add(FoldScores.read(layout.scores(f, m)));
            methods.add(new Table1.Method(m.id(), m.display(), folds));
        }
        return Table1.of(methods, CvMethod.TWO_STAGE.id());
    }

    private static List<String> images(List<ManifestEntry> part) {
        return part.stream().map(ManifestEntry::image).toList();
    }

    private static int[] labels(List<ManifestEntry> part) {
        return part.stream().mapToInt(ManifestEntry::label).toArray();
    }
}
