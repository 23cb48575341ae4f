package io.pxrcad.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Uploads waiting for a worker, and the workers that take them in batches. Room is reserved
 * before an upload is read ({@link #reserve}): a client that finds every worker busy and the queue
 * full is refused at once, without waiting for its body or for the CPU the workers hold. A worker
 * takes the oldest upload, then those that arrive within {@code maxWaitMillis}, up to
 * {@code maxBatch}, and hands them to the batch scorer together. Must be closed.
 *
 * @param <J> an upload waiting to be scored
 */
final class ScoringPool<J> implements AutoCloseable {
    private final LinkedBlockingQueue<J> waiting = new LinkedBlockingQueue<>();
    /** Uploads taken and not yet answered: every worker's batch plus the queue. */
    private final Semaphore room;
    private final int capacity;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Consumer<List<J>> scorer;
    private final IntConsumer batchSizes;
    private final List<Thread> workers = new ArrayList<>();

    /**
     * @param scorer     scores a batch and answers each of its uploads; must not throw for one
     *                   upload's fault
     * @param batchSizes told the size of each batch scored
     */
    ScoringPool(int workers, int queue, int maxBatch, long maxWaitMillis, Consumer<List<J>> scorer, IntConsumer batchSizes) {
        this.capacity = workers * maxBatch + queue;
        this.room = new Semaphore(capacity);
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.scorer = scorer;
        this.batchSizes = batchSizes;
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::work, "pxrcad-worker-" + i);
            t.setDaemon(true);
            this.workers.add(t);
            t.start();
        }
    }

    /** True when there is room for one more upload, which is then held until {@link #submit} or {@link #release}. */
    boolean reserve() {
        return room.tryAcquire();
    }

    /** Gives back a reservation that did not become an upload (its body could not be read). */
    void release() {
        room.release();
    }

    /** Queues an upload for which {@link #reserve} returned true. */
    void submit(J upload) {
        waiting.add(upload);
    }

    /** Uploads waiting for a worker. */
    int queued() { return waiting.size(); }

    /** Waits up to {@code millis} for every reserved upload to be answered; true when they were. */
    boolean drain(long millis) throws InterruptedException {
        if (!room.tryAcquire(capacity, millis, TimeUnit.MILLISECONDS)) return false;
        room.release(capacity);
        return true;
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            List<J> batch = new ArrayList<>(maxBatch);
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, maxBatch - batch.size());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    J next = waiting.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing: what it holds is still scored below
            }
            if (batch.isEmpty()) return;
            try {
                batchSizes.accept(batch.size());
                scorer.accept(batch);
            } finally {
                room.release(batch.size());
            }
        }
    }

    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }
}
