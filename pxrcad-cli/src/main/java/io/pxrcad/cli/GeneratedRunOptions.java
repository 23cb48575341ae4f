package io.pxrcad.cli;

import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.function.UnaryOperator;

/**
 * The options of the commands that run the method on a cohort they generate ({@code demo},
 * {@code bench train}): the cohort, the preset, the epochs, the seed and a training configuration file, each checked
 * here (a picocli mixin). A command gives its own defaults by the instance it declares; picocli
 * shows them in the help.
 */
final class GeneratedRunOptions {
    /** Fewer phantoms leave a test part too small for an AUC. */
    static final int MIN_COUNT = 40;

    @Option(names = "--count", description = "Phantoms to generate, at least 40 (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--size", description = "Phantom side and model input size in px (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--difficulty", description = "Fracture subtlety 0..1 (default: ${DEFAULT-VALUE}).")
    private double difficulty;

    @Option(names = "--preset", description = "Training preset: tiny, small or paper (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--epochs", description = "Epochs per stage (default: the preset's).")
    private Integer epochs;

    @Option(names = "--config", paramLabel = "YAML", description = {"Training configuration overriding the preset's "
            + "(as train --config, e.g. docs/configs/pseudo-cells.yaml, which the demo",  "follows without one); --size, --epochs and the seed still apply."})
    private java.nio.file.Path config;

    @Option(names = "--pretrain", paramLabel = "N",
            description = {"Pretrain stage 1's backbone first (masked-image modelling, pxrcad pretrain) on N further phantoms",
                    "(another seed, same size and difficulty; their labels are never read) and start from it; 0 trains",
                    "from scratch (default: ${DEFAULT-VALUE})."})
    private int pretrain;

    @Option(names = "--pretrain-epochs", paramLabel = "E", description = "Epochs of that pretraining (default: ${DEFAULT-VALUE}).")
    private int pretrainEpochs = 12;

    @Mixin
    private SeedOption seed = new SeedOption();

    /** Applied to the preset's configuration when no {@code --config} is given (the demo's recipe). */
    private final UnaryOperator<TrainConfig> recipe;

    GeneratedRunOptions(int count, int size, double difficulty, String preset) {
        this(count, size, difficulty, preset, 0, UnaryOperator.identity());
    }

    /**
     * @param pretrain default number of unlabelled phantoms stage 1's backbone is pretrained on (0: none)
     * @param recipe   changes to the preset's configuration unless {@code --config} gives others
     */
    GeneratedRunOptions(int count, int size, double difficulty, String preset, int pretrain, UnaryOperator<TrainConfig> recipe) {
        this.count = count;
        this.size = size;
        this.difficulty = difficulty;
        this.preset = preset;
        this.pretrain = pretrain;
        this.recipe = recipe;
    }

    /** Other defaults for the count, the difficulty, the epochs and the pretraining (the demo's {@code --quick}), where the command line gave none. */
    void defaultsUnlessGiven(CommandLine.ParseResult given, int count, double difficulty, int epochs, int pretrain) {
        if (!given.hasMatchedOption("--count")) this.count = count;
        if (!given.hasMatchedOption("--difficulty")) this.difficulty = difficulty;
        if (!given.hasMatchedOption("--epochs")) this.epochs = epochs;
        if (!given.hasMatchedOption("--pretrain")) this.pretrain = pretrain;
    }

    /** The {@code --config} file, or null when the preset's configuration is used as it is. */
    java.nio.file.Path configFile() {
        return config;
    }

    /**
     * The values, each checked, in the order of the options; a {@code --config} file goes over the
     * preset's configuration (TrainConfigFile), and the size, {@code --epochs} and the seed given on
     * the command line still win.
     */
    Checked checked() throws java.io.IOException {
        if (count < MIN_COUNT) throw new IllegalArgumentException("--count must be >= " + MIN_COUNT + " but was " + count);
        Options.between("--count", count, MIN_COUNT, SynthCommand.MAX_COUNT);
        // size (64..4096) and difficulty ([0,1]) are checked by PhantomConfig
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(size).withSeed(seed.value()).withDifficulty(difficulty);
        Preset p = Preset.parse(preset);
        TrainConfig base = config == null ? recipe.apply(p.config()) : io.pxrcad.train.TrainConfigFile.load(config, p.config());
        TrainConfig cfg = seed.apply(Options.apply(base.withImageSize(size), epochs, null, null));
        Options.between("--pretrain", pretrain, 0, SynthCommand.MAX_COUNT);
        Options.between("--pretrain-epochs", pretrainEpochs, 1, TrainConfig.MAX_EPOCHS);
        return new Checked(count, phantoms, p, cfg, pretrain, pretrainEpochs);
    }

    /**
     * @param count    the number of phantoms
     * @param phantoms size, difficulty and seed of the cohort
     * @param config   the preset's schedule at the phantoms' size, with the epochs and the seed given
     */
    record Checked(int count, PhantomConfig phantoms, Preset preset, TrainConfig config, int pretrain, int pretrainEpochs) {
        int size() { return phantoms.size(); }

        double difficulty() { return phantoms.difficulty(); }

        /** Seed of the cohort, the split and the training. */
        long seed() { return phantoms.seed(); }

        /** The same run with another seed for the cohort, the split and the training. */
        Checked withSeed(long seed) {
            return new Checked(count, phantoms.withSeed(seed), preset, config.withSeed(seed), pretrain, pretrainEpochs);
        }
    }
}
