package io.pxrcad.train;

import io.pxrcad.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Must be closed. Produces items {@code 0..count-1} (e.g. decoded and augmented batches) on
 * background threads while the caller consumes them in index order, so decoding overlaps with
 * the network's computation.
 *
 * <ul>
 *   <li><b>Order and determinism:</b> {@link #next()} returns item 0, 1, 2, ... whatever thread
 *       made it. The task gets the index and must take any randomness from it (e.g.
 *       {@link Seeds#forItem}), never from a shared {@code Random}, so the items do not depend on
 *       thread timing.</li>
 *   <li><b>Bounded memory:</b> at most {@code capacity} items are in production or finished but
 *       not yet taken; a worker waits before starting another.</li>
 *   <li><b>Errors:</b> when the task throws for item i, the items before i are still returned,
 *       then {@code next()} throws that exception (unchecked ones as they are, {@link IOException}
 *       as {@link UncheckedIOException}, others wrapped) and no new item is started.</li>
 *   <li><b>Closing</b> stops the workers (interrupting them) and closes items not taken that are
 *       {@link AutoCloseable}.</li>
 * </ul>
 * With 0 workers the items are produced by the caller in {@code next()} (for debugging).
 * One consumer thread.
 *
 * @param <T> the item type
 */
public final class Prefetcher<T> implements Iterator<T>, AutoCloseable {

    /** Makes item {@code index}. */
    @FunctionalInterface
    public interface Task<T> {
        T produce(int index) throws Exception;
    }

    private record Result<T>(T value, Throwable error) {}

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int count;
    private final Task<T> task;
    private final ExecutorService workers;
    private final Semaphore permits;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<Integer, Result<T>> results = new HashMap<>();
    private volatile boolean stopped;
    private int consumed;

    /**
     * @param count number of items (>= 0)
     * @param task makes one item from its index; called concurrently from several threads
     * @param workers background threads (>= 0; 0 = produce in the caller)
     * @param capacity items made ahead at most (>= 1)
     */
    public Prefetcher(int count, Task<T> task, int workers, int capacity) {
        if (count < 0 || workers < 0 || capacity < 1) {
            throw new IllegalArgumentException("expected count >= 0, workers >= 0, capacity >= 1 but got "
                    + count + ", " + workers + ", " + capacity);
        }
        this.count = count;
        this.task = task;
        this.permits = new Semaphore(capacity);
        if (workers == 0) {
            this.workers = null;
            return;
        }
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "pxrcad-prefetch-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < workers; w++) {
            this.workers.execute(this::work);
        }
    }

    private void work() {
        try {
            while (!stopped) {
                permits.acquire();
                int i = nextIndex.getAndIncrement();
                if (i >= count || stopped) {
                    permits.release();
                    return;
                }
                Result<T> r = produce(i);
                lock.lock();
                try {
                    results.put(i, r);
                    ready.signalAll();
                } finally {
                    lock.unlock();
                }
                if (r.error() != null) {
                    stopped = true; // items after a failure would never be taken
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result<T> produce(int i) {
        try {
            return new Result<>(task.produce(i), null);
        } catch (Throwable t) {
            return new Result<>(null, t);
        }
    }

    @Override
    public boolean hasNext() {
        return consumed < count;
    }

    /**
     * The next item in index order, waiting for it if needed.
     *
     * @throws IllegalStateException when closed
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count + " items were taken");
        }
        int i = consumed;
        Result<T> r = workers == null ? produce(i) : await(i);
        consumed++;
        if (r.error() != null) {
            close();
            r.error().addSuppressed(new Exception("rethrown by the consumer of prefetched item " + i));
            if (r.error() instanceof RuntimeException e) {
                throw e;
            }
            if (r.error() instanceof Error e) {
                throw e;
            }
            if (r.error() instanceof IOException e) {
                throw new UncheckedIOException("prefetched item " + i + " failed: " + e.getMessage(), e);
            }
            throw new IllegalStateException("prefetched item " + i + " failed: " + r.error(), r.error());
        }
        return r.value();
    }

    private Result<T> await(int i) {
        lock.lock();
        try {
            while (!results.containsKey(i)) {
                if (workers.isShutdown()) {
                    throw new IllegalStateException("prefetcher closed while waiting for item " + i);
                }
                ready.await(100, TimeUnit.MILLISECONDS);
            }
            Result<T> r = results.remove(i);
            permits.release();
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for prefetched item " + i, e);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers and closes untaken {@link AutoCloseable} items. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        if (workers == null || workers.isTerminated()) {
            return;
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("prefetch workers did not stop within 30 s (a task ignores interrupts)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            for (Result<T> r : results.values()) {
                if (r.value() instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing is best effort: the item was never used
                    }
                }
            }
            results.clear();
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
