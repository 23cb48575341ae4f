package io.pxrcad.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of workers behind a bounded queue. A task that finds every worker busy and the
 * queue full is refused at once ({@link #submit} returns null), so that the client gets 503 and
 * {@code Retry-After} instead of a request that hangs until it times out. Must be closed.
 */
final class ScoringPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    ScoringPool(int workers, int queue) {
        BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, q, r -> {
            Thread t = new Thread(r, "pxrcad-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads(); // with a SynchronousQueue a task is only taken by a waiting worker
    }

    /** The task's future, or null when the pool is full or closed. */
    <T> Future<T> submit(Callable<T> task) {
        try {
            return executor.submit(task);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Tasks waiting for a worker. */
    int queued() { return executor.getQueue().size(); }

    /** Refuses new tasks and waits up to {@code millis} for the accepted ones to finish; true when they did. */
    boolean drain(long millis) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
