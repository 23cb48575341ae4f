package io.pxrcad.cli;

import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.data.ImageFiles;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.DetectionJson;
import io.pxrcad.infer.ImageInput;
import io.pxrcad.infer.ImageOutcome;
import io.pxrcad.infer.IsolatedScoring;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.pacs.Algorithm;
import io.pxrcad.pacs.DicomResults;
import io.pxrcad.pacs.SourceImage;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.Png;
import io.pxrcad.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad predict}: the chained two-stage pass over images and folders, one JSON object
 * per image on stdout, in input order ({@link DetectionJson}; {@code docs/detection.schema.json}),
 * or {@code image, error} for an image that failed; the others go on, and the exit code is 1 at
 * the end if any failed.
 */
@Command(name = "predict", description = "Run a trained model on images or folders; one JSON line per image.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model).")
    Path model;

    @CommandLine.Option(names = "--heatmaps", paramLabel = "DIR", description = {"Write a heatmap overlay PNG per image here (NAME.heatmap.png).",
            "Earlier *.heatmap.png files in it are removed first; other files are left alone."})
    Path heatmaps;

    @CommandLine.Option(names = "--dicom-out", paramLabel = "DIR", description = {
            "Write the results as DICOM here: NAME.sr.dcm (a TID 1500 structured report) and, for an image in the",
            "model's scope, NAME.sc.dcm (a secondary capture with the heatmap burned in), in the source's study.",
            "Earlier *.sr.dcm and *.sc.dcm files in it are removed first; other files are left alone."})
    Path dicomOut;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @CommandLine.Mixin
    BatchSizeOption batchSizeOption;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Images (DICOM, PNG, JPEG, TIFF) or folders, searched recursively.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        int batchSize = batchSizeOption.checked();
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        if (heatmaps != null) {
            io.pxrcad.OutputFolder.check(heatmaps, "--heatmaps");
            // heatmaps of an earlier prediction there would pass for this one's
            io.pxrcad.OutputFolder.removeOwn(heatmaps, n -> n.endsWith(".heatmap.png"));
        }
        if (dicomOut != null) {
            io.pxrcad.OutputFolder.check(dicomOut, "--dicom-out");
            io.pxrcad.OutputFolder.removeOwn(dicomOut, n -> n.endsWith(DicomResults.SR_SUFFIX) || n.endsWith(DicomResults.SC_SUFFIX));
        }
        List<Path> files = ImageFiles.expand(inputs);
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        try (FractureDetector detector = FractureDetector.load(model, device, engine);
             ProgressListener.Task progress = ConsoleProgress.logged().started("predict", files.size(), true)) {
            Algorithm algorithm = Algorithm.of(detector.artifact());
            for (int from = 0; from < files.size(); from += batchSize) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + batchSize));
                List<ImageOutcome> outcomes = IsolatedScoring.score(detector, batch.stream().map(ImageInput::of).toList());
                // one line per image, in input order, written as soon as its batch is done
                for (int k = 0; k < batch.size(); k++) {
                    ImageOutcome o = outcomes.get(k);
                    out.println(DetectionJson.line(DetectionJson.of(o)));
                    if (o.failed()) {
                        failed++;
                        progress.advanced("failed");
                    } else {
                        if (heatmaps != null) writeHeatmap(batch.get(k), o.image(), o.detection());
                        if (dicomOut != null && !writeDicom(batch.get(k), o, algorithm)) failed++;
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

    private void writeHeatmap(Path file, Radiograph image, Detection d) throws IOException {
        AtomicFiles.writeBytes(heatmaps.resolve(heatmapName(file)),
                Png.encode(HeatmapOverlay.render(image, d.map(), d.roi(), HeatmapOverlay.caption(d), 1024)));
    }

    /** Writes the image's SR and secondary capture; false (and a line on stderr) when it cannot, so the others go on. */
    private boolean writeDicom(Path file, ImageOutcome o, Algorithm algorithm) {
        try {
            DicomResults.write(o.detection(), SourceImage.of(file, o.image()), algorithm).writeTo(dicomOut, outputName(file));
            return true;
        } catch (DataException | IOException e) {
            spec.commandLine().getErr().println("pxrcad: no DICOM results for " + file + ": " + e.getMessage());
            return false;
        }
    }

    static String heatmapName(Path file) { return outputName(file) + ".heatmap.png"; }

    /** A file name from the input path that stays unique for inputs from different folders. */
    static String outputName(Path file) {
        String s = file.normalize().toString().replace('\\', '/');
        while (s.startsWith("../") || s.startsWith("./") || s.startsWith("/")) {
            s = s.substring(s.indexOf('/') + 1);
        }
        return s.replace('/', '_');
    }
}
