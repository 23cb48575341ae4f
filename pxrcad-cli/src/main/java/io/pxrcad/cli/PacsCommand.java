package io.pxrcad.cli;

import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.pacs.Algorithm;
import io.pxrcad.pacs.OrthancClient;
import io.pxrcad.pacs.OrthancFollower;
import io.pxrcad.report.HeatmapOverlay;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code pxrcad pacs}: follows an Orthanc server's change feed and stores an SR and a secondary
 * capture back for every new radiograph ({@link OrthancFollower}); a line per radiograph on stdout,
 * a line per skipped instance on stderr.
 */
@Command(name = "pacs", description = {"Follow an Orthanc server: score each new radiograph (DX, CR) of a stable study",
        "and store its SR and secondary capture back into the study."})
final class PacsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--orthanc", required = true, paramLabel = "URL", description = "Orthanc's REST API, e.g. http://localhost:8042.")
    URI orthanc;

    @CommandLine.Option(names = "--username", paramLabel = "U", description = "User for HTTP Basic authentication (with --password-file).")
    String username;

    @CommandLine.Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password (kept off the command line).")
    Path passwordFile;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model).")
    Path model;

    @CommandLine.Option(names = "--state", defaultValue = "pxrcad-pacs.json", paramLabel = "FILE",
            description = "Where the last handled change is kept, so that a restart continues (default: ${DEFAULT-VALUE}).")
    Path state;

    @CommandLine.Option(names = "--poll", defaultValue = "5", paramLabel = "SECONDS", description = "Seconds between looks at the feed (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @CommandLine.Option(names = "--once", description = "Handle the changes there are now, then exit.")
    boolean once;

    /** How long a signal waits for the study at hand before the process exits anyway. */
    private static final long STOP_WAIT_SECONDS = 120;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() throws Exception {
        if (pollSeconds < 1) throw new IllegalArgumentException("--poll must be >= 1 but was " + pollSeconds);
        if ((username == null) != (passwordFile == null)) {
            throw new IllegalArgumentException("--username and --password-file go together");
        }
        if (Files.isDirectory(state)) throw new IllegalArgumentException("--state " + state + " is a folder, expected a file");
        io.pxrcad.OutputFolder.check(state.toAbsolutePath().getParent(), "--state");
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        OrthancClient client = new OrthancClient(orthanc, username, password());
        PrintWriter out = spec.commandLine().getOut();
        // a wrong address or password is found before the model is loaded
        out.println("following Orthanc " + client.version() + " at " + client.base());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        OrthancFollower.Listener listener = new OrthancFollower.Listener() {
            @Override
            public void stored(String uid, Detection d, boolean sc) {
                out.println("stored " + uid + ": " + HeatmapOverlay.caption(d) + (sc ? ", SR and secondary capture" : ", SR only (out of scope)"));
                out.flush();
            }

            @Override
            public void alreadyDone(String uid) {}

            @Override
            public void skipped(String uid, String reason) {
                err.println("pxrcad: skipped instance " + uid + ": " + reason);
                err.flush();
            }
        };
        // a signal stops after the study at hand, and the process exits once the model is closed
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        StopSignals.install(() -> {
            stop.set(true);
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (FractureDetector detector = FractureDetector.load(model, device, engine)) {
            OrthancFollower follower = new OrthancFollower(client, detector::detect, Algorithm.of(detector.artifact()), state, listener);
            if (once) {
                OrthancFollower.Summary s = follower.drain(stop::get);
                out.println("handled changes up to " + s.lastChange() + ": " + s.studies() + " stable studies, " + s.stored()
                        + " radiographs stored, " + s.alreadyDone() + " already done, " + s.skipped() + " skipped");
            } else {
                follower.follow(Duration.ofSeconds(pollSeconds), stop::get);
            }
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private String password() throws IOException {
        if (passwordFile == null) return null;
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("").strip();
        if (line.isEmpty()) throw new IllegalArgumentException("--password-file " + passwordFile + " is empty");
        return line;
    }
}
