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
        try (NDManager scope = manager.newSubManager()) {
            // results of an op attach to its first operand's manager: put every operand in the
            // scope so that no temporary outlives the step (m and v go back to ours on close)
            scope.tempAttachAll(m, v);
            NDArray g = grad.duplicate();
            g.attach(scope);
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            NDArray denom = v.div((float) bc2).sqrt().addi(epsilon);
            NDArray step = m.div(denom).muli((float) (learningRate / bc1));
            weight.subi(step);
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
