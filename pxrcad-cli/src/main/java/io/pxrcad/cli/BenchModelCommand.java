package io.pxrcad.cli;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.model.ForwardTiming;
import io.pxrcad.model.TorchEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code pxrcad bench model}: inference time (median of several forward passes, batch 1) and peak
 * resident memory of the stage-1 network (DenseNet-121 MIL FCN) and the stage-2 network (ResNet-18
 * ROI classifier) at several input sizes. Each network/size runs in a fresh child JVM, so that the
 * peak RSS ({@code VmHWM} of {@code /proc/self/status}, the whole process: JVM + libtorch + arrays)
 * of one does not mix with another. Seeded random weights and input; the checksum of the output map
 * / probability makes "faster" also mean "same result".
 */
@Command(name = "model", description = "Forward time and peak RSS of the stage-1/2 networks (one child JVM each).")
final class BenchModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "224,512,961", description = "Square input sizes (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--networks", split = ",", defaultValue = "densenet121,resnet18",
            description = "Backbones: densenet121 = stage 1 MIL FCN, resnet18 = stage 2 ROI classifier; tiny-* for a smoke test.")
    String[] networks;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed forward passes per size after one warm-up (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--device", defaultValue = "cpu", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--child", hidden = true, description = "Internal: run one NETWORK:SIZE in this JVM and print a RESULT line.")
    String child;

    @Override
    public void run() {
        if (repeats <= 0) throw new IllegalArgumentException("--repeats must be > 0 but was " + repeats);
        if (child == null) {
            Options.device(device);
            for (int s : sizes) Options.between("--sizes", s, io.pxrcad.train.TrainConfig.MIN_IMAGE_SIZE, io.pxrcad.train.TrainConfig.MAX_IMAGE_SIZE);
            for (String n : networks) Architecture.fromId(n); // an unknown name fails before the first row
        }
        PrintWriter out = spec.commandLine().getOut();
        if (child != null) {
            String[] p = child.split(":");
            out.println(measure(Architecture.fromId(p[0]), Integer.parseInt(p[1])));
            out.flush();
            return;
        }
        out.println("environment: " + TorchEngine.describe(device) + ", Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", torch threads " + System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.println("method: batch 1, float32, eval mode, 1 warm-up + " + repeats
                + " timed passes; per-stage memory scopes " + (Boolean.parseBoolean(System.getProperty("pxrcad.model.scopes", "true")) ? "on" : "off")
                + "; peak RSS = VmHWM of a fresh child JVM per row (JVM + libtorch + weights + activations)");
        out.printf(Locale.ROOT, "%-13s %-5s %10s %10s %12s %12s  %s%n", "network", "size", "median ms", "min ms", "peak RSS MB", "init HWM MB", "checksum (feature map)");
        out.flush();
        for (String n : networks) {
            Architecture a = Architecture.fromId(n);
            for (int s : sizes) {
                String line = runChild(a, s);
                String[] f = line.split(" ");
                out.printf(Locale.ROOT, "%-13s %-5d %10s %10s %12s %12s  %s%n", a.id(), s, f[1], f[2], f[3], f[5], f[4]);
                out.flush();
            }
        }
    }

    /** Runs in the child: {@code RESULT median_ms min_ms peak_rss_mb checksum rss_after_init_mb}. */
    private String measure(Architecture a, int size) {
        ForwardTiming.Result r = ForwardTiming.measure(a, size, repeats, device, ProcessMemory::peakRssMb);
        return String.format(Locale.ROOT, "RESULT %.1f %.1f %.0f %s %.0f", Median.of(r.ms()),
                Arrays.stream(r.ms()).min().orElseThrow(), ProcessMemory.peakRssMb(), r.checksum(), r.memoryAfterInit());
    }

    private String runChild(Architecture a, int size) {
        return "RESULT " + ChildJvm.result("1g", List.of("bench", "model", "--child", a.id() + ":" + size, "--repeats",
                Integer.toString(repeats), "--device", device), a.id() + " at " + size);
    }
}
