package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.onnx.OnnxExport;
import io.pxrcad.onnx.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad export}: writes each network of a model as a standard ONNX model
 * ({@code OUT/stage1.onnx}, {@code OUT/stage2.onnx}; {@link OnnxExport}), and with
 * {@code --precision int8} the int8 (QDQ) networks calibrated on phantoms
 * ({@code OUT/stage1.int8.onnx}). A rerun into the same folder replaces its {@code *.onnx} files
 * only.
 */
@Command(name = "export", description = "Export a model's networks to another format (ONNX, opset 17).")
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model).")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", description = "Output format: onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--precision", split = ",", defaultValue = "fp32",
            description = "fp32 (NETWORK.onnx) and/or int8 (NETWORK.int8.onnx: QDQ, calibrated on generated phantoms), comma-separated (default: ${DEFAULT-VALUE}).")
    String[] precisions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for NETWORK.onnx files (earlier *.onnx files in it are replaced).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.trim().equalsIgnoreCase("onnx")) {
            throw new IllegalArgumentException("--format: expected onnx but was '" + format + "'");
        }
        List<Precision> ps = new ArrayList<>();
        for (String p : precisions) ps.add(EngineOption.precision(p));
        OutputFolder.check(out, "--out");
        ModelArtifact artifact = ModelArtifact.load(model);
        OutputFolder.prepare(out, "--out");
        OutputFolder.removeOwn(out, n -> n.endsWith(OnnxExport.SUFFIX));
        PrintWriter w = spec.commandLine().getOut();
        for (Precision p : ps.stream().distinct().toList()) {
            for (Path f : OnnxExport.write(artifact, out, p)) {
                w.printf(Locale.ROOT, "%s (%.1f MB, ONNX opset %d, model %s version %s, %s)%n", f, Files.size(f) / 1e6,
                        OnnxExport.OPSET, artifact.metadata().info().method(), artifact.version(), p.id());
            }
        }
        w.flush();
        return 0;
    }
}
