package io.pxrcad.cli;

import io.pxrcad.phantom.Phantom;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.phantom.PhantomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * {@code pxrcad bench synth}: phantom rendering throughput (images/s, parallel over images
 * on all cores) at each size, the median of several runs, with a CRC32 of all pixels.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "Phantom rendering speed (images/s).")
final class BenchSynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "512,961", description = "Image sizes (default ${DEFAULT-VALUE}).")
    int[] sizes;
    @Option(names = "--images", defaultValue = "80", description = "Images per run at 512 px, scaled by area for other sizes (default ${DEFAULT-VALUE}).")
    int images;
    @Option(names = "--runs", defaultValue = "5", description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;
    @CommandLine.Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || images < 1) throw new IllegalArgumentException("--runs and --images must be >= 1 but were " + runs + ", " + images);
        int workers = threads.count();
        for (int s : sizes) PhantomConfig.defaults().withSize(s); // 64..4096, before the first row
        PrintWriter out = spec.commandLine().getOut();
        out.printf("environment: Java %s (%s), %s %s, %d cores available, %d threads, max heap %d MiB%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), workers,
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("%6s %7s %6s %12s %12s %10s%n", "size", "images", "runs", "median img/s", "min..max", "crc32");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int size : sizes) {
                PhantomGenerator gen = new PhantomGenerator(PhantomConfig.defaults().withSize(size));
                int n = Math.max(workers, (int) Math.round(images * 512.0 * 512.0 / ((double) size * size)));
                run(pool, gen, Math.max(workers, n / 2)); // warm-up
                double[] rates = new double[runs];
                long crc = 0;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    crc = run(pool, gen, n);
                    rates[r] = n / ((System.nanoTime() - t) / 1e9);
                }
                double[] sorted = rates.clone();
                Arrays.sort(sorted);
                out.printf("%6d %7d %6d %12.1f %5.1f..%-6.1f %08x%n", size, n, runs, Median.of(sorted), sorted[0], sorted[runs - 1], crc);
                out.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    /** Renders cases 0..n-1 in parallel and returns a CRC32 over their pixels in case order. */
    private static long run(ExecutorService pool, PhantomGenerator gen, int n) throws Exception {
        List<Future<Phantom>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = i;
            futures.add(pool.submit(() -> gen.render(c)));
        }
        CRC32 crc = new CRC32();
        for (Future<Phantom> f : futures) {
            for (float v : f.get().image().pixelsUnsafe()) {
                int s = (int) v;
                crc.update(s & 0xff);
                crc.update((s >>> 8) & 0xff);
            }
        }
        return crc.getValue();
    }
}
