package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;

/**
 * The one place that turns a user's device choice ({@code auto}, {@code cpu}, {@code gpu0},
 * {@code gpu1}, ...) into a DJL {@link Device}. {@code auto} picks the first GPU when the
 * PyTorch engine sees one, else the CPU.
 */
public final class Devices {
    private Devices() {}

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
                throw new IllegalArgumentException("device " + s + " requested but the PyTorch engine sees "
                        + count + " GPU(s)");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("expected device auto, cpu or gpuN but was '" + spec + "'");
    }

    /** The PyTorch engine; loading it extracts the native library from the class path on first use. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** e.g. {@code DJL 0.36.0, PyTorch 2.7.1, device cpu()}. */
    public static String describe(String spec) {
        Engine e = engine();
        return "DJL " + Engine.getDjlVersion() + ", PyTorch " + e.getVersion() + ", device " + resolve(spec);
    }
}
