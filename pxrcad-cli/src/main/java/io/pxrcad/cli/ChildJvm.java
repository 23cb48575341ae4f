package io.pxrcad.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code pxrcad} in a fresh JVM for one benchmark row and returns its {@code RESULT} line,
 * so that the peak RSS of one row (VmHWM: JVM, native engine, weights, activations) does not mix
 * with another's.
 */
final class ChildJvm {
    /** Properties passed on to the child when set here (threads, memory scopes). */
    private static final List<String> PASSED = List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads",
            "pxrcad.model.scopes", "pxrcad.onnx.threads");

    private ChildJvm() {}

    /**
     * @param heap  the child's {@code -Xmx}, e.g. {@code 1g}
     * @param args  pxrcad's arguments
     * @param what  names the row in messages
     * @return the last line that starts with {@code RESULT }, without that prefix
     */
    static String result(String heap, List<String> args, String what) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + heap);
        cmd.add("-Dai.djl.offline=true");
        for (String p : PASSED) {
            String v = System.getProperty(p);
            if (v != null) cmd.add("-D" + p + "=" + v);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        try {
            // stderr joins stdout so that the child's own error line can be shown
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String result = null, error = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith("RESULT ")) result = l.substring("RESULT ".length());
                    else if (l.startsWith("pxrcad: ")) error = l.substring("pxrcad: ".length());
                }
            }
            int code = p.waitFor();
            if (code != 0 || result == null) {
                throw new IllegalStateException("benchmark child for " + what + " exited " + code + " without a result ("
                        + (error != null ? error : "out of memory?") + ")");
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the benchmark child JVM: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
