package io.pxrcad.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.AtomicFiles;
import io.pxrcad.model.WeightExport;
import ai.djl.nn.Block;
import io.pxrcad.model.Network;
import io.pxrcad.model.WeightImport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One network under training (a {@link Network} of the method, or the model pretraining trains):
 * the DJL {@link Trainer} with a {@link ResumableAdam}, the training step, evaluation-mode
 * forward passes and the checkpoint files (weights and optimizer state). Must be closed: it owns
 * the trainer and the optimizer (not the model).
 */
final class NetworkTrainer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEPS_FILE = "optimizer-steps.json";

    private final Model model;
    private final Block network;
    private final ResumableAdam adam;
    private final Trainer trainer;
    private GradientNorms gradients;

    NetworkTrainer(Model model, float learningRate) {
        this.model = model;
        this.network = model.getBlock();
        Map<String, String> names = new HashMap<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
        this.adam = new ResumableAdam(model.getNDManager(), names, learningRate);
        // the loss in the config is never called: the stage losses need several outputs
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()}));
    }

    Block network() { return network; }

    NDManager manager() { return model.getNDManager(); }

    void setLearningRate(double lr) { adam.setLearningRate((float) lr); }

    /** The loss of some rows of a batch: network outputs, those rows, their manager -> scalar mean loss. */
    @FunctionalInterface
    interface BatchLoss {
        NDArray apply(NDList outputs, Batch rows, NDManager manager);
    }

    /**
     * One optimisation step on a batch, {@code perPass} rows per forward/backward pass (gradient
     * accumulation when {@code perPass < batch.n()}). Each pass's mean loss is scaled by its share
     * of the rows, so the summed gradients, and hence the Adam update, are those of the mean loss
     * over the whole batch; the passes' arrays live in a sub-manager of {@code nd} that is closed
     * before the next pass. Batch norm sees each pass's statistics only (see
     * {@link TrainConfig#microBatch()}).
     *
     * @param nd      the caller's per-batch manager
     * @param batch   inputs {@code (n,3,S,S)} and targets
     * @param perPass rows per pass, at least 1 (the last pass may have fewer)
     * @return the mean loss over the batch
     */
    float step(NDManager nd, Batch batch, int perPass, BatchLoss loss) {
        float mean = accumulate(nd, batch, perPass, loss);
        update();
        return mean;
    }

    /** The passes of {@link #step(NDManager, Batch, int, BatchLoss)} without the update; returns the mean loss. */
    float accumulate(NDManager nd, Batch batch, int perPass, BatchLoss loss) {
        int n = batch.n();
        double sum = 0;
        for (Batch rows : batch.passes(perPass)) {
            try (NDManager pass = nd.newSubManager()) {
                NDArray x = pass.create(rows.x(), EpochLoop.shape(rows));
                sum += backward(x, (out, m) -> loss.apply(out, rows, m), (float) rows.n() / n) * rows.n();
            }
        }
        return (float) (sum / n);
    }

    /**
     * One optimisation step on a batch in one pass.
     *
     * @param x    input batch, e.g. {@code (N,3,S,S)} float32, in a caller-owned sub-manager
     * @param loss outputs and the batch manager -> scalar loss
     * @return the loss value
     */
    float step(NDArray x, BiFunction<NDList, NDManager, NDArray> loss) {
        float value = backward(x, loss, 1f);
        update();
        return value;
    }

    /**
     * Forward and backward pass of one (micro-)batch: the gradient of {@code weight * loss} is
     * added to the parameters' gradients (PyTorch accumulates them, and DJL's gradient collector
     * does not reset them: {@link ResumableAdam} does, in {@link #update()}).
     *
     * @param weight the factor of this pass's loss in the step's loss, in (0,1]
     * @return the unscaled loss value
     */
    float backward(NDArray x, BiFunction<NDList, NDManager, NDArray> loss, float weight) {
        float value;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(x));
            NDArray l = loss.apply(out, x.getManager());
            value = l.getFloat();
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("training loss became " + value
                        + " (learning rate too high, or invalid input)");
            }
            gc.backward(weight == 1f ? l : l.mul(weight));
        }
        return value;
    }

    /** The Adam update from the gradients accumulated since the last update, which it then resets. */
    void update() {
        if (gradients != null) gradients.record();
        trainer.step();
    }

    /**
     * From now on, every update also adds the gradients' norm per layer ({@link GradientNorms}); off
     * unless asked for, so that pretraining and the step benchmark do not pay for it.
     */
    void recordGradientNorms() {
        if (gradients == null) gradients = new GradientNorms(network);
    }

    /** Mean gradient norm per layer group over the updates since the last call; empty unless recorded. */
    Map<String, Object> drainGradientNorms() { return gradients == null ? Map.of() : gradients.drain(); }

    /**
     * A training-mode forward pass outside any gradient collector: batch norm updates its
     * running statistics from the batch; no graph is kept and no weight changes.
     */
    void refreshBatchNorm(NDArray x) {
        network.forward(new ParameterStore(x.getManager(), false), new NDList(x), true);
    }

    /** Evaluation-mode forward pass (batch norm uses running statistics; no gradients). */
    NDList predict(NDArray x) {
        return network.forward(new ParameterStore(x.getManager(), false), new NDList(x), false);
    }

    /** Writes weights and optimizer state into a checkpoint folder. */
    void save(Path dir) throws IOException {
        WeightExport.save(network, dir.resolve(CheckpointStore.WEIGHTS_FILE));
        try (NDManager tmp = io.pxrcad.model.TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDList state = adam.state(tmp);
            NDList cpu = new NDList();
            for (NDArray a : state) {
                NDArray c = a.toDevice(ai.djl.Device.cpu(), true);
                c.setName(a.getName());
                cpu.add(c);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cpu.encode(out, NDList.Encoding.SAFETENSORS);
            AtomicFiles.writeBytes(dir.resolve(CheckpointStore.OPTIMIZER_FILE), out.toByteArray());
        }
        AtomicFiles.writeBytes(dir.resolve(STEPS_FILE), JSON.writeValueAsBytes(adam.steps()));
    }

    /** Writes the network's weights alone (atomically) to {@code file}, for {@link #restart}. */
    void saveWeights(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        WeightExport.save(network, file);
    }

    /** Goes back to the weights {@link #saveWeights} wrote, with an optimizer that has taken no step. */
    void restart(Path weights) throws IOException {
        WeightImport.loadAll(network, weights);
        adam.reset();
    }

    /** Loads weights and, when {@code withOptimizer}, the optimizer state of a checkpoint. */
    void load(CheckpointStore.Checkpoint cp, boolean withOptimizer) throws IOException {
        load(cp.dir(), withOptimizer);
    }

    /** Loads what {@link #save} wrote into {@code dir}: weights and, when {@code withOptimizer}, the optimizer state. */
    void load(Path dir, boolean withOptimizer) throws IOException {
        WeightImport.loadAll(network, dir.resolve(CheckpointStore.WEIGHTS_FILE));
        if (!withOptimizer) {
            return;
        }
        Map<String, Integer> steps = JSON.readValue(dir.resolve(STEPS_FILE).toFile(),
                new TypeReference<Map<String, Integer>>() {});
        try (NDManager tmp = io.pxrcad.model.TorchEngine.newManager(ai.djl.Device.cpu());
             InputStream in = Files.newInputStream(dir.resolve(CheckpointStore.OPTIMIZER_FILE))) {
            NDList state = NDList.decode(tmp, in);
            NDList onDevice = new NDList();
            for (NDArray a : state) {
                NDArray d = a.toDevice(model.getNDManager().getDevice(), true);
                d.setName(a.getName());
                onDevice.add(d);
            }
            adam.restore(onDevice, steps);
        }
    }

    /** A batch input array of the given shape in {@code manager}. */
    static NDArray input(NDManager manager, float[] data, Shape shape) {
        return manager.create(data, shape);
    }

    @Override
    public void close() {
        trainer.close();
        adam.close();
    }
}
