/**
 * Training of both stages (METHOD.md "Training schedule"): the network-independent parts.
 *
 * <ul>
 *   <li>{@link io.pxrcad.train.TwoStageTraining} (the proposed method) and
 *       {@link io.pxrcad.train.BaselineTraining} (the image-level baselines of Table 1, same
 *       schedule and inputs): the public entry points; both write {@code RUN/model}.</li>
 *   <li>{@link io.pxrcad.train.Pretraining} ({@code pxrcad pretrain}): self-supervised
 *       masked-image modelling of a backbone on unlabelled images, whose output the trainings
 *       above load as pretrained weights; {@link io.pxrcad.train.PretrainConfig} its settings.</li>
 *   <li>{@link io.pxrcad.train.TrainConfig} (+ {@link io.pxrcad.train.TrainConfigFile} for
 *       {@code --config run.yaml}): the hyper-parameters, paper defaults.</li>
 *   <li>{@link io.pxrcad.train.ResumableAdam}: Adam whose moments are saved with each checkpoint;
 *       like DJL's own optimizers it resets each weight's gradient after its update (PyTorch
 *       accumulates gradients and DJL's collector does not reset them).</li>
 *   <li>{@link io.pxrcad.Seeds}: every random choice derives from (seed, stage, epoch,
 *       index), so results do not depend on threads and a resumed run equals an uninterrupted one.</li>
 *   <li>{@link io.pxrcad.train.Prefetcher}: decoding and augmentation on background threads,
 *       in order, bounded.</li>
 *   <li>{@link io.pxrcad.train.PlateauScheduler} (learning rate / 10 on a validation-loss plateau,
 *       PyTorch {@code ReduceLROnPlateau} semantics) and {@link io.pxrcad.train.BestCheckpoint}
 *       (best validation AUC, ties keep the earlier epoch).</li>
 *   <li>{@link io.pxrcad.train.TrainingState}, {@link io.pxrcad.train.CheckpointStore}: what a
 *       checkpoint holds and how it is written so that a SIGKILL never leaves a broken one
 *       ({@code RUN/checkpoints/stage<n>/{last,best}/}).</li>
 *   <li>{@link io.pxrcad.train.MetricsLog}: {@code RUN/metrics.jsonl}, one line per epoch;
 *       the batches of each epoch are reported to an {@link io.pxrcad.ProgressListener} (the
 *       application draws them).</li>
 * </ul>
 *
 * <p>The epoch loop a trainer builds from them (per stage):
 * <pre>
 * state = store.find(stage, LAST).map(Checkpoint::state)            // --resume
 *               .orElse(TrainingState.start(stage, config, pHat));
 * metrics.truncateAfter(stage, state.epochsCompleted());
 * for (epoch = state.epochsCompleted() + 1; epoch &lt;= config.epochs(); epoch++) {
 *     order = Seeds.permutation(n, Seeds.random(seed, stage, epoch));
 *     try (Prefetcher batches = ..., Task t = progress.started(...)) { train; t.advanced("loss ..."); }
 *     validate -> valLoss, valAuc; lr = scheduler.step(valLoss); best = best.offer(epoch, valAuc);
 *     store.commit(new state, LAST, weights + optimizer); if improved: store.copy(stage, LAST, BEST);
 *     metrics.append(...);
 * }
 * </pre>
 * Epochs are numbered from 1. Networks, losses and the optimizer live in the trainers, not here.
 */
package io.pxrcad.train;
