package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.pxrcad.model.WeightExport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean L2 norm of the loss gradient per layer over the steps of an epoch, for the metrics line
 * ({@code grad.stage1.conv1}, ..., {@code grad.mil}): whether the signal reaches the early layers,
 * vanishes, or explodes is what tells a stalled stage 1 from a slow one. Only convolution and
 * linear weights count (batch-norm scales would drown them); a group is the torchvision name without
 * {@code .weight}, cut to its first two parts ({@code features.denseblock1}) so that a
 * DenseNet-121 gives a handful of groups rather than 120.
 */
final class GradientNorms {
    private final Map<String, List<Parameter>> groups = new LinkedHashMap<>();
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private int steps;

    GradientNorms(Block network) {
        for (Map.Entry<String, Parameter> e : WeightExport.parameters(network).entrySet()) {
            Parameter p = e.getValue();
            String name = e.getKey();
            if (!p.requiresGradient() || !name.endsWith(".weight") || p.getArray().getShape().dimension() < 2) continue;
            groups.computeIfAbsent(group(name), k -> new ArrayList<>()).add(p);
        }
    }

    static String group(String name) {
        String[] parts = name.substring(0, name.length() - ".weight".length()).split("\\.");
        return String.join(".", Arrays.copyOf(parts, Math.min(2, parts.length)));
    }

    /**
     * Adds the gradients accumulated for the coming update (call before the optimizer resets them):
     * the sums of squares stay on the device and come back in one transfer per step, not one per
     * weight (a DenseNet-121 has 120).
     */
    void record() {
        if (groups.isEmpty()) return;
        NDManager owner = groups.values().iterator().next().get(0).getArray().getManager();
        float[] squares;
        try (NDManager tmp = owner.newSubManager()) {
            NDList perGroup = new NDList(groups.size());
            for (List<Parameter> g : groups.values()) {
                NDArray sum = null;
                for (Parameter p : g) {
                    NDArray grad = p.getArray().getGradient();
                    grad.attach(tmp);
                    NDArray sq = grad.square().sum();
                    sum = sum == null ? sq : sum.add(sq);
                }
                perGroup.add(sum);
            }
            squares = NDArrays.stack(perGroup).toFloatArray();
        }
        int i = 0;
        for (String group : groups.keySet()) {
            sums.merge(group, Math.sqrt(squares[i++]), Double::sum);
        }
        steps++;
    }

    /** The epoch's means by {@code grad.GROUP}, then starts over. */
    Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            out.put("grad." + e.getKey(), (float) (e.getValue() / Math.max(1, steps)));
        }
        sums.clear();
        steps = 0;
        return out;
    }
}
