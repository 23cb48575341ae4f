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
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
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
 * One network under training: the DJL {@link Trainer} with a {@link ResumableAdam}, the
 * training step, evaluation-mode forward passes and the checkpoint files (weights and
 * optimizer state). Must be closed: it owns the trainer and the optimizer (not the model).
 */
final class NetworkTrainer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEPS_FILE = "optimizer-steps.json";

    private final Model model;
    private final Network network;
    private final ResumableAdam adam;
    private final Trainer trainer;

    NetworkTrainer(Model model, float learningRate) {
        this.model = model;
        this.network = Networks.network(model);
        Map<String, String> names = new HashMap<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
        this.adam = new ResumableAdam(model.getNDManager(), names, learningRate);
        // the loss in the config is never called: the stage losses need several outputs
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()}));
    }

    Network network() { return network; }

    NDManager manager() { return model.getNDManager(); }

    void setLearningRate(double lr) { adam.setLearningRate((float) lr); }

    /**
     * One optimisation step on a batch.
     *
     * @param x    input batch, e.g. {@code (N,3,S,S)} float32, in a caller-owned sub-manager
     * @param loss outputs and the batch manager -> scalar loss
     * @return the loss value
     */
    float step(NDArray x, BiFunction<NDList, NDManager, NDArray> loss) {
        float value;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(x));
            NDArray l = loss.apply(out, x.getManager());
            value = l.getFloat();
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("training loss became " + value
                        + " (learning rate too high, or invalid input)");
            }
            gc.backward(l);
        }
        trainer.step();
        return value;
    }

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

    /** Loads weights and, when {@code withOptimizer}, the optimizer state of a checkpoint. */
    void load(CheckpointStore.Checkpoint cp, boolean withOptimizer) throws IOException {
        WeightImport.loadAll(network, cp.weights());
        if (!withOptimizer) {
            return;
        }
        Map<String, Integer> steps = JSON.readValue(cp.dir().resolve(STEPS_FILE).toFile(),
                new TypeReference<Map<String, Integer>>() {});
        try (NDManager tmp = io.pxrcad.model.TorchEngine.newManager(ai.djl.Device.cpu());
             InputStream in = Files.newInputStream(cp.optimizer())) {
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
