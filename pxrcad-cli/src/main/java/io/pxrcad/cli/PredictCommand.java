package io.pxrcad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.Png;
import io.pxrcad.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pxrcad predict}: the chained two-stage pass over images and folders, one JSON object
 * per image on stdout, in input order ({@code image, probability, stage1, stage2, band, type,
 * typeProbability, roi, inScope, scopeReasons, featureDistance}), or {@code image, error} for an
 * image that failed; the others go on, and the exit code is 1 at the end if any failed.
 */
@Command(name = "predict", description = "Run a trained model on images or folders; one JSON line per image.")
final class PredictCommand implements Callable<Integer> {
    private static final Set<String> SKIP = Set.of("csv", "json", "jsonl", "md", "txt", "yaml", "yml", "html", "svg",
            "safetensors", "xml", "log");
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model).")
    Path model;

    @CommandLine.Option(names = "--heatmaps", paramLabel = "DIR", description = {"Write a heatmap overlay PNG per image here (NAME.heatmap.png).",
            "Earlier *.heatmap.png files in it are removed first; other files are left alone."})
    Path heatmaps;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Option(names = "--batch-size", defaultValue = "4", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Images (DICOM, PNG, JPEG, TIFF) or folders, searched recursively.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        Options.between("--batch-size", batchSize, 1, io.pxrcad.train.TrainConfig.MAX_BATCH_SIZE);
        String device = deviceOption.checked();
        if (heatmaps != null) {
            io.pxrcad.OutputFolder.check(heatmaps, "--heatmaps");
            // heatmaps of an earlier prediction there would pass for this one's
            io.pxrcad.OutputFolder.removeOwn(heatmaps, n -> n.endsWith(".heatmap.png"));
        }
        List<Path> files = expand(inputs);
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        try (FractureDetector detector = FractureDetector.load(model, device);
             ProgressListener.Task progress = ConsoleProgress.logged().started("predict", files.size(), true)) {
            for (int from = 0; from < files.size(); from += batchSize) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + batchSize));
                // one line per image, in input order, written as soon as its batch is done
                for (Outcome o : score(detector, batch)) {
                    if (o.detection() == null) {
                        failed++;
                        out.println(JSON.writeValueAsString(JSON.createObjectNode()
                                .put("image", o.file().toString()).put("error", o.error())));
                        progress.advanced("failed");
                    } else {
                        out.println(JSON.writeValueAsString(json(o.file(), o.detection())));
                        if (heatmaps != null) writeHeatmap(o.file(), o.image(), o.detection());
                        progress.advanced(o.detection().band().label());
                    }
                }
                out.flush();
            }
        }
        if (failed > 0) {
            spec.commandLine().getErr().println("pxrcad: " + failed + " of " + files.size() + " images failed");
            return Main.EXIT_DATA;
        }
        return 0;
    }

    /** An image's result: a detection, or the reason it has none. */
    record Outcome(Path file, Radiograph image, Detection detection, String error) {}

    /**
     * Reads and scores a batch. Whatever goes wrong with one image (unreadable, too large, out of
     * memory while decoding or scoring it) becomes that image's error, never the others'.
     */
    static List<Outcome> score(FractureDetector detector, List<Path> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> readable = new ArrayList<>();
        List<Radiograph> images = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            Path f = batch.get(k);
            try {
                images.add(ImageReaders.read(f));
                readable.add(k);
            } catch (DataException | UncheckedIOException e) {
                outcomes[k] = new Outcome(f, null, null, message(e));
            } catch (OutOfMemoryError e) {
                outcomes[k] = new Outcome(f, null, null, "not enough memory to decode " + f
                        + " (raise the Java heap with PXRCAD_JAVA_OPTS=-Xmx...)");
            } catch (RuntimeException e) {
                outcomes[k] = new Outcome(f, null, null, "cannot read " + f + ": " + message(e));
            }
        }
        List<Detection> ds = null;
        Throwable batchFailure = null;
        if (!images.isEmpty()) {
            try {
                ds = detector.detect(images);
            } catch (RuntimeException | OutOfMemoryError e) {
                batchFailure = e; // then each image alone, so that only the one at fault fails
            }
        }
        for (int j = 0; j < readable.size(); j++) {
            int k = readable.get(j);
            Path f = batch.get(k);
            Radiograph r = images.get(j);
            try {
                if (ds == null && images.size() == 1) throw batchFailure;
                outcomes[k] = new Outcome(f, r, ds != null ? ds.get(j) : detector.detect(r), null);
            } catch (DataException e) {
                outcomes[k] = new Outcome(f, null, null, e.getMessage());
            } catch (OutOfMemoryError e) {
                outcomes[k] = new Outcome(f, null, null, "not enough memory to score " + f + " (" + r.width() + "x"
                        + r.height() + " pixels)");
            } catch (Throwable e) {
                outcomes[k] = new Outcome(f, null, null, "cannot score " + f + ": " + message(e));
            }
        }
        return List.of(outcomes);
    }

    static ObjectNode json(Path file, Detection d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("image", file.toString());
        o.put("probability", round(d.probability()));
        o.put("stage1", round(d.stage1()));
        o.put("stage2", round(d.stage2()));
        o.put("band", d.band().label());
        if (d.type() != null) {
            o.put("type", d.type().label());
            o.put("typeProbability", round(d.typeProbability()));
        } else {
            o.putNull("type");
            o.putNull("typeProbability");
        }
        ObjectNode roi = o.putObject("roi");
        roi.put("x0", Math.round(d.roi().x0()));
        roi.put("y0", Math.round(d.roi().y0()));
        roi.put("x1", Math.round(d.roi().x1()));
        roi.put("y1", Math.round(d.roi().y1()));
        o.put("inScope", d.inScope());
        ArrayNode reasons = o.putArray("scopeReasons");
        d.scopeReasons().forEach(reasons::add);
        // null: the model keeps no feature statistics (saved before them), scope came from the header only
        if (d.featureDistance() == null) o.putNull("featureDistance");
        else o.put("featureDistance", round(d.featureDistance()));
        return o;
    }

    private void writeHeatmap(Path file, Radiograph image, Detection d) throws IOException {
        String caption = String.format(Locale.ROOT, "p=%.2f %s%s", d.probability(), d.band().label(),
                d.type() != null && d.band() != io.pxrcad.infer.Band.NONE && d.band() != io.pxrcad.infer.Band.OUT_OF_SCOPE
                        ? " (" + d.type().label() + ")" : "");
        AtomicFiles.writeBytes(heatmaps.resolve(heatmapName(file)),
                Png.encode(HeatmapOverlay.render(image, d.map(), d.roi(), caption, 1024)));
    }

    /** A file name from the input path that stays unique for inputs from different folders. */
    static String heatmapName(Path file) {
        String s = file.normalize().toString().replace('\\', '/');
        while (s.startsWith("../") || s.startsWith("./") || s.startsWith("/")) {
            s = s.substring(s.indexOf('/') + 1);
        }
        return s.replace('/', '_') + ".heatmap.png";
    }

    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).filter(PredictCommand::looksLikeImage).sorted().forEach(files::add);
                }
            } else {
                files.add(in); // a missing file is reported in its own output line, like an unreadable one
            }
        }
        if (files.isEmpty()) throw new DataException("no images found in " + inputs);
        return files;
    }

    private static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) return false;
        int dot = name.lastIndexOf('.');
        return dot < 0 || !SKIP.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
