package io.pxrcad.train;

import io.pxrcad.infer.TwoStageChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link TrainConfig#refineCellsAfter()}: every {@code every} stage-1 epochs, the positives' cell
 * targets are chosen again from stage 1's own maps of the training images ({@link AnomalyCells#fromMaps}).
 * Each choice goes to {@code RUN/pseudo-cells-after-E.tsv} before the epoch after {@code E} trains, so
 * that a resumed run trains on the targets the uninterrupted one chose (the network it would choose
 * them from has moved on since).
 */
final class CellRefinement {
    private static final Logger LOG = LoggerFactory.getLogger(CellRefinement.class);

    private final int every;
    private final Path runDir;
    private final boolean resume;
    private final TwoStageChain chain;
    private final ImageSource train;
    private final int batch;
    /** The epoch after which the current targets were chosen; 0: the first choice. */
    private int chosenAfter;

    /**
     * @param chain  scores the training images with the network being trained (evaluation mode)
     * @param resume the run continues from a checkpoint: earlier choices are read back, not made again
     */
    CellRefinement(int every, Path runDir, boolean resume, TwoStageChain chain, ImageSource train, int batch) {
        if (every < 1) throw new IllegalArgumentException("refinement every " + every + " epochs");
        this.every = every;
        this.runDir = runDir;
        this.resume = resume;
        this.chain = chain;
        this.train = train;
        this.batch = batch;
    }

    /** The targets epoch {@code epoch} trains on: {@code current}, or those chosen after the last multiple of {@code every} before it. */
    AnomalyCells forEpoch(int epoch, AnomalyCells current) throws IOException {
        int after = (epoch - 1) / every * every;
        if (after == 0 || after == chosenAfter) return current;
        Path file = runDir.resolve(fileName(after));
        AnomalyCells next;
        if (resume && Files.exists(file)) {
            next = AnomalyCells.read(file, train.entries(), current.mapSide());
            LOG.info("stage 1 cell targets chosen after epoch {} read from {}", after, file);
        } else {
            if (epoch != after + 1) {
                LOG.warn("stage 1 cell targets of epoch {} are chosen from the resumed network: {} is missing", epoch, file);
            }
            next = AnomalyCells.fromMaps(Stage1.scores(chain, train, batch).maps(), train.entries(), current);
            next.write(file, train.entries());
            LOG.info("stage 1 cell targets chosen again after epoch {} from its maps{}", after,
                    next.firstInBoxNote(train.entries(), MapStatistics.originalSizes(train)));
        }
        chosenAfter = after;
        return next;
    }

    static String fileName(int afterEpoch) { return "pseudo-cells-after-" + afterEpoch + ".tsv"; }
}
