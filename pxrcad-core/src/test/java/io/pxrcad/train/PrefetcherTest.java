package io.pxrcad.train;

import io.pxrcad.Seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    /** An "augmented" item: random numbers from its own seed, made after a random delay. */
    private static double[] item(int i) throws InterruptedException {
        SplittableRandom r = Seeds.random(42, 1, 3, i);
        Thread.sleep(r.nextInt(3));
        double[] v = new double[4];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextDouble();
        }
        return v;
    }

    private static List<double[]> drain(Prefetcher<double[]> p) {
        List<double[]> out = new ArrayList<>();
        p.forEachRemaining(out::add);
        return out;
    }

    @Test
    void returnsItemsInOrderAndIdenticallyWhateverTheThreads() throws Exception {
        List<double[]> serial;
        try (Prefetcher<double[]> p = new Prefetcher<>(60, PrefetcherTest::item, 0, 1)) {
            serial = drain(p);
        }
        for (int workers : new int[] {1, 3, 8}) {
            try (Prefetcher<double[]> p = new Prefetcher<>(60, PrefetcherTest::item, workers, 4)) {
                List<double[]> parallel = drain(p);
                assertThat(parallel).hasSize(60);
                for (int i = 0; i < 60; i++) {
                    assertThat(parallel.get(i)).as("item %d with %d workers", i, workers).isEqualTo(serial.get(i));
                }
            }
        }
    }

    @Test
    void neverRunsMoreThanCapacityAhead() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        try (Prefetcher<Integer> p = new Prefetcher<>(40, i -> {
            int ahead = produced.incrementAndGet() - consumed.get();
            maxAhead.accumulateAndGet(ahead, Math::max);
            return i;
        }, 4, 3)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (produced.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(50); // time to run further ahead, which they must not
            assertThat(produced.get()).isEqualTo(3);
            int expected = 0;
            while (p.hasNext()) {
                consumed.incrementAndGet(); // counted as taken once next() is called: it frees the slot inside
                assertThat(p.next()).isEqualTo(expected++);
                Thread.sleep(1); // slow consumer
            }
        }
        assertThat(maxAhead.get()).isLessThanOrEqualTo(3);
        assertThat(produced.get()).isEqualTo(40);
    }

    @Test
    void deliversItemsBeforeAFailureThenThrowsIt() {
        AtomicInteger started = new AtomicInteger();
        try (Prefetcher<Integer> p = new Prefetcher<>(100, i -> {
            started.incrementAndGet();
            if (i == 5) {
                throw new DataException("cannot decode image 5");
            }
            return i;
        }, 3, 4)) {
            for (int i = 0; i < 5; i++) {
                assertThat(p.next()).isEqualTo(i);
            }
            assertThatThrownBy(p::next).isInstanceOf(DataException.class).hasMessage("cannot decode image 5");
        }
        assertThat(started.get()).as("stops after the failure").isLessThan(20);
    }

    @Test
    void wrapsCheckedExceptions() {
        try (Prefetcher<Integer> p = new Prefetcher<>(3, i -> {
            throw new IOException("gone");
        }, 2, 2)) {
            assertThatThrownBy(p::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("gone")
                    .hasMessageContaining("item 0");
        }
        try (Prefetcher<Integer> p = new Prefetcher<>(3, i -> {
            throw new Exception("odd");
        }, 0, 1)) {
            assertThatThrownBy(p::next).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("odd");
        }
    }

    @Test
    void closeStopsBlockedWorkersAndClosesUntakenItems() throws Exception {
        AtomicInteger closedItems = new AtomicInteger();
        CountDownLatch blocked = new CountDownLatch(1);
        Prefetcher<AutoCloseable> p = new Prefetcher<>(1000, i -> {
            if (i == 2) {
                blocked.countDown();
                Thread.sleep(60_000); // a slow item: close must interrupt it
            }
            return closedItems::incrementAndGet;
        }, 2, 4);
        p.next().close();
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        p.close();
        p.close(); // idempotent
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        assertThat(closedItems.get()).as("item 0 by the consumer, item 1 (+ maybe 3..) by close").isGreaterThanOrEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pxrcad-prefetch-") && t.isAlive()).count()).isZero();
        assertThatThrownBy(p::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void emptyAndValidation() {
        try (Prefetcher<Integer> p = new Prefetcher<>(0, i -> i, 2, 1)) {
            assertThat(p.hasNext()).isFalse();
            assertThatThrownBy(p::next).isInstanceOf(java.util.NoSuchElementException.class);
        }
        assertThatThrownBy(() -> new Prefetcher<>(1, i -> i, 1, 0)).hasMessageContaining("capacity >= 1");
    }
}
