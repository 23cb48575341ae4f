package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.ProgressListener;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.image.AugmentConfig;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.Losses;
import io.pxrcad.model.MaskedImageModel;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.model.WeightExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Self-supervised pretraining of a backbone on unlabelled radiographs by masked-image modelling
 * (SimMIM, Xie et al. 2022, on a CNN as {@link MaskedImageModel}): each image is augmented, cut
 * into squares of the backbone's stride (one feature-map cell each), a random
 * {@link PretrainConfig#maskRatio()} of them hidden ({@link MaskedImages}), and the network
 * trained to give back the hidden grey values: loss = mean absolute error over the hidden pixels
 * against the augmented grey image in [0,1] (the input before ImageNet normalisation).
 *
 * <p>Why this objective: it needs neither pairs of views nor a large batch (a contrastive loss
 * learns little from the 8 images a CPU step or a 961-px GPU step holds), costs one forward pass
 * per image, and what it asks for (the bone edges and texture under a hidden square, from its
 * surroundings) is what stage 1 looks for. No label, box or mask of a manifest is read: the
 * images come as files ({@link ImageSource#unlabelled}).
 *
 * <p>Output: {@code F} (the backbone's weights only, torchvision names, as
 * {@link io.pxrcad.model.WeightImport#loadBackbone} loads them into a stage-1 or stage-2 network of
 * the same architecture, whatever its input size), {@code F.json} (settings, images, losses) and
 * the checkpoint folder {@code F.pretrain/last/} (backbone and decoder, Adam's moments,
 * {@code state.json}), committed whole after every epoch ({@link CheckpointFolder}); resuming from
 * it gives the weights of an uninterrupted run. A finished run keeps it, so that a later resume
 * can add epochs; it can be deleted. Batch norm's running statistics are those of masked
 * training inputs; training in the stages re-estimates them from the first batches on.
 */
public final class Pretraining {
    private static final Logger LOG = LoggerFactory.getLogger(Pretraining.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound of the decoded-image cache (16-bit images: 128 KB each at 256 px, 1.8 MB at 960). */
    private static final long CACHE_BYTES = 4L << 30;

    /**
     * What a finished pretraining reports.
     *
     * @param weights   the backbone's weight file ({@code F})
     * @param summary   {@code F.json}
     * @param images    images trained on
     * @param skipped   the images left out, one {@code file: reason} each
     * @param losses    mean training loss per epoch
     * @param tensors   tensors in the weight file
     */
    public record Result(Path weights, Path summary, int images, List<String> skipped, List<Double> losses, int tensors) {
        public Result {
            skipped = List.copyOf(skipped);
            losses = List.copyOf(losses);
        }

        public double finalLoss() { return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1); }
    }

    private Pretraining() {}

    /** The checkpoint folder of the pretraining that writes {@code out}: {@code out.pretrain}. */
    public static Path checkpointDir(Path out) {
        return out.resolveSibling(out.getFileName() + ".pretrain");
    }

    /** The settings and losses written beside {@code out}: {@code out.json}. */
    public static Path summaryFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".json");
    }

    /**
     * Pretrains the backbone and writes {@code out}, its summary and its checkpoint. The caller
     * checks that {@code out} may be written (not a folder, and no earlier checkpoint unless resuming).
     *
     * @param images the image files, in a fixed order (a folder's sorted, a CSV's file order);
     *               unreadable ones are left out and reported
     * @param device {@code auto}, {@code cpu}, {@code gpu0}, ...
     * @param resume continue from the checkpoint when there is one (its settings must equal {@code config}'s
     *               but for {@code epochs} and {@code numWorkers})
     * @throws DataException when no image can be read, or the checkpoint cannot
     * @throws IllegalArgumentException when the checkpoint was made with other settings
     */
    public static Result run(PretrainConfig config, List<Path> images, Path out, String device, boolean resume,
                             ProgressListener progress) throws IOException {
        Device dev = TorchEngine.resolve(device);
        TorchEngine.seed(config.seed());
        Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(config.imageSize()));
        ImageSource source = ImageSource.unlabelled(images, pre, CACHE_BYTES);
        ReadableImages readable = ReadableImages.check(source, config.numWorkers(), progress);
        for (String s : readable.skipped()) LOG.warn("left out: {}", s);
        int[] usable = readable.indices();
        PretrainState state = new PretrainState(config, sha256(source, usable), usable.length, List.of());
        LOG.info("pretraining {} on {} images ({} left out), {} px, patches of {} px, {}% hidden, device {}",
                config.architecture(), usable.length, readable.skipped().size(), config.imageSize(), config.patch(),
                Math.round(config.maskRatio() * 100), dev);

        Path last = checkpointDir(out).resolve("last");
        try (Model model = MaskedImageModel.newModel(config.architecture(), dev);
             NetworkTrainer trainer = new NetworkTrainer(model, (float) config.learningRate())) {
            if (resume) {
                state = restore(last, state, trainer);
            }
            // flips, small affine changes and brightness/contrast: views of one radiograph, not another one
            MaskedImages batches = new MaskedImages(config, source, usable, pre,
                    new Augmenter(new AugmentConfig().withHorizontalFlip(0.5)));
            for (int epoch = state.epochsCompleted() + 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                int n = batches.startEpoch(epoch);
                double loss = BatchLoop.meanLoss("pretrain epoch " + epoch + "/" + config.epochs(), n, batches::batch,
                        config.numWorkers(), PREFETCH, trainer, (nd, b) -> step(trainer, nd, b), progress);
                state = state.next(loss);
                PretrainState done = state;
                CheckpointFolder.commit(last, PretrainState.FILE, dir -> {
                    trainer.save(dir);
                    done.save(dir.resolve(PretrainState.FILE)); // last: marks the checkpoint complete
                });
                LOG.info("pretrain epoch {}/{}: loss {}, {} s", epoch, config.epochs(),
                        String.format(Locale.ROOT, "%.4f", loss), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            }
            int tensors = WeightExport.parameters(MaskedImageModel.of(model).backbone()).size();
            String sha = WeightExport.save(MaskedImageModel.of(model).backbone(), out);
            AtomicFiles.writeBytes(summaryFile(out), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(summary(state, readable.skipped().size(), sha, dev)));
            LOG.info("backbone saved to {} ({} tensors)", out, tensors);
            return new Result(out, summaryFile(out), usable.length, readable.skipped(), state.losses(), tensors);
        }
    }

    /** Batches made ahead at most (as the stages' default). */
    private static final int PREFETCH = 4;

    private static float step(NetworkTrainer trainer, NDManager nd, MaskedImages.Batch b) {
        Shape grey = new Shape(b.n(), 1, b.size(), b.size());
        NDArray x = nd.create(b.x(), new Shape(b.n(), 3, b.size(), b.size()));
        NDArray target = nd.create(b.target(), grey);
        NDArray mask = nd.create(b.mask(), grey);
        return trainer.step(x, (out, m) -> Losses.maskedL1(out.head(), target, mask));
    }

    /** The checkpoint's state with this command's epochs and workers, its weights and moments loaded; {@code fresh} without one. */
    private static PretrainState restore(Path last, PretrainState fresh, NetworkTrainer trainer) throws IOException {
        Optional<Path> dir = CheckpointFolder.find(last, PretrainState.FILE);
        if (dir.isEmpty()) {
            LOG.info("no pretraining checkpoint in {}: starting from epoch 1", last.getParent());
            return fresh;
        }
        PretrainState saved = PretrainState.load(dir.get().resolve(PretrainState.FILE));
        List<String> differences = saved.differences(fresh);
        if (!differences.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (String d : differences) lines.add("cannot resume from " + last.getParent() + ": " + d);
            throw new IllegalArgumentException(String.join("\n", lines));
        }
        if (saved.epochsCompleted() > fresh.config().epochs()) {
            throw new IllegalArgumentException("cannot resume from " + last.getParent() + ": it has "
                    + saved.epochsCompleted() + " epochs, more than the " + fresh.config().epochs() + " asked for");
        }
        trainer.load(dir.get(), true);
        LOG.info("resuming pretraining after epoch {}", saved.epochsCompleted());
        return saved.resumedAs(fresh.config());
    }

    private static Map<String, Object> summary(PretrainState state, int skipped, String weightsSha256, Device device) {
        PretrainConfig c = state.config();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("objective", "masked-image modelling (SimMIM on a CNN): L1 on the hidden pixels, target grey in [0,1]");
        s.put("arch", c.architecture().id());
        s.put("imageSize", c.imageSize());
        s.put("patch", c.patch());
        s.put("maskRatio", c.maskRatio());
        s.put("epochs", state.epochsCompleted());
        s.put("batchSize", c.batchSize());
        s.put("learningRate", c.learningRate());
        s.put("seed", c.seed());
        s.put("images", state.images());
        s.put("skippedImages", skipped);
        s.put("imagesSha256", state.imagesSha256());
        s.put("finalLoss", state.losses().isEmpty() ? null : state.losses().get(state.losses().size() - 1));
        s.put("losses", state.losses());
        s.put("weightsSha256", weightsSha256);
        s.put("device", device.toString());
        s.putAll(TorchEngine.versions());
        return s;
    }

    /** SHA-256 of the images' paths, one per line: whether a resumed run trains on the same files. */
    private static String sha256(ImageSource source, int[] usable) {
        StringBuilder sb = new StringBuilder();
        for (int i : usable) sb.append(source.file(i).toAbsolutePath().normalize()).append('\n');
        return ModelArtifact.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
