package io.pxrcad.train;

import ai.djl.ndarray.NDManager;
import io.pxrcad.ProgressListener;

import java.util.Locale;

/**
 * One epoch's pass over its training batches, shared by the stages and pretraining: the batches
 * made ahead on worker threads ({@link Prefetcher}, in order), each trained in its own
 * sub-manager of the network's (closed before the next), the running mean loss reported to the
 * progress listener after each.
 */
final class BatchLoop {
    private BatchLoop() {}

    /** One optimisation step on a batch, its arrays in {@code batchManager}; returns the loss. */
    @FunctionalInterface
    interface Step<B> {
        float train(NDManager batchManager, B batch);
    }

    /**
     * @param name     what the progress listener shows, e.g. {@code stage 1 epoch 3/100}
     * @param batches  number of batches, made by {@code make} from their index
     * @param workers  threads making batches (0: the caller makes them)
     * @param capacity batches made ahead at most
     * @return the mean loss over the batches (NaN when there is none)
     */
    static <B> double meanLoss(String name, int batches, Prefetcher.Task<B> make, int workers, int capacity,
                               NetworkTrainer trainer, Step<B> step, ProgressListener progress) {
        double sum = 0;
        try (Prefetcher<B> pre = new Prefetcher<>(batches, make, Math.max(0, workers), Math.max(1, capacity));
             ProgressListener.Task task = progress.started(name, batches, false)) {
            int b = 0;
            while (pre.hasNext()) {
                B batch = pre.next();
                float loss;
                try (NDManager sub = trainer.manager().newSubManager()) {
                    loss = step.train(sub, batch);
                }
                sum += loss;
                b++;
                task.advanced(String.format(Locale.ROOT, "loss %.4f", sum / b));
            }
        }
        return batches == 0 ? Double.NaN : sum / batches;
    }
}
