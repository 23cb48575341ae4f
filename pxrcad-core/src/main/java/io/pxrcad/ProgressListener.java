package io.pxrcad;

/**
 * Hears how far a long loop of core has come (the batches of an epoch, the images of a cohort).
 * Core only reports; the application decides what a user sees (the command line: a bar on a
 * terminal, else a log line now and then), so that core draws nothing and prints nothing.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Hears nothing: for tests, and for callers that show no progress. */
    ProgressListener NONE = (name, total, summary) -> Task.NONE;

    /**
     * A loop of {@code total} steps starts.
     *
     * @param name    what is being counted, e.g. {@code "stage 1 epoch 3/100"}
     * @param total   the number of steps (>= 0)
     * @param summary whether its end deserves a line of its own; false where the caller writes its
     *                own line at the end (an epoch logs its losses)
     * @return the running loop, to report its steps to
     */
    Task started(String name, long total, boolean summary);

    /**
     * Must be closed: closing says that the loop finished (or ended early by an exception). One
     * running loop; its steps may be reported from several threads.
     */
    interface Task extends AutoCloseable {
        /** Hears nothing. */
        Task NONE = new Task() {
            @Override
            public void advanced(String note) { }

            @Override
            public void close() { }
        };

        /** One more step done; {@code note} (e.g. {@code "loss 0.5312"}, or empty) is shown beside the count. */
        void advanced(String note);

        /** The loop finished. */
        @Override
        void close();
    }
}
