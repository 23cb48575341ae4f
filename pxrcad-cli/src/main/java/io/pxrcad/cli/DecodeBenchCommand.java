package io.pxrcad.cli;

import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomDecoder;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.dicom.DicomFuzzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code pxrcad bench decode}: decodes DICOM radiographs (by default the NEMA WG04 hip CR,
 * uncompressed and JPEG lossless, from the repository's {@code testdata/}) N times and prints the
 * environment, the median milliseconds per image and the MD5 of the decoded stored values
 * (which must be the same for both files). {@code --fuzz N} instead runs N seeded mutation
 * cases over the test files and prints the outcome counts and the slowest case.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Benchmark DICOM decoding (median ms per image + pixel MD5), or fuzz the reader with --fuzz N.")
final class DecodeBenchCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DICOM files (default: RG2_UNC.dcm and RG2_JPLL.dcm in testdata/dicom/xray).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-n", "--repeat"}, defaultValue = "10", description = "Timed decodes per file (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed decodes per file first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--fuzz", defaultValue = "0", description = "Run N fuzz cases instead of the timing.")
    int fuzz;

    @CommandLine.Mixin
    SeedOption seed;

    @Option(names = "--testdata", description = "The test data folder (default: testdata/ in the repository).")
    Path testdata;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be >= 1 but was " + repeat);
        if (fuzz < 0) throw new IllegalArgumentException("--fuzz must be >= 0 but was " + fuzz);
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.printf("environment: Java %s (%s), %s %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                rt.availableProcessors(), rt.maxMemory() >> 20);
        Path data = testdata != null ? testdata : defaultTestdata();
        return fuzz > 0 ? fuzz(out, data) : time(out, data);
    }

    private int time(PrintWriter out, Path data) throws IOException {
        List<Path> inputs = files.isEmpty()
                ? List.of(data.resolve("dicom/xray/RG2_UNC.dcm"), data.resolve("dicom/xray/RG2_JPLL.dcm")) : files;
        DicomDecoder decoder = new DicomDecoder();
        out.printf("%-24s %-10s %12s %10s %10s  %s%n", "file", "size", "pixels", "median ms", "min ms", "md5 of stored values");
        for (Path p : inputs) {
            for (int i = 0; i < warmup; i++) decoder.decode(p);
            double[] ms = new double[repeat];
            Radiograph r = null;
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                r = decoder.decode(p);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = Median.of(ms);
            out.printf("%-24s %-10s %12s %10.1f %10.1f  %s%n", p.getFileName(), (Files.size(p) >> 10) + " KiB",
                    r.width() + "x" + r.height(), median, ms[0], DicomFile.read(p).pixelMd5());
        }
        out.flush();
        return 0;
    }

    private int fuzz(PrintWriter out, Path data) throws IOException {
        quietReaderLogs();
        List<byte[]> seeds = new ArrayList<>();
        List<Path> sources = files;
        if (sources.isEmpty()) {
            sources = new ArrayList<>();
            for (String dir : List.of("dicom/syntax", "dicom/malformed", "dicom/xray")) {
                try (Stream<Path> s = Files.list(data.resolve(dir))) {
                    sources.addAll(s.filter(p -> size(p) <= 2_500_000).sorted().toList());
                }
            }
        }
        for (Path p : sources) seeds.add(Files.readAllBytes(p));
        long t0 = System.nanoTime();
        DicomFuzzer.Report r = DicomFuzzer.run(seeds, seed.value(), fuzz, 2000);
        out.printf("fuzz: %d cases over %d seed files (seed %d) in %.1f s%n", r.cases(), seeds.size(), seed.value(),
                (System.nanoTime() - t0) / 1e9);
        r.outcomes().forEach((k, v) -> out.printf("  %-40s %6d%n", k, v));
        out.printf("max ms per case: %.1f%n", r.maxMillis());
        out.printf("failures (not a typed DataException, or over 2 s): %d%n", r.failureCount());
        r.failures().stream().limit(20).forEach(f -> out.println("  " + f));
        out.flush();
        return r.failureCount() == 0 ? 0 : 3;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void quietReaderLogs() {
        if (org.slf4j.LoggerFactory.getLogger("io.pxrcad.dicom") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /** {@code <repo root>/testdata}, the repo root found from the jar, else the working directory's {@code testdata}. */
    static Path defaultTestdata() {
        try {
            Path jar = Path.of(DecodeBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                Path candidate = p.resolve("testdata");
                if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(candidate)) return candidate;
            }
        } catch (Exception ignored) {
            // fall through to the working directory
        }
        return Path.of("testdata");
    }
}
