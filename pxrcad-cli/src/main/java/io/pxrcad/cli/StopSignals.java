package io.pxrcad.cli;

import sun.misc.Signal;

/**
 * A graceful stop on SIGTERM and SIGINT that finishes before the JVM's shutdown hooks run. A
 * shutdown hook cannot do it: hooks run concurrently in no set order, and ONNX Runtime's own hook
 * releases its native environment, so a server still answering accepted uploads in its hook had
 * its sessions destroyed under it and the process died without a word (seen in
 * ServeShutdownTest). Here the stop runs first, then the JVM exits as the signal would have ended
 * it ({@code 128 +} the signal's number: 143 for SIGTERM, 130 for SIGINT), running the hooks after.
 */
final class StopSignals {
    private StopSignals() {}

    /** Runs {@code stop} on SIGTERM or SIGINT, then exits with the signal's status. */
    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                try {
                    stop.run();
                } finally {
                    System.exit(128 + signal.getNumber());
                }
            });
        }
    }
}
