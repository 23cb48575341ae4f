package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.data.Csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.Bootstrap;
import io.pxrcad.eval.FractureAnswer;
import io.pxrcad.eval.Read;
import io.pxrcad.eval.ReaderStudy;
import io.pxrcad.eval.ReaderStudyResult;
import io.pxrcad.eval.ReadsCsv;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.report.HtmlReport;
import io.pxrcad.report.MetricsTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad reader-study}: the paper's Table 2 (METHOD.md "Evaluation"). The system answers
 * {@code none} below the model's operating threshold ({@code suspicious} in model.json: 95%
 * recall on validation data), else its fracture type; readers' answers come from a reads CSV.
 * The study images are the images the readers answered; their truth comes from the manifest.
 */
@Command(name = "reader-study", mixinStandardHelpOptions = true,
        description = {"The system vs readers on three-class answers (hip, pelvic, none), the paper's Table 2:",
                "OUT/reader-study.json, OUT/answers.csv, OUT/report.html."})
final class ReaderStudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Two-stage model folder (RUN/model).")
    Path model;

    @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "The truth of the study images.")
    Path manifest;

    @Option(names = "--reads", required = true, paramLabel = "READS.csv", description = "reader,specialty,image,answer")
    Path reads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder: answers.csv, reader-study.json, report.html.")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @CommandLine.Mixin
    SeedOption seed = SeedOption.defaultingTo(20190101);

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @Override
    public Integer call() throws Exception {
        String device = deviceOption.checked();
        Bootstrap bootstrap = new Bootstrap(resamples, seed.value(), 0.95);
        Manifest m = Manifest.load(manifest);
        List<Read> readList = ReadsCsv.read(reads);
        Map<String, ManifestEntry> byImage = new LinkedHashMap<>();
        for (ManifestEntry e : m.entries()) byImage.put(e.image(), e);
        Set<String> images = new LinkedHashSet<>();
        for (Read r : readList) images.add(r.image());
        List<ManifestEntry> study = new ArrayList<>();
        Map<String, FractureAnswer> truth = new LinkedHashMap<>();
        for (String image : images) {
            ManifestEntry e = byImage.get(image);
            if (e == null) throw new DataException(reads + ": image " + image + " is not in " + manifest);
            if (e.positive() && e.type().isEmpty()) {
                throw new DataException(manifest + ": image " + image + " is positive without a type; the reader "
                        + "study needs hip or pelvic for every fracture");
            }
            study.add(e);
            truth.put(image, e.positive() ? FractureAnswer.of(e.type().get()) : FractureAnswer.NONE);
        }
        Map<String, FractureAnswer> system = new LinkedHashMap<>();
        double threshold;
        try (FractureDetector detector = FractureDetector.load(model, device)) {
            Double t = detector.artifact().metadata().info().thresholds().suspicious();
            if (t == null) {
                throw new DataException(model + ": the model has no operating threshold (thresholds.suspicious in model.json)");
            }
            threshold = t;
            List<DetectionScoring.Scored> scored = DetectionScoring.run(detector, m, study);
            for (DetectionScoring.Scored s : scored) {
                Detection d = s.detection();
                system.put(s.entry().image(), d.probability() < threshold || d.type() == null ? FractureAnswer.NONE
                        : FractureAnswer.of(d.type()));
            }
        }
        ReaderStudyResult result = ReaderStudy.analyse(truth, system, readList, bootstrap);
        Map<String, List<String>> unanswered = ReaderStudy.unanswered(truth.keySet(), readList);
        unanswered.forEach((reader, missed) -> spec.commandLine().getErr().println("pxrcad: warning: reader " + reader
                + " did not answer " + missed.size() + " of " + truth.size() + " study images (e.g. "
                + String.join(", ", missed.subList(0, Math.min(3, missed.size())))
                + "); their accuracy is over the images they read"));
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("image,truth,system\n");
        truth.forEach((image, t) -> csv.append(Csv.quote(image)).append(',').append(t.label()).append(',')
                .append(system.get(image).label()).append('\n'));
        AtomicFiles.writeString(out.resolve("answers.csv"), csv.toString());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.toString());
        root.put("manifest", manifest.toString());
        root.put("reads", reads.toString());
        root.put("images", truth.size());
        root.put("operating_threshold", threshold);
        root.setAll((ObjectNode) mapper.valueToTree(result));
        root.set("unanswered", mapper.valueToTree(unanswered));
        AtomicFiles.writeString(out.resolve("reader-study.json"), mapper.writeValueAsString(root) + "\n");
        long readers = readList.stream().map(Read::reader).distinct().count();
        HtmlReport.titled("Reader study")
                .subtitle(truth.size() + " images, " + readers + " readers; three-class answers hip / pelvic / none")
                .meta("Model", model.toString()).meta("Manifest SHA-256", m.sha256()).meta("Reads", reads.toString())
                .meta("Operating threshold", String.format(Locale.ROOT, "%.4f (95%% recall on validation)", threshold))
                .section("System vs readers (the paper's Table 2)")
                .table(MetricsTables.readerStudy("System and readers on the same images (paper Table 2).", result))
                .write(out.resolve("report.html"));
        PrintWriter o = spec.commandLine().getOut();
        var sys = result.rows().get(0);
        var avg = result.rows().get(result.rows().size() - 1);
        o.printf(Locale.ROOT, "%d images, %d readers: system accuracy %.3f, reader average %.3f (difference %.3f, p %.3f)%n",
                truth.size(), readers, sys.accuracy().estimate(), avg.accuracy().estimate(),
                result.systemVsReaders().difference(), result.systemVsReaders().pValue());
        o.printf("wrote %s, %s, %s%n", out.resolve("reader-study.json"), out.resolve("answers.csv"), out.resolve("report.html"));
        o.flush();
        return 0;
    }
}
