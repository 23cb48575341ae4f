package io.pxrcad.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The training schedule shared by both stages (METHOD.md "Training schedule"): per epoch, the
 * batches made in background threads, Adam steps, validation, the plateau scheduler (learning
 * rate / 10 after {@code patience} epochs without a better validation loss), the best
 * checkpoint by validation AUC, a {@code metrics.jsonl} line and a {@code last} checkpoint
 * from which {@code --resume} continues.
 */
final class EpochLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    /** What differs between the stages. */
    interface Stage {
        int number();

        /** Prepares epoch {@code epoch} (1-based) and returns its number of batches. */
        int startEpoch(int epoch) throws IOException;

        /** Number of batches of the current epoch (what {@link #startEpoch} returned). */
        int batchesThisEpoch();

        /** Makes batch {@code b} of the current epoch; runs on worker threads. */
        Batch batch(int b) throws Exception;

        /** Rows of a batch per forward pass (gradient accumulation below the batch size; see {@link TrainConfig#microBatch()}). */
        int rowsPerPass();

        /** One optimisation step; returns the loss. */
        float train(NetworkTrainer trainer, NDManager batchManager, Batch batch);

        /** Validation loss and AUC after the epoch. */
        Validation validate(NetworkTrainer trainer) throws IOException;

        /** Extra values for the epoch's metrics line (e.g. ROI counts). */
        Map<String, Object> extras();

        /** {@code p_hat} to record in the stage's state; null for stage 1. */
        Float miningThreshold();

        /**
         * What the best checkpoint maximises: the validation AUC (METHOD.md), or a stage's other
         * choice ({@link TrainConfig#stage2BestByLoss()}: minus the loss). NaN is never best.
         */
        default double selectionScore(Validation v) { return v.auc(); }

        /** The epoch after which training starts again from the initial weights ({@link TrainConfig#restartAfter()}); 0: never. */
        default int restartAfter() { return 0; }
    }

    record Validation(double loss, double auc) {}

    private final TrainConfig config;
    private final CheckpointStore checkpoints;
    private final MetricsLog metrics;
    private final ProgressListener progress;

    EpochLoop(TrainConfig config, CheckpointStore checkpoints, MetricsLog metrics, ProgressListener progress) {
        this.config = config;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.progress = progress;
    }

    /**
     * Runs the stage to its last epoch, continuing from its {@code last} checkpoint when
     * {@code resume} is set, and leaves the trainer's network at the best epoch's weights.
     */
    TrainingState run(Stage stage, NetworkTrainer trainer, boolean resume) throws IOException {
        trainer.recordGradientNorms(); // for the metrics lines
        TrainingState state = TrainingState.start(stage.number(), config, stage.miningThreshold());
        int restart = stage.restartAfter();
        Path initial = checkpoints.initialWeights(stage.number());
        if (restart > 0 && !(resume && Files.exists(initial))) {
            trainer.saveWeights(initial); // before a resumed run loads its checkpoint: the weights it started from
        }
        if (resume) {
            Optional<CheckpointStore.Checkpoint> last = checkpoints.find(stage.number(), CheckpointStore.Slot.LAST);
            if (last.isPresent()) {
                state = last.get().state();
                if (state.seed() != config.seed()) {
                    throw new IllegalArgumentException("cannot resume: the run used seed " + state.seed()
                            + " but this command has seed " + config.seed());
                }
                trainer.load(last.get(), true);
                LOG.info("stage {}: resuming after epoch {}", stage.number(), state.epochsCompleted());
                restoreBest(stage.number(), state);
            }
        }
        if (state.epochsCompleted() < config.epochs()) {
            // a finished stage passed through on the way to the next keeps the next stage's lines
            metrics.truncateAfter(stage.number(), state.epochsCompleted());
        }
        PlateauScheduler scheduler = new PlateauScheduler(state.scheduler(), config.patience(), config.lrFactor());
        BestCheckpoint best = state.best();
        for (int epoch = state.epochsCompleted() + 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            // the epoch's cell targets first: chosen from the network trained so far, not the restarted one
            int batches = stage.startEpoch(epoch);
            if (restart > 0 && epoch == restart + 1) {
                trainer.restart(initial);
                best = BestCheckpoint.none();
                scheduler = PlateauScheduler.of(config);
                LOG.info("stage {}: starting again from its initial weights after epoch {}, on the cell targets chosen so far",
                        stage.number(), restart);
            }
            double lr = scheduler.learningRate();
            trainer.setLearningRate(lr);
            double trainLoss = trainEpoch(stage, trainer, epoch, batches);
            refreshBatchNorm(stage, trainer);
            Validation val = stage.validate(trainer);
            scheduler.step(val.loss());
            double score = stage.selectionScore(val);
            boolean improved = best.isImprovedBy(score) || !best.hasBest() && epoch == config.epochs();
            if (improved) {
                best = best.offer(epoch, Double.isNaN(score) ? 0 : score);
            }
            state = new TrainingState(stage.number(), epoch, scheduler.state(), best, config.seed(), stage.miningThreshold());
            double seconds = (System.nanoTime() - start) / 1e9;
            // the line goes first: a kill before the checkpoint is committed leaves a line of an epoch
            // that resume trains again and truncateAfter drops; the other order could lose the line of
            // an epoch whose checkpoint exists (resume would never write it)
            Map<String, Object> extras = new LinkedHashMap<>(stage.extras());
            extras.putAll(trainer.drainGradientNorms());
            metrics.append(new EpochMetrics(stage.number(), epoch, trainLoss, val.loss(),
                    Double.isNaN(val.auc()) ? -1 : val.auc(), lr, seconds, extras));
            checkpoints.commit(state, CheckpointStore.Slot.LAST, trainer::save);
            if (improved) {
                checkpoints.copy(stage.number(), CheckpointStore.Slot.LAST, CheckpointStore.Slot.BEST);
            }
            LOG.info("stage {} epoch {}/{}: train loss {}, val loss {}, val AUC {}, lr {}, {} s{}", stage.number(), epoch,
                    config.epochs(), fmt(trainLoss), fmt(val.loss()), fmt(val.auc()), lr, fmt(seconds),
                    improved ? " (best)" : "");
        }
        CheckpointStore.Checkpoint bestCp = checkpoints.find(stage.number(), CheckpointStore.Slot.BEST)
                .orElseThrow(() -> new IllegalStateException("stage " + stage.number() + " ended without a best checkpoint"));
        trainer.load(bestCp, false);
        return state;
    }

    /**
     * A kill between committing {@code last} and copying it to {@code best} leaves a {@code best}
     * slot older than the best epoch the state names; the {@code last} checkpoint is that epoch then.
     */
    private void restoreBest(int stage, TrainingState state) throws IOException {
        BestCheckpoint best = state.best();
        if (!best.hasBest() || best.bestEpoch() != state.epochsCompleted()) {
            return;
        }
        Optional<CheckpointStore.Checkpoint> saved = checkpoints.find(stage, CheckpointStore.Slot.BEST);
        if (saved.isEmpty() || saved.get().state().epochsCompleted() != best.bestEpoch()) {
            checkpoints.copy(stage, CheckpointStore.Slot.LAST, CheckpointStore.Slot.BEST);
        }
    }

    private double trainEpoch(Stage stage, NetworkTrainer trainer, int epoch, int batches) throws IOException {
        return BatchLoop.meanLoss("stage " + stage.number() + " epoch " + epoch + "/" + config.epochs(), batches,
                stage::batch, config.numWorkers(), config.prefetchBatches(), trainer,
                (nd, batch) -> stage.train(trainer, nd, batch), progress);
    }

    /**
     * Re-estimates batch-norm running statistics with the final weights of the epoch before
     * validating and checkpointing. The running averages (torch momentum 0.1) trail weights that
     * move quickly, which makes evaluation-mode outputs wrong on small data sets; a few forward
     * passes over the epoch's first batches (deterministic: same batches on resume) fix that.
     */
    private void refreshBatchNorm(Stage stage, NetworkTrainer trainer) {
        int batches = Math.min(REFRESH_BATCHES, stage.batchesThisEpoch());
        for (int b = 0; b < batches; b++) {
            Batch batch;
            try {
                batch = stage.batch(b);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot refresh batch-norm statistics: " + e.getMessage(), e);
            }
            // the passes of training: batch norm's running statistics see what training showed it
            for (Batch rows : batch.passes(stage.rowsPerPass())) {
                try (NDManager sub = trainer.manager().newSubManager()) {
                    trainer.refreshBatchNorm(sub.create(rows.x(), shape(rows)));
                }
            }
        }
    }

    /** 10 batches leave 0.9^10 = 35% of the trailing average in the statistics (torch momentum 0.1). */
    private static final int REFRESH_BATCHES = 10;

    static Shape shape(Batch b) {
        return new Shape(b.n(), 3, b.size(), b.size());
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
