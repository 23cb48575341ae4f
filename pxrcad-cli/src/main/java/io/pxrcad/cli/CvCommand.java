package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.cv.CrossValidation;
import io.pxrcad.cv.CvLayout;
import io.pxrcad.cv.CvMethod;
import io.pxrcad.data.Manifest;
import io.pxrcad.eval.Table1;
import io.pxrcad.report.Table1Report;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad cv}: k-fold cross-validation of the six methods of Table 1 on the same folds
 * (METHOD.md "Evaluation"). Resumable: a fold and method whose scores file exists is skipped,
 * and an interrupted training continues from its last checkpoint.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"K-fold cross-validation of the six methods of the paper's Table 1 on the same folds:",
                "OUT/fold-K/METHOD/scores.csv, OUT/table1.md, OUT/table1.json, OUT/report.html (Figure 3).",
                "Run it again with the same options to continue an interrupted run."})
final class CvCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest CSV: image,patient,label,type,boxes[,split] (see README).")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = {"Output folder. A folder holding a",
            "cross-validation with other settings (cv.json) is refused; with the same settings it is continued."})
    Path out;

    @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--methods", defaultValue = "all",
            description = "all, or a list of resnet18-gap,resnet18-lse,chexnet,wang,single-stage,two-stage (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--preset", defaultValue = "small", description = "tiny, small or paper (default: ${DEFAULT-VALUE}).")
    String preset;

    @CommandLine.Mixin
    SeedOption seed = SeedOption.presetsByDefault();

    @Option(names = "--epochs", description = "Epochs per stage (default: the preset's).")
    Integer epochs;

    @CommandLine.Mixin
    WorkersOption workers;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @Override
    public Integer call() throws Exception {
        Preset p = Preset.parse(preset);
        TrainConfig cfg = seed.apply(workers.apply(Options.apply(p.config(), epochs, null, null)));
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        String device = deviceOption.checked();
        OutputFolder.requireNotFile(out, "--out");
        CvLayout layout = new CvLayout(out, folds, CvMethod.parse(methods));
        Manifest m = Manifest.load(manifest);
        CrossValidation cv = CrossValidation.of(m, layout, p, cfg, device);
        cv.claimOutput();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        cv.run(job -> {
            err.printf("cv: fold %d/%d, %s%n", job.fold(), folds, job.training());
            err.flush();
        }, ConsoleProgress.logged());
        Table1 table = cv.table1();
        Table1Report.write(table, out, cv.settings(), manifest.getFileName().toString(), m.sha256());
        PrintWriter o = spec.commandLine().getOut();
        o.print(Table1Report.markdown(table));
        o.printf("wrote %s, %s and %s (%.0f s)%n", out.resolve(Table1Report.MARKDOWN), out.resolve(Table1Report.JSON),
                out.resolve(Table1Report.HTML), (System.nanoTime() - start) / 1e9);
        o.flush();
        return 0;
    }
}
