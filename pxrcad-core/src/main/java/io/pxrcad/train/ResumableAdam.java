package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba; the form of {@code torch.optim.Adam}) whose state — first and second
 * moments and step count of every parameter — can be saved and restored, so that a resumed
 * run continues exactly where the interrupted one stopped. DJL's own {@code Adam} keeps its
 * moments private, and a resume that restarts them from zero changes the result.
 *
 * <p>State is keyed by the parameter's structural name (stable across runs), not DJL's random
 * parameter id; the trainer gives the mapping. The learning rate is set per epoch by the
 * plateau scheduler. Must be closed: it owns the moment arrays.
 */
public final class ResumableAdam extends Optimizer implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, String> nameOfId;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private volatile float learningRate;

    /**
     * @param manager  parent manager for the moment arrays (a sub-manager is made and owned)
     * @param nameOfId DJL parameter id -> stable parameter name
     */
    public ResumableAdam(NDManager manager, Map<String, String> nameOfId, float learningRate) {
        super(new Builder());
        this.manager = manager.newSubManager();
        this.nameOfId = Map.copyOf(nameOfId);
        this.learningRate = learningRate;
    }

    public void setLearningRate(float lr) { this.learningRate = lr; }

    public float learningRate() { return learningRate; }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameOfId.getOrDefault(parameterId, parameterId);
        NDArray m = means.computeIfAbsent(name, k -> zerosLike(weight));
        NDArray v = variances.computeIfAbsent(name, k -> zerosLike(weight));
        int t = steps.merge(name, 1, Integer::sum);
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        // lr * m_hat / (sqrt(v_hat) + eps) with the bias corrections folded into two scalars: a
        // step of a small network is a few hundred native calls, so every array op saved counts
        float stepSize = (float) (learningRate * Math.sqrt(bc2) / bc1);
        float eps = (float) (epsilon * Math.sqrt(bc2));
        try (NDArray gm = grad.mul(1 - beta1); NDArray g2 = grad.square()) {
            m.muli(beta1).addi(gm);
            v.muli(beta2).addi(g2.muli(1 - beta2));
        }
        try (NDArray denom = v.sqrt(); NDArray step = m.div(denom.addi(eps))) {
            weight.subi(step.muli(stepSize));
        }
        zeroGradient(weight);
    }

    /**
     * PyTorch accumulates gradients, and DJL's gradient collector does not reset them (its
     * {@code zeroGradients} is disabled); DJL's own optimizers zero the weight's gradient in their
     * update, so one written outside DJL must do the same. {@code grad} is only a copy (DJL's
     * parameter server passes a duplicate), so the weight's own gradient is the one to reset.
     * Without this every step would follow the sum of all earlier gradients.
     */
    private static void zeroGradient(NDArray weight) {
        if (!weight.hasGradient()) {
            return;
        }
        try (NDArray g = weight.getGradient()) {
            g.subi(g);
        }
    }

    private NDArray zerosLike(NDArray weight) {
        NDArray z = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        return z;
    }

    /**
     * The state as named arrays ({@code m.NAME}, {@code v.NAME}) for a safetensors file, as
     * copies attached to {@code target} (they outlive this optimizer).
     */
    public NDList state(NDManager target) {
        NDList out = new NDList();
        for (var e : means.entrySet()) {
            NDArray m = e.getValue().duplicate();
            m.attach(target);
            m.setName("m." + e.getKey());
            out.add(m);
            NDArray v = variances.get(e.getKey()).duplicate();
            v.attach(target);
            v.setName("v." + e.getKey());
            out.add(v);
        }
        return out;
    }

    /** Step count per parameter name (saved beside {@link #state()}). */
    public Map<String, Integer> steps() { return new LinkedHashMap<>(steps); }

    /** Restores what {@link #state()} and {@link #steps()} saved. */
    public void restore(NDList state, Map<String, Integer> savedSteps) {
        for (NDArray a : state) {
            String n = a.getName();
            NDArray copy = a.duplicate();
            copy.attach(manager);
            if (n.startsWith("m.")) {
                put(means, n.substring(2), copy);
            } else if (n.startsWith("v.")) {
                put(variances, n.substring(2), copy);
            } else {
                throw new IllegalArgumentException("unexpected optimizer state tensor '" + n + "'");
            }
        }
        steps.clear();
        steps.putAll(savedSteps);
    }

    /** Forgets every moment and step count: the next update is a first step. */
    public void reset() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        steps.clear();
    }

    private static void put(Map<String, NDArray> map, String name, NDArray value) {
        NDArray old = map.put(name, value);
        if (old != null) old.close();
    }

    @Override
    public void close() { manager.close(); }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() { return this; }
    }
}
