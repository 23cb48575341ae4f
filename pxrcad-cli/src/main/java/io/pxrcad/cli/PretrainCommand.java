package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.data.ImageFiles;
import io.pxrcad.train.PretrainConfig;
import io.pxrcad.train.Pretraining;
import io.pxrcad.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad pretrain}: self-supervised pretraining of a backbone on unlabelled radiographs
 * ({@link Pretraining}); its output is what {@code train --pretrained-stage1/2} loads.
 */
@Command(name = "pretrain", description = {
        "Pretrain a backbone on unlabelled radiographs (masked-image modelling); the output loads with",
        "train --pretrained-stage1 / --pretrained-stage2."})
final class PretrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--images", required = true, paramLabel = "DIR_OR_CSV", description = {
            "A folder (every image under it, sorted) or a CSV with an 'image' column (a manifest: its labels,",
            "types and boxes are not read). Images that cannot be read are left out and counted."})
    Path images;

    @CommandLine.Option(names = "--arch", required = true, paramLabel = "ARCH", description = {
            "Backbone: tiny-vgg, small-input-resnet (the small and tiny presets' stage 1 and 2), densenet121,",
            "resnet18 (the paper's; a GPU), tiny-densenet or tiny-resnet."})
    String arch;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "F.safetensors", description = {
            "Backbone weights (torchvision names). Also writes F.json (settings, losses) and the checkpoint",
            "folder F.pretrain/, kept after the run (--resume can add epochs; delete it when done)."})
    Path out;

    @CommandLine.Option(names = "--epochs", description = "Passes over the images (default: 20).")
    Integer epochs;

    @CommandLine.Option(names = "--image-size", paramLabel = "PX", description = {
            "Side of the square input, a multiple of the backbone's stride (default: 256 for tiny-vgg,",
            "160 for small-input-resnet, 960 for densenet121 and resnet18)."})
    Integer imageSize;

    @CommandLine.Option(names = "--batch-size", description = "Images per step (default: 8).")
    Integer batchSize;

    @CommandLine.Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's learning rate (default: 1e-3, 1e-4 for densenet121 and resnet18).")
    Double learningRate;

    @CommandLine.Option(names = "--mask-ratio", paramLabel = "R", description = "Share of each image's patches hidden, 0.05 to 0.95 (default: 0.6).")
    Double maskRatio;

    @CommandLine.Mixin
    WorkersOption workers;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    SeedOption seed;

    @CommandLine.Option(names = "--resume", description = {
            "Continue from F.pretrain/ (e.g. after a kill, or with more --epochs); refused when a setting",
            "that changes the weights differs. Gives the weights of an uninterrupted run."})
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PretrainConfig cfg = config();
        String device = deviceOption.checked();
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a folder, expected a weight file (F.safetensors)");
        }
        Path parent = out.toAbsolutePath().getParent();
        OutputFolder.check(parent, "--out");
        Path checkpoint = Pretraining.checkpointDir(out);
        if (!resume && Files.exists(checkpoint)) {
            throw new IllegalArgumentException(checkpoint + " holds an earlier pretraining: use --resume to continue it,"
                    + " or remove it");
        }
        List<Path> files = ImageFiles.of(images, "--images");
        Pretraining.Result r = Pretraining.run(cfg, files, out, device, resume, ConsoleProgress.logged());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("backbone: %s (%d tensors, %s)%n", r.weights(), r.tensors(), cfg.architecture());
        w.printf("images: %d%s; epochs: %d; final loss %.4f%n", r.images(),
                r.skipped().isEmpty() ? "" : " (" + r.skipped().size() + " unreadable, left out)", r.losses().size(), r.finalLoss());
        w.printf("summary: %s%n", r.summary());
        w.flush();
        return 0;
    }

    /** The settings: the architecture's defaults, overridden by the options given, each checked under its name. */
    private PretrainConfig config() {
        Architecture a;
        try {
            a = Architecture.fromId(arch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arch: " + e.getMessage(), e);
        }
        PretrainConfig c = PretrainConfig.defaults(a);
        if (epochs != null) c = c.withEpochs(Options.between("--epochs", epochs, 1, TrainConfig.MAX_EPOCHS));
        if (imageSize != null) {
            int patch = PretrainConfig.patch(a);
            Options.between("--image-size", imageSize, 2 * patch, TrainConfig.MAX_IMAGE_SIZE);
            if (imageSize % patch != 0) {
                throw new IllegalArgumentException("--image-size must be a multiple of " + patch + " (the stride of "
                        + a + ") but was " + imageSize);
            }
            c = c.withImageSize(imageSize);
        }
        if (batchSize != null) c = c.withBatchSize(Options.between("--batch-size", batchSize, 1, TrainConfig.MAX_BATCH_SIZE));
        if (learningRate != null) c = c.withLearningRate(Options.between("--learning-rate", learningRate, 1e-8, 1));
        if (maskRatio != null) c = c.withMaskRatio(Options.between("--mask-ratio", maskRatio, 0.05, 0.95));
        c = c.withSeed(seed.value());
        return workers.apply(c);
    }
}
