package io.pxrcad.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.model.TorchModels;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NetworkRunner} on DJL's PyTorch engine: each call runs in its own native memory scope
 * (a sub-manager closed on return), in evaluation mode and without gradient recording on whichever
 * thread calls, so one runner serves many threads.
 */
public final class TorchRunner implements NetworkRunner {
    /** Loads networks of an artifact onto a PyTorch device. */
    public static final InferenceEngine ENGINE = new InferenceEngine() {
        @Override
        public NetworkRunner open(ModelArtifact artifact, String network, String device) {
            return new TorchRunner(TorchModels.load(artifact, network, TorchEngine.resolve(device)));
        }

        @Override
        public String describe(String device) { return TorchEngine.describe(device); }
    };

    private final Model model;
    private final Network network;
    private final boolean owner;

    /** Takes ownership of {@code model}: closing the runner closes it. */
    public TorchRunner(Model model) {
        this(model, true);
    }

    private TorchRunner(Model model, boolean owner) {
        this.model = model;
        this.network = Networks.network(model);
        this.owner = owner;
    }

    /**
     * A runner over a model its caller keeps owning (training validates the network it is
     * training through the same chain as prediction); closing the runner leaves the model open.
     */
    public static TorchRunner borrow(Model model) {
        return new TorchRunner(model, false);
    }

    public Network network() { return network; }

    @Override
    public List<Tensor> forward(Tensor input) {
        // evaluation mode alone does not stop PyTorch from recording gradients on a thread other
        // than the one that started the engine (a service worker, a Spark task)
        return TorchEngine.withoutGradients(() -> {
            try (NDManager nd = model.getNDManager().newSubManager()) {
                return tensors(network.forward(new ParameterStore(nd, false), new NDList(array(nd, input)), false));
            }
        });
    }

    /** A tensor as an array of {@code nd}. */
    public static NDArray array(NDManager nd, Tensor t) {
        int[] s = t.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = s[i];
        return nd.create(t.data(), new Shape(shape));
    }

    /** The outputs of a forward pass as plain tensors (copied off the engine). */
    public static List<Tensor> tensors(NDList out) {
        List<Tensor> ts = new ArrayList<>(out.size());
        for (NDArray a : out) {
            long[] s = a.getShape().getShape();
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) shape[i] = Math.toIntExact(s[i]);
            ts.add(new Tensor(a.toFloatArray(), shape));
        }
        return ts;
    }

    @Override
    public void close() {
        if (owner) model.close();
    }
}
