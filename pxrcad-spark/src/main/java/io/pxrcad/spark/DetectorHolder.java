package io.pxrcad.spark;

import io.pxrcad.infer.FractureDetector;
import io.pxrcad.onnx.Engines;
import io.pxrcad.onnx.Precision;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FractureDetector} per executor JVM, model folder, model version, device, engine and
 * precision, loaded by the first task that needs it and shared by all tasks after it (a detector
 * is thread-safe). Loading per task would read and verify the weights again for every partition.
 * The version is part of the key so that a JVM that outlives a job (local mode inside an
 * application) does not score with the old model after the folder was replaced (the old one then
 * stays loaded until the JVM exits). Detectors are left to the end of the process: closing them in
 * a shutdown hook would race the engines' own hooks (ONNX Runtime releases its environment in
 * one), which run concurrently in no set order.
 */
final class DetectorHolder {
    private static final Map<String, FractureDetector> DETECTORS = new ConcurrentHashMap<>();

    private DetectorHolder() {}

    /**
     * @param engine       {@code auto}, {@code djl} or {@code onnx} ({@link Engines#named})
     * @param precision    {@code fp32} or {@code int8} ({@link Precision})
     * @param torchThreads intra-op threads for this JVM (PyTorch's, or ONNX Runtime's), applied
     *                     only if nobody set {@code ai.djl.pytorch.num_threads} (or
     *                     {@code pxrcad.onnx.threads}) and the engine has not started yet
     */
    static FractureDetector get(String modelDir, ModelIdentity model, String device, String engine, String precision,
                                int torchThreads) {
        return DETECTORS.computeIfAbsent(modelDir + "\n" + model.version() + "\n" + device + "\n" + engine + "\n" + precision, k -> {
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            if (System.getProperty("pxrcad.onnx.threads") == null) {
                System.setProperty("pxrcad.onnx.threads", Integer.toString(torchThreads));
            }
            FractureDetector d = FractureDetector.load(Path.of(modelDir), device, Engines.named(engine, device,
                    Precision.parse(precision)));
            return d;
        });
    }
}
