package io.pxrcad.model;

import io.pxrcad.artifact.NetworkConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Builds the networks of the method as initialised DJL {@link Model}s. Blocks are initialised at
 * {@code (1,3,64,64)}: parameter shapes do not depend on the image size, and initialising at the
 * real size (961) would cost about 3 GB for nothing.
 *
 * <p>Memory: a forward pass attaches its outputs (and, transiently, its intermediates) to the
 * manager of its input; give each batch its own manager (create the batch in it, or
 * {@code batch.tempAttach(stepManager)}) and close it after the step.
 *
 * <p>Load pretrained or saved weights ({@link WeightImport}) before {@code model.newTrainer(...)}:
 * after that, the parameters require gradients and cannot be overwritten in place.
 */
public final class Networks {
    /** Input shape used to initialise parameters. */
    public static final Shape INIT_SHAPE = new Shape(1, 3, 64, 64);

    private Networks() {}

    /** A fresh, uninitialised network for {@code config}. */
    public static Network build(NetworkConfig config) {
        return switch (config.role()) {
            case STAGE1_MIL -> new MilFcn(config);
            case STAGE2_ROI -> new RoiClassifier(config);
            case BASELINE_GAP, BASELINE_LSE -> new PooledClassifier(config);
        };
    }

    /**
     * An initialised model (random weights: Kaiming-normal convolutions, BN 1/0, Xavier linear)
     * on {@code device}; its block is a {@link Network} ({@link #network(Model)}). Must be closed.
     */
    public static Model newModel(NetworkConfig config, Device device) {
        return newModel(config.role().id() + "-" + config.backbone().id(), build(config), device);
    }

    /** A model named {@code name} holding {@code block}, initialised at {@link #INIT_SHAPE} on {@code device}. Must be closed. */
    static Model newModel(String name, Block block, Device device) {
        Model model = Model.newInstance(name, device, TorchEngine.NAME);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, INIT_SHAPE);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Stage 1 MIL FCN: forward gives {@code [lse (N,1), map (N,1,h,w), features (N,C)]}. Must be closed. */
    public static Model stage1(NetworkConfig config, Device device) {
        return newModel(requireRole(config, NetworkConfig.Role.STAGE1_MIL), device);
    }

    /** Stage 2 ROI classifier: forward gives {@code [fracture (N,1)(, type (N,1))]}. Must be closed. */
    public static Model stage2(NetworkConfig config, Device device) {
        return newModel(requireRole(config, NetworkConfig.Role.STAGE2_ROI), device);
    }

    /** A Table 1 baseline with its paper backbone: forward gives {@code [prob (N,1)]}. Must be closed. */
    public static Model baseline(Baseline baseline, Device device) {
        return newModel(baseline.config(), device);
    }

    /** The network inside a model made here. */
    public static Network network(Model model) {
        if (!(model.getBlock() instanceof Network n)) {
            throw new IllegalArgumentException("expected a model made by Networks but its block is "
                    + (model.getBlock() == null ? "null" : model.getBlock().getClass().getName()));
        }
        return n;
    }

    /** Trainable parameters (as torch's {@code sum(p.numel() for p in model.parameters())}; no running statistics). */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getShape().size();
            }
        }
        return n;
    }

    private static NetworkConfig requireRole(NetworkConfig config, NetworkConfig.Role role) {
        if (config.role() != role) {
            throw new IllegalArgumentException("expected a " + role + " configuration but was " + config.role());
        }
        return config;
    }
}
