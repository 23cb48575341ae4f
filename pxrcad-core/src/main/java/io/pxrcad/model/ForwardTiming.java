package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Times evaluation-mode forward passes of one network of the method (batch 1, seeded random
 * weights and input) for {@code pxrcad bench model}: the stage-1 MIL FCN for a DenseNet backbone,
 * the stage-2 ROI classifier otherwise.
 */
public final class ForwardTiming {
    /**
     * @param ms          each timed pass in milliseconds
     * @param checksum    shape and sum of the backbone's feature map (the heads' sigmoid saturates
     *                    with random weights), so that "faster" also means "same result"
     * @param memoryAfterInit what {@code memory} read once the model and input existed, before any pass
     */
    public record Result(double[] ms, String checksum, double memoryAfterInit) {}

    private ForwardTiming() {}

    /** One warm-up and {@code repeats} timed passes at {@code size} x {@code size}. */
    public static Result measure(Architecture a, int size, int repeats, String device, DoubleSupplier memory) {
        TorchEngine.seed(42);
        boolean stage1 = a == Architecture.DENSENET121 || a == Architecture.TINY_DENSENET;
        NetworkConfig config = stage1 ? NetworkConfig.stage1(a) : NetworkConfig.stage2(a, true);
        Device d = TorchEngine.resolve(device);
        try (Model model = Networks.newModel(config, d); NDManager nd = TorchEngine.newManager(d)) {
            NDArray x = nd.randomNormal(new Shape(1, 3, size, size));
            double baseline = memory.getAsDouble();
            double[] ms = new double[repeats];
            for (int i = -1; i < repeats; i++) {
                try (NDManager sub = nd.newSubManager()) {
                    // outputs attach to the input's manager: the input must live in the per-pass manager
                    NDList in = new NDList(x);
                    in.tempAttach(sub);
                    long t0 = System.nanoTime();
                    NDList y = model.getBlock().forward(new ParameterStore(sub, false), in, false);
                    y.head().toFloatArray(); // the result is on the host: the computation has finished
                    long t1 = System.nanoTime();
                    if (i >= 0) ms[i] = (t1 - t0) / 1e6;
                }
            }
            String checksum;
            try (NDManager sub = nd.newSubManager()) {
                NDList in = new NDList(x);
                in.tempAttach(sub);
                NDArray f = Networks.network(model).backbone().forward(new ParameterStore(sub, false), in, false).head();
                double sum = 0;
                for (float v : f.toFloatArray()) sum += v;
                checksum = String.format(Locale.ROOT, "%s:%.6e", Arrays.toString(f.getShape().getShape()).replace(" ", ""), sum);
            }
            return new Result(ms, checksum, baseline);
        }
    }
}
