package io.pxrcad.model;

import ai.djl.engine.Engine;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.RunInfo;

/** The engine half of a run's provenance: {@link RunInfo} with the DJL and PyTorch versions and the device. */
public final class Provenance {
    private Provenance() {}

    /** The run's provenance now, for a device spec ({@code auto}, {@code cpu}, {@code gpu0}). */
    public static RunInfo capture(String command, Object configuration, Manifest manifest, long seed, String deviceSpec) {
        String pytorch, device;
        try {
            pytorch = TorchEngine.engine().getVersion();
            device = TorchEngine.resolve(deviceSpec).toString();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            pytorch = "unavailable";
            device = deviceSpec == null ? "auto" : deviceSpec;
        }
        return RunInfo.of(command, configuration, manifest, seed, Engine.getDjlVersion(), pytorch, device);
    }
}
