package io.pxrcad.dicom;

import io.pxrcad.DataException;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seeded robustness check of the reader: random mutations (byte flips, hostile 32-bit
 * lengths, inserted and deleted bytes, biased towards the header) and truncations of real
 * files, each parsed and decoded (frame 0) on a worker thread with a time limit. A case
 * passes when it ends in success or a typed {@link DataException}; anything else (another
 * exception, an {@code Error}, a timeout) is a failure and is reported with its first
 * message.
 */
public final class DicomFuzzer {
    /** Outcome counts by kind ({@code ok}, the exception's simple name, {@code timeout}). */
    public record Report(int cases, Map<String, Integer> outcomes, double maxMillis, List<String> failures) {
        public int failureCount() { return failures.size(); }
    }

    private static final int[] HOSTILE = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0, 1, 0xFFFE, 0x10000, 0xFFFFFFF0};

    private DicomFuzzer() {}

    /** Runs {@code cases} cases over {@code seeds} with random seed {@code seed} and a per-case time limit. */
    public static Report run(List<byte[]> seeds, long seed, int cases, long timeoutMillis) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed files");
        Random rnd = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new java.util.ArrayList<>();
        double maxMs = 0;
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dicom-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int c = 0; c < cases; c++) {
                byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                long t0 = System.nanoTime();
                Future<String> f = pool.submit(() -> decode(input));
                String outcome;
                try {
                    outcome = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    outcome = "timeout";
                    failures.add("case " + c + ": no result within " + timeoutMillis + " ms");
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "dicom-fuzz");
                        t.setDaemon(true);
                        return t;
                    });
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    outcome = "FAIL " + t.getClass().getSimpleName();
                    failures.add("case " + c + ": " + t);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                maxMs = Math.max(maxMs, (System.nanoTime() - t0) / 1e6);
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(cases, outcomes, maxMs, failures);
    }

    /** Parses and decodes; returns "ok" or the typed data error's simple name; anything else propagates. */
    static String decode(byte[] input) {
        try {
            DicomFile f = DicomFile.parse(input);
            f.header().toMap();
            if (f.hasPixelData()) f.radiograph();
            return "ok";
        } catch (DataException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** One random byte-level mutation or truncation of {@code seed} (a new array), biased towards the first 2 KiB. */
    public static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int kind = rnd.nextInt(10);
        if (kind == 0) { // truncation
            return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        }
        int edits = 1 + rnd.nextInt(kind < 6 ? 4 : 12);
        for (int e = 0; e < edits && b.length > 8; e++) {
            int span = rnd.nextInt(10) < 7 ? Math.min(b.length, 2048) : b.length;
            int at = rnd.nextInt(span);
            switch (rnd.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> {
                    int v = HOSTILE[rnd.nextInt(HOSTILE.length)];
                    for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) (v >>> (8 * k));
                }
                case 3 -> { // delete a few bytes
                    int n = Math.min(1 + rnd.nextInt(8), b.length - at);
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, b.length - at - n);
                    b = c;
                }
                default -> { // insert a few random bytes
                    int n = 1 + rnd.nextInt(8);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int k = 0; k < n; k++) c[at + k] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }
}
