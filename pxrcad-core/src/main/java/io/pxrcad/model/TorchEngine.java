package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that names the deep-learning engine (DJL's PyTorch engine) and turns a user's
 * device choice ({@code auto}, {@code cpu}, {@code gpu0}, {@code gpu1}, ...) into a DJL
 * {@link Device}. {@code auto} picks the first GPU when the engine sees one, else the CPU.
 */
public final class TorchEngine {
    /** DJL's name of the engine every network of pxrcad runs on. */
    public static final String NAME = "PyTorch";

    private TorchEngine() {}

    public static Device resolve(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return engine().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.matches("gpu\\d+")) {
            int id = Integer.parseInt(s.substring(3));
            int count = engine().getGpuCount();
            if (id >= count) {
                throw new IllegalArgumentException("device " + s + " requested but the " + NAME + " engine sees "
                        + count + " GPU(s)");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("expected device auto, cpu or gpuN but was '" + spec + "'");
    }

    /** The engine; loading it extracts the native library from the class path on first use. */
    public static Engine engine() {
        return Engine.getEngine(NAME);
    }

    /** A root manager on {@code device}; the caller closes it. */
    public static NDManager newManager(Device device) {
        return NDManager.newBaseManager(device, NAME);
    }

    /**
     * Runs {@code work} with libtorch's gradient recording off on this thread, then restores it.
     * libtorch keeps that mode per thread and DJL turns it off only on the thread that starts the
     * engine, so another thread (a Spark task, a server worker) starts with it on: copying weights
     * in place would then fail ("a leaf Variable that requires grad is being used in an in-place
     * operation") and inference would record a graph for nothing.
     */
    public static <T> T withoutGradients(java.util.function.Supplier<T> work) {
        engine();
        boolean before = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(before);
        }
    }

    /** Seeds the engine's own generator (parameter initialisation, dropout). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }

    /** The versions a saved model records: {@code djl} and {@code pytorch}. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", engine().getVersion());
        return v;
    }

    /** e.g. {@code DJL 0.36.0, PyTorch 2.7.1, device cpu()}. */
    public static String describe(String spec) {
        Engine e = engine();
        return "DJL " + Engine.getDjlVersion() + ", " + NAME + " " + e.getVersion() + ", device " + resolve(spec);
    }
}
