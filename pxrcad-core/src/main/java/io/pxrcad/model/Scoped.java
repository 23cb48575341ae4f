package io.pxrcad.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.function.UnaryOperator;

/**
 * Runs one stage of a network in a temporary sub-manager and keeps only its output.
 *
 * <p>Why: DJL attaches every intermediate array of a forward pass to the input's manager and frees
 * nothing until that manager closes; with DenseNet's concatenations that is about 4 GB at 961x961.
 * Closing the sub-manager frees the intermediates' Java handles; autograd still holds the tensors
 * that backward needs (PyTorch reference-counts them), so this is safe in training too.
 */
final class Scoped {
    /**
     * {@code -Dpxrcad.model.scopes=false} turns the scoping off (to measure what it saves); tests
     * switch it to compare results with and without.
     */
    static volatile boolean enabled = !"false".equals(System.getProperty("pxrcad.model.scopes"));

    private Scoped() {}

    static NDList run(NDList input, UnaryOperator<NDList> stage) {
        if (!enabled) {
            return stage.apply(input);
        }
        NDManager parent = input.head().getManager();
        try (NDManager sub = parent.newSubManager()) {
            input.tempAttach(sub);
            NDList out = stage.apply(input);
            out.attach(parent);
            return out;
        }
    }
}
