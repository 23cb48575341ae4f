package io.pxrcad.train;

/**
 * Divides the learning rate when the validation loss stops improving (METHOD.md "Training
 * schedule"). Same semantics as PyTorch's {@code ReduceLROnPlateau(mode='min', factor,
 * patience, threshold=0, cooldown=0, min_lr=0, eps=1e-8)}:
 * <ul>
 *   <li>an epoch improves when its loss is strictly below the best so far (the first finite
 *       loss always does; NaN never does);</li>
 *   <li>after each non-improving epoch a counter grows; when it exceeds {@code patience}
 *       (i.e. the {@code patience+1}-th epoch in a row without improvement) the rate is
 *       multiplied by {@code factor} and the counter restarts at 0 — the best loss is kept;</li>
 *   <li>a reduction smaller than 1e-8 is skipped.</li>
 * </ul>
 * With patience 5: five epochs without improvement are tolerated, the sixth lowers the rate.
 * Mutable; its {@link State} goes into the checkpoint so that a resumed run continues exactly.
 */
public final class PlateauScheduler {
    private static final double EPS = 1e-8;

    private final int patience;
    private final double factor;
    private State state;

    /**
     * The scheduler's progress.
     *
     * @param learningRate the current learning rate (> 0)
     * @param bestLoss the lowest validation loss so far; null before the first improving epoch
     * @param badEpochs non-improving epochs since the last improvement or reduction
     */
    public record State(double learningRate, Double bestLoss, int badEpochs) {
        public State {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be > 0 but was " + learningRate);
            }
            if (badEpochs < 0) {
                throw new IllegalArgumentException("badEpochs must be >= 0 but was " + badEpochs);
            }
        }
    }

    public PlateauScheduler(double initialLearningRate, int patience, double factor) {
        this(new State(initialLearningRate, null, 0), patience, factor);
    }

    /** Continues from a saved state. */
    public PlateauScheduler(State state, int patience, double factor) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 but was " + patience);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0,1) but was " + factor);
        }
        this.state = state;
        this.patience = patience;
        this.factor = factor;
    }

    /** A scheduler with the configuration's learning rate, patience and factor. */
    public static PlateauScheduler of(TrainConfig config) {
        return new PlateauScheduler(config.learningRate(), config.patience(), config.lrFactor());
    }

    /**
     * Records one epoch's validation loss.
     *
     * @return the learning rate for the next epoch
     */
    public double step(double validationLoss) {
        double lr = state.learningRate();
        Double best = state.bestLoss();
        int bad = state.badEpochs();
        if (best == null ? !Double.isNaN(validationLoss) : validationLoss < best) {
            best = validationLoss;
            bad = 0;
        } else {
            bad++;
        }
        if (bad > patience) {
            double reduced = lr * factor;
            if (lr - reduced > EPS) {
                lr = reduced;
            }
            bad = 0;
        }
        state = new State(lr, best, bad);
        return lr;
    }

    public double learningRate() { return state.learningRate(); }

    public State state() { return state; }
}
