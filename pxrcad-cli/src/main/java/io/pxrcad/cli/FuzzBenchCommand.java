package io.pxrcad.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.pxrcad.fuzz.ImageFuzzer;
import io.pxrcad.image.ImageLimits;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code pxrcad bench fuzz}: N seeded mutation cases of small real PNG, JPEG, TIFF and DICOM
 * files ({@link ImageFuzzer}), dealt to the formats in turn. Prints the environment, the
 * outcomes per format, the totals of decoded / typed errors / UNTYPED failures, the time and a
 * checksum of the outcomes (the same seed must give the same checksum). Exits 3 on any untyped
 * failure or case over the time limit.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the PNG/JPEG/TIFF/DICOM decoders with seeded mutations of real files; exit 3 on an untyped failure.")
final class FuzzBenchCommand implements Callable<Integer> {
    @Option(names = "--cases", defaultValue = "10000", description = "Number of cases (default ${DEFAULT-VALUE}).")
    int cases;

    @CommandLine.Mixin
    SeedOption seed;

    @Option(names = "--formats", defaultValue = "png,jpeg,tiff,dicom", split = ",",
            description = "Formats to fuzz, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--timeout-ms", defaultValue = "2000", description = "Time limit per case (default ${DEFAULT-VALUE} ms).")
    long timeoutMillis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cases < 1) throw new IllegalArgumentException("--cases must be >= 1 but was " + cases);
        if (timeoutMillis < 1) throw new IllegalArgumentException("--timeout-ms must be >= 1 but was " + timeoutMillis);
        Set<ImageFuzzer.Format> chosen = parse(formats);
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.printf("environment: Java %s (%s), %s %s, %d cores, max heap %d MiB, size limit %s pixels%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20, ImageLimits.maxPixels());
        ImageFuzzer.Report r = quietly(() -> ImageFuzzer.run(chosen, seed.value(), cases, timeoutMillis));
        out.printf("fuzz: %d cases (seed %d, %d ms limit per case) in %.1f s%n", r.cases(), seed.value(), timeoutMillis, r.seconds());
        for (Map.Entry<ImageFuzzer.Format, Map<String, Integer>> e : r.outcomes().entrySet()) {
            out.printf("  %-6s %6d cases%n", e.getKey(), r.cases(e.getKey()));
            e.getValue().forEach((k, v) -> out.printf("         %-36s %6d%n", k, v));
        }
        out.printf("decoded: %d   typed errors: %d   UNTYPED failures: %d%n", r.decoded(), r.typed(), r.untyped());
        out.printf("max ms per case: %.1f (%s)%n", r.maxMillis(), r.slowest());
        out.printf("checksum of outcomes: %s%n", r.checksum());
        r.failures().stream().limit(20).forEach(f -> out.println("  " + f));
        out.flush();
        return r.untyped() == 0 ? 0 : Main.EXIT_INTERNAL;
    }

    private static Set<ImageFuzzer.Format> parse(List<String> names) {
        Set<ImageFuzzer.Format> out = EnumSet.noneOf(ImageFuzzer.Format.class);
        for (String n : names) {
            String key = n.strip().toUpperCase(Locale.ROOT);
            if (key.equals("JPG")) key = "JPEG";
            if (key.equals("TIF")) key = "TIFF";
            try {
                out.add(ImageFuzzer.Format.valueOf(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--formats: expected png, jpeg, tiff or dicom but was '" + n.strip() + "'");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--formats must name at least one format");
        return out;
    }

    /** Runs with pxrcad's logs at ERROR (thousands of expected reader warnings otherwise), then restores them. */
    private static <T> T quietly(Supplier<T> job) {
        if (!(LoggerFactory.getLogger("io.pxrcad") instanceof Logger l)) return job.get();
        Level level = l.getLevel();
        l.setLevel(Level.ERROR);
        try {
            return job.get();
        } finally {
            l.setLevel(level);
        }
    }
}
